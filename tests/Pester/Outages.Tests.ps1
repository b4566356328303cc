# A ZVM that goes away and comes back, a server that trickles or keeps the connection open, a
# list with a bad task: what a failover runbook meets, against the simulator's /_sim/outage and
# faults. No test bounds the time tighter than the behaviour promises (CI has two loaded cores).
BeforeAll {
    . $PSScriptRoot/common.ps1
    $windows = Start-ZvmSimulator -Kind Windows
    $recorded = Get-RecordedTask 'windows-tasks.json'
    $running = @($recorded | Where-Object { $null -eq $_.Completed })

    function Set-TaskSteps([string] $Id, [object[]] $Steps) {
        Invoke-ZvmSimulatorControl $windows "tasks/$Id/steps" -Method POST -Body $Steps | Out-Null
    }

    function Start-Outage([int] $Seconds, [string] $Mode = 'refuse', [switch] $ForgetSessions) {
        Invoke-ZvmSimulatorControl $windows 'outage' -Method POST -Body @{ seconds = $Seconds; mode = $Mode; forgetSessions = [bool]$ForgetSessions } | Out-Null
    }

    function Clear-Faults { Invoke-ZvmSimulatorControl $windows 'faults' -Method DELETE | Out-Null }

    # Polls the simulator until its open API connections number $Count, or 15 s have passed.
    function Wait-OpenConnections([int] $Count) {
        $deadline = [DateTime]::UtcNow.AddSeconds(15)
        do {
            $open = (Get-ListStats $windows).openConnections
            if ($open -eq $Count) { return $open }
            Start-Sleep -Milliseconds 200
        } while ([DateTime]::UtcNow -lt $deadline)
        $open
    }
}

AfterAll {
    Disconnect-AllZvmSessions
    $windows | Stop-ZvmSimulator
}

