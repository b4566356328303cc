# A fleet: 50 ZVMs connected in one call and read together. 46 simulated ZVMs share one process
# (a listener each), one more refuses the password, and three ports have nothing listening.
BeforeAll {
    . $PSScriptRoot/common.ps1
    $fleet = @(Start-ZvmSimulator -Count 46)
    $locked = Start-ZvmSimulator -Password 'An0ther-Pa55word!'
    $credential = $fleet[0].Credential
    $down = 1..3 | ForEach-Object {
        $listener = [System.Net.Sockets.TcpListener]::new([ipaddress]::Loopback, 0)
        $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
        "http://127.0.0.1:$port"
    }
    # The failing ones among the others, not at the end.
    $servers = @($fleet[0..9].Url) + $down[0] + $locked.Url + @($fleet[10..29].Url) + $down[1] + @($fleet[30..45].Url) + $down[2]
    $taskCount = @(Get-RecordedTask 'windows-tasks.json').Count

    function Set-ThinkTime([int] $Ms, [string] $Path = '/v1/tasks') {
        foreach ($simulator in $fleet) { Invoke-ZvmSimulatorControl $simulator 'delay' -Method POST -Body @{ ms = $Ms; path = $Path } | Out-Null }
    }

    # Runs a script in a runspace of its own, with the sessions as its argument, and returns its output and progress.
    function Invoke-Captured([scriptblock] $Script) {
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$ModuleManifest'").AddStatement().AddScript($Script).AddArgument(@(Get-ZvmSession))
            $output = $ps.Invoke()
            [pscustomobject]@{ Output = $output; Errors = @($ps.Streams.Error); Progress = @($ps.Streams.Progress) }
        }
        finally { $ps.Dispose() }
    }

    function Get-TaskListRequest($Simulators) {
        foreach ($simulator in $Simulators) {
            Get-SimulatorRequest $simulator '/v1/tasks' | Where-Object path -eq '/v1/tasks' |
                Add-Member -NotePropertyName Zvm -NotePropertyValue $simulator.Url -PassThru
        }
    }

    # The most requests that were being served at the same moment (one clock for the whole fleet).
    # The server notes an answer's end a moment after its last byte left, when the client may
    # already have sent its next request: ends count 5 ms early.
    function Get-MostAtOnce($Requests) {
        $events = foreach ($request in $Requests) {
            [pscustomobject]@{ At = $request.startedMs; Change = 1 }
            [pscustomobject]@{ At = $request.endedMs - 5; Change = -1 }
        }
        $running = 0; $most = 0
        foreach ($event in $events | Sort-Object At, Change) {
            $running += $event.Change
            $most = [math]::Max($most, $running)
        }
        $most
    }

    # The most ZVMs that had a request being served at the same moment (requests with a Zvm).
    function Get-MostZvmsAtOnce($Requests) {
        $events = foreach ($request in $Requests) {
            [pscustomobject]@{ At = $request.startedMs; Change = 1; Zvm = $request.Zvm }
            [pscustomobject]@{ At = $request.endedMs - 5; Change = -1; Zvm = $request.Zvm }
        }
        $serving = @{}; $most = 0
        foreach ($event in $events | Sort-Object At, Change) {
            $serving[$event.Zvm] = [int]$serving[$event.Zvm] + $event.Change
            $most = [math]::Max($most, @($serving.Values | Where-Object { $_ -gt 0 }).Count)
        }
        $most
    }
}

AfterAll {
    Disconnect-AllZvmSessions
    $fleet[0], $locked | Stop-ZvmSimulator
}

