# Watch-ZvmTask against the simulator's live mode. Each watch runs in its own PowerShell; the
# tests drive the simulated ZVMs and wait for what the watch writes (events and counts, with
# generous deadlines: no wall-clock bound), then read the request log for what each poll asked.
BeforeAll {
    . $PSScriptRoot/common.ps1
    $windows = Start-ZvmSimulator -Kind Windows
    $session = Connect-ZvmSession -Server $windows.Url -Credential $windows.Credential
    $hour = 3600000

    # Starts Watch-ZvmTask in a PowerShell of its own, with $s bound to the sessions given.
    function Start-Watch([string] $Arguments, $Sessions = $session) {
        $ps = [powershell]::Create()
        $null = $ps.AddScript("param(`$s) Import-Module '$ModuleManifest'; Watch-ZvmTask -Session `$s $Arguments").AddArgument($Sessions)
        $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
        $handle = $ps.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]$null, $output)
        [pscustomobject]@{ Shell = $ps; Output = $output; Handle = $handle }
    }

    # The items of a running PowerShell's output or stream so far. (Enumerating them waits for
    # its end: they are read by index.)
    function Get-SoFar($Collection) {
        @(for ($i = 0; $i -lt $Collection.Count; $i++) { $Collection[$i] })
    }

    function Get-WatchOutput($Watch) { Get-SoFar $Watch.Output }

    # Waits until $Condition (given the watch's output so far) holds; returns the output.
    function Wait-Watch($Watch, [scriptblock] $Condition, [int] $TimeoutSec = 90) {
        $deadline = [datetime]::UtcNow.AddSeconds($TimeoutSec)
        while (-not (& $Condition (Get-WatchOutput $Watch)) -and [datetime]::UtcNow -lt $deadline -and -not $Watch.Handle.IsCompleted) {
            Start-Sleep -Milliseconds 100
        }
        Get-WatchOutput $Watch
    }

    function Stop-Watch($Watch) {
        $Watch.Shell.Stop()
        $Watch.Shell.Dispose()
    }

    # The polls the simulator saw: one completedAfterDate window each.
    function Get-PollCount($Simulator) {
        @(Get-SimulatorRequest $Simulator '/v1/tasks' | Where-Object query -like '*completedAfterDate*').Count
    }

    function Wait-Poll($Simulator, [int] $Count, [int] $TimeoutSec = 90) {
        $deadline = [datetime]::UtcNow.AddSeconds($TimeoutSec)
        while ((Get-PollCount $Simulator) -lt $Count -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
    }

    function Get-Change($Output, [string] $Id) { @($Output | Where-Object TaskIdentifier -eq $Id) }
}

AfterAll {
    Disconnect-AllZvmSessions
    $windows | Stop-ZvmSimulator
}

