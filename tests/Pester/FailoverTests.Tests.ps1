# Get-ZvmFailoverTest against the simulator's failover profile (its own recordings, so no other
# test's counts move): tests rebuilt from FailOverTest/StopFailOverTest tasks, the testers'
# verdicts from recovery reports, -Latest per VPG, fleets, and the reports refused.
BeforeAll {
    . $PSScriptRoot/common.ps1
    $windows = Start-ZvmSimulator -Kind Windows -Profile Failover
    $appliance = Start-ZvmSimulator -Kind Appliance -Profile Failover
    $deletedVpg = '48949469-40ae-416f-beb6-7e7a072f4819'

    # A fresh session: its own name cache, history start and report warning.
    function New-Session($Simulator) {
        Disconnect-SimulatorSession $Simulator
        Clear-SimulatorRequest $Simulator
        Connect-ZvmSession -Server $Simulator.Url -Credential $Simulator.Credential
    }
    function Get-Row($Tests, [string] $Vpg, [string] $StartedUtc) {
        @($Tests | Where-Object { $_.VpgIdentifier -eq $Vpg -or $_.VpgName -eq $Vpg } |
            Where-Object { $_.Started -and $_.Started.ToUniversalTime().ToString('yyyy-MM-dd HH:mm') -eq $StartedUtc })
    }
}

AfterAll {
    Disconnect-AllZvmSessions
    $windows, $appliance | Stop-ZvmSimulator
}

