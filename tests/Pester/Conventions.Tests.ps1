# What a PowerShell user expects of any module: -WhatIf on what changes state, "cannot find"
# for a name without wildcards, completion of names, as the built-in cmdlets do.
BeforeAll {
    . $PSScriptRoot/common.ps1
    $windows = Start-ZvmSimulator -Kind Windows
}

AfterAll {
    Disconnect-AllZvmSessions
    $windows | Stop-ZvmSimulator
}

Describe 'Disconnect-ZvmSession' {
    BeforeEach {
        Disconnect-AllZvmSessions
        $session = Connect-ZvmSession -Server $windows.Url -Credential $windows.Credential
        Clear-SimulatorRequest $windows
    }

    It 'with -WhatIf ends nothing' {
        Disconnect-ZvmSession -Session $session -WhatIf
        $session.IsConnected | Should -BeTrue
        Get-ZvmSession | Should -Be $session
        Get-SimulatorRequest $windows | Should -BeNullOrEmpty
    }

    It 'with -WhatIf says which session it would end' {
        # The host prints What if: lines, so a child PowerShell's output holds them.
        $user, $password = $windows.Credential.UserName, $windows.Credential.GetNetworkCredential().Password
        $child = Invoke-ChildPwsh @"
Import-Module '$ModuleManifest'
`$credential = [pscredential]::new('$user', (ConvertTo-SecureString '$password' -AsPlainText -Force))
`$session = Connect-ZvmSession -Server '$($windows.Url)' -Credential `$credential
Disconnect-ZvmSession -WhatIf
"IsConnected=`$(`$session.IsConnected)"
"@
        $child.Output -join "`n" | Should -Match ([regex]::Escape("What if: Performing the operation ""End the ZVM session"" on target ""$(([uri]$windows.Url).Authority) (Windows, admin)"""))
        $child.Output[-1] | Should -Be 'IsConnected=True'
    }

    It 'takes -Session by server name, as the other cmdlets do' {
        Disconnect-ZvmSession -Session $session.Server -Confirm:$false
        $session.IsConnected | Should -BeFalse
        (Get-SimulatorRequest $windows '/v1/session').method | Should -Be 'DELETE'
    }

    It 'completes -Session with the open sessions'' servers' {
        $line = 'Disconnect-ZvmSession -Session '
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain $session.Server
    }

    It 'declares -WhatIf and -Confirm, and no [OutputType(void)]' {
        $command = Get-Command Disconnect-ZvmSession
        $command.Parameters.Keys | Should -Contain 'WhatIf'
        $command.Parameters.Keys | Should -Contain 'Confirm'
        $command.OutputType | Should -BeNullOrEmpty
    }
}

Describe 'A name without wildcards that matches nothing' {
    BeforeAll {
        Disconnect-AllZvmSessions
        $session = Connect-ZvmSession -Server $windows.Url -Credential $windows.Credential
    }

    It 'Get-ZvmSession -Server nosuch: a non-terminating ObjectNotFound, and the other names still listed' {
        $found = Get-ZvmSession -Server 'nosuch', $session.Server -ErrorVariable failures -ErrorAction SilentlyContinue
        $found | Should -Be $session
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'ZvmSessionNotFound,ZertoTasks.Commands.GetZvmSessionCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failures[0].TargetObject | Should -Be 'nosuch'
        $failures[0].Exception.Message | Should -Match "^Cannot find .*'nosuch'"
    }

    It 'Get-ZvmTaskType -Name nosuch: a non-terminating ObjectNotFound, and the other names still listed' {
        $found = Get-ZvmTaskType -Name 'FailOverTest', 'nosuch' -ErrorVariable failures -ErrorAction SilentlyContinue
        $found.Name | Should -Be 'FailOverTest'
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'TaskTypeNotFound,ZertoTasks.Commands.GetZvmTaskTypeCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failures[0].TargetObject | Should -Be 'nosuch'
        $failures[0].Exception.Message | Should -Match "^Cannot find .*'nosuch'"
    }

    It '<Command>: a wildcard that matches nothing is silent, as with Get-Service' -ForEach @(
        @{ Command = 'Get-ZvmSession'; Run = { Get-ZvmSession -Server 'nosuch*' } }
        @{ Command = 'Get-ZvmTaskType'; Run = { Get-ZvmTaskType -Name 'nosuch*' } }
    ) {
        # Output and errors alike.
        @(& $Run 2>&1) | Should -BeNullOrEmpty
    }
}
