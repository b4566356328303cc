# Names of what a task touched: VPGs, sites and hosts by name, looked up once per session beside
# the task list, and never at the cost of the tasks. Counts of look-ups are read from the
# simulator's request log.
BeforeAll {
    . $PSScriptRoot/common.ps1
    $windows = Start-ZvmSimulator -Kind Windows
    $appliance = Start-ZvmSimulator -Kind Appliance
    $deletedVpg = '48949469-40ae-416f-beb6-7e7a072f4819'
    $payroll = '1dbc3f7d-8b79-4ff9-83ce-7e3cfb036245'

    # A fresh session: its own, empty name cache.
    function New-Session($Simulator, [hashtable] $Extra = @{}) {
        Disconnect-SimulatorSession $Simulator
        Clear-SimulatorRequest $Simulator
        Connect-ZvmSession -Server $Simulator.Url -Credential $Simulator.Credential @Extra
    }
    function Get-LookupCount($Simulator, $Path = '/v1/vpgs') { @(Get-SimulatorRequest $Simulator $Path).Count }
    # What the recorded answers say: identifier -> name.
    function Get-RecordedNames([string] $File, [string] $IdProperty, [string] $NameProperty) {
        $names = @{}
        foreach ($entity in @(Get-RecordedTask $File)) {
            $id = if ($entity.$IdProperty) { $entity.$IdProperty } else { $entity.link.identifier }
            if ($id) { $names[$id] = $entity.$NameProperty }
        }
        $names
    }
}

AfterAll {
    Disconnect-AllZvmSessions
    $windows, $appliance | Stop-ZvmSimulator
}

Describe 'Names in both shapes' {
    It 'names every VPG, site and host of a <Kind> ZVM as its recordings do' -ForEach @(
        @{ Kind = 'Windows'; Prefix = 'windows' }, @{ Kind = 'Appliance'; Prefix = 'appliance' }) {
        $simulator = if ($Kind -eq 'Windows') { $windows } else { $appliance }
        $session = New-Session $simulator
        $vpgNames = Get-RecordedNames "$Prefix-vpgs.json" 'VpgIdentifier' 'VpgName'
        $hostNames = Get-RecordedNames "$Prefix-hosts.json" 'HostIdentifier' 'VirtualizationHostName'
        $siteNames = Get-RecordedNames "$Prefix-peersites.json" 'SiteIdentifier' 'PeerSiteName'
        $local = Get-RecordedTask "$Prefix-localsite.json"
        $siteNames[$(if ($local.SiteIdentifier) { $local.SiteIdentifier } else { $local.link.identifier })] = $local.SiteName

        $tasks = Get-ZvmTask -Session $session
        $checked = 0
        foreach ($task in $tasks) {
            foreach ($entity in @($task.Vpgs) + @($task.Sites) + @($task.Hosts)) {
                $expected = ($vpgNames + $siteNames + $hostNames)[$entity.Identifier]
                $entity.Name | Should -Be $expected -Because "$($entity.Identifier) is named so in the recordings"
                $checked++
            }
        }
        $checked | Should -BeGreaterThan 40
        @($tasks.Hosts.Name) | Should -Contain 'esx03.corp.example'
        @($tasks.Sites.Name) | Should -Contain 'AMS-DR'
    }

    It 'prints names, keeps identifiers, and joins by identifier' {
        $session = New-Session $windows
        $task = Get-ZvmTask -Session $session | Where-Object { $_.Vpgs.Count -eq 2 } | Select-Object -First 1
        "$($task.Vpgs[0])" | Should -Be 'Web-Frontend'
        $task.Vpgs.ToString() | Should -Be 'Web-Frontend; File-Servers'
        $task.Vpgs.Identifier | Should -Be @('4595f084-dd6b-4db5-997f-9a0866af0c6f', 'cccbb357-4bd9-43e7-9745-aabdbaff9b8f')
        $task.VpgIdentifiers.ToString() | Should -Be '4595f084-dd6b-4db5-997f-9a0866af0c6f; cccbb357-4bd9-43e7-9745-aabdbaff9b8f'
        $task.Vpgs -contains 'CCCBB357-4BD9-43E7-9745-AABDBAFF9B8F' | Should -BeTrue
        ($task.Vpgs | Out-String) | Should -Match 'Web-Frontend\s+4595f084'
    }

    It 'keeps a deleted VPG by its identifier, without a name' {
        $session = New-Session $windows
        $task = Get-ZvmTask -Session $session | Where-Object { $_.VpgIdentifiers -contains $deletedVpg } | Select-Object -First 1
        $deleted = $task.Vpgs | Where-Object Identifier -EQ $deletedVpg
        $deleted.Name | Should -BeNullOrEmpty
        "$deleted" | Should -Be $deletedVpg
    }
}

