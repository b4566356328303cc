BeforeAll {
    . $PSScriptRoot/common.ps1
    $windows = Start-ZvmSimulator -Kind Windows
    $appliance = Start-ZvmSimulator -Kind Appliance
}

AfterAll {
    Disconnect-AllZvmSessions
    $windows, $appliance | Stop-ZvmSimulator
}

Describe 'Connect-ZvmSession' {
    BeforeEach {
        Disconnect-AllZvmSessions
        Clear-SimulatorRequest $windows
        Clear-SimulatorRequest $appliance
    }

    It 'detects a Windows ZVM and logs in with the session header' {
        $session = Connect-ZvmSession -Server $windows.Url -Credential $windows.Credential
        $session | Should -BeOfType ZertoTasks.ZvmSession
        $session.Kind | Should -Be 'Windows'
        $session.UserName | Should -Be 'admin'
        $session.Server | Should -Be ([uri]$windows.Url).Authority
        (Get-ZvmSession) | Should -Be $session
        Get-ZvmTaskType | Should -Not -BeNullOrEmpty
        # First asked without a credential, which a Windows ZVM refuses with 401; then the login.
        $login = Get-SimulatorRequest $windows '/v1/session/add'
        $login.auth | Should -Be @('none', 'basic')
        $login.status | Should -Be @(401, 200)
        (Get-SimulatorRequest $windows '/v1/tasks/types').auth | Should -Be 'session'
    }

    It 'detects an appliance by its Keycloak realm and logs in through Keycloak' {
        $session = Connect-ZvmSession -Server $appliance.Url -Credential $appliance.Credential
        $session.Kind | Should -Be 'Appliance'
        $realm = Get-SimulatorRequest $appliance '/auth/realms/zerto/.well-known/openid-configuration'
        $realm.auth | Should -Be 'none'
        $realm.status | Should -Be 200
        Get-SimulatorRequest $appliance '/v1/session/add' | Should -BeNullOrEmpty
        $token = Get-SimulatorRequest $appliance '*openid-connect/token'
        $token.body | Should -Match 'grant_type=password'
        $token.body | Should -Match 'client_id=zerto-client'
        Get-ZvmTaskType | Should -Not -BeNullOrEmpty
        (Get-SimulatorRequest $appliance '/v1/tasks/types').auth | Should -Be 'bearer'
    }

    It 'asks only the question of the kind that -Kind names' {
        Connect-ZvmSession -Server $appliance.Url -Credential $appliance.Credential -Kind Appliance | Out-Null
        Get-SimulatorRequest $appliance '/v1/session/add' | Should -BeNullOrEmpty
    }

    It 'uses the client-credentials grant with -ClientCredential' {
        $session = Connect-ZvmSession -Server $appliance.Url -ClientCredential $appliance.ClientCredential
        $session.UserName | Should -Be 'zerto-automation'
        (Get-SimulatorRequest $appliance '*openid-connect/token').body | Should -Match 'grant_type=client_credentials'
        Get-SimulatorRequest $appliance '/v1/session/add' | Should -BeNullOrEmpty
    }

    It 'sends the hypervisor authentication body when asked' {
        Connect-ZvmSession -Server $windows.Url -Credential $windows.Credential -AuthenticationMethod Hypervisor | Out-Null
        $login = Get-SimulatorRequest $windows '/v1/session/add' | Where-Object auth -eq 'basic'
        $login.body | Should -Match '"AuthenticationMethod":1'
    }

    It 'honours -Port over a URL without one' {
        $uri = [uri]$windows.Url
        $session = Connect-ZvmSession -Server "http://$($uri.Host)" -Port $uri.Port -Credential $windows.Credential
        $session.Server | Should -Be $uri.Authority
    }

    It 'refuses a wrong password on <Kind> with the server''s message and stores nothing' -ForEach @(
        @{ Kind = 'Windows'; Said = 'Authorization has been denied' }
        @{ Kind = 'Appliance'; Said = 'Invalid user credentials' }
    ) {
        $simulator = if ($Kind -eq 'Windows') { $windows } else { $appliance }
        $wrong = [pscredential]::new('admin', (ConvertTo-SecureString 'not-the-password' -AsPlainText -Force))
        { Connect-ZvmSession -Server $simulator.Url -Credential $wrong } |
            Should -Throw -ErrorId 'ZvmAuthenticationFailed,ZertoTasks.Commands.ConnectZvmSessionCommand'
        $Error[0].ErrorDetails.Message | Should -Match $Said
        $Error[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
        $Error[0].TargetObject | Should -Be ([uri]$simulator.Url).Authority
        Get-ZvmSession | Should -BeNullOrEmpty
    }

    It 'refuses a server that is not a host or URL before sending anything: <Server>' -ForEach @(
        @{ Server = 'ftp://zvm' }, @{ Server = 'zvm 01' }, @{ Server = 'https://zvm/v1/tasks' }, @{ Server = 'zvm:99999' }
    ) {
        { Connect-ZvmSession -Server $Server -Credential $windows.Credential } |
            Should -Throw -ErrorId 'InvalidServer,ZertoTasks.Commands.ConnectZvmSessionCommand'
    }

    It 'refuses a port outside 1-65535' {
        { Connect-ZvmSession -Server 'zvm' -Port 70000 -Credential $windows.Credential } |
            Should -Throw -ErrorId 'InvalidServer,ZertoTasks.Commands.ConnectZvmSessionCommand'
    }

    It 'reports an unreachable server as ZvmUnreachable naming it' {
        $listener = [System.Net.Sockets.TcpListener]::new([ipaddress]::Loopback, 0)
        $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
        { Connect-ZvmSession -Server "http://127.0.0.1:$port" -Credential $windows.Credential -MaximumRetryCount 0 } |
            Should -Throw -ErrorId 'ZvmUnreachable,ZertoTasks.Commands.ConnectZvmSessionCommand'
        $Error[0].Exception.Message | Should -Match "127.0.0.1:$port"
    }
}

Describe 'Disconnect-ZvmSession' {
    It 'ends a Windows session on the server and forgets it' {
        Clear-SimulatorRequest $windows
        $session = Connect-ZvmSession -Server $windows.Url -Credential $windows.Credential
        Disconnect-ZvmSession
        (Get-SimulatorRequest $windows '/v1/session').method | Should -Be 'DELETE'
        Get-ZvmSession | Should -BeNullOrEmpty
        $session.IsConnected | Should -BeFalse
        { Get-ZvmTask -Session $session } | Should -Throw -ErrorId 'ZvmSessionDisconnected,ZertoTasks.Commands.GetZvmTaskCommand'
    }

    It 'logs an appliance session out of Keycloak' {
        Clear-SimulatorRequest $appliance
        Connect-ZvmSession -Server $appliance.Url -Credential $appliance.Credential | Disconnect-ZvmSession
        Get-SimulatorRequest $appliance '*openid-connect/logout' | Should -Not -BeNullOrEmpty
    }

    It 'fails with NoZvmSession when there is no session to end' {
        Disconnect-AllZvmSessions
        { Disconnect-ZvmSession } | Should -Throw -ErrorId 'NoZvmSession,ZertoTasks.Commands.DisconnectZvmSessionCommand'
    }
}

Describe 'Sessions' {
    It 'makes the newest session the default and lists all of them' {
        $a = Connect-ZvmSession -Server $windows.Url -Credential $windows.Credential
        $b = Connect-ZvmSession -Server $appliance.Url -Credential $appliance.Credential
        (Get-ZvmSession)[0] | Should -Be $b
        (Get-ZvmSession).Count | Should -Be 2
        Get-ZvmSession -Server ([uri]$windows.Url).Authority | Should -Be $a
        Disconnect-AllZvmSessions
    }

    It 'logs out the <Kind> session that connecting again with other settings replaces, and keeps the new one' -ForEach @(
        @{ Kind = 'Windows'; Logout = '/v1/session'; Method = 'DELETE'; Status = 200 }
        @{ Kind = 'Appliance'; Logout = '*openid-connect/logout'; Method = 'POST'; Status = 204 }
    ) {
        Disconnect-AllZvmSessions
        $simulator = if ($Kind -eq 'Windows') { $windows } else { $appliance }
        $old = Connect-ZvmSession -Server $simulator.Url -Credential $simulator.Credential
        $oldTokens = @(Invoke-ZvmSimulatorControl $simulator 'live-tokens' | ForEach-Object { $_ })
        $oldTokens.Count | Should -BeGreaterThan 0
        Clear-SimulatorRequest $simulator
        $new = Connect-ZvmSession -Server $simulator.Url -Credential $simulator.Credential -TimeoutSec 60 -Verbose 4>&1 |
            Tee-Object -Variable output | Where-Object { $_ -is [ZertoTasks.ZvmSession] }
        @(Get-ZvmSession) | Should -Be @($new)
        $old.IsConnected | Should -BeFalse
        $new.IsConnected | Should -BeTrue
        $logout = @(Get-SimulatorRequest $simulator $Logout)
        $logout.method | Should -Be $Method
        $logout.status | Should -Be $Status
        # The old session's tokens no longer work on the ZVM; the new session's do.
        $live = @(Invoke-ZvmSimulatorControl $simulator 'live-tokens' | ForEach-Object { $_ })
        $live | Where-Object { $_ -in $oldTokens } | Should -BeNullOrEmpty
        $live.Count | Should -BeGreaterThan 0
        Get-ZvmTaskType -Session $new | Should -Not -BeNullOrEmpty
        { Get-ZvmTask -Session $old } | Should -Throw -ErrorId 'ZvmSessionDisconnected,ZertoTasks.Commands.GetZvmTaskCommand'
        ($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message |
            Should -Contain "Logged out the replaced session of $($old.Server) ($($old.ConnectedAt.ToString('HH:mm:ss')))."
        Disconnect-AllZvmSessions
    }

    It 'connects again when the replaced session cannot be logged out: a verbose line, not an error' {
        Disconnect-AllZvmSessions
        $old = Connect-ZvmSession -Server $windows.Url -Credential $windows.Credential
        # The ZVM drops the logoff's connection. (An HTTP error answer to a logoff is not an error at all.)
        Add-SimulatorFault $windows @{ path = '/v1/session'; exact = $true; kind = 'reset' }
        $new = Connect-ZvmSession -Server $windows.Url -Credential $windows.Credential -TimeoutSec 60 -Verbose -ErrorVariable failed 4>&1 |
            Tee-Object -Variable output | Where-Object { $_ -is [ZertoTasks.ZvmSession] }
        $failed | Should -BeNullOrEmpty
        @(Get-ZvmSession) | Should -Be @($new)
        $old.IsConnected | Should -BeFalse
        ($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n" |
            Should -BeLike "*replaced session of $($old.Server) * could not be logged out*"
        Disconnect-AllZvmSessions
    }

    It 'fails with NoZvmSession in a runspace that has none, even when another runspace has one' {
        Connect-ZvmSession -Server $windows.Url -Credential $windows.Credential | Out-Null
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$ModuleManifest'; try { Get-ZvmTask -ErrorAction Stop } catch { `$_.FullyQualifiedErrorId }")
            $ps.Invoke() | Should -Be 'NoZvmSession,ZertoTasks.Commands.GetZvmTaskCommand'
        }
        finally { $ps.Dispose() }
        Disconnect-AllZvmSessions
        { Get-ZvmTask } | Should -Throw -ErrorId 'NoZvmSession,ZertoTasks.Commands.GetZvmTaskCommand'
    }

    It 'keeps every secret out of the session object and its serializations' {
        $session = Connect-ZvmSession -Server $appliance.Url -ClientCredential $appliance.ClientCredential
        $texts = @(
            $session.ToString()
            $session | Format-List * | Out-String
            $session | ConvertTo-Json -Depth 6
            [System.Management.Automation.PSSerializer]::Serialize($session, 5)
        )
        foreach ($secret in $appliance.Secrets) {
            $texts | Should -Not -Match ([regex]::Escape($secret))
        }
        $session.PSObject.Properties.Name | Should -Not -Contain 'Client'
        Disconnect-AllZvmSessions
    }
}

Describe 'Certificates' {
    BeforeAll {
        $https = Start-ZvmSimulator -Kind Windows -Https
    }
    AfterAll {
        $https | Stop-ZvmSimulator
    }

    It 'refuses a self-signed certificate by default, saying how to proceed' {
        { Connect-ZvmSession -Server $https.Url -Credential $https.Credential -MaximumRetryCount 0 } |
            Should -Throw -ErrorId 'ZvmCertificateUntrusted,ZertoTasks.Commands.ConnectZvmSessionCommand'
        $Error[0].Exception.Message | Should -Match "^The certificate of $([regex]::Escape(([uri]$https.Url).Authority)) is not trusted \(.+\)\. Trust"
        $Error[0].Exception.Message | Should -Match 'trusted root store'
        $Error[0].Exception.Message | Should -Match 'SkipCertificateCheck'
    }

    It 'trusts it with -SkipCertificateCheck for that session only' {
        $session = Connect-ZvmSession -Server $https.Url -Credential $https.Credential -SkipCertificateCheck
        $session.SkipCertificateCheck | Should -BeTrue
        Get-ZvmTask | Should -Not -BeNullOrEmpty
        # The rest of the process still validates certificates.
        { Invoke-WebRequest "$($https.Url)/_sim/stats" -UseBasicParsing } | Should -Throw
        { [System.Net.Http.HttpClient]::new().GetStringAsync("$($https.Url)/_sim/stats").GetAwaiter().GetResult() } | Should -Throw
        Disconnect-AllZvmSessions
    }
}
