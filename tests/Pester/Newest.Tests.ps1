BeforeAll {
    . $PSScriptRoot/common.ps1
    $windows = Start-ZvmSimulator -Kind Windows
    $appliance = Start-ZvmSimulator -Kind Appliance
    $windowsSession = Connect-ZvmSession -Server $windows.Url -Credential $windows.Credential
    $applianceSession = Connect-ZvmSession -Server $appliance.Url -Credential $appliance.Credential
    $recordedWindows = Get-RecordedTask 'windows-tasks.json'
    $recordedAppliance = Get-RecordedTask 'appliance-tasks.json'

    # The recorded tasks, newest first, as [pscustomobject]@{ Id; Started (UTC) }.
    function Get-RecordedNewest($Recorded, [scriptblock] $Where = { $true }) {
        $Recorded | Where-Object $Where | ForEach-Object {
            $started = if ($_.PSObject.Properties['Started']) { $_.Started } else { $_.started }
            $id = if ($_.PSObject.Properties['TaskIdentifier']) { $_.TaskIdentifier } else { $_.link.identifier }
            [pscustomobject]@{ Id = $id; Started = ConvertFrom-RecordedDate $started }
        } | Sort-Object Started -Descending
    }
}

AfterAll {
    Disconnect-AllZvmSessions
    $windows, $appliance | Stop-ZvmSimulator
}

Describe 'Get-ZvmTask -Newest' {
    It 'writes the N most recently started tasks, newest first, whatever order the server sends' {
        $tasks = @(Get-ZvmTask -Newest 5 -Session $windowsSession)
        $tasks.TaskIdentifier | Should -Be (Get-RecordedNewest $recordedWindows | Select-Object -First 5).Id
    }

    It 'applies the filters first: the 3 newest failed tasks' {
        Clear-SimulatorRequest $windows
        $tasks = @(Get-ZvmTask -Status Failed -Newest 3 -Session $windowsSession)
        (Get-SimulatorRequest $windows '/v1/tasks').query | Should -Be '?status=Failed'
        $tasks.TaskIdentifier | Should -Be (Get-RecordedNewest $recordedWindows { $_.Status.State -eq 4 } | Select-Object -First 3).Id
    }

    It 'takes the newest of all the sessions together' {
        $expected = @(Get-RecordedNewest $recordedWindows) + @(Get-RecordedNewest $recordedAppliance) | Sort-Object Started -Descending | Select-Object -First 6
        (Get-ZvmTask -Newest 6 -Session $windowsSession, $applianceSession).TaskIdentifier | Should -Be $expected.Id
    }

    It 'writes every task, newest first, when there are fewer than N' {
        $tasks = @(Get-ZvmTask -Newest 1000 -Session $applianceSession)
        $tasks.TaskIdentifier | Should -Be (Get-RecordedNewest $recordedAppliance).Id
    }

    It 'refuses -Newest <Bad> before any request' -ForEach @(@{ Bad = 0 }, @{ Bad = -5 }) {
        Clear-SimulatorRequest $windows
        { Get-ZvmTask -Newest $Bad -Session $windowsSession } | Should -Throw -ErrorId 'ParameterArgumentValidationError,ZertoTasks.Commands.GetZvmTaskCommand'
        Get-SimulatorRequest $windows '/v1/tasks*' | Should -BeNullOrEmpty
    }

    It 'finds the 5 newest of an oldest-first history of 100,000 tasks' {
        $large = Start-ZvmSimulator -Generate 100000
        try {
            $session = Connect-ZvmSession -Server $large.Url -Credential $large.Credential
            $first = Get-ZvmTask -Session $session | Select-Object -First 1
            # The generated history comes oldest first: its last five, in reverse, are the newest.
            $last = @(Get-ZvmTask -Session $session | Select-Object -Last 5)
            $last[-1].Started | Should -BeGreaterThan $first.Started
            [array]::Reverse($last)
            $newest = @(Get-ZvmTask -Newest 5 -Session $session)
            $newest.TaskIdentifier | Should -Be $last.TaskIdentifier
            for ($i = 1; $i -lt 5; $i++) { $newest[$i].Started | Should -BeLessThan $newest[$i - 1].Started }
        }
        finally {
            if ($session) { Disconnect-ZvmSession -Session $session }
            $large | Stop-ZvmSimulator
        }
    }
}