Describe 'The name cache' {
    AfterEach { Invoke-ZvmSimulatorControl $windows 'vpgs' -Method POST -Body @{ identifier = $payroll; name = 'Payroll' } | Out-Null }

    It 'asks for the VPGs once across several listings of a session' {
        $session = New-Session $windows
        1..3 | ForEach-Object { Get-ZvmTask -Session $session | Out-Null }
        Get-ZvmTask -Session $session -Type FailOverTest | Out-Null
        Get-LookupCount $windows '/v1/vpgs' | Should -Be 1
        Get-LookupCount $windows '/v1/localsite' | Should -Be 1
        Get-LookupCount $windows '/v1/virtualizationsites/*' | Should -Be 1
        Get-LookupCount $windows '/v1/tasks' | Should -Be 4
    }

    It 'asks once more for a VPG created after the cache filled, and only once' {
        Invoke-ZvmSimulatorControl $windows "vpgs/$payroll" -Method DELETE | Out-Null
        $session = New-Session $windows
        # No Payroll task here; the deleted VPG's tasks are, and the fresh cache is not asked again for it.
        Get-ZvmTask -Session $session -Type FailOverTest | Out-Null
        Get-LookupCount $windows | Should -Be 1

        Invoke-ZvmSimulatorControl $windows 'vpgs' -Method POST -Body @{ identifier = $payroll; name = 'Payroll-EU' } | Out-Null
        $paused = Get-ZvmTask -Session $session -Type PauseProtectionGroup
        $paused.Vpgs.Name | Should -Be 'Payroll-EU'
        Get-LookupCount $windows | Should -Be 2

        # Every id is known now, or known to be gone: no more look-ups.
        Get-ZvmTask -Session $session | Out-Null
        Get-LookupCount $windows | Should -Be 2
    }
}

Describe 'A failing look-up' {
    AfterEach { Invoke-ZvmSimulatorControl $windows 'faults' -Method DELETE | Out-Null }

    It 'still lists every task when /v1/vpgs answers 403, with exactly one warning' {
        $session = New-Session $windows @{ MaximumRetryCount = 0 }
        Add-SimulatorFault $windows @{ path = '/v1/vpgs'; kind = 'status'; status = 403; count = 10 }
        $tasks = Get-ZvmTask -Session $session -WarningVariable warnings -WarningAction SilentlyContinue -ErrorVariable failures
        $again = Get-ZvmTask -Session $session -WarningVariable later -WarningAction SilentlyContinue
        $tasks.Count | Should -Be 30
        $again.Count | Should -Be 30
        $failures | Should -BeNullOrEmpty
        @($warnings).Count + @($later).Count | Should -Be 1
        "$($warnings[0])" | Should -BeLike '*VPG names (GET /v1/vpgs)*403*'
        $tasks.Vpgs.Name | Where-Object { $_ } | Should -BeNullOrEmpty
        @($tasks.Sites.Name) | Should -Contain 'FRA-Prod'
    }

    It 'warns about a site look-up that is not JSON, and names the rest' {
        $session = New-Session $appliance @{ MaximumRetryCount = 0 }
        Add-SimulatorFault $appliance @{ path = '/v1/peersites'; kind = 'notjson'; count = 10 }
        $tasks = Get-ZvmTask -Session $session -WarningVariable warnings -WarningAction SilentlyContinue
        Invoke-ZvmSimulatorControl $appliance 'faults' -Method DELETE | Out-Null
        $tasks.Count | Should -Be 20
        @($warnings).Count | Should -Be 1
        "$($warnings[0])" | Should -BeLike '*Site names*/v1/peersites*not JSON*'
        @($tasks.Sites.Name) | Should -Contain 'FRA-Prod'
        @($tasks.Sites.Name) | Should -Not -Contain 'AMS-DR'
        @($tasks.Vpgs.Name) | Should -Contain 'Web-Tier'
    }

    It 'lists the tasks when /v1/vpgs does not answer in time' {
        $session = New-Session $windows @{ MaximumRetryCount = 0; TimeoutSec = 1 }
        Add-SimulatorFault $windows @{ path = '/v1/vpgs'; kind = 'delay'; delayMs = 3000 }
        $tasks = Get-ZvmTask -Session $session -WarningVariable warnings -WarningAction SilentlyContinue
        $tasks.Count | Should -Be 30
        @($warnings).Count | Should -Be 1
        "$($warnings[0])" | Should -BeLike '*VPG names*'
    }

    It 'shows the look-ups with -Verbose' {
        $session = New-Session $windows
        $verbose = Get-ZvmTask -Session $session -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        ($verbose.Message -join "`n") | Should -Match '(?m)^VPG names: GET \S+/v1/vpgs$'
        ($verbose.Message -join "`n") | Should -Match '(?m)^VPG names: 8 from \S+ in \d+ ms\.$'
        ($verbose.Message -join "`n") | Should -Match '(?m)^Site names: GET \S+/v1/peersites$'
    }
}

