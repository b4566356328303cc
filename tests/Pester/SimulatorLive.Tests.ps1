# The simulator's live mode, which the Watch-ZvmTask tests and bench stand on: tasks that start,
# move and end over time on the simulated ZVM's own clock, served by the same endpoints and filters
# as the history. Times are scripted far apart (an hour) where a test must not race the clock.
BeforeAll {
    . $PSScriptRoot/common.ps1
    $windows = Start-ZvmSimulator -Kind Windows
    $appliance = Start-ZvmSimulator -Kind Appliance -ClockOffsetSec 600
    $onWindows = Connect-ZvmSession -Server $windows.Url -Credential $windows.Credential
    $onAppliance = Connect-ZvmSession -Server $appliance.Url -Credential $appliance.Credential
    $hour = 3600000
}

AfterAll {
    Disconnect-AllZvmSessions
    $windows, $appliance | Stop-ZvmSimulator
}

Describe 'Simulator live mode' {
    It 'serves a live task after the history, in the kind''s shape, as its timeline has it now (<Kind>)' -ForEach @(
        @{ Kind = 'Windows' }, @{ Kind = 'Appliance' }
    ) {
        $sim, $session = if ($Kind -eq 'Windows') { $windows, $onWindows } else { $appliance, $onAppliance }
        $running = New-SimulatorLiveTask $sim -Type InitFullSync -Steps @{ atMs = 0; state = 1; progress = 10 }, @{ atMs = $hour; state = 6; progress = 100 }
        $failed = New-SimulatorLiveTask $sim -Type FailOverTest -Steps @{ atMs = 1; state = 4; progress = 60; completeReason = 'No recovery host.' }
        Start-Sleep -Milliseconds 200
        $tasks = Get-ZvmTask -Session $session
        $live = @(Invoke-ZvmSimulatorControl $sim 'live/tasks' | ForEach-Object { $_ })
        $live.Count | Should -Be 2
        $tasks.Count | Should -Be ((Get-RecordedTask "$($Kind.ToLower())-tasks.json").Count + 2)
        $byId = Get-ZvmTask -Session $session -TaskIdentifier $running.identifier, $failed.identifier
        $byId[0].State | Should -Be 'InProgress'
        $byId[0].Progress | Should -Be 10
        $byId[0].Type | Should -Be 'InitFullSync'
        $byId[0].Completed | Should -BeNullOrEmpty
        $byId[1].State | Should -Be 'Failed'
        $byId[1].CompleteReason | Should -Be 'No recovery host.'
        ($byId[1].Completed - $byId[1].Started).TotalMilliseconds | Should -Be 1
        $tasks[-1].TaskIdentifier | Should -Be $failed.identifier
    }

    It 'moves a task on a control call, and applies the filters to live tasks' {
        $task = New-SimulatorLiveTask $windows -Type Move -Steps @{ atMs = 0; state = 1; progress = 5 }, @{ atMs = $hour; state = 6; progress = 100 }
        $started = (Get-ZvmTask -Session $onWindows -TaskIdentifier $task.identifier).Started
        Set-SimulatorLiveTask $windows $task.identifier -State 2 -Progress 50
        (Get-ZvmTask -Session $onWindows -TaskIdentifier $task.identifier).State | Should -Be 'WaitingForUserInput'
        @(Get-ZvmTask -Session $onWindows -Status WaitingForUserInput -StartedAfter $started.AddSeconds(-1)).TaskIdentifier | Should -Be $task.identifier
        Set-SimulatorLiveTask $windows $task.identifier -State 6 -Progress 100
        $ended = Get-ZvmTask -Session $onWindows -CompletedAfter $started.AddSeconds(-1) | Where-Object TaskIdentifier -eq $task.identifier
        $ended.State | Should -Be 'Completed'
        $ended.Completed | Should -BeGreaterOrEqual $started
    }

    It 'does not show a task before its start, and shows it ended when it started and ended between two reads' {
        $later = New-SimulatorLiveTask $windows -StartInMs $hour
        $brief = New-SimulatorLiveTask $windows -StartInMs 300 -Steps @{ atMs = 200; state = 6; progress = 100 }
        $ids = (Get-ZvmTask -Session $onWindows).TaskIdentifier
        $ids | Should -Not -Contain $later.identifier
        $ids | Should -Not -Contain $brief.identifier
        Start-Sleep -Milliseconds 800
        $seen = Get-ZvmTask -Session $onWindows | Where-Object TaskIdentifier -in $later.identifier, $brief.identifier
        @($seen).Count | Should -Be 1
        $seen.State | Should -Be 'Completed'
        $seen.Duration.TotalMilliseconds | Should -Be 200
    }

    It 'keeps the ZVM''s own clock: the Date header and the task times are 10 minutes ahead of this machine' {
        $answer = Invoke-WebRequest "$($appliance.Url)/_sim/clock" -SkipCertificateCheck
        $ahead = ([datetime]::Parse($answer.Headers.Date[0]).ToUniversalTime() - [datetime]::UtcNow).TotalSeconds
        $ahead | Should -BeGreaterThan 590
        $ahead | Should -BeLessThan 610
        $task = New-SimulatorLiveTask $appliance
        ([datetime]::Parse($task.started).ToUniversalTime() - [datetime]::UtcNow).TotalSeconds | Should -BeGreaterThan 590

        Invoke-ZvmSimulatorControl $appliance 'clock' -Method POST -Body @{ offsetSeconds = -120 } | Out-Null
        $answer = Invoke-WebRequest "$($appliance.Url)/_sim/clock" -SkipCertificateCheck
        ([datetime]::Parse($answer.Headers.Date[0]).ToUniversalTime() - [datetime]::UtcNow).TotalSeconds | Should -BeLessThan -100
        Invoke-ZvmSimulatorControl $appliance 'clock' -Method POST -Body @{ offsetSeconds = 600 } | Out-Null
    }

    It 'refuses a bad live task' {
        $answer = { param($Body) try { Invoke-ZvmSimulatorControl $windows 'live/tasks' -Method POST -Body $Body } catch { $_.ErrorDetails.Message } }
        & $answer @{ steps = @(@{ atMs = -1; state = 1 }) } | Should -BeLike '*steps at 0 ms or later*'
        & $answer @{ steps = @(@{ atMs = 1; state = 9 }) } | Should -BeLike '*states 0-7*'
    }
}