Describe 'Failover tests rebuilt from their tasks (<Kind>)' -ForEach @(
    @{ Kind = 'Windows'; Finance = 'Finance-SQL'; Web = 'Web-Frontend' }
    @{ Kind = 'Appliance'; Finance = 'Finance-SQL-2026'; Web = 'Web-Tier' }) {
    BeforeAll {
        $simulator = if ($Kind -eq 'Windows') { $windows } else { $appliance }
        $session = New-Session $simulator
        $tests = Get-ZvmFailoverTest -Session $session -WarningVariable warnings
    }

    It 'gives one test per VPG and start, ten in all, oldest first' {
        $tests.Count | Should -Be 10
        $starts = @($tests.Started)
        ($starts | Sort-Object) -join ',' | Should -Be ($starts -join ',')
        $warnings | Should -BeNullOrEmpty
    }

    It 'asks the ZVM for the two task types only, filtered by the ZVM' {
        $queries = @(Get-SimulatorRequest $simulator '/v1/tasks*').query | Sort-Object
        $queries | Should -Be @('?type=FailOverTest', '?type=StopFailOverTest')
    }

    It '<Result>: <Vpg> started <Started>' -ForEach @(
        @{ Vpg = 'Finance'; Started = '2026-10-05 10:00'; Result = 'Passed'; Reason = '' }
        @{ Vpg = 'Finance'; Started = '2026-11-02 09:00'; Result = 'Failed'; Reason = 'Recovery host esx03.corp.example is in maintenance mode' }
        @{ Vpg = 'Finance'; Started = '2026-11-02 10:05'; Result = 'Passed'; Reason = '' }
        @{ Vpg = 'Exchange-DAG'; Started = '2026-11-10 14:00'; Result = 'Failed'; Reason = 'The tester marked the test failed: Mail flow did not resume on the DAG.' }
        @{ Vpg = 'Web'; Started = '2026-10-20 14:00'; Result = 'Passed'; Reason = '' }
        @{ Vpg = 'Web'; Started = '2026-11-15 09:00'; Result = 'StopFailed'; Reason = '*datastore ds-test-01 is not accessible*may still be up*' }
        @{ Vpg = 'File-Servers'; Started = '2026-11-15 09:00'; Result = 'StopFailed'; Reason = '*may still be up*' }
        @{ Vpg = 'SAP-Prod'; Started = '2026-11-28 08:00'; Result = 'Running'; Reason = '' }
        @{ Vpg = 'Dev [Lab]'; Started = '2026-11-29 10:00'; Result = 'Stopping'; Reason = '' }
        @{ Vpg = '48949469-40ae-416f-beb6-7e7a072f4819'; Started = '2026-10-12 09:30'; Result = 'Passed'; Reason = '' }) {
        $name = switch ($Vpg) { 'Finance' { $Finance } 'Web' { $Web } default { $Vpg } }
        $test = Get-Row $tests $name $Started
        $test.Count | Should -Be 1
        $test[0].Result | Should -Be $Result
        $test[0].ResultReason | Should -BeLike $Reason
    }

    It 'keeps both tasks, who ran them, and Duration from start to the start of the stop' {
        $test = (Get-Row $tests $Finance '2026-11-02 10:05')[0]
        $test.StartedBy | Should -Be 'CORP\dr-tester'
        $test.StoppedBy | Should -Be 'CORP\dr-lead'
        $test.StartState | Should -Be 'Completed'
        $test.StopState | Should -Be 'Completed'
        $test.Duration | Should -Be ($test.Stopped - $test.Started)
        $test.Stopped.ToUniversalTime() | Should -Be ([datetime]::new(2026, 11, 2, 11, 30, 0, [DateTimeKind]::Utc))
        $start = Get-ZvmTask -Session $session -TaskIdentifier $test.StartTaskIdentifier
        $start.Type | Should -Be 'FailOverTest'
        (Get-ZvmTask -Session $session -TaskIdentifier $test.StopTaskIdentifier).Type | Should -Be 'StopFailOverTest'
    }

    It 'carries the tester''s verdict, notes and RTO, also of a VPG renamed since' {
        $test = (Get-Row $tests $Finance '2026-11-02 10:05')[0]
        $test.Verdict | Should -Be 'Passed'
        $test.Notes | Should -Be 'All apps verified by finance.'
        $test.Rto | Should -Be ([timespan]::FromSeconds(438))
        $test.VpgName | Should -Be $Finance
        (Get-Row $tests 'SAP-Prod' '2026-11-28 08:00')[0].Verdict | Should -BeNullOrEmpty
    }

    It 'a failed start has no stop, and its retry is a test of its own' {
        $failed = (Get-Row $tests $Finance '2026-11-02 09:00')[0]
        $failed.Stopped | Should -BeNullOrEmpty
        $failed.StopTaskIdentifier | Should -BeNullOrEmpty
        (Get-Row $tests $Finance '2026-11-02 10:05')[0].StopTaskIdentifier | Should -Not -BeNullOrEmpty
    }

    It 'a task of two VPGs is a test of each' {
        $pair = @($tests | Where-Object { $_.Started -and $_.Started.ToUniversalTime() -eq [datetime]::new(2026, 11, 15, 9, 0, 0, [DateTimeKind]::Utc) })
        @($pair.VpgName | Sort-Object) | Should -Be @(@('File-Servers', $Web) | Sort-Object)
        $pair[0].StartTaskIdentifier | Should -Be $pair[1].StartTaskIdentifier
    }

    It 'a deleted VPG keeps its identifier' {
        $deleted = @($tests | Where-Object VpgIdentifier -eq $deletedVpg)
        $deleted.Count | Should -Be 1
        $deleted[0].VpgName | Should -BeNullOrEmpty
        "$($deleted[0].Vpg)" | Should -Be $deletedVpg
    }
}

Describe '-Vpg' {
    BeforeAll { $session = New-Session $windows }

    It 'selects by <How>' -ForEach @(
        @{ How = 'name, any case'; Value = @('finance-sql'); Count = 3 }
        @{ How = 'wildcard'; Value = @('Fin*'); Count = 3 }
        @{ How = 'identifier'; Value = @('F147E485-0505-4255-AA6E-EC68105BA8E8'); Count = 1 }
        @{ How = 'an exact name with [ and ]'; Value = @('Dev [Lab]'); Count = 1 }
        @{ How = 'one VPG of a task of two'; Value = @('File-Servers'); Count = 1 }
        @{ How = 'the id of a deleted VPG'; Value = @('48949469-40ae-416f-beb6-7e7a072f4819'); Count = 1 }) {
        $found = Get-ZvmFailoverTest -Session $session -Vpg $Value -ErrorVariable failures
        $found.Count | Should -Be $Count
        $failures | Should -BeNullOrEmpty
    }

    It 'writes VpgNotFound for a name no VPG has, and lists the rest' {
        $found = Get-ZvmFailoverTest -Session $session -Vpg 'SAP-Prod', 'No-Such-Vpg' -ErrorVariable failures -ErrorAction SilentlyContinue
        $found.Count | Should -Be 1
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'VpgNotFound,ZertoTasks.Commands.GetZvmFailoverTestCommand'
        $failures[0].TargetObject | Should -Be 'No-Such-Vpg'
    }
}