Describe 'Connect-ZvmSession to a fleet' {
    BeforeAll {
        # A logon that takes 200 ms: one after the other, no two would overlap.
        Set-ThinkTime 200 '/v1/session/add'
        try {
            $sessions = @(Connect-ZvmSession -Server $servers -Credential $credential -MaximumRetryCount 0 -ErrorVariable failures -ErrorAction SilentlyContinue)
        }
        finally { Set-ThinkTime 0 }
    }

    It 'connects 50 servers in one call: 46 sessions, one error for each of the 4 that failed, naming it' {
        $sessions.Count | Should -Be 46
        $sessions.Server | Should -Be @($fleet.Url | ForEach-Object { ([uri]$_).Authority })
        $failures.Count | Should -Be 4
        $unreachable = @($failures | Where-Object FullyQualifiedErrorId -eq 'ZvmUnreachable,ZertoTasks.Commands.ConnectZvmSessionCommand')
        $unreachable.TargetObject | Sort-Object | Should -Be ($down | ForEach-Object { ([uri]$_).Authority } | Sort-Object)
        $refused = @($failures | Where-Object FullyQualifiedErrorId -eq 'ZvmAuthenticationFailed,ZertoTasks.Commands.ConnectZvmSessionCommand')
        $refused.TargetObject | Should -Be ([uri]$locked.Url).Authority
    }

    It 'logs in to them at the same time' {
        # The logons that carried the credential (kind detection first asks without it).
        $logins = foreach ($simulator in $fleet) { Get-SimulatorRequest $simulator '/v1/session/add' | Where-Object auth -eq 'basic' }
        $logins.Count | Should -Be 46
        Get-MostAtOnce $logins | Should -BeGreaterThan 1
    }

    It 'lists each session once, and the last server given that connected is the default' {
        $open = @(Get-ZvmSession)
        $open.Count | Should -Be 46
        $open[0] | Should -Be $sessions[-1]
        $open[0].IsDefault | Should -BeTrue
        @($open | Where-Object IsDefault).Count | Should -Be 1
    }

    It 'connects from a CSV, binding Server, Port and Kind by property name, and replaces the open sessions of other settings' {
        $csv = Join-Path $TestDrive 'zvms.csv'
        $fleet | ForEach-Object { [pscustomobject]@{ Server = 'http://127.0.0.1'; Port = ([uri]$_.Url).Port; Kind = 'Windows' } } |
            Export-Csv -Path $csv -NoTypeInformation
        # Another -TimeoutSec: the same user and settings would get the open sessions back.
        $again = @(Import-Csv $csv | Connect-ZvmSession -Credential $credential -TimeoutSec 60)
        $again.Count | Should -Be 46
        $again.Server | Should -Be $sessions.Server
        $again.Kind | Sort-Object -Unique | Should -Be 'Windows'
        # Replaced, not added: the same user on the same server is one session.
        @(Get-ZvmSession).Count | Should -Be 46
        (Get-ZvmSession)[0] | Should -Be $again[-1]
        # The replaced sessions were logged out on their ZVMs: their tokens no longer work there.
        $sessions.IsConnected | Sort-Object -Unique | Should -Be $false
        foreach ($simulator in $fleet) {
            (Get-SimulatorRequest $simulator '/v1/session' | Where-Object method -eq 'DELETE').status | Should -Be 200
            @(Invoke-ZvmSimulatorControl $simulator 'live-tokens' | ForEach-Object { $_ }).Count | Should -Be 1
        }
        { Get-ZvmTask -Session $sessions[0] } | Should -Throw -ErrorId 'ZvmSessionDisconnected,ZertoTasks.Commands.GetZvmTaskCommand'
    }
    It 'connects a server given twice once, so every session it writes stays open' {
        $twice = $fleet[6]
        Clear-SimulatorRequest $twice
        # Other settings than the open sessions', so that each server given is logged in anew.
        $written = @(Connect-ZvmSession -Server $twice.Url, $fleet[7].Url, $twice.Url -Credential $credential -TimeoutSec 30)
        $written.Server | Should -Be @(([uri]$fleet[7].Url).Authority, ([uri]$twice.Url).Authority)
        $written.IsConnected | Sort-Object -Unique | Should -Be $true
        (Get-ZvmSession)[0] | Should -Be $written[-1]
        @(Get-SimulatorRequest $twice '/v1/session/add' | Where-Object auth -eq 'basic').Count | Should -Be 1
    }

    It 'connects CSV rows whose Port or Kind cell is blank with the defaults, and refuses a bad cell naming its server' {
        $port = { param($simulator) ([uri]$simulator.Url).Port }
        $csv = Join-Path $TestDrive 'blanks.csv'
        @(
            # Blank Port: the port in Server. Blank Kind: detected.
            [pscustomobject]@{ Server = $fleet[0].Url; Port = ''; Kind = '' }
            [pscustomobject]@{ Server = 'http://127.0.0.1'; Port = & $port $fleet[1]; Kind = '  ' }
            [pscustomobject]@{ Server = $fleet[2].Url; Port = ' '; Kind = 'Windows' }
            [pscustomobject]@{ Server = 'http://127.0.0.2'; Port = 'abc'; Kind = '' }
            [pscustomobject]@{ Server = 'http://127.0.0.3'; Port = '70000'; Kind = '' }
            [pscustomobject]@{ Server = 'http://127.0.0.4'; Port = '0'; Kind = '' }
            [pscustomobject]@{ Server = $fleet[3].Url; Port = ''; Kind = 'Linux' }
        ) | Export-Csv -Path $csv -NoTypeInformation
        $connected = @(Import-Csv $csv | Connect-ZvmSession -Credential $credential -ErrorVariable bad -ErrorAction SilentlyContinue)
        $connected.Server | Should -Be @($fleet[0..2].Url | ForEach-Object { ([uri]$_).Authority })
        $connected.Kind | Sort-Object -Unique | Should -Be 'Windows'
        $bad.Count | Should -Be 4
        $bad.FullyQualifiedErrorId | Sort-Object -Unique | Should -Be 'InvalidServer,ZertoTasks.Commands.ConnectZvmSessionCommand'
        $bad.TargetObject | Should -Be @('http://127.0.0.2', 'http://127.0.0.3', 'http://127.0.0.4', $fleet[3].Url)
        $bad[0].Exception.Message | Should -BeLike "*Port given for 'http://127.0.0.2' is not a number from 1 to 65535*"
        $bad[1].Exception.Message | Should -BeLike "*Port 70000 is outside 1-65535 (given for 'http://127.0.0.3')*"
        $bad[2].Exception.Message | Should -BeLike "*Port given for 'http://127.0.0.4' is not a number*"
        $bad[3].Exception.Message | Should -BeLike "*Kind given for '$($fleet[3].Url)' is not one of: Windows, Appliance*"
    }

    It 'takes each piped object''s own Port and Kind: a property one object has does not carry over to the next' {
        $rows = @(
            [pscustomobject]@{ Server = 'http://127.0.0.1'; Port = ([uri]$fleet[4].Url).Port; Kind = 'Appliance' }
            # No Port, no Kind: the port in Server, and the kind detected.
            [pscustomobject]@{ Server = $fleet[5].Url }
        )
        $connected = @($rows | Connect-ZvmSession -Credential $credential -ErrorVariable failed -ErrorAction SilentlyContinue)
        # The first is a Windows ZVM named an appliance: refused. The second connects as what it is.
        $failed.FullyQualifiedErrorId | Should -Be 'ZvmKindMismatch,ZertoTasks.Commands.ConnectZvmSessionCommand'
        $connected.Server | Should -Be ([uri]$fleet[5].Url).Authority
        $connected.Kind | Should -Be 'Windows'
    }
}

