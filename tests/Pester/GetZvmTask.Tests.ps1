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

    It 'refuses a -<Name> outside the enum, saying where the valid values are' -ForEach @(@{ Name = 'Type'; Said = 'Get-ZvmTaskType' }, @{ Name = 'Status'; Said = 'InProgress' }) {
        $parameters = @{ $Name = 'NoSuchThing'; Session = $windowsSession }
        { Get-ZvmTask @parameters } | Should -Throw -ErrorId 'ParameterArgumentTransformationError,ZertoTasks.Commands.GetZvmTaskCommand'
        $Error[0].Exception.Message | Should -Match $Said
        $Error[0].Exception.Message | Should -Not -Match 'FirstUnusedValue'
        Get-SimulatorRequest $windows '/v1/tasks*' | Should -BeNullOrEmpty
    }
}

Describe 'Get-ZvmTask -Type and -Status with several values' {
    BeforeAll {
        # What the server filtered: one request per value, so the set of queries is the contract, not their order.
        function Get-TaskQuerySet($Simulator) { @(Get-SimulatorRequest $Simulator '/v1/tasks').query | Sort-Object }
        function Get-RecordedId([scriptblock] $Where) { @($recordedWindows | Where-Object $Where).TaskIdentifier | Sort-Object }
        $failOverTypes = 'FailOver', 'FailOverTest', 'FailoverBeforeCommit', 'FailoverCommit', 'FailoverRollback'
    }
    BeforeEach { Clear-SimulatorRequest $windows }

    It 'asks once per value and returns the tasks of all of them: <Case>' -ForEach @(
        @{ Case = 'two states'; Parameters = @{ Status = 'Failed', 'Stopped' }; Queries = '?status=Failed', '?status=Stopped'; Where = { $_.Status.State -in 4, 5 } }
        @{ Case = 'one quoted string'; Parameters = @{ Status = 'Failed,Stopped' }; Queries = '?status=Failed', '?status=Stopped'; Where = { $_.Status.State -in 4, 5 } }
        @{ Case = 'two types'; Parameters = @{ Type = 'FailOver', 'FailOverTest' }; Queries = '?type=FailOver', '?type=FailOverTest'; Where = { $_.Type -in 'FailOver', 'FailOverTest' } }
        @{ Case = 'a number and a name'; Parameters = @{ Type = 'FailOver', 4 }; Queries = '?type=FailOver', '?type=FailOverTest'; Where = { $_.Type -in 'FailOver', 'FailOverTest' } }
        @{ Case = 'a type and two states'; Parameters = @{ Type = 'FailOverTest'; Status = 'Failed', 'Completed' }; Queries = '?type=FailOverTest&status=Completed', '?type=FailOverTest&status=Failed'; Where = { $_.Type -eq 'FailOverTest' -and $_.Status.State -in 4, 6 } }
    ) {
        $tasks = @(Get-ZvmTask @Parameters -Session $windowsSession)
        Get-TaskQuerySet $windows | Should -Be ($Queries | Sort-Object)
        $expected = Get-RecordedId $Where
        $expected.Count | Should -BeGreaterThan 1 -Because 'the recordings must hold tasks of more than one value'
        $tasks.TaskIdentifier | Sort-Object | Should -Be $expected
    }

    It 'expands a wildcard to the names it matches' {
        $tasks = @(Get-ZvmTask -Type 'Fail*' -Session $windowsSession)
        Get-TaskQuerySet $windows | Should -Be ($failOverTypes | ForEach-Object { "?type=$_" } | Sort-Object)
        $tasks.TaskIdentifier | Sort-Object | Should -Be (Get-RecordedId { $_.Type -in $failOverTypes })
    }

    It 'asks without a filter of many values and keeps them as the tasks stream' {
        $tasks = @(Get-ZvmTask -Type 'F*', 'Move*' -Status Failed -Session $windowsSession -Verbose 4>&1)
        $verbose = $tasks | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        $tasks = $tasks | Where-Object { $_ -is [ZertoTasks.ZvmTask] }
        Get-TaskQuerySet $windows | Should -Be '?status=Failed'
        ($verbose -join "`n") | Should -Match 'kept as tasks arrive'
        $tasks.TaskIdentifier | Sort-Object | Should -Be (Get-RecordedId { $_.Status.State -eq 4 -and ($_.Type -like 'F*' -or $_.Type -like 'Move*') })
        @($tasks).Count | Should -BeLessThan @($recordedWindows | Where-Object { $_.Status.State -eq 4 }).Count
    }

    It 'shows what it asked on the verbose stream' {
        $verbose = Get-ZvmTask -Status Failed, Stopped -Session $windowsSession -Verbose 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message
        $verbose | Should -Contain 'Get-ZvmTask: 2 requests per ZVM at once, their answers merged.'
        $verbose | Should -Contain "GET $($windows.Url)/v1/tasks?status=Failed"
        $verbose | Should -Contain "GET $($windows.Url)/v1/tasks?status=Stopped"
    }

    It 'refuses <Given> before any request, offering <Offered>' -ForEach @(
        @{ Given = 'FailOverTst'; Name = 'Type'; Offered = 'Did you mean FailOverTest' }
        @{ Given = 'Faild'; Name = 'Status'; Offered = 'Did you mean Failed\?' }
        @{ Given = 'Zz*'; Name = 'Type'; Offered = 'matches no task type' }
        @{ Given = 0; Name = 'Type'; Offered = 'FirstUnusedValue, the API''s placeholder' }
        @{ Given = 'FirstUnusedValue'; Name = 'Status'; Offered = 'Give one of InProgress, WaitingForUserInput, Paused, Failed, Stopped, Completed, Cancelling' }
        @{ Given = 99; Name = 'Status'; Offered = 'they run from 1 to 7' }
    ) {
        $parameters = @{ $Name = 'Failed', $Given; Session = $windowsSession }
        if ($Name -eq 'Type') { $parameters.Type = 'Move', $Given }
        { Get-ZvmTask @parameters } | Should -Throw -ErrorId 'ParameterArgumentTransformationError,ZertoTasks.Commands.GetZvmTaskCommand'
        $Error[0].Exception.Message | Should -Match $Offered
        Get-SimulatorRequest $windows '/v1/tasks*' | Should -BeNullOrEmpty
    }

    It 'cannot be handed two states ORed into one: [ZvmTaskState]''Failed,Stopped'' is refused' {
        { [ZertoTasks.ZvmTaskState]'Failed,Stopped' } | Should -Throw '*names more than one ZvmTaskState value*'
        { [ZertoTasks.ZvmTaskType]'FailOver,Move' } | Should -Throw '*names more than one ZvmTaskType value*'
        [ZertoTasks.ZvmTaskState]'failed' | Should -Be ([ZertoTasks.ZvmTaskState]::Failed)
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

    # Zerto's actions return ids as <taskGuid>:<siteGuid>; /v1/tasks/{id} knows only the '.' form
    # (the simulator answers 404 to the other, as a ZVM does).
    It 'reads an id written with a colon, by parameter and from the pipeline, and writes the dot form' {
        $id = $recordedWindows[0].TaskIdentifier
        $colon = $id -replace '\.', ':'
        Clear-SimulatorRequest $windows
        (Get-ZvmTask -TaskIdentifier $colon -Session $windowsSession).TaskIdentifier | Should -Be $id
        ($colon | Get-ZvmTask -Session $windowsSession).TaskIdentifier | Should -Be $id
        ([pscustomobject]@{ TaskIdentifier = $colon } | Get-ZvmTask -Session $windowsSession).TaskIdentifier | Should -Be $id
        (Get-SimulatorRequest $windows '/v1/tasks/*').path | Should -Be (@("/v1/tasks/$id") * 3)
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
        $table | Should -Match 'Started, State\s+Type, Vpgs\s+Reason'
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
    It 'never offers FirstUnusedValue, the API''s placeholder, for -<Parameter>' -ForEach @(@{ Parameter = 'Type' }, @{ Parameter = 'Status' }) {
        $line = "Get-ZvmTask -$Parameter "
        $completions = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        $completions.Count | Should -Be $(if ($Parameter -eq 'Type') { 68 } else { 7 })
        $completions | Should -Not -Contain 'FirstUnusedValue'
    }

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