Describe 'Watch-ZvmTask following one ZVM' {
    BeforeAll {
        Clear-SimulatorRequest $windows
        $watch = Start-Watch '-PollIntervalSec 1'
        # The first poll only learns what is there; the tests start after it.
        Wait-Poll $windows 2
    }

    AfterAll { Stop-Watch $watch }

    It 'writes nothing of what was there before it started' {
        (Get-WatchOutput $watch).Count | Should -Be 0
        Get-SoFar $watch.Shell.Streams.Error | Should -BeNullOrEmpty
    }

    It 'writes a new task when it starts, with no previous state' {
        $script:task = New-SimulatorLiveTask $windows -Type InitFullSync -Steps @{ atMs = 0; state = 1; progress = 5 }
        $output = Wait-Watch $watch { param($o) (Get-Change $o $task.identifier).Count -ge 1 }
        $change = Get-Change $output $task.identifier
        $change.Count | Should -Be 1
        $change[0].Change | Should -Be 'New'
        $change[0].State | Should -Be 'InProgress'
        $change[0].PreviousState | Should -BeNullOrEmpty
        $change[0].Type | Should -Be 'InitFullSync'
        $change[0] | Should -BeOfType ([ZertoTasks.ZvmTaskChange])
        $change[0].Task | Should -BeOfType ([ZertoTasks.ZvmTask])
        $change[0].Server | Should -Be $session.Server
    }

    It 'writes each state change once, with the state before; progress alone is not written' {
        Set-SimulatorLiveTask $windows $task.identifier -State 1 -Progress 50
        Wait-Poll $windows ((Get-PollCount $windows) + 3)
        Set-SimulatorLiveTask $windows $task.identifier -State 2 -Progress 50
        $null = Wait-Watch $watch { param($o) (Get-Change $o $task.identifier).Count -ge 2 }
        Set-SimulatorLiveTask $windows $task.identifier -State 6 -Progress 100
        $output = Wait-Watch $watch { param($o) (Get-Change $o $task.identifier).Count -ge 3 }
        $changes = Get-Change $output $task.identifier
        ($changes | ForEach-Object { "$($_.PreviousState)>$($_.State)" }) -join ' ' | Should -Be '>InProgress InProgress>WaitingForUserInput WaitingForUserInput>Completed'
        $changes[2].PreviousProgress | Should -Be 50
        $changes[2].Completed | Should -Not -BeNullOrEmpty
    }

    It 'writes a task that started and ended between two polls once, in its end state' {
        # It started two seconds ago and ended a second later: no poll saw it run.
        $script:brief = New-SimulatorLiveTask $windows -Type Move -StartInMs -2000 -Steps @{ atMs = 1000; state = 4; progress = 30; completeReason = 'Brief failure.' }
        $output = Wait-Watch $watch { param($o) (Get-Change $o $brief.identifier).Count -ge 1 }
        $change = Get-Change $output $brief.identifier
        $change.Count | Should -Be 1
        $change[0].Change | Should -Be 'New'
        $change[0].State | Should -Be 'Failed'
        $change[0].CompleteReason | Should -Be 'Brief failure.'
        $change[0].Duration.TotalSeconds | Should -Be 1
    }

    It 'writes no change twice across 50 polls' {
        Wait-Poll $windows ((Get-PollCount $windows) + 50) -TimeoutSec 300
        (Get-PollCount $windows) | Should -BeGreaterOrEqual 52
        $output = (Get-WatchOutput $watch)
        $output.Count | Should -Be 4
        @($output | Group-Object { "$($_.TaskIdentifier) $($_.State)" } | Where-Object Count -gt 1) | Should -BeNullOrEmpty
        Get-SoFar $watch.Shell.Streams.Error | Should -BeNullOrEmpty
        Get-SoFar $watch.Shell.Streams.Warning | Should -BeNullOrEmpty
    }

    It 'never asks for the whole history, nor for every task in an end state' {
        $lists = @(Get-SimulatorRequest $windows '/v1/tasks')
        $lists.Count | Should -BeGreaterThan 100
        foreach ($list in $lists) {
            $list.query | Should -Match '^\?(startedAfterDate|completedAfterDate|status=(InProgress|WaitingForUserInput|Paused|Cancelling)$)' -Because "GET /v1/tasks$($list.query)"
        }
    }
}