Describe 'Get-ZvmTask -SkipNameLookup' {
    It 'lists identifiers only and asks for no names' {
        $session = New-Session $windows
        $tasks = Get-ZvmTask -Session $session -SkipNameLookup
        $tasks.Count | Should -Be 30
        $tasks.Vpgs.Name + $tasks.Sites.Name | Where-Object { $_ } | Should -BeNullOrEmpty
        Get-LookupCount $windows '/v1/vpgs' | Should -Be 0
        Get-LookupCount $windows '/v1/localsite' | Should -Be 0
    }

    It 'still looks up the VPG names with -Vpg, and only them, as its help says' {
        $session = New-Session $windows
        $tasks = Get-ZvmTask -Session $session -SkipNameLookup -Vpg 'Payroll'
        $tasks.Count | Should -Be 4
        @($tasks | Where-Object { $_.Vpgs.Name -contains 'Payroll' }).Count | Should -Be 4
        $tasks.Sites.Name + $tasks.Hosts.Name | Where-Object { $_ } | Should -BeNullOrEmpty
        Get-LookupCount $windows '/v1/vpgs' | Should -Be 1
        Get-LookupCount $windows '/v1/localsite' | Should -Be 0
        Get-LookupCount $windows '/v1/peersites' | Should -Be 0
        Get-LookupCount $windows '/v1/virtualizationsites/*' | Should -Be 0
        (Get-Help Get-ZvmTask -Parameter SkipNameLookup).Description.Text | Should -Match 'still looks up the VPG names'
        (Get-Help Get-ZvmTask -Parameter Vpg).Description.Text | Should -Match 'looks up the VPG names .* even with -SkipNameLookup'
    }
}

Describe 'Get-ZvmTask -Vpg' {
    BeforeAll { $session = New-Session $windows }

    It 'finds the tasks of a VPG by <How>' -ForEach @(
        @{ How = 'name'; Value = @('payroll'); Count = 4 }
        @{ How = 'identifier'; Value = @('1DBC3F7D-8B79-4FF9-83CE-7E3CFB036245'); Count = 4 }
        @{ How = 'wildcard'; Value = @('Pay*'); Count = 4 }
        @{ How = 'several values'; Value = @('Payroll', 'Dev-*'); Count = 7 }
        @{ How = 'the id of a deleted VPG'; Value = @('48949469-40ae-416f-beb6-7e7a072f4819'); Count = 3 }) {
        $tasks = Get-ZvmTask -Session $session -Vpg $Value -ErrorVariable failures
        $tasks.Count | Should -Be $Count
        $failures | Should -BeNullOrEmpty
    }

    It 'combines with the server filters' {
        $tasks = Get-ZvmTask -Session $session -Vpg 'Finance-SQL' -Type FailOverTest
        $tasks.Count | Should -Be 1
        $tasks.Type | Should -Be 'FailOverTest'
        (Get-SimulatorRequest $windows '/v1/tasks')[-1].query | Should -Match 'type=FailOverTest'
    }

    It 'writes ObjectNotFound for a name no VPG has, and lists the rest' {
        $tasks = Get-ZvmTask -Session $session -Vpg 'Payroll', 'No-Such-Vpg' -ErrorVariable failures -ErrorAction SilentlyContinue
        $tasks.Count | Should -Be 4
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'VpgNotFound,ZertoTasks.Commands.GetZvmTaskCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failures[0].TargetObject | Should -Be 'No-Such-Vpg'
        "$($failures[0])" | Should -BeLike "*'No-Such-Vpg'*"
    }

    It 'is silent for a wildcard that matches nothing' {
        $tasks = Get-ZvmTask -Session $session -Vpg 'Nothing*' -ErrorVariable failures
        $tasks | Should -BeNullOrEmpty
        $failures | Should -BeNullOrEmpty
    }

    It 'refuses an empty value before any request' {
        Clear-SimulatorRequest $windows
        { Get-ZvmTask -Session $session -Vpg '' } | Should -Throw -ErrorId 'ParameterArgumentValidationError,ZertoTasks.Commands.GetZvmTaskCommand'
        Get-SimulatorRequest $windows '/v1/*' | Should -BeNullOrEmpty
    }

    It 'completes the VPG names of the session' {
        $script = 'Get-ZvmTask -Vpg pay'
        $completion = TabExpansion2 -inputScript $script -cursorColumn $script.Length
        $completion.CompletionMatches.CompletionText | Should -Be @('Payroll')
        $script = 'Get-ZvmTask -Vpg '
        $all = (TabExpansion2 -inputScript $script -cursorColumn $script.Length).CompletionMatches.CompletionText
        $all | Should -Contain 'Web-Frontend'
        $all | Should -Not -Contain $deletedVpg
    }
}

