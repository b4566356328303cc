# Per-VPG answers that are right: a VPG entry equals its name, the documented by-VPG recipe
# counts a task of two VPGs under each, and -Vpg never silently matches nothing.
BeforeAll {
    . $PSScriptRoot/common.ps1
    $windows = Start-ZvmSimulator -Kind Windows
    $failover = Start-ZvmSimulator -Kind Windows -Profile Failover
    $session = Connect-ZvmSession -Server $windows.Url -Credential $windows.Credential
    $tasks = Get-ZvmTask -Session $session
    $two = $tasks | Where-Object { $_.Vpgs.Count -eq 2 -and $_.Vpgs.Name -contains 'Finance-SQL' } | Select-Object -First 1
}

AfterAll {
    Disconnect-AllZvmSessions
    $windows, $failover | Stop-ZvmSimulator
}

Describe 'A VPG entry compares equal to what the table shows' {
    It '-contains, -notcontains, -in and -eq take its name, in any case' {
        $two.Vpgs -contains 'Finance-SQL' | Should -BeTrue
        $two.Vpgs -contains 'finance-sql' | Should -BeTrue
        $two.Vpgs -notcontains 'Payroll' | Should -BeTrue
        'Finance-SQL' -in $two.Vpgs | Should -BeTrue
        @($two.Vpgs -eq 'FINANCE-SQL').Count | Should -Be 1
        $two.Vpgs[0] -eq $two.Vpgs[0].Name | Should -BeTrue
    }

    It 'and still its identifier' {
        $two.Vpgs -contains $two.Vpgs[1].Identifier.ToUpperInvariant() | Should -BeTrue
    }

    It 'Where-Object with -contains by name finds every task of the VPG' {
        @($tasks | Where-Object { $_.Vpgs -contains 'Finance-SQL' }).Count | Should -Be 6
    }
}

Describe 'The by-VPG recipe of the docs' {
    It 'counts a task of two VPGs under each: Finance-SQL touched 6 tasks' {
        # README, about_ZertoTasks, Get-ZvmTask example 3 and the demo group this way.
        $groups = $tasks |
            ForEach-Object { foreach ($vpg in $_.Vpgs) { [pscustomobject]@{ Vpg = "$vpg"; Reason = $_.CompleteReason } } } |
            Group-Object Vpg
        ($groups | Where-Object Name -eq 'Finance-SQL').Count | Should -Be 6
        $groups.Name | Should -Not -Contain 'Finance-SQL; Exchange-DAG'
        # The old recipe, for the record: the task of two VPGs lands in a group of its own.
        (($tasks | Group-Object { $_.Vpgs }) | Where-Object Name -eq 'Finance-SQL').Count | Should -BeLessThan 6
    }

    It 'is what the docs show' {
        foreach ($file in 'README.md', 'docs/en-US/about_ZertoTasks.md', 'docs/en-US/Get-ZvmTask.md', 'build/Demo.ps1') {
            $text = Get-Content (Join-Path $RepoRoot $file) -Raw
            # As code (at the start of a line or after a pipe), not where the prose warns against it.
            $text | Should -Not -Match '(?m)(^\s*|\|\s*)Group-Object \{ \$_\.Vpgs \}' -Because $file
            $text | Should -Match 'foreach \(\$vpg in \$_\.Vpgs\)' -Because $file
        }
    }
}

Describe '-Vpg never silently matches nothing' {
    BeforeAll { $lab = Connect-ZvmSession -Server $failover.Url -Credential $failover.Credential }
    AfterEach { Invoke-ZvmSimulatorControl $failover 'faults' -Method DELETE | Out-Null }

    It 'an exact name with [ and ] selects its VPG' {
        $found = Get-ZvmTask -Session $lab -Vpg 'Dev [Lab]' -ErrorVariable failures
        $found.Count | Should -Be 2
        $failures | Should -BeNullOrEmpty
        @(Get-ZvmTask -Session $lab -Vpg 'dev [lab]').Count | Should -Be 2
    }

    It 'Tab completion inserts a name that selects exactly its VPG' {
        $script = "Get-ZvmTask -Session '$($lab.Server)' -Vpg 'Dev ["
        $completion = TabExpansion2 -inputScript $script -cursorColumn $script.Length
        $completion.CompletionMatches.ListItemText | Should -Be @('Dev [Lab]')
        $inserted = $completion.CompletionMatches[0].CompletionText
        $found = Invoke-Expression "Get-ZvmTask -Session `$lab -Vpg $inserted"
        $found.Count | Should -Be 2
        $found | ForEach-Object { $_.Vpgs.Name | Should -Contain 'Dev [Lab]' }
    }

    It 'after a failed VPG look-up, every listing says so for that session, not VpgNotFound' {
        Add-SimulatorFault $failover @{ path = '/v1/vpgs'; kind = 'status'; status = 403; count = 10 }
        # A new session, whose VPG look-up fails: connecting again would give back $lab.
        $lab | Disconnect-ZvmSession
        $fresh = Connect-ZvmSession -Server $failover.Url -Credential $failover.Credential
        foreach ($run in 1, 2) {
            $found = Get-ZvmTask -Session $fresh -Vpg 'Finance-SQL' -ErrorVariable failures -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
            $found | Should -BeNullOrEmpty
            $failures.Count | Should -Be 1 -Because "run $run"
            $failures[0].FullyQualifiedErrorId | Should -Be 'VpgLookupFailed,ZertoTasks.Commands.GetZvmTaskCommand'
            $failures[0].TargetObject | Should -Be $fresh.Server
            "$($failures[0])" | Should -BeLike '*VPG list could not be read*403*'
        }
        $failover2 = Get-ZvmFailoverTest -Session $fresh -Vpg 'Finance-SQL' -ErrorVariable failures -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $failures.FullyQualifiedErrorId | Should -Be 'VpgLookupFailed,ZertoTasks.Commands.GetZvmFailoverTestCommand'
        # Identifiers still select.
        @(Get-ZvmTask -Session $fresh -Vpg '8f672747-a6fe-410d-8e07-5f7c06920149' -ErrorAction SilentlyContinue -WarningAction SilentlyContinue).Count | Should -Be 6
    }
}
