BeforeAll {
    . $PSScriptRoot/common.ps1
    $windows = Start-ZvmSimulator -Kind Windows
    $session = Connect-ZvmSession -Server $windows.Url -Credential $windows.Credential
    $recorded = Get-RecordedTask 'windows-tasks.json'
    $running = @($recorded | Where-Object { $null -eq $_.Completed })
    # Never scripted by any test below, so it stays WaitingForUserInput.
    $stuckId = ($recorded | Where-Object { $_.Status.State -eq 2 })[0].TaskIdentifier

    # Scripts what the next looks at a task answer: each GET /v1/tasks/{id} takes the next step.
    function Set-TaskSteps([string] $Id, [object[]] $Steps) {
        Invoke-ZvmSimulatorControl $windows "tasks/$Id/steps" -Method POST -Body $Steps | Out-Null
    }

    # Runs a script in its own PowerShell with the module and this test's session; returns its streams.
    function Invoke-Isolated([scriptblock] $Script) {
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$ModuleManifest'").AddStatement().AddScript($Script).AddArgument($session)
            $output = $ps.Invoke()
            [pscustomobject]@{ Output = $output; Errors = @($ps.Streams.Error); Progress = @($ps.Streams.Progress) }
        }
        finally { $ps.Dispose() }
    }
}

AfterAll {
    Disconnect-AllZvmSessions
    $windows | Stop-ZvmSimulator
}

