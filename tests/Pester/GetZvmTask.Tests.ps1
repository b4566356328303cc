BeforeAll {
    . $PSScriptRoot/common.ps1
    $windows = Start-ZvmSimulator -Kind Windows
    $appliance = Start-ZvmSimulator -Kind Appliance
    $windowsSession = Connect-ZvmSession -Server $windows.Url -Credential $windows.Credential
    $applianceSession = Connect-ZvmSession -Server $appliance.Url -Credential $appliance.Credential
    $recordedWindows = Get-RecordedTask 'windows-tasks.json'
    $recordedAppliance = Get-RecordedTask 'appliance-tasks.json'

    function Get-LastTaskQuery($Simulator) { @(Get-SimulatorRequest $Simulator '/v1/tasks')[-1].query }
}

AfterAll {
    Disconnect-AllZvmSessions
    $windows, $appliance | Stop-ZvmSimulator
}

Describe 'Get-ZvmTask lists' {
    It 'every task of a Windows ZVM, as ZvmTask objects' {
        $tasks = Get-ZvmTask -Session $windowsSession
        $tasks.Count | Should -Be $recordedWindows.Count
        $tasks[0] | Should -BeOfType ZertoTasks.ZvmTask
        $tasks.TaskIdentifier | Should -Be $recordedWindows.TaskIdentifier
        Get-LastTaskQuery $windows | Should -BeNullOrEmpty
    }

    It 'every task of an appliance, taking ids from link.identifier' {
        $tasks = Get-ZvmTask -Session $applianceSession
        $tasks.Count | Should -Be $recordedAppliance.Count
        $tasks.TaskIdentifier | Should -Be $recordedAppliance.link.identifier
        $tasks.TaskIdentifier | Should -Not -Contain ''
    }

    It 'reads <Shape> dates as the same instants the server sent' -ForEach @(@{ Shape = 'Windows' }, @{ Shape = 'Appliance' }) {
        $session, $recorded = if ($Shape -eq 'Windows') { $windowsSession, $recordedWindows } else { $applianceSession, $recordedAppliance }
        $tasks = Get-ZvmTask -Session $session
        for ($i = 0; $i -lt $tasks.Count; $i++) {
            $started = if ($Shape -eq 'Windows') { $recorded[$i].Started } else { $recorded[$i].started }
            $completed = if ($Shape -eq 'Windows') { $recorded[$i].Completed } else { $recorded[$i].completed }
            $tasks[$i].Started.Kind | Should -Be 'Local'
            $tasks[$i].Started.ToUniversalTime() | Should -Be (ConvertFrom-RecordedDate $started)
            if ($null -eq $completed) {
                $tasks[$i].Completed | Should -BeNullOrEmpty
                $tasks[$i].Duration | Should -BeNullOrEmpty
            }
            else {
                $tasks[$i].Completed.ToUniversalTime() | Should -Be (ConvertFrom-RecordedDate $completed)
            }
        }
    }

    It 'carries unknown types and states through with their raw names' {
        $tasks = Get-ZvmTask -Session $windowsSession
        $tasks.Type | Should -Contain 'RecoveryReportGeneration'
        $tasks.Type | Should -Contain 'UpgradeVra'
        $tasks.Type | Should -Contain 'UpgradeVRA'
        $tasks.State | Should -Contain '9'
    }

    It 'gives flat properties that Where-Object filters naturally' {
        $failed = Get-ZvmTask -Session $windowsSession | Where-Object { $_.State -eq 'Failed' -and $_.Started -gt [datetime]'2026-11-01' }
        $expected = $recordedWindows | Where-Object { $_.Status.State -eq 4 -and (ConvertFrom-RecordedDate $_.Started) -gt ([datetime]'2026-11-01').ToUniversalTime() }
        $failed.TaskIdentifier | Should -Be $expected.TaskIdentifier
        @($failed).Count | Should -BeGreaterThan 0
    }
}