Describe 'Watch-ZvmTask -Since, -Status, -Duration and -Until' {
    It '-Since first writes what started or ended since then and what runs now, oldest first, and -Duration 0 ends after one pass' {
        $old = New-SimulatorLiveTask $windows -StartInMs (-20 * 60000) -Steps @{ atMs = 60000; state = 6; progress = 100 }
        $recent = New-SimulatorLiveTask $windows -StartInMs (-3 * 60000) -Steps @{ atMs = 60000; state = 6; progress = 100 }
        $running = New-SimulatorLiveTask $windows -StartInMs (-30 * 60000) -Steps @{ atMs = 0; state = 1; progress = 5 }, @{ atMs = 10 * $hour; state = 6; progress = 100 }
        $watch = Start-Watch '-Since (Get-Date).AddMinutes(-10) -Duration 0'
        try {
            $watch.Handle.AsyncWaitHandle.WaitOne(90000) | Should -BeTrue
            Get-SoFar $watch.Shell.Streams.Error | Should -BeNullOrEmpty
            $ids = @((Get-WatchOutput $watch).TaskIdentifier)
            $ids | Should -Not -Contain $old.identifier
            $ids | Should -Contain $recent.identifier
            $ids | Should -Contain $running.identifier
            # Every running task is written, the history's too; nothing that ended before -Since.
            $runningNow = @(Get-ZvmTask -Session $session | Where-Object { $null -eq $_.Completed })
            @(Get-WatchOutput $watch | Where-Object { $null -eq $_.Completed }).Count | Should -Be $runningNow.Count
            @(Get-WatchOutput $watch | Where-Object { $_.IsFinished -and $_.Completed -lt (Get-Date).AddMinutes(-10) }) | Should -BeNullOrEmpty
            $times = @(Get-WatchOutput $watch | ForEach-Object { if ($_.Completed) { $_.Completed } else { $_.Started } })
            ($times -join ',') | Should -Be (($times | Sort-Object) -join ',')
        }
        finally { Stop-Watch $watch }
    }

    It '-Status Failed writes only the tasks that became Failed, one window per poll' {
        Clear-SimulatorRequest $windows
        $watch = Start-Watch '-Status Failed -PollIntervalSec 1'
        try {
            Wait-Poll $windows 2
            $ok = New-SimulatorLiveTask $windows -Steps @{ atMs = 0; state = 1; progress = 5 }, @{ atMs = 500; state = 6; progress = 100 }
            $failed = New-SimulatorLiveTask $windows -Steps @{ atMs = 0; state = 1; progress = 5 }, @{ atMs = 500; state = 4; progress = 20; completeReason = 'Boom.' }
            $stays = New-SimulatorLiveTask $windows -Steps @{ atMs = 0; state = 1; progress = 5 }, @{ atMs = $hour; state = 6; progress = 100 }
            $output = Wait-Watch $watch { param($o) $o.Count -ge 1 }
            Wait-Poll $windows ((Get-PollCount $windows) + 3)
            $output = (Get-WatchOutput $watch)
            $output.Count | Should -Be 1
            $output[0].TaskIdentifier | Should -Be $failed.identifier
            $output[0].State | Should -Be 'Failed'
            foreach ($list in Get-SimulatorRequest $windows '/v1/tasks') {
                $list.query | Should -Match '^\?completedAfterDate=[^&]+$'
            }
        }
        finally { Stop-Watch $watch }
    }

    It 'ends cleanly after -Duration, and at -Until, with no error' {
        $watch = Start-Watch '-Duration 00:00:03 -PollIntervalSec 1'
        $untilWatch = Start-Watch '-Until (Get-Date).AddSeconds(3) -PollIntervalSec 1'
        try {
            foreach ($one in $watch, $untilWatch) {
                $one.Handle.AsyncWaitHandle.WaitOne(120000) | Should -BeTrue
                $one.Shell.InvocationStateInfo.State | Should -Be 'Completed'
                Get-SoFar $one.Shell.Streams.Error | Should -BeNullOrEmpty
                Get-SoFar $one.Shell.Streams.Warning | Should -BeNullOrEmpty
            }
        }
        finally { $watch, $untilWatch | ForEach-Object { Stop-Watch $_ } }
    }

    It 'refuses a wrong -Status or -Type before any request' {
        Clear-SimulatorRequest $windows
        { Watch-ZvmTask -Session $session -Status Faild -Duration 0 } | Should -Throw -ErrorId 'ParameterArgumentTransformationError,ZertoTasks.Commands.WatchZvmTaskCommand'
        { Watch-ZvmTask -Session $session -Type 'NoSuchType*' -Duration 0 } | Should -Throw
        @(Get-SimulatorRequest $windows '/v1/*').Count | Should -Be 0
    }
}