Describe 'Wait-ZvmTask' {
    It 'polls a task to its end, with one progress bar that follows it and then completes' {
        $id = $running[0].TaskIdentifier
        # The first step answers Get-ZvmTask, the rest Wait-ZvmTask's looks.
        Set-TaskSteps $id @(@{ state = 1; progress = 10 }, @{ state = 1; progress = 30 }, @{ state = 1; progress = 60 }, @{ state = 6; progress = 100 })
        $result = Invoke-Isolated ([scriptblock]::Create("param(`$s) Get-ZvmTask -TaskIdentifier '$id' -Session `$s | Wait-ZvmTask -Session `$s -PollIntervalSec 1"))
        $result.Errors | Should -BeNullOrEmpty
        $result.Output.Count | Should -Be 1
        $result.Output[0].State | Should -Be 'Completed'
        $result.Output[0].Completed | Should -Not -BeNullOrEmpty
        $result.Progress.PercentComplete | Should -Contain 30
        $result.Progress.PercentComplete | Should -Contain 60
        $result.Progress[-1].RecordType | Should -Be 'Completed'
        @($result.Progress.ActivityId | Sort-Object -Unique).Count | Should -Be 1
    }

    It 'names the task''s VPGs in its progress bar' {
        $id = $running[0].TaskIdentifier
        Set-TaskSteps $id @(@{ state = 1; progress = 40 }, @{ state = 6; progress = 100 })
        $result = Invoke-Isolated ([scriptblock]::Create("param(`$s) Wait-ZvmTask -TaskIdentifier '$id' -Session `$s -PollIntervalSec 1"))
        $result.Output[0].Vpgs.ToString() | Should -Be 'Web-Frontend; File-Servers'
        $result.Progress.Count | Should -Be 2
        foreach ($record in $result.Progress) {
            $record.Activity | Should -Be "Waiting for InitFullSync of Web-Frontend; File-Servers on $($session.Server)"
        }
        $result.Progress[0].StatusDescription | Should -Be 'InProgress, 40%'
    }

    It 'waits for an id written with a colon, as Zerto''s actions return it, asking for the dot form' {
        $id = $running[0].TaskIdentifier
        Set-TaskSteps $id @(@{ state = 1; progress = 50 }, @{ state = 6; progress = 100 })
        Clear-SimulatorRequest $windows
        $task = [pscustomobject]@{ TaskIdentifier = $id -replace '\.', ':' } | Wait-ZvmTask -Session $session -PollIntervalSec 1
        $task.TaskIdentifier | Should -Be $id
        $task.State | Should -Be 'Completed'
        @(Get-SimulatorRequest $windows '/v1/tasks/*').path | Sort-Object -Unique | Should -Be "/v1/tasks/$id"
    }

    It 'writes a failed task and reports TaskFailed with its reason' {
        $id = $running[1].TaskIdentifier
        Set-TaskSteps $id @(@{ state = 1; progress = 10 }, @{ state = 4; progress = 10; completeReason = 'VRA on esx07 is unreachable' })
        $task = Wait-ZvmTask -TaskIdentifier $id -Session $session -PollIntervalSec 1 -ErrorVariable failures -ErrorAction SilentlyContinue
        $task.State | Should -Be 'Failed'
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'TaskFailed,ZertoTasks.Commands.WaitZvmTaskCommand'
        $failures[0].Exception.Message | Should -Match 'VRA on esx07 is unreachable'
        $failures[0].TargetObject.TaskIdentifier | Should -Be $id
    }

    It 'stops a runbook on a failed task with -ErrorAction Stop' {
        $id = $running[2].TaskIdentifier
        Set-TaskSteps $id @(@{ state = 5; progress = 20; completeReason = 'Stopped by the administrator' })
        { Wait-ZvmTask -TaskIdentifier $id -Session $session -PollIntervalSec 1 -ErrorAction Stop } |
            Should -Throw -ErrorId 'TaskFailed,ZertoTasks.Commands.WaitZvmTaskCommand'
    }

    It 'waits for several tasks at once and writes each as it ends' {
        $a, $b = $running[0].TaskIdentifier, $running[1].TaskIdentifier
        Set-TaskSteps $a @(@{ state = 1; progress = 50 }, @{ state = 1; progress = 90 }, @{ state = 6; progress = 100 })
        Set-TaskSteps $b @(@{ state = 6; progress = 100 })
        $tasks = Wait-ZvmTask -TaskIdentifier $a, $b -Session $session -PollIntervalSec 1
        $tasks.TaskIdentifier | Should -Be @($b, $a)
    }

    It 'gives up after -TimeoutSec with WaitTimedOut naming the task' {
        $started = Get-Date
        $tasks = Wait-ZvmTask -TaskIdentifier $stuckId -Session $session -TimeoutSec 2 -PollIntervalSec 1 -ErrorVariable failures -ErrorAction SilentlyContinue
        $tasks | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -Be 'WaitTimedOut,ZertoTasks.Commands.WaitZvmTaskCommand'
        $failures[0].Exception.Message | Should -Match $stuckId
        ((Get-Date) - $started).TotalSeconds | Should -BeLessThan 30 -Because 'a time-out must end the wait'
    }

    It 'warns once that a task waiting for user input waits for a person' {
        $null = Wait-ZvmTask -TaskIdentifier $stuckId -Session $session -TimeoutSec 3 -PollIntervalSec 1 -WarningVariable warnings -WarningAction SilentlyContinue -ErrorAction SilentlyContinue
        $warnings.Count | Should -Be 1
        $warnings[0].Message | Should -Match "$stuckId .*waiting for user input.*commit or rollback"
    }

    It 'reports an unknown task and an invalid id without stopping' {
        $unknown = '00000000-0000-0000-0000-000000000000.00000000-0000-0000-0000-000000000001'
        Wait-ZvmTask -TaskIdentifier 'bad-id', $unknown -Session $session -PollIntervalSec 1 -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures.FullyQualifiedErrorId | Should -Be @('InvalidTaskIdentifier,ZertoTasks.Commands.WaitZvmTaskCommand', 'TaskNotFound,ZertoTasks.Commands.WaitZvmTaskCommand')
    }

    Context 'Example 4 of its help, a runbook under $ErrorActionPreference = Stop' {
        BeforeAll {
            . $PSScriptRoot/HelpPages.ps1
            $page = Read-CmdletHelpPage (Join-Path $RepoRoot 'docs/en-US/Wait-ZvmTask.md')
            $example = ($page.Examples | Where-Object Title -like 'Example 4:*').Code -join "`n"

            # Runs the example as printed, against the simulator: its server, a credential
            # asset that returns the simulator's credential, a 1-second poll, and the type given.
            function Invoke-Example4([string] $Type) {
                $code = $example.Replace("'zvm01.corp.example'", "'$($windows.Url)'").
                    Replace('PollIntervalSec = 30', 'PollIntervalSec = 1').
                    Replace("Type = 'FailOverTest'", "Type = '$Type'")
                $ps = [powershell]::Create()
                try {
                    $null = $ps.AddScript("Import-Module '$ModuleManifest'").AddStatement().AddScript(
                        "param(`$c) function Get-AutomationPSCredential(`$Name) { `$c }`n" +
                        "try { . { $code } } catch { `$_ }").AddArgument($windows.Credential)
                    $output = @($ps.Invoke())
                    [pscustomobject]@{ Output = $output; Warnings = @($ps.Streams.Warning.Message); Errors = @($ps.Streams.Error) }
                }
                finally { $ps.Dispose() }
            }
        }

        It 'is the code these tests adapt' {
            $example | Should -Match ([regex]::Escape("'zvm01.corp.example'"))
            $example | Should -Match 'PollIntervalSec = 30'
            $example | Should -Match "Type = 'FailOverTest'"
        }

        It 'stops with the failed task''s own TaskFailed error, logged as a warning first' {
            $id = $running[0].TaskIdentifier
            $running[0].Type | Should -Be 'InitFullSync'
            Set-TaskSteps $id @(@{ state = 1; progress = 50 }, @{ state = 4; progress = 50; completeReason = 'Host esx03 is in maintenance mode' })
            $result = Invoke-Example4 -Type InitFullSync
            $result.Output.Count | Should -Be 1
            $result.Output[0] | Should -BeOfType System.Management.Automation.ErrorRecord
            $result.Output[0].FullyQualifiedErrorId | Should -Be 'TaskFailed,ZertoTasks.Commands.WaitZvmTaskCommand'
            $result.Output[0].Exception.Message | Should -Match 'esx03 is in maintenance mode'
            $result.Warnings | Should -Be @('Stopped waiting: TaskFailed,ZertoTasks.Commands.WaitZvmTaskCommand')
        }

        It 'reports 0 tests when none is running' {
            $result = Invoke-Example4 -Type FailOverTest
            $result.Errors | Should -BeNullOrEmpty
            $result.Warnings | Should -BeNullOrEmpty
            $result.Output | Should -Be @('All 0 running failover tests completed.')
        }
    }

    It 'stops at once when the pipeline is stopped (Ctrl+C)' {
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$ModuleManifest'").AddStatement().AddScript("param(`$s) Wait-ZvmTask -TaskIdentifier '$stuckId' -Session `$s -PollIntervalSec 60").AddArgument($session)
            $handle = $ps.BeginInvoke()
            Start-Sleep -Milliseconds 1500
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            # Stop() returns when the pipeline has stopped; the handle is signalled just after it.
            $handle.AsyncWaitHandle.WaitOne([timespan]::FromSeconds(5)) | Should -BeTrue
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 5
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        }
        finally { $ps.Dispose() }
    }
}
