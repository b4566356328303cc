# One session used from several runspaces at once, and sessions that stay in their own runspace.
BeforeAll {
    . $PSScriptRoot/common.ps1
    $windows = Start-ZvmSimulator -Kind Windows
    $appliance = Start-ZvmSimulator -Kind Appliance
    $manifest = $ModuleManifest
    $taskCount = @{
        Windows   = @(Get-RecordedTask 'windows-tasks.json').Count
        Appliance = @(Get-RecordedTask 'appliance-tasks.json').Count
    }

    function Get-Stat($Simulator) { Invoke-ZvmSimulatorControl $Simulator 'stats' }

    # Eight Get-ZvmTask calls at once on one session; each returns how many tasks it read.
    function Invoke-ParallelRead($Session) {
        1..8 | ForEach-Object -ThrottleLimit 8 -Parallel {
            Import-Module $using:manifest
            @(Get-ZvmTask -Session $using:Session -ErrorAction Stop).Count
        }
    }
}

AfterAll {
    Disconnect-AllZvmSessions
    $windows, $appliance | Stop-ZvmSimulator
}

Describe 'One session shared by parallel runspaces' {
    It '<Kind>: eight parallel reads each get every task' -ForEach @(@{ Kind = 'Windows' }, @{ Kind = 'Appliance' }) {
        $simulator = if ($Kind -eq 'Windows') { $windows } else { $appliance }
        $session = Connect-ZvmSession -Server $simulator.Url -Credential $simulator.Credential -Kind $Kind
        Invoke-ParallelRead $session | Should -Be (@($taskCount[$Kind]) * 8)
    }

    It '<Kind>: when the session expires mid-way, they renew it once between them' -ForEach @(
        @{ Kind = 'Windows'; Counter = 'logins' }
        @{ Kind = 'Appliance'; Counter = 'refreshes' }
    ) {
        $simulator = if ($Kind -eq 'Windows') { $windows } else { $appliance }
        $session = Connect-ZvmSession -Server $simulator.Url -Credential $simulator.Credential -Kind $Kind
        Clear-SimulatorRequest $simulator
        $before = Get-Stat $simulator
        # The first list request to arrive ends every session; the others meet the 401s.
        Add-SimulatorFault $simulator @{ path = '/v1/tasks'; exact = $true; kind = 'expire' }
        Invoke-ParallelRead $session | Should -Be (@($taskCount[$Kind]) * 8)
        $after = Get-Stat $simulator
        $after.$Counter - $before.$Counter | Should -Be 1
        if ($Kind -eq 'Appliance') { $after.logins - $before.logins | Should -Be 0 }
        (Get-SimulatorRequest $simulator '/v1/tasks').status | Should -Contain 401
    }
}

Describe 'Sessions stay in their runspace' {
    It 'a parallel runspace has no default session, though this one has' {
        Connect-ZvmSession -Server $windows.Url -Credential $windows.Credential | Out-Null
        $ids = 1..2 | ForEach-Object -Parallel {
            Import-Module $using:manifest
            try { Get-ZvmTask -ErrorAction Stop | Out-Null; 'no error' } catch { $_.FullyQualifiedErrorId }
        }
        $ids | Should -Be (@('NoZvmSession,ZertoTasks.Commands.GetZvmTaskCommand') * 2)
    }

    It 'a session connected in a parallel runspace is not seen outside it' {
        Disconnect-AllZvmSessions
        $mine = Connect-ZvmSession -Server $windows.Url -Credential $windows.Credential
        $seenInside = 1..2 | ForEach-Object -Parallel {
            Import-Module $using:manifest
            $theirs = Connect-ZvmSession -Server ($using:appliance).Url -Credential ($using:appliance).Credential
            (Get-ZvmSession).Server
            Disconnect-ZvmSession -Session $theirs
        }
        $seenInside | Should -Be (@(([uri]$appliance.Url).Authority) * 2)
        Get-ZvmSession | Should -Be $mine
    }
}

Describe 'Disconnect-ZvmSession while another runspace uses the session' {
    It '<Kind>: the listing in flight ends with ZvmSessionDisconnected, not a disposed object' -ForEach @(@{ Kind = 'Windows' }, @{ Kind = 'Appliance' }) {
        $simulator = if ($Kind -eq 'Windows') { $windows } else { $appliance }
        $session = Connect-ZvmSession -Server $simulator.Url -Credential $simulator.Credential -Kind $Kind -MaximumRetryCount 3 -RetryIntervalSec 0
        Clear-SimulatorRequest $simulator
        # The answer goes silent after its first bytes, so the listing is surely in flight.
        Add-SimulatorFault $simulator @{ path = '/v1/tasks'; exact = $true; kind = 'stall'; afterBytes = 2000; delayMs = 60000 }
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$manifest'").AddStatement().AddScript(
                'param($s) Get-ZvmTask -Session $s -ErrorVariable failures -ErrorAction SilentlyContinue | Out-Null; $failures').AddArgument($session)
            $handle = $ps.BeginInvoke()
            $deadline = (Get-Date).AddSeconds(20)
            while (-not (Get-SimulatorRequest $simulator '/v1/tasks' | Where-Object status -eq 200) -and (Get-Date) -lt $deadline) { Start-Sleep -Milliseconds 100 }
            Start-Sleep -Milliseconds 300
            Disconnect-ZvmSession -Session $session
            $handle.AsyncWaitHandle.WaitOne([timespan]::FromSeconds(20)) | Should -BeTrue -Because 'the listing must end when its session does'
            $failures = @($ps.EndInvoke($handle))
        }
        finally { $ps.Dispose() }
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'ZvmSessionDisconnected,ZertoTasks.Commands.GetZvmTaskCommand'
        $failures[0].Exception.Message | Should -Not -Match 'disposed'
        $failures[0].Exception.Message | Should -Match 'Connect-ZvmSession'
    }

    It 'a later call with the disconnected session is ZvmSessionDisconnected, not NoZvmSession' {
        $session = Connect-ZvmSession -Server $windows.Url -Credential $windows.Credential
        Disconnect-ZvmSession -Session $session
        { Get-ZvmTaskType -Session $session } | Should -Throw -ErrorId 'ZvmSessionDisconnected,ZertoTasks.Commands.GetZvmTaskTypeCommand'
        $Error[0].TargetObject | Should -Be $session
    }
}