Describe '-Latest' {
    BeforeAll {
        $session = New-Session $windows
        $rows = Get-ZvmFailoverTest -Session $session -Latest
        $now = Get-Date
        $financePassed = [datetime]::new(2026, 11, 2, 10, 5, 12, [DateTimeKind]::Utc).ToLocalTime()
        $webPassed = [datetime]::new(2026, 10, 20, 14, 0, 5, [DateTimeKind]::Utc).ToLocalTime()
    }

    It 'has one row per VPG the ZVM lists, the never-tested included, the deleted one not' {
        $recorded = Get-RecordedTask 'windows-failover-vpgs.json'
        @($rows.VpgIdentifier | Sort-Object) | Should -Be @($recorded.VpgIdentifier | Sort-Object)
        $rows.Count | Should -Be 8
        $rows.VpgIdentifier | Should -Not -Contain $deletedVpg
        foreach ($never in 'Payroll', 'Archive-Cold') {
            $row = $rows | Where-Object VpgName -eq $never
            $row.LastTest | Should -BeNullOrEmpty
            $row.LastPassed | Should -BeNullOrEmpty
            $row.Overdue | Should -BeTrue
        }
    }

    It 'gives the last test, the last passed one, the days since, and the ZVM''s own lastTest' {
        $web = $rows | Where-Object VpgName -eq 'Web-Frontend'
        $web.LastResult | Should -Be 'StopFailed'
        $web.LastPassed | Should -Be $webPassed
        $web.DaysSincePassed | Should -Be ([math]::Floor(($now - $webPassed).TotalDays))
        $web.ZvmLastTest.ToUniversalTime() | Should -Be ([datetime]::new(2026, 11, 15, 9, 0, 0, [DateTimeKind]::Utc))
        $exchange = $rows | Where-Object VpgName -eq 'Exchange-DAG'
        $exchange.LastResult | Should -Be 'Failed'
        $exchange.LastPassed | Should -BeNullOrEmpty
    }

    It 'says since when the history goes back: the day of its oldest task' {
        $expected = [datetime]::new(2026, 10, 5, 10, 0, 12, [DateTimeKind]::Utc).ToLocalTime().Date
        $rows | ForEach-Object { $_.HistorySince | Should -Be $expected }
    }

    It 'finds the history''s start in a few probes, then keeps it for the session' {
        @(Get-SimulatorRequest $windows '/v1/tasks' | Where-Object query -like '*startedBeforeDate*').Count | Should -BeLessOrEqual 16
        Clear-SimulatorRequest $windows
        Get-ZvmFailoverTest -Session $session -Latest | Out-Null
        @(Get-SimulatorRequest $windows '/v1/tasks' | Where-Object query -like '*startedBeforeDate*') | Should -BeNullOrEmpty
    }

    It 'marks overdue what passed no test within -WithinDays: <Days> days' -ForEach @(
        @{ Days = 'default (90)'; Ok = @('Finance-SQL', 'Web-Frontend') }
        @{ Days = 'between the two'; Ok = @('Finance-SQL') }
        @{ Days = 'fewer than since either'; Ok = @() }) {
        $within = switch ($Days) {
            'default (90)' { $null }
            'between the two' { [int][math]::Ceiling(($now - $financePassed).TotalDays) + 1 }
            default { [int][math]::Floor(($now - $financePassed).TotalDays) - 1 }
        }
        if ($Days -eq 'default (90)' -and ($now - $webPassed).TotalDays -gt 90) { Set-ItResult -Skipped -Because 'the recordings are older than 90 days now' }
        $parameters = @{ Session = $session; Latest = $true }
        if ($within) { $parameters.WithinDays = $within }
        $result = Get-ZvmFailoverTest @parameters
        @($result | Where-Object { -not $_.Overdue } | ForEach-Object VpgName | Sort-Object) | Should -Be @($Ok | Sort-Object)
        # The overdue come first.
        $firstOk = [array]::IndexOf(@($result.Overdue), $false)
        if ($firstOk -ge 0) { @($result.Overdue)[$firstOk..($result.Count - 1)] | Should -Not -Contain $true }
    }

    It 'reads at 80 columns' {
        $lines = ($rows | Format-Table | Out-String -Width 80) -split "`r?`n"
        $lines | Where-Object { $_.TrimEnd().Length -gt 80 } | Should -BeNullOrEmpty
        $lines | Where-Object { $_ -match '^Payroll\s+OVERDUE\s+never\s+never\s+\d{4}-\d\d-\d\d$' } | Should -Not -BeNullOrEmpty
        ($rows | Format-Table | Out-String -Width 80) | Should -Match 'Dev \[Lab\]'
    }

    It 'selects rows with -Vpg' {
        @(Get-ZvmFailoverTest -Session $session -Latest -Vpg 'Dev [Lab]', 'Pay*').VpgName | Sort-Object | Should -Be @('Dev [Lab]', 'Payroll')
    }
}