Describe 'Get-ZvmTask filters on the server' {
    BeforeEach { Clear-SimulatorRequest $windows }

    It 'sends -<Name> in UTC with a Z and returns what the server filtered' -ForEach @(
        @{ Name = 'StartedAfter'; Query = 'startedAfterDate'; Field = 'Started'; Later = $true }
        @{ Name = 'StartedBefore'; Query = 'startedBeforeDate'; Field = 'Started'; Later = $false }
        @{ Name = 'CompletedAfter'; Query = 'completedAfterDate'; Field = 'Completed'; Later = $true }
        @{ Name = 'CompletedBefore'; Query = 'completedBeforeDate'; Field = 'Completed'; Later = $false }
    ) {
        $when = [datetime]::new(2026, 11, 10, 12, 0, 0, [DateTimeKind]::Utc).ToLocalTime()
        $parameters = @{ $Name = $when; Session = $windowsSession }
        $tasks = @(Get-ZvmTask @parameters)
        Get-LastTaskQuery $windows | Should -Be "?$Query=2026-11-10T12%3A00%3A00.000Z"
        $expected = $recordedWindows | Where-Object {
            $value = ConvertFrom-RecordedDate $_.$Field
            $null -ne $value -and $(if ($Later) { $value -gt $when.ToUniversalTime() } else { $value -lt $when.ToUniversalTime() })
        }
        $tasks.TaskIdentifier | Should -Be $expected.TaskIdentifier
        $tasks.Count | Should -BeGreaterThan 0
    }

    It 'sends -Type and -Status by name, and the server filters them' {
        $tasks = @(Get-ZvmTask -Type failovertest -Status 4 -Session $windowsSession)
        Get-LastTaskQuery $windows | Should -Be '?type=FailOverTest&status=Failed'
        $tasks.Count | Should -Be @($recordedWindows | Where-Object { $_.Type -eq 'FailOverTest' -and $_.Status.State -eq 4 }).Count
        $tasks.Count | Should -BeGreaterThan 0
    }

    It 'takes -State as an alias of -Status' {
        Get-ZvmTask -State InProgress -Session $windowsSession | ForEach-Object State | Should -Be 'InProgress'
    }

    It 'combines every filter in one request' {
        $null = Get-ZvmTask -Session $windowsSession -StartedAfter '2026-11-01' -StartedBefore '2026-11-20' `
            -CompletedAfter '2026-11-01' -CompletedBefore '2026-11-21' -Type Move -Status Completed
        $query = Get-LastTaskQuery $windows
        foreach ($name in 'startedAfterDate', 'startedBeforeDate', 'completedAfterDate', 'completedBeforeDate', 'type=Move', 'status=Completed') {
            $query | Should -Match $name
        }
    }

    It 'refuses an empty window before any request: -<After> later than -<Before>' -ForEach @(
        @{ After = 'StartedAfter'; Before = 'StartedBefore' }, @{ After = 'CompletedAfter'; Before = 'CompletedBefore' }
    ) {
        $parameters = @{ $After = [datetime]'2026-11-20'; $Before = [datetime]'2026-11-01'; Session = $windowsSession }
        { Get-ZvmTask @parameters } | Should -Throw -ErrorId 'InvalidDateRange,ZertoTasks.Commands.GetZvmTaskCommand'
        Get-SimulatorRequest $windows '/v1/tasks*' | Should -BeNullOrEmpty
    }

    It 'refuses a -<Name> outside the enum, saying where the valid values are' -ForEach @(@{ Name = 'Type' }, @{ Name = 'Status' }) {
        $parameters = @{ $Name = 'NoSuchThing'; Session = $windowsSession }
        { Get-ZvmTask @parameters } | Should -Throw -ErrorId 'CannotConvertArgumentNoMessage,ZertoTasks.Commands.GetZvmTaskCommand'
        $Error[0].Exception.Message | Should -Match 'FailOver|InProgress'
    }
}

Describe 'Get-ZvmTask -TaskIdentifier' {
    It 'reads one task from /v1/tasks/{id}' {
        $id = $recordedWindows[3].TaskIdentifier
        Clear-SimulatorRequest $windows
        $task = Get-ZvmTask -TaskIdentifier $id -Session $windowsSession
        $task.TaskIdentifier | Should -Be $id
        $task.Type | Should -Be $recordedWindows[3].Type
        (Get-SimulatorRequest $windows '/v1/tasks/*').path | Should -Be "/v1/tasks/$id"
    }

    It 'reads an appliance task by the id from its link' {
        $id = $recordedAppliance[1].link.identifier
        (Get-ZvmTask -Id $id -Session $applianceSession).TaskIdentifier | Should -Be $id
    }

    It 'reads piped tasks again from the session they came from, not the default' {
        (Get-ZvmSession)[0] | Should -Be $applianceSession
        $ids = (Get-ZvmTask -Session $windowsSession | Select-Object -First 3).TaskIdentifier
        $again = Get-ZvmTask -Session $windowsSession | Select-Object -First 3 | Get-ZvmTask
        $again.TaskIdentifier | Should -Be $ids
        $again.Server | Sort-Object -Unique | Should -Be $windowsSession.Server
    }

    It 'takes task ids piped as text, and sessions piped as objects' {
        $ids = (Get-ZvmTask -Session $windowsSession | Select-Object -First 2).TaskIdentifier
        ($ids | Get-ZvmTask -Session $windowsSession).TaskIdentifier | Should -Be $ids
        # A session is not a task id: piped, it chooses the ZVM to list.
        @($windowsSession | Get-ZvmTask).Count | Should -Be $recordedWindows.Count
    }

    It 'reports an unknown id as ObjectNotFound and still reads the next one' {
        $unknown = '00000000-0000-0000-0000-000000000000.00000000-0000-0000-0000-000000000001'
        $known = $recordedWindows[0].TaskIdentifier
        $found = Get-ZvmTask -TaskId $unknown, $known -Session $windowsSession -ErrorVariable failures -ErrorAction SilentlyContinue
        $found.TaskIdentifier | Should -Be $known
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'TaskNotFound,ZertoTasks.Commands.GetZvmTaskCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failures[0].TargetObject | Should -Be $unknown
        $failures[0].ErrorDetails.Message | Should -Match 'not found'
    }

    It 'refuses a malformed id before any request: <Bad>' -ForEach @(
        @{ Bad = '../session' }, @{ Bad = 'abc?x=1' }, @{ Bad = "0c66b743-01d3-42c5-844b-bf5d4283ddb1%2F6b5b30d6-c090-4233-8466-5fe18bf39a4c" }, @{ Bad = "x`r`ny" }
    ) {
        Clear-SimulatorRequest $windows
        Get-ZvmTask -TaskIdentifier $Bad -Session $windowsSession -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -Be 'InvalidTaskIdentifier,ZertoTasks.Commands.GetZvmTaskCommand'
        $failures[0].TargetObject | Should -Be $Bad
        Get-SimulatorRequest $windows '/v1/*' | Should -BeNullOrEmpty
    }

    It 'accepts a colon between the two GUIDs' {
        $id = $recordedWindows[0].TaskIdentifier
        (Get-ZvmTask -TaskIdentifier ($id -replace '\.', ':') -Session $windowsSession).TaskIdentifier | Should -Be $id
    }
}

Describe 'Get-ZvmTask | Export-Csv' {
    It 'writes readable cells whose dates round-trip' {
        $path = Join-Path $TestDrive 'tasks.csv'
        $tasks = Get-ZvmTask -Session $windowsSession
        $tasks | Export-Csv -Path $path -NoTypeInformation
        $text = Get-Content $path -Raw
        $text | Should -Not -Match 'System\.|@\{|ZertoTasks\.'
        $rows = Import-Csv $path
        $rows.Count | Should -Be $tasks.Count
        $withVpgs = [array]::FindIndex([object[]]$tasks, [Predicate[object]] { param($t) $t.Vpgs.Count -gt 1 })
        $rows[$withVpgs].Vpgs | Should -Be ($tasks[$withVpgs].Vpgs -join '; ')
        for ($i = 0; $i -lt $tasks.Count; $i++) {
            # The CSV keeps whole seconds, in the invariant format [datetime] reads back.
            $seconds = $tasks[$i].Started.AddTicks(-($tasks[$i].Started.Ticks % [timespan]::TicksPerSecond))
            [datetime]$rows[$i].Started | Should -Be $seconds
        }
    }
}

Describe 'Get-ZvmTask output' {
    It 'prints a table with the columns an administrator scans' {
        $table = Get-ZvmTask -Session $windowsSession | Select-Object -First 3 | Out-String -Width 200
        $table | Should -Match 'Started\s+Vpgs\s+Type\s+State\s+Reason'
        $table | Should -Not -Match '@\{|System\.'
    }
}

Describe 'Get-ZvmTaskType' {
    It 'lists the names with their numbers, unknown names included' {
        $types = Get-ZvmTaskType -Session $windowsSession
        ($types | Where-Object Name -eq 'FailOver').Number | Should -Be 3
        ($types | Where-Object Name -eq 'UpgradeVra').Number | Should -Be 40
        $unknown = $types | Where-Object Name -eq 'RecoveryReportGeneration'
        $unknown.Number | Should -BeNullOrEmpty
        $unknown.IsKnown | Should -BeFalse
    }

    It 'filters by wildcard' {
        (Get-ZvmTaskType Fail* -Session $windowsSession).Name | Should -Contain 'FailOverTest'
        (Get-ZvmTaskType Fail* -Session $windowsSession).Name | Should -Not -Contain 'Move'
    }
}

Describe 'Tab completion' {
    It 'completes -<Parameter> from the enum' -ForEach @(
        @{ Parameter = 'Type'; Typed = 'FailO'; Expected = 'FailOver', 'FailOverTest' }
        @{ Parameter = 'Status'; Typed = 'Fa'; Expected = @('Failed') }
        @{ Parameter = 'State'; Typed = 'In'; Expected = @('InProgress') }
    ) {
        $line = "Get-ZvmTask -$Parameter $Typed"
        $completions = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        foreach ($name in $Expected) { $completions | Should -Contain $name }
    }
}

Describe 'Time zones' {
    It 'sends a local time as that zone''s UTC and compares dates with Get-Date in <Zone>' -ForEach @(
        @{ Zone = 'Asia/Tokyo'; Utc = '2026-11-10T00:00:00.000Z' }
        @{ Zone = 'America/Los_Angeles'; Utc = '2026-11-10T17:00:00.000Z' }
        @{ Zone = 'UTC'; Utc = '2026-11-10T09:00:00.000Z' }
    ) {
        Clear-SimulatorRequest $windows
        $result = Invoke-ChildPwsh -TimeZone $Zone @"
Import-Module '$ModuleManifest'
`$credential = [pscredential]::new('admin', (ConvertTo-SecureString 'ZvmSim-Pa55word!' -AsPlainText -Force))
Connect-ZvmSession -Server '$($windows.Url)' -Credential `$credential | Out-Null
`$tasks = Get-ZvmTask -StartedAfter '2026-11-10 09:00'
'COUNT ' + @(`$tasks).Count
'LOCAL ' + @(Get-ZvmTask | Where-Object { `$_.Started -gt (Get-Date '2026-11-10 09:00') }).Count
'FIRST ' + `$tasks[0].Started.ToUniversalTime().ToString('o')
"@
        $result.ExitCode | Should -Be 0 -Because ($result.Output -join "`n")
        @(Get-SimulatorRequest $windows '/v1/tasks')[0].query | Should -Be "?startedAfterDate=$([uri]::EscapeDataString($Utc))"
        $cutoff = [DateTimeOffset]::Parse($Utc).UtcDateTime
        $expected = @($recordedWindows | Where-Object { (ConvertFrom-RecordedDate $_.Started) -gt $cutoff })
        $result.Output | Should -Contain "COUNT $($expected.Count)"
        $result.Output | Should -Contain "LOCAL $($expected.Count)"
        $result.Output | Should -Contain "FIRST $((ConvertFrom-RecordedDate $expected[0].Started).ToString('o'))"
    }
}