Describe 'Reading a fleet' {
    BeforeAll {
        $fleet | ForEach-Object { Clear-SimulatorRequest $_ }
    }

    It 'reads every open session when they are piped in, each once' {
        $tasks = Get-ZvmSession | Get-ZvmTask
        $tasks.Count | Should -Be (46 * $taskCount)
        @(Get-TaskListRequest $fleet).Count | Should -Be 46
    }

    It 'reads a session once however often it is named' {
        $one = (Get-ZvmSession)[5]
        $simulator = $fleet | Where-Object { ([uri]$_.Url).Authority -eq $one.Server }
        Clear-SimulatorRequest $simulator
        $tasks = Get-ZvmTask -Session $one, $one.Server, $one
        $tasks.Count | Should -Be $taskCount
        @(Get-TaskListRequest $simulator).Count | Should -Be 1
    }

    It 'refreshes and waits for piped tasks through the session they came from, not the default' {
        $other = (Get-ZvmSession)[3]
        (Get-ZvmSession)[0].Server | Should -Not -Be $other.Server
        $tasks = Get-ZvmTask -Session $other | Where-Object State -eq 'Completed' | Select-Object -First 2
        ($tasks | Get-ZvmTask).Server | Should -Be @($other.Server, $other.Server)
        ($tasks | Wait-ZvmTask).Server | Should -Be @($other.Server, $other.Server)
    }

    It 'reads at most -ThrottleLimit ZVMs at once, with a progress bar that completes' {
        $fleet | ForEach-Object { Clear-SimulatorRequest $_ }
        Set-ThinkTime 200
        try {
            $result = Invoke-Captured { param($s) Get-ZvmTask -Session $s -ThrottleLimit 4 }
        }
        finally { Set-ThinkTime 0 }
        $result.Errors | Should -BeNullOrEmpty
        $result.Output.Count | Should -Be (46 * $taskCount)
        $lists = @(Get-TaskListRequest $fleet)
        $lists.Count | Should -Be 46
        $most = Get-MostAtOnce $lists
        $most | Should -BeLessOrEqual 4
        $most | Should -BeGreaterThan 1
        # 12 rounds of 200 ms take more than a moment: the bar shows ZVMs done and tasks so far.
        $result.Progress.Count | Should -BeGreaterThan 0
        $result.Progress[0].StatusDescription | Should -Match '^\d+ of 46 ZVMs done, [\d,.]+ tasks so far$'
        $result.Progress[-1].RecordType | Should -Be 'Completed'
        @($result.Progress.ActivityId | Sort-Object -Unique).Count | Should -Be 1
    }

    It 'counts ZVMs, not requests, against -ThrottleLimit: the requests of a -Type plan share their ZVM''s slot' {
        $fleet | ForEach-Object { Clear-SimulatorRequest $_ }
        Set-ThinkTime 200
        try {
            # Three types: three requests to each ZVM.
            $null = Get-ZvmTask -Session (Get-ZvmSession) -Type FailOver, Move, FailOverTest -ThrottleLimit 4 -ErrorAction Stop
        }
        finally { Set-ThinkTime 0 }
        $lists = @(Get-TaskListRequest $fleet)
        $lists.Count | Should -Be (46 * 3)
        $zvmsAtOnce = Get-MostZvmsAtOnce $lists
        $zvmsAtOnce | Should -BeLessOrEqual 4
        $zvmsAtOnce | Should -BeGreaterThan 1
        # Four ZVMs' worth of requests ran together, more than four requests.
        Get-MostAtOnce $lists | Should -BeGreaterThan 4
        # A ZVM's three requests ran together in its slot: each started before any of them ended.
        foreach ($zvm in $lists | Group-Object Zvm) {
            $zvm.Count | Should -Be 3
            ($zvm.Group.startedMs | Measure-Object -Maximum).Maximum |
                Should -BeLessThan ($zvm.Group.endedMs | Measure-Object -Minimum).Minimum -Because "the requests to $($zvm.Name) share one slot"
        }
    }

    It 'shows no progress when $ProgressPreference says so' {
        Set-ThinkTime 1500
        try {
            $silent = Invoke-Captured { param($s) $ProgressPreference = 'SilentlyContinue'; Get-ZvmTask -Session $s }
        }
        finally { Set-ThinkTime 0 }
        $silent.Output.Count | Should -Be (46 * $taskCount)
        $silent.Progress | Should -BeNullOrEmpty
    }

    It 'reads the task types of every piped session, at most -ThrottleLimit at once' {
        $fleet | ForEach-Object { Clear-SimulatorRequest $_ }
        Set-ThinkTime 200
        try {
            $types = Get-ZvmSession | Get-ZvmTaskType -Name FailOver -ThrottleLimit 4
        }
        finally { Set-ThinkTime 0 }
        $types.Count | Should -Be 46
        @($types.Server | Sort-Object -Unique).Count | Should -Be 46
        $reads = foreach ($simulator in $fleet) { Get-SimulatorRequest $simulator '/v1/tasks/types' }
        @($reads).Count | Should -Be 46
        Get-MostAtOnce $reads | Should -BeLessOrEqual 4
    }

    It 'waits for the tasks of several ZVMs at once, at most -ThrottleLimit ZVMs at a time' {
        $tasks = foreach ($session in (Get-ZvmSession)[0..5]) { Get-ZvmTask -Session $session -Status Completed | Select-Object -First 1 }
        $fleet | ForEach-Object { Clear-SimulatorRequest $_ }
        Set-ThinkTime 300 '/v1/tasks/'
        try {
            $ended = $tasks | Wait-ZvmTask -ThrottleLimit 2 -ErrorAction Stop
        }
        finally { Set-ThinkTime 0 }
        @($ended.Server | Sort-Object -Unique).Count | Should -Be 6
        $looks = foreach ($simulator in $fleet) {
            Get-SimulatorRequest $simulator '/v1/tasks/*' | Where-Object path -ne '/v1/tasks/types' |
                Add-Member -NotePropertyName Zvm -NotePropertyValue $simulator.Url -PassThru
        }
        @($looks).Count | Should -Be 6
        $zvmsAtOnce = Get-MostZvmsAtOnce $looks
        $zvmsAtOnce | Should -BeLessOrEqual 2
        $zvmsAtOnce | Should -BeGreaterThan 1
    }

    It 'lets a stalled ZVM hold only its own read: every other ZVM''s tasks come first' {
        $fleet | ForEach-Object { Clear-SimulatorRequest $_ }
        $stalled = $fleet[2]
        # It sends '[' and then nothing, until the client leaves.
        Add-SimulatorFault $stalled @{ path = '/v1/tasks'; exact = $true; kind = 'stall'; afterBytes = 1; delayMs = 600000 }
        $others = 45 * $taskCount
        $tasks = Get-ZvmTask -Session (Get-ZvmSession) -ThrottleLimit 4 | Select-Object -First $others
        $tasks.Count | Should -Be $others
        $tasks.Server | Should -Not -Contain ([uri]$stalled.Url).Authority
        $stalledList = @(Get-TaskListRequest $stalled)
        $stalledList.Count | Should -Be 1
        $otherLists = @(Get-TaskListRequest ($fleet | Where-Object { $_ -ne $stalled }))
        $otherLists.Count | Should -Be 45
        # Select-Object -First closed the stalled connection only once all the others had ended.
        $deadline = [datetime]::UtcNow.AddSeconds(20)
        while ($null -eq (Get-TaskListRequest $stalled).endedMs -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 200 }
        (Get-TaskListRequest $stalled).endedMs | Should -BeGreaterThan ($otherLists.endedMs | Measure-Object -Maximum).Maximum
    }

    It 'stops every read at -First 10 across the fleet and leaves no request open' {
        # One ZVM answers at once, the others think for 20 seconds: the first ten come from it.
        $fleet | ForEach-Object {
            Clear-SimulatorRequest $_
            $ms = if ($_ -eq $fleet[7]) { 0 } else { 20000 }
            Invoke-ZvmSimulatorControl $_ 'delay' -Method POST -Body @{ ms = $ms; path = '/v1/tasks' } | Out-Null
        }
        $completedBefore = ($fleet | ForEach-Object { (Invoke-ZvmSimulatorControl $_ 'stats').taskListsCompleted } | Measure-Object -Sum).Sum
        try {
            # The quick ZVM is named first, so it gets a slot at once whatever the machine's load.
            $quick = Get-ZvmSession -Server ([uri]$fleet[7].Url).Authority
            $first = Get-ZvmTask -Session (@($quick) + @(Get-ZvmSession)) | Select-Object -First 10
        }
        finally {
            $fleet | ForEach-Object { Invoke-ZvmSimulatorControl $_ 'delay' -Method POST -Body @{ ms = 0; path = '/' } | Out-Null }
        }
        $first.Count | Should -Be 10
        $first.Server | Sort-Object -Unique | Should -Be ([uri]$fleet[7].Url).Authority
        # Every request the fleet saw has ended: the client closed the ones it no longer needed.
        $deadline = [datetime]::UtcNow.AddSeconds(20)
        while (@(Get-TaskListRequest $fleet | Where-Object { $null -eq $_.endedMs }).Count -gt 0 -and [datetime]::UtcNow -lt $deadline) {
            Start-Sleep -Milliseconds 200
        }
        @(Get-TaskListRequest $fleet | Where-Object { $null -eq $_.endedMs }).Count | Should -Be 0
        # ...and the thinking ones never got to send their list.
        $completed = ($fleet | ForEach-Object { (Invoke-ZvmSimulatorControl $_ 'stats').taskListsCompleted } | Measure-Object -Sum).Sum
        $completed - $completedBefore | Should -BeLessOrEqual 1
    }
}