Describe 'Names in the output' {
    BeforeAll {
        $session = New-Session $windows
        $tasks = Get-ZvmTask -Session $session
    }

    It 'exports names and identifiers to columns of their own' {
        $path = Join-Path $TestDrive 'tasks.csv'
        $tasks | Export-Csv -Path $path -NoTypeInformation
        $rows = Import-Csv $path
        $columns = $rows[0].psobject.Properties.Name
        foreach ($column in 'Vpgs', 'VpgIdentifiers', 'Sites', 'SiteIdentifiers', 'Hosts', 'HostIdentifiers') { $columns | Should -Contain $column }
        $rows[0].Vpgs | Should -Be 'Web-Frontend; File-Servers'
        $rows[0].VpgIdentifiers | Should -Be '4595f084-dd6b-4db5-997f-9a0866af0c6f; cccbb357-4bd9-43e7-9745-aabdbaff9b8f'
        $rows[0].Hosts | Should -Be 'esx03.corp.example'
        $rows[0].HostIdentifiers | Should -Be 'c56e5259-4d4e-4e7f-acb2-b96c4637b486.host-1021'
    }

    It 'prints a table fit for <Width> columns' -ForEach @(@{ Width = 80 }, @{ Width = 120 }) {
        $lines = ($tasks | Out-String -Width $Width) -split '\r?\n'
        $lines | Where-Object { $_.Length -gt $Width } | Should -BeNullOrEmpty
        $headers = @($lines | Where-Object { $_ -match '^Started, State' })
        $headers[0] | Should -Match '^Started, State\s+Type, Vpgs\s+Reason\s*$'
        # No header split over lines: the line under the headers is the dashes.
        $lines[[array]::IndexOf($lines, $headers[0]) + 1] | Should -Match '^-+\s+-+\s+-+\s*$'
        ($lines -join "`n") | Should -Not -Match '…'
        $lines | Where-Object { $_ -match '\bWaitingForUserInput\b' } | Should -Not -BeNullOrEmpty
        # Under the start, the state; under the type, the VPGs.
        $lines | Where-Object { $_ -match '^(InProgress|Completed|Failed)\s+Web-Frontend' } | Should -Not -BeNullOrEmpty
        # The reason of a failed task is there, wrapped rather than cut.
        $reasonColumn = $headers[0].IndexOf('Reason')
        $reasonWords = ($lines | ForEach-Object { if ($_.Length -gt $reasonColumn) { $_.Substring($reasonColumn) } }) -join ''
        ($reasonWords -replace '\s') | Should -Match ([regex]::Escape('Recoveryhostesx03'))
    }

    It 'says which ZVM rows come from' {
        $second = New-Session $appliance
        $both = Get-ZvmTask -Session $session, $second
        $text = $both | Sort-Object Server | Out-String -Width 120
        $text | Should -Match ([regex]::Escape("ZVM: $($session.Server)"))
        $text | Should -Match ([regex]::Escape("ZVM: $($second.Server)"))
    }

    It 'shows everything with Format-List' {
        $text = $tasks[0] | Format-List | Out-String
        foreach ($property in 'TaskIdentifier', 'Progress', 'Duration', 'InitiatedBy', 'CompleteReason', 'Vpgs', 'VpgIdentifiers', 'Server') {
            $text | Should -Match "(?m)^$property\s+:"
        }
    }

    It 'names the VPG of a task that Wait-ZvmTask saw fail' {
        $failed = $tasks | Where-Object { $_.State -eq 'Failed' -and $_.Vpgs.Count -eq 1 -and $_.Vpgs[0].Name } | Select-Object -First 1
        $done = Wait-ZvmTask -TaskIdentifier $failed.TaskIdentifier -Session $session -ErrorVariable failures -ErrorAction SilentlyContinue
        $done.Vpgs[0].Name | Should -Be $failed.Vpgs[0].Name
        "$($failures[0])" | Should -BeLike "*of $($failed.Vpgs[0].Name))*"
    }
}