Describe 'Watch-ZvmTask across ZVMs' {
    BeforeAll {
        $a = Start-ZvmSimulator -Kind Appliance
        $b = Start-ZvmSimulator -Kind Windows
        $onA = Connect-ZvmSession -Server $a.Url -Credential $a.Credential
        # No retries: the outage shows at once, and each poll of it fails on its own.
        $onB = Connect-ZvmSession -Server $b.Url -Credential $b.Credential -MaximumRetryCount 0 -TimeoutSec 5
    }

    AfterAll { $a, $b | Stop-ZvmSimulator }

    It 'follows two ZVMs, one down for 20 s: one warning, the other not held up, nothing missed after it' {
        $watch = Start-Watch '-PollIntervalSec 1' @($onA, $onB)
        try {
            Wait-Poll $a 2
            Wait-Poll $b 2
            $before = New-SimulatorLiveTask $b -Steps @{ atMs = 0; state = 1; progress = 5 }, @{ atMs = 10 * $hour; state = 6; progress = 100 }
            $null = Wait-Watch $watch { param($o) (Get-Change $o $before.identifier).Count -ge 1 }

            Add-SimulatorFault $b @{ path = '/v1/tasks'; kind = 'reset'; count = 100000 }
            $down = [datetime]::UtcNow
            $null = Wait-Watch $watch { param($o) $watch.Shell.Streams.Warning.Count -ge 1 }
            $onAWhileBDown = New-SimulatorLiveTask $a -Type FailOverTest
            $brief = New-SimulatorLiveTask $b -StartInMs -1000 -Steps @{ atMs = 500; state = 4; progress = 10 }
            Set-SimulatorLiveTask $b $before.identifier -State 6 -Progress 100
            $output = Wait-Watch $watch { param($o) (Get-Change $o $onAWhileBDown.identifier).Count -ge 1 }
            (Get-Change $output $onAWhileBDown.identifier).Count | Should -Be 1 -Because 'A is followed while B is down'

            $left = 20 - ([datetime]::UtcNow - $down).TotalSeconds
            if ($left -gt 0) { Start-Sleep -Seconds $left }
            Invoke-ZvmSimulatorControl $b 'faults' -Method DELETE | Out-Null
            $output = Wait-Watch $watch { param($o) (Get-Change $o $brief.identifier).Count -ge 1 -and (Get-Change $o $before.identifier).Count -ge 2 }
            Wait-Poll $b ((Get-PollCount $b) + 3)
            $output = (Get-WatchOutput $watch)
            (Get-Change $output $brief.identifier).State | Should -Be 'Failed'
            (Get-Change $output $before.identifier | ForEach-Object { "$($_.PreviousState)>$($_.State)" }) -join ' ' | Should -Be '>InProgress InProgress>Completed'
            @(Get-SoFar $watch.Shell.Streams.Warning).Count | Should -Be 1
            $watch.Shell.Streams.Warning[0].Message | Should -Match ([regex]::Escape($onB.Server))
            Get-SoFar $watch.Shell.Streams.Error | Should -BeNullOrEmpty
            @($output | Group-Object { "$($_.TaskIdentifier) $($_.State)" } | Where-Object Count -gt 1) | Should -BeNullOrEmpty
        }
        finally { Stop-Watch $watch }
    }

    It 'leaves no connection open on Ctrl+C' {
        Clear-SimulatorRequest $a
        $watch = Start-Watch '-PollIntervalSec 1' @($onA, $onB)
        try {
            Wait-Poll $a 2
            # A's answers now take 30 s: Ctrl+C comes while a poll of A waits for one.
            Add-SimulatorFault $a @{ path = '/v1/tasks'; kind = 'delay'; delayMs = 30000; count = 100 }
            Start-Sleep -Seconds 3
        }
        finally {
            $watch.Shell.Stop()
            $watch.Shell.InvocationStateInfo.State | Should -Be 'Stopped'
            $watch.Shell.Dispose()
            Invoke-ZvmSimulatorControl $a 'faults' -Method DELETE | Out-Null
        }
        (Wait-NoActiveList $a).activeTaskLists | Should -Be 0
        (Wait-NoActiveList $b).activeTaskLists | Should -Be 0
        # The simulator logs a request whose client went away with status 0, as it ends.
        $deadline = [datetime]::UtcNow.AddSeconds(30)
        while (@(Get-SimulatorRequest $a '/v1/tasks*' | Where-Object { $null -eq $_.endedMs }).Count -gt 0 -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
        @(Get-SimulatorRequest $a '/v1/tasks*' | Where-Object { $null -eq $_.endedMs }) | Should -BeNullOrEmpty
        @(Get-SimulatorRequest $a '/v1/tasks*' | Where-Object status -eq 0).Count | Should -BeGreaterThan 0
    }
}

Describe 'Watch-ZvmTask and a ZVM clock 10 minutes off' {
    BeforeAll {
        $ahead = Start-ZvmSimulator -Kind Appliance -ClockOffsetSec 600
        $behind = Start-ZvmSimulator -Kind Windows -ClockOffsetSec -600
        $onAhead = Connect-ZvmSession -Server $ahead.Url -Credential $ahead.Credential
        $onBehind = Connect-ZvmSession -Server $behind.Url -Credential $behind.Credential
    }

    AfterAll { $ahead, $behind | Stop-ZvmSimulator }

    It 'translates -Since to the ZVM''s clock and then loses and repeats nothing (<Name>)' -ForEach @(
        @{ Name = 'ahead' }, @{ Name = 'behind' }
    ) {
        $sim, $on = if ($Name -eq 'ahead') { $ahead, $onAhead } else { $behind, $onBehind }
        # On the ZVM's clock: one ended 4 minutes ago, one 1 minute ago; -Since is 2 minutes ago here.
        $before = New-SimulatorLiveTask $sim -StartInMs (-5 * 60000) -Steps @{ atMs = 60000; state = 6; progress = 100 }
        $after = New-SimulatorLiveTask $sim -StartInMs (-2 * 60000) -Steps @{ atMs = 60000; state = 4; progress = 100 }
        $watch = Start-Watch '-Since (Get-Date).AddMinutes(-2) -PollIntervalSec 1 -Status Failed, Completed' $on
        try {
            $null = Wait-Watch $watch { param($o) (Get-Change $o $after.identifier).Count -ge 1 }
            $later = New-SimulatorLiveTask $sim -Steps @{ atMs = 200; state = 6; progress = 100 }
            $null = Wait-Watch $watch { param($o) (Get-Change $o $later.identifier).Count -ge 1 }
            Wait-Poll $sim ((Get-PollCount $sim) + 5)
            $ids = @((Get-WatchOutput $watch).TaskIdentifier)
            $ids | Should -Not -Contain $before.identifier
            @($ids | Where-Object { $_ -eq $after.identifier }).Count | Should -Be 1
            @($ids | Where-Object { $_ -eq $later.identifier }).Count | Should -Be 1
            Get-SoFar $watch.Shell.Streams.Error | Should -BeNullOrEmpty
        }
        finally { Stop-Watch $watch }
    }
}

Describe 'Watch-ZvmTask into Wait-ZvmTask, and -Vpg' {
    It 'hands the next task that starts to Wait-ZvmTask, which waits for its end through the task''s own session' {
        # It starts in 10 s, well after the watch's first poll, and ends 3 s later.
        $move = New-SimulatorLiveTask $windows -Type Move -StartInMs 10000 -Steps @{ atMs = 0; state = 1; progress = 5 }, @{ atMs = 3000; state = 6; progress = 100 }
        $ended = @(Watch-ZvmTask -Session $session -Type Move -Status InProgress -PollIntervalSec 1 -Duration '00:02:00' |
                Select-Object -First 1 |
                Wait-ZvmTask -PollIntervalSec 1)
        $ended.Count | Should -Be 1
        $ended[0].TaskIdentifier | Should -Be $move.identifier
        $ended[0].State | Should -Be 'Completed'
        $ended[0] | Should -BeOfType ([ZertoTasks.ZvmTask])
    }

    It '-Vpg with a name no VPG has is VpgNotFound before the first poll, and the watch goes on to its end' {
        $changes = @(Watch-ZvmTask -Session $session -Vpg 'No Such VPG', 'No*Such*' -Duration 0 -ErrorVariable failed -ErrorAction SilentlyContinue)
        $changes.Count | Should -Be 0
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -Be 'VpgNotFound,ZertoTasks.Commands.WatchZvmTaskCommand'
        $failed[0].TargetObject | Should -Be 'No Such VPG'
    }

    It '-Vpg with an unclosed bracket is a name, as Get-ZvmTask takes it, not a broken pattern' {
        { Watch-ZvmTask -Session $session -Vpg 'Dev [Lab' -Duration 0 -ErrorAction Stop } | Should -Not -Throw
    }

    It 'writes with -Vpg only the tasks of the VPGs it names, by name with wildcards' {
        $vpgs = @(Get-ZvmTask -Session $session | ForEach-Object { $_.Vpgs } | Where-Object Name | Sort-Object Identifier -Unique)
        $named = $vpgs[0]
        $pattern = "$($named.Name.Substring(0, 3))*"
        $other = @($vpgs | Where-Object { $_.Name -notlike $pattern })[0]
        $watch = Start-Watch "-Vpg '$pattern' -PollIntervalSec 1"
        try {
            Wait-Poll $windows ((Get-PollCount $windows) + 2)
            $mine = New-SimulatorLiveTask $windows -Vpg $named.Identifier -Steps @{ atMs = 0; state = 1; progress = 5 }, @{ atMs = 500; state = 6; progress = 100 }
            $theirs = New-SimulatorLiveTask $windows -Vpg $other.Identifier -Steps @{ atMs = 0; state = 1; progress = 5 }, @{ atMs = 500; state = 6; progress = 100 }
            $null = Wait-Watch $watch { param($o) (Get-Change $o $mine.identifier).Count -ge 1 }
            Wait-Poll $windows ((Get-PollCount $windows) + 3)
            $output = Get-WatchOutput $watch
            (Get-Change $output $mine.identifier).Count | Should -Be 1
            (Get-Change $output $mine.identifier)[0].Vpgs.ToString() | Should -Be $named.Name
            (Get-Change $output $theirs.identifier).Count | Should -Be 0
        }
        finally { Stop-Watch $watch }
    }
}
