# Connecting again: the same user and settings give back the open session (checked, and logged
# in again if the ZVM forgot it); other settings replace it, and the old one is disconnected.
BeforeAll {
    . $PSScriptRoot/common.ps1
    $windows = Start-ZvmSimulator -Kind Windows
    $appliance = Start-ZvmSimulator -Kind Appliance
    $tokenPath = '/auth/realms/zerto/protocol/openid-connect/token'

    function Get-Simulator([string] $Kind) { if ($Kind -eq 'Windows') { $windows } else { $appliance } }
    function Get-Stat($Simulator) { Invoke-ZvmSimulatorControl $Simulator 'stats' }
    function Get-VerboseText($Output) {
        ($Output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n"
    }
    function New-Credential([string] $User, [string] $Password) {
        [pscredential]::new($User, (ConvertTo-SecureString $Password -AsPlainText -Force))
    }
    function Get-Request($Simulator) {
        Get-SimulatorRequest $Simulator | ForEach-Object { "$($_.method) $($_.path) $($_.status)" }
    }
}

AfterAll {
    Disconnect-AllZvmSessions
    $windows, $appliance | Stop-ZvmSimulator
}

Describe 'Connecting again with the same user and settings' {
    BeforeEach {
        Disconnect-AllZvmSessions
        foreach ($simulator in $windows, $appliance) {
            Invoke-ZvmSimulatorControl $simulator 'faults' -Method DELETE | Out-Null
            Clear-SimulatorRequest $simulator
        }
    }

    It '<Kind>: gives back the open session, checked with one read, without logging in again' -ForEach @(
        @{ Kind = 'Windows' }, @{ Kind = 'Appliance' }
    ) {
        $simulator = Get-Simulator $Kind
        $s = Connect-ZvmSession -Server $simulator.Url -Credential $simulator.Credential
        Clear-SimulatorRequest $simulator
        $before = Get-Stat $simulator
        $again = Connect-ZvmSession -Server $simulator.Url -Credential $simulator.Credential -Verbose 4>&1 |
            Tee-Object -Variable output | Where-Object { $_ -is [ZertoTasks.ZvmSession] }

        [object]::ReferenceEquals($again, $s) | Should -BeTrue
        $s.IsConnected | Should -BeTrue
        @(Get-ZvmSession) | Should -Be @($s)
        $after = Get-Stat $simulator
        $after.logins - $before.logins | Should -Be 0
        $after.logouts - $before.logouts | Should -Be 0
        Get-Request $simulator | Should -Be 'GET /v1/tasks/types 200'
        Get-VerboseText $output | Should -BeLike "*Reusing the open session to $($s.Server) as admin (connected at *): the same user and settings.*"
        Get-ZvmTaskType -Session $s | Should -Not -BeNullOrEmpty
    }

    It 'gives back the open session of a Keycloak client (-ClientCredential)' {
        $s = Connect-ZvmSession -Server $appliance.Url -ClientCredential $appliance.ClientCredential
        $before = Get-Stat $appliance
        $again = Connect-ZvmSession -Server $appliance.Url -ClientCredential $appliance.ClientCredential
        [object]::ReferenceEquals($again, $s) | Should -BeTrue
        (Get-Stat $appliance).logins - $before.logins | Should -Be 0
    }

    It 'gives back the open session when the same user name is typed in another case, with -Kind now named' {
        $s = Connect-ZvmSession -Server $windows.Url -Credential $windows.Credential
        $upper = [pscredential]::new('ADMIN', $windows.Credential.Password)
        $again = Connect-ZvmSession -Server $windows.Url -Credential $upper -Kind Windows
        [object]::ReferenceEquals($again, $s) | Should -BeTrue
        $s.UserName | Should -Be 'admin'
    }

    It 'Windows: logs the session that the ZVM forgot in again, and the held $s works' {
        $s = Connect-ZvmSession -Server $windows.Url -Credential $windows.Credential
        Invoke-ZvmSimulatorControl $windows 'expire' -Method POST | Out-Null
        Clear-SimulatorRequest $windows
        $before = Get-Stat $windows
        $again = Connect-ZvmSession -Server $windows.Url -Credential $windows.Credential
        [object]::ReferenceEquals($again, $s) | Should -BeTrue
        Get-Request $windows | Should -Be @('GET /v1/tasks/types 401', 'POST /v1/session/add 200', 'GET /v1/tasks/types 200')
        (Get-Stat $windows).logins - $before.logins | Should -Be 1
        Get-ZvmTaskType -Session $s | Should -Not -BeNullOrEmpty
        @(Get-ZvmSession) | Should -Be @($s)
    }

    It 'Appliance: renews the token that the ZVM forgot with the refresh token, and the held $s works' {
        $s = Connect-ZvmSession -Server $appliance.Url -Credential $appliance.Credential
        Invoke-ZvmSimulatorControl $appliance 'expire' -Method POST | Out-Null
        $before = Get-Stat $appliance
        $again = Connect-ZvmSession -Server $appliance.Url -Credential $appliance.Credential
        [object]::ReferenceEquals($again, $s) | Should -BeTrue
        $after = Get-Stat $appliance
        $after.refreshes - $before.refreshes | Should -Be 1
        $after.logins - $before.logins | Should -Be 0
        Get-ZvmTaskType -Session $s | Should -Not -BeNullOrEmpty
    }

    It 'makes the session it gives back the default again, as connecting does' {
        $s = Connect-ZvmSession -Server $windows.Url -Credential $windows.Credential
        $b = Connect-ZvmSession -Server $appliance.Url -Credential $appliance.Credential
        $b.IsDefault | Should -BeTrue
        Connect-ZvmSession -Server $windows.Url -Credential $windows.Credential | Out-Null
        $s.IsDefault | Should -BeTrue
        $b.IsDefault | Should -BeFalse
        @(Get-ZvmSession) | Should -Be @($s, $b)
    }

    It 'gives back the open sessions of several servers, in the order given, the last the default' {
        $first = @(Connect-ZvmSession -Server $windows.Url, $appliance.Url -Credential $windows.Credential)
        $first.Count | Should -Be 2
        $beforeW, $beforeA = (Get-Stat $windows), (Get-Stat $appliance)
        $again = @(Connect-ZvmSession -Server $appliance.Url, $windows.Url -Credential $windows.Credential)
        [object]::ReferenceEquals($again[0], $first[1]) | Should -BeTrue
        [object]::ReferenceEquals($again[1], $first[0]) | Should -BeTrue
        $first[0].IsDefault | Should -BeTrue
        (Get-Stat $windows).logins - $beforeW.logins | Should -Be 0
        (Get-Stat $appliance).logins - $beforeA.logins | Should -Be 0
    }

    It 'says so, and keeps the open session as it is, when the ZVM cannot be asked' {
        $s = Connect-ZvmSession -Server $windows.Url -Credential $windows.Credential
        $b = Connect-ZvmSession -Server $appliance.Url -Credential $appliance.Credential
        Add-SimulatorFault $windows @{ path = '/v1/tasks/types'; kind = 'reset' }
        { Connect-ZvmSession -Server $windows.Url -Credential $windows.Credential } |
            Should -Throw -ErrorId 'ZvmUnreachable,ZertoTasks.Commands.ConnectZvmSessionCommand'
        $Error[0].Exception.Message | Should -BeLike "Could not check the open session to $($s.Server) as admin, which is kept as it is: *"
        $s.IsConnected | Should -BeTrue
        $b.IsDefault | Should -BeTrue
        @(Get-ZvmSession) | Should -Be @($b, $s)
        Get-ZvmTaskType -Session $s | Should -Not -BeNullOrEmpty
    }
}

Describe 'Connecting again with other settings' {
    BeforeEach {
        Disconnect-AllZvmSessions
        foreach ($simulator in $windows, $appliance) {
            Invoke-ZvmSimulatorControl $simulator 'faults' -Method DELETE | Out-Null
        }
    }

    It '<Kind> with another <Says>: replaces the open session, which is logged out' -ForEach @(
        @{ Kind = 'Windows'; Other = @{ TimeoutSec = 60 }; Says = '-TimeoutSec' }
        @{ Kind = 'Windows'; Other = @{ AuthenticationMethod = 'Hypervisor' }; Says = '-AuthenticationMethod' }
        @{ Kind = 'Windows'; Other = @{ MaximumRetryCount = 1 }; Says = '-MaximumRetryCount' }
        @{ Kind = 'Appliance'; Other = @{ RetryIntervalSec = 1 }; Says = '-RetryIntervalSec' }
        @{ Kind = 'Appliance'; Other = @{ SkipCertificateCheck = $true }; Says = '-SkipCertificateCheck' }
    ) {
        $simulator = Get-Simulator $Kind
        $old = Connect-ZvmSession -Server $simulator.Url -Credential $simulator.Credential
        $new = Connect-ZvmSession -Server $simulator.Url -Credential $simulator.Credential @Other -Verbose 4>&1 |
            Tee-Object -Variable output | Where-Object { $_ -is [ZertoTasks.ZvmSession] }
        [object]::ReferenceEquals($new, $old) | Should -BeFalse
        @(Get-ZvmSession) | Should -Be @($new)
        $old.IsConnected | Should -BeFalse
        { Get-ZvmTask -Session $old } | Should -Throw -ErrorId 'ZvmSessionDisconnected,ZertoTasks.Commands.GetZvmTaskCommand'
        Get-ZvmTaskType -Session $new | Should -Not -BeNullOrEmpty
        Get-VerboseText $output | Should -BeLike "*Replacing the open session to $($old.Server) as admin (connected at *): other $Says.*"
    }

    It '<Kind>: a new password (changed in the directory) replaces the session opened with the old one' -ForEach @(
        @{ Kind = 'Windows' }, @{ Kind = 'Appliance' }
    ) {
        $simulator = Get-Simulator $Kind
        $password = $simulator.Credential.GetNetworkCredential().Password
        $old = Connect-ZvmSession -Server $simulator.Url -Credential $simulator.Credential
        Invoke-ZvmSimulatorControl $simulator 'password' -Method POST -Body @{ password = 'Changed-Pa55word!' } | Out-Null
        try {
            $new = Connect-ZvmSession -Server $simulator.Url -Credential (New-Credential 'admin' 'Changed-Pa55word!') -Verbose 4>&1 |
                Tee-Object -Variable output | Where-Object { $_ -is [ZertoTasks.ZvmSession] }
        }
        finally {
            Invoke-ZvmSimulatorControl $simulator 'password' -Method POST -Body @{ password = $password } | Out-Null
        }
        [object]::ReferenceEquals($new, $old) | Should -BeFalse
        $old.IsConnected | Should -BeFalse
        { Get-ZvmTask -Session $old } | Should -Throw -ErrorId 'ZvmSessionDisconnected,ZertoTasks.Commands.GetZvmTaskCommand'
        Get-VerboseText $output | Should -BeLike '*: other password.*'
        Get-VerboseText $output | Should -Not -BeLike '*Changed-Pa55word*'
    }

    It '<Kind>: a wrong password is refused, not answered with the session opened with the right one' -ForEach @(
        @{ Kind = 'Windows' }, @{ Kind = 'Appliance' }
    ) {
        $simulator = Get-Simulator $Kind
        $s = Connect-ZvmSession -Server $simulator.Url -Credential $simulator.Credential
        { Connect-ZvmSession -Server $simulator.Url -Credential (New-Credential 'admin' 'not-the-password') } |
            Should -Throw -ErrorId 'ZvmAuthenticationFailed,ZertoTasks.Commands.ConnectZvmSessionCommand'
        # As before: a refused logon leaves the open session as it was.
        $s.IsConnected | Should -BeTrue
        $s.IsDefault | Should -BeTrue
        Get-ZvmTaskType -Session $s | Should -Not -BeNullOrEmpty
    }

    It 'Appliance: a Keycloak client beside a user is another login, and both stay open' {
        $user = Connect-ZvmSession -Server $appliance.Url -Credential $appliance.Credential
        $client = Connect-ZvmSession -Server $appliance.Url -ClientCredential $appliance.ClientCredential
        [object]::ReferenceEquals($client, $user) | Should -BeFalse
        $user.IsConnected | Should -BeTrue
        @(Get-ZvmSession) | Should -Be @($client, $user)
    }

    It 'Windows: a session that the ZVM refuses even after logging in again is replaced by a new logon' {
        $old = Connect-ZvmSession -Server $windows.Url -Credential $windows.Credential
        Invoke-ZvmSimulatorControl $windows 'expire' -Method POST | Out-Null
        # The held session's logon again is refused once (a locked account, say), the new logon is not.
        Add-SimulatorFault $windows @{ path = '/v1/session/add'; kind = 'status'; status = 401; count = 1 }
        $new = Connect-ZvmSession -Server $windows.Url -Credential $windows.Credential -Verbose 4>&1 |
            Tee-Object -Variable output | Where-Object { $_ -is [ZertoTasks.ZvmSession] }
        [object]::ReferenceEquals($new, $old) | Should -BeFalse
        $old.IsConnected | Should -BeFalse
        @(Get-ZvmSession) | Should -Be @($new)
        Get-ZvmTaskType -Session $new | Should -Not -BeNullOrEmpty
        Get-VerboseText $output | Should -BeLike "*Replacing the open session to $($old.Server) as admin (connected at *): it no longer works.*"
    }
}