Describe 'Wait-ZvmTask through a ZVM outage' {
    BeforeEach { Clear-Faults }

    It 'rides out a 20-second outage (<Mode>, sessions forgotten: <Forget>) with one warning, and ends with the task''s real end' -ForEach @(
        @{ Mode = 'refuse'; Forget = $false }
        @{ Mode = '503'; Forget = $true }
    ) {
        $session = Connect-ZvmSession -Server $windows.Url -Credential $windows.Credential -MaximumRetryCount 0 -TimeoutSec 5
        $id = $running[0].TaskIdentifier
        Set-TaskSteps $id @(@{ state = 6; progress = 100 })
        $logins = (Get-ListStats $windows).logins
        Start-Outage -Seconds 20 -Mode $Mode -ForgetSessions:$Forget
        $started = Get-Date
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$ModuleManifest'").AddStatement().AddScript(
                "param(`$s) Wait-ZvmTask -TaskIdentifier '$id' -Session `$s -PollIntervalSec 2").AddArgument($session)
            $output = @($ps.Invoke())
            $output.Count | Should -Be 1
            $output[0].State | Should -Be 'Completed'
            @($ps.Streams.Error).Count | Should -Be 0
            @($ps.Streams.Warning).Count | Should -Be 1
            $ps.Streams.Warning[0].Message | Should -Match "^$([regex]::Escape($session.Server)) is unreachable since \d\d:\d\d:\d\d"
            @($ps.Streams.Progress.StatusDescription) -match "unreachable since \d\d:\d\d$" | Should -Not -BeNullOrEmpty
            ((Get-Date) - $started).TotalSeconds | Should -BeGreaterThan 15 -Because 'the wait went on through the outage'
            if ($Forget) {
                (Get-ListStats $windows).logins | Should -Be ($logins + 1) -Because 'the ZVM forgot the session: the wait logged in again'
            }
        }
        finally { $ps.Dispose(); $session | Disconnect-ZvmSession -ErrorAction SilentlyContinue }
    }

    It 'still ends on the ZVM''s own refusal: a task it does not know' {
        $session = Connect-ZvmSession -Server $windows.Url -Credential $windows.Credential -MaximumRetryCount 0
        try {
            $unknown = '00000000-0000-0000-0000-000000000000.00000000-0000-0000-0000-000000000001'
            Wait-ZvmTask -TaskIdentifier $unknown -Session $session -PollIntervalSec 1 -TimeoutSec 60 -ErrorVariable failures -ErrorAction SilentlyContinue -WarningVariable warnings
            $failures.FullyQualifiedErrorId | Should -Be 'TaskNotFound,ZertoTasks.Commands.WaitZvmTaskCommand'
            $warnings | Should -BeNullOrEmpty
        }
        finally { $session | Disconnect-ZvmSession -ErrorAction SilentlyContinue }
    }

    It '-TimeoutSec 5 is a deadline while a poll hangs: WaitTimedOut names the task and its last state' {
        $session = Connect-ZvmSession -Server $windows.Url -Credential $windows.Credential -TimeoutSec 30 -MaximumRetryCount 3
        $ps = [powershell]::Create()
        try {
            $id = $running[1].TaskIdentifier
            Set-TaskSteps $id @(@{ state = 1; progress = 40 })
            Clear-SimulatorRequest $windows
            $null = $ps.AddScript("Import-Module '$ModuleManifest'").AddStatement().AddScript(
                "param(`$s) Wait-ZvmTask -TaskIdentifier '$id' -Session `$s -PollIntervalSec 1 -TimeoutSec 5").AddArgument($session)
            $started = Get-Date
            $handle = $ps.BeginInvoke()
            # The first look answers; every later one hangs for a minute.
            $deadline = [DateTime]::UtcNow.AddSeconds(20)
            while (-not (Get-SimulatorRequest $windows "/v1/tasks/$id") -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
            Add-SimulatorFault $windows @{ path = "/v1/tasks/$id"; kind = 'delay'; delayMs = 60000; count = 100 }
            $handle.AsyncWaitHandle.WaitOne([timespan]::FromSeconds(60)) | Should -BeTrue
            $elapsed = ((Get-Date) - $started).TotalSeconds
            $failures = @($ps.Streams.Error)
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -Be 'WaitTimedOut,ZertoTasks.Commands.WaitZvmTaskCommand'
            $failures[0].Exception.Message | Should -Match "$([regex]::Escape($id)) \(\w+\) was still InProgress at 40% after 5 seconds"
            $elapsed | Should -BeLessThan 25 -Because 'a poll that hangs for the session''s 30-second time-out must not stretch -TimeoutSec 5'
        }
        finally { $ps.Dispose(); Clear-Faults; $session | Disconnect-ZvmSession -ErrorAction SilentlyContinue }
    }
}

