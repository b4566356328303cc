# Remove-Module ZertoTasks logs out the sessions of the runspace that removes it, and a later
# Import-Module in the same process works.
BeforeAll {
    . $PSScriptRoot/common.ps1
    $windows = Start-ZvmSimulator -Kind Windows
    $appliance = Start-ZvmSimulator -Kind Appliance
}

AfterAll {
    Disconnect-AllZvmSessions
    $windows, $appliance | Stop-ZvmSimulator
}

Describe 'Remove-Module ZertoTasks' {
    It 'logs out every session of its runspace (<Kind>), and a later import connects and reads again' -ForEach @(
        @{ Kind = 'Windows'; Logout = '/v1/session' }
        @{ Kind = 'Appliance'; Logout = '/auth/realms/zerto/protocol/openid-connect/logout' }
    ) {
        $simulator = if ($Kind -eq 'Windows') { $windows } else { $appliance }
        Clear-SimulatorRequest $simulator
        $before = (Get-ListStats $simulator).logouts
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript(@"
param(`$url, `$credential)
Import-Module '$ModuleManifest'
`$null = Connect-ZvmSession -Server `$url -Credential `$credential
Remove-Module ZertoTasks
Import-Module '$ModuleManifest'
`$null = Connect-ZvmSession -Server `$url -Credential `$credential
@(Get-ZvmTask -SkipNameLookup).Count
(Get-ZvmSession).Count
"@).AddArgument($simulator.Url).AddArgument($simulator.Credential)
            $output = @($ps.Invoke())
            $ps.Streams.Error | Should -BeNullOrEmpty
            $output[0] | Should -Be @(Get-RecordedTask "$($Kind.ToLower())-tasks.json").Count
            $output[1] | Should -Be 1 -Because 'the session of before the removal is gone'
            (Get-ListStats $simulator).logouts | Should -Be ($before + 1)
            @(Get-SimulatorRequest $simulator $Logout).Count | Should -Be 1
        }
        finally { $ps.Dispose() }
    }

    It 'leaves the sessions of other runspaces alone' {
        $mine = Connect-ZvmSession -Server $windows.Url -Credential $windows.Credential
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$ModuleManifest'; Remove-Module ZertoTasks").Invoke()
            @(Get-ZvmTask -Session $mine -SkipNameLookup).Count | Should -Be @(Get-RecordedTask 'windows-tasks.json').Count
        }
        finally { $ps.Dispose(); $mine | Disconnect-ZvmSession }
    }
}