Describe 'Recovery reports that cannot be read' {
    AfterEach { Invoke-ZvmSimulatorControl $windows 'faults' -Method DELETE | Out-Null }

    It '<Status>: one warning per session, and the results from the tasks alone' -ForEach @(@{ Status = 403 }, @{ Status = 404 }) {
        $session = New-Session $windows
        Add-SimulatorFault $windows @{ path = '/v1/reports/recovery'; kind = 'status'; status = $Status; count = 10 }
        $tests = Get-ZvmFailoverTest -Session $session -WarningVariable warnings -WarningAction SilentlyContinue -ErrorVariable failures
        $failures | Should -BeNullOrEmpty
        $tests.Count | Should -Be 10
        $warnings.Count | Should -Be 1
        "$($warnings[0])" | Should -BeLike "*Recovery reports of $($session.Server) could not be read*$Status*tasks alone*"
        $exchange = Get-Row $tests 'Exchange-DAG' '2026-11-10 14:00'
        $exchange[0].Result | Should -Be 'Passed'
        $exchange[0].Verdict | Should -BeNullOrEmpty

        Get-ZvmFailoverTest -Session $session -WarningVariable again -WarningAction SilentlyContinue | Out-Null
        $again | Should -BeNullOrEmpty
    }
}

Describe 'A fleet' {
    BeforeAll {
        $fleet = @(Start-ZvmSimulator -Count 3 -Kind Windows -Profile Failover)
        $sessions = $fleet | ForEach-Object { Connect-ZvmSession -Server $_.Url -Credential $_.Credential }
        Add-SimulatorFault $fleet[1] @{ path = '/v1/tasks'; kind = 'status'; status = 500; count = 20 }
    }
    AfterAll { $fleet[0] | Stop-ZvmSimulator }

    It 'reads three ZVMs at once; one failing is its error, a test seen by paired ZVMs is reported once' {
        $tests = Get-ZvmFailoverTest -Session $sessions -ErrorVariable failures -ErrorAction SilentlyContinue -ThrottleLimit 2
        $failures.Count | Should -BeGreaterOrEqual 1
        @($failures.TargetObject | Sort-Object -Unique) | Should -Be @($sessions[1].Server)
        # The same history on the two that answered: every test once, as the first ZVM saw it.
        $tests.Count | Should -Be 10
        @($tests.Server | Sort-Object -Unique) | Should -Be @($sessions[0].Server)
    }

    It '-Latest: one row per VPG across the ZVMs' {
        $rows = Get-ZvmFailoverTest -Session $sessions -Latest -ErrorAction SilentlyContinue
        $rows.Count | Should -Be 8
    }
}