Describe 'Answers from a hostile or odd server' {
    BeforeAll {
        $session = Connect-ZvmSession -Server $windows.Url -Credential $windows.Credential -MaximumRetryCount 0 -TimeoutSec 3
    }
    AfterAll { $session | Disconnect-ZvmSession -ErrorAction SilentlyContinue }
    BeforeEach { Clear-Faults }

    It 'cuts off an answer that trickles one byte a second after its first task' {
        Add-SimulatorFault $windows @{ path = '/v1/tasks'; kind = 'trickle'; index = 1; delayMs = 1000; chunk = 1 }
        $started = Get-Date
        $tasks = @(Get-ZvmTask -Session $session -SkipNameLookup -ErrorVariable failures -ErrorAction SilentlyContinue)
        $tasks.Count | Should -Be 1
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'ZvmUnreachable,ZertoTasks.Commands.GetZvmTaskCommand'
        $failures[0].Exception.Message | Should -Match 'too slowly: less than 240 bytes a second'
        ((Get-Date) - $started).TotalSeconds | Should -BeLessThan 30 -Because 'the answer would take hours at one byte a second'
    }

    It 'does not cut off a slow but steady download that lasts longer than -TimeoutSec' {
        Add-SimulatorFault $windows @{ path = '/v1/tasks'; kind = 'trickle'; index = 0; delayMs = 100; chunk = 100 }
        $started = Get-Date
        $tasks = @(Get-ZvmTask -Session $session -Type FailOverTest -SkipNameLookup -ErrorVariable failures -ErrorAction SilentlyContinue)
        $failures | Should -BeNullOrEmpty
        $tasks.Count | Should -Be @($recorded | Where-Object Type -eq 'FailOverTest').Count
        ((Get-Date) - $started).TotalSeconds | Should -BeGreaterThan 3 -Because 'the download outlasted the session''s -TimeoutSec 3'
    }

    It 'ends the list at its closing bracket when the server keeps the connection open' {
        Add-SimulatorFault $windows @{ path = '/v1/tasks'; kind = 'keepopen'; delayMs = 30000 }
        $tasks = @(Get-ZvmTask -Session $session -SkipNameLookup -ErrorVariable failures -ErrorAction SilentlyContinue)
        $failures | Should -BeNullOrEmpty
        $tasks.Count | Should -Be $recorded.Count
    }

    It 'still reports junk that arrives after the closing bracket' {
        Add-SimulatorFault $windows @{ path = '/v1/tasks'; kind = 'keepopen'; delayMs = 30000; message = '<html>' }
        $tasks = @(Get-ZvmTask -Session $session -SkipNameLookup -ErrorVariable failures -ErrorAction SilentlyContinue)
        $tasks.Count | Should -Be $recorded.Count
        $failures.Count | Should -Be 1
        $failures[0].Exception.Message | Should -Match "'<' is invalid after the list of tasks"
    }

    It 'gives every other task and one error naming the bad one, for a list with a malformed task in the middle' {
        $all = @(Get-ZvmTask -Session $session -SkipNameLookup)
        $all.Count | Should -Be $recorded.Count
        # The simulator spoils the middle task (index Count/2) of the answer; the Windows shape puts its TaskIdentifier after Status.
        $bad = $all[[math]::Floor($all.Count / 2)].TaskIdentifier
        Add-SimulatorFault $windows @{ path = '/v1/tasks'; kind = 'badtask' }
        $tasks = @(Get-ZvmTask -Session $session -SkipNameLookup -ErrorVariable failures -ErrorAction SilentlyContinue)
        $tasks.Count | Should -Be ($recorded.Count - 1)
        $tasks.TaskIdentifier | Should -Not -Contain $bad
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'ZvmResponseInvalid,ZertoTasks.Commands.GetZvmTaskCommand'
        $failures[0].TargetObject | Should -Be $bad
        $failures[0].Exception.Message | Should -Match "task $([regex]::Escape($bad)) \(task \d+ of the list\), Status\.Progress is 1e400, not a whole number"
    }

    It 'frees the connection of a busy answer when stopped (Ctrl+C) during its Retry-After wait' {
        $own = Connect-ZvmSession -Server $windows.Url -Credential $windows.Credential -MaximumRetryCount 3
        $ps = [powershell]::Create()
        try {
            Add-SimulatorFault $windows @{ path = '/v1/tasks'; kind = 'busy'; retryAfter = 30; delayMs = 60000 }
            Clear-SimulatorRequest $windows
            $null = $ps.AddScript("Import-Module '$ModuleManifest'").AddStatement().AddScript(
                "param(`$s) Get-ZvmTask -Session `$s -SkipNameLookup").AddArgument($own)
            $null = $ps.BeginInvoke()
            $deadline = [DateTime]::UtcNow.AddSeconds(20)
            while (-not (Get-SimulatorRequest $windows '/v1/tasks' | Where-Object status -eq 503) -and [DateTime]::UtcNow -lt $deadline) {
                Start-Sleep -Milliseconds 100
            }
            Get-SimulatorRequest $windows '/v1/tasks' | Where-Object status -eq 503 | Should -Not -BeNullOrEmpty
            Start-Sleep -Milliseconds 500
            $ps.Stop()
            Wait-OpenConnections 0 | Should -Be 0
        }
        finally { $ps.Dispose(); $own | Disconnect-ZvmSession -ErrorAction SilentlyContinue }
    }
}
