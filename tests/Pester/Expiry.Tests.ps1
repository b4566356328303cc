# Sessions that a ZVM ends (idle time-out, restart) and appliance tokens that run out.
BeforeAll {
    . $PSScriptRoot/common.ps1
    $windows = Start-ZvmSimulator -Kind Windows
    $appliance = Start-ZvmSimulator -Kind Appliance
    $shortLived = Start-ZvmSimulator -Kind Appliance -TokenLifetime 4
    $tokenPath = '/auth/realms/zerto/protocol/openid-connect/token'

    function Get-Stat($Simulator) { Invoke-ZvmSimulatorControl $Simulator 'stats' }
    function Get-Simulator([string] $Kind) { if ($Kind -eq 'Windows') { $windows } else { $appliance } }
    function Get-LoginPath([string] $Kind) { if ($Kind -eq 'Windows') { '/v1/session/add' } else { $tokenPath } }
}

AfterAll {
    Disconnect-AllZvmSessions
    $windows, $appliance, $shortLived | Stop-ZvmSimulator
}

Describe 'A session the ZVM has ended' {
    BeforeEach {
        foreach ($simulator in $windows, $appliance) {
            Invoke-ZvmSimulatorControl $simulator 'faults' -Method DELETE | Out-Null
        }
    }

    It 'Windows: logs in again once with the kept credential and repeats the call' {
        $session = Connect-ZvmSession -Server $windows.Url -Credential $windows.Credential
        Clear-SimulatorRequest $windows
        Invoke-ZvmSimulatorControl $windows 'expire' -Method POST | Out-Null
        @(Get-ZvmTaskType -Session $session).Count | Should -BeGreaterThan 10
        (Get-SimulatorRequest $windows | ForEach-Object { "$($_.method) $($_.path) $($_.status)" }) | Should -Be @(
            'GET /v1/tasks/types 401', 'POST /v1/session/add 200', 'GET /v1/tasks/types 200')
    }

    It 'Appliance: gets a new access token with the refresh token, not the password, and repeats the call' {
        $session = Connect-ZvmSession -Server $appliance.Url -Credential $appliance.Credential -Kind Appliance
        Clear-SimulatorRequest $appliance
        $before = Get-Stat $appliance
        Invoke-ZvmSimulatorControl $appliance 'expire' -Method POST | Out-Null
        @(Get-ZvmTaskType -Session $session).Count | Should -BeGreaterThan 10
        $after = Get-Stat $appliance
        $after.refreshes - $before.refreshes | Should -Be 1
        $after.logins - $before.logins | Should -Be 0
        (Get-SimulatorRequest $appliance $tokenPath).body | Should -Match 'grant_type=refresh_token'
    }

    It '<Kind>: a refused re-login is ZvmAuthenticationFailed saying to run Connect-ZvmSession, and is not tried again' -ForEach @(
        @{ Kind = 'Windows'; Tries = 1 }
        @{ Kind = 'Appliance'; Tries = 2 } # the refresh, then the password
    ) {
        $simulator = Get-Simulator $Kind
        $loginPath = Get-LoginPath $Kind
        $session = Connect-ZvmSession -Server $simulator.Url -Credential $simulator.Credential -Kind $Kind
        Clear-SimulatorRequest $simulator
        Invoke-ZvmSimulatorControl $simulator 'expire' -Method POST | Out-Null
        Add-SimulatorFault $simulator @{ path = $loginPath; kind = 'status'; status = 401; count = 10 }

        { Get-ZvmTaskType -Session $session -ErrorAction Stop } |
            Should -Throw -ErrorId 'ZvmAuthenticationFailed,ZertoTasks.Commands.GetZvmTaskTypeCommand'
        $Error[0].Exception.Message | Should -Be "$(([uri]$simulator.Url).Authority) ended the session and refused to log 'admin' in again (Simulated fault): the password may have changed since Connect-ZvmSession, or the account been locked or disabled. Run Connect-ZvmSession with the current password."
        $Error[0].ErrorDetails.Message | Should -Match 'Simulated fault'
        $Error[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
        @(Get-SimulatorRequest $simulator $loginPath).Count | Should -Be $Tries

        # A second call, or a second runspace, does not try the refused credential again.
        { Get-ZvmTaskType -Session $session -ErrorAction Stop } | Should -Throw -ErrorId 'ZvmAuthenticationFailed,*'
        @(Get-SimulatorRequest $simulator $loginPath).Count | Should -Be $Tries
    }
}

Describe 'An appliance token about to expire' {
    It 'is refreshed before it expires (<Grant> grant), so no call meets a 401' -ForEach @(@{ Grant = 'password' }, @{ Grant = 'client_credentials' }) {
        $parameters = @{ Server = $shortLived.Url; Kind = 'Appliance' }
        if ($Grant -eq 'password') { $parameters.Credential = $shortLived.Credential } else { $parameters.ClientCredential = $shortLived.ClientCredential }
        $session = Connect-ZvmSession @parameters
        Clear-SimulatorRequest $shortLived
        $before = Get-Stat $shortLived
        # The token lives 4 s; past half its life the module renews it before using it.
        Start-Sleep -Seconds 3
        @(Get-ZvmTaskType -Session $session).Count | Should -BeGreaterThan 10
        @(Get-ZvmTask -Session $session).Count | Should -BeGreaterThan 10

        $requests = Get-SimulatorRequest $shortLived
        ($requests | Where-Object path -eq $tokenPath).body | Should -Match 'grant_type=refresh_token'
        $requests.status | Should -Not -Contain 401
        # At least one: a slow test machine may reach the new token's half-life too.
        (Get-Stat $shortLived).refreshes - $before.refreshes | Should -BeGreaterOrEqual 1
        (Get-Stat $shortLived).logins - $before.logins | Should -Be 0
    }
}
