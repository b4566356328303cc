# Kind and port detection: the credential goes only to a port whose answers, asked without
# it, show a ZVM of the kind it logs in to. The tests put their own servers' ports in place of
# the default ports 443 and 9669 (ZertoTasks.Auth.DefaultPorts, internal to the module).
BeforeAll {
    . $PSScriptRoot/common.ps1
    $windows = Start-ZvmSimulator -Kind Windows -Https
    $appliance = Start-ZvmSimulator -Kind Appliance -Https
    $plain = Start-ZvmSimulator -Kind Plain -Https
    $defaultPorts = [ZertoTasks.ZvmSession].Assembly.GetType('ZertoTasks.Auth.DefaultPorts', $true)

    function Set-DefaultPort([int] $Appliance, [int] $Windows) {
        $defaultPorts.GetProperty('Appliance').SetValue($null, $Appliance)
        $defaultPorts.GetProperty('Windows').SetValue($null, $Windows)
    }

    function Get-Port($Simulator) { ([uri]$Simulator.Url).Port }

    # A port that nothing listens on.
    function Get-ClosedPort {
        $listener = [System.Net.Sockets.TcpListener]::new([ipaddress]::Loopback, 0)
        $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
        $port
    }

    # Every request a server saw carried no credential: no Basic, session or Bearer header, no password or secret in a body.
    function Assert-NoCredentialReached($Simulator) {
        foreach ($request in Get-SimulatorRequest $Simulator) {
            $request.auth | Should -Be 'none' -Because "$($request.method) $($request.path) must carry no credential"
            $request.body | Should -Not -Match 'password|client_secret' -Because "$($request.method) $($request.path) must carry no secret"
        }
    }
}

AfterAll {
    Set-DefaultPort -Appliance 443 -Windows 9669
    Disconnect-AllZvmSessions
    $windows, $appliance, $plain | Stop-ZvmSimulator
}

Describe 'Connect-ZvmSession without a port' {
    BeforeEach {
        # Each test detects afresh: an open session of the same login would be given back.
        Disconnect-AllZvmSessions
        $windows, $appliance, $plain | ForEach-Object {
            Clear-SimulatorRequest $_
            Invoke-ZvmSimulatorControl $_ 'faults' -Method DELETE | Out-Null
        }
    }

    It 'goes on to the Windows ZVM on the next port when the first answers <Answer>, and sends the first no credential' -ForEach @(
        @{ Answer = '404 with an HTML page'; Fault = $null }
        @{ Answer = '200 with an HTML page'; Fault = @{ path = '/'; kind = 'html'; status = 200; count = 10 } }
        @{ Answer = '401 with an HTML page'; Fault = @{ path = '/'; kind = 'html'; status = 401; count = 10 } }
    ) {
        if ($Fault) { Add-SimulatorFault $plain $Fault }
        Set-DefaultPort -Appliance (Get-Port $plain) -Windows (Get-Port $windows)
        $session = Connect-ZvmSession -Server 127.0.0.1 -Credential $windows.Credential -SkipCertificateCheck
        $session.Kind | Should -Be 'Windows'
        $session.Server | Should -Be "127.0.0.1:$(Get-Port $windows)"
        @(Get-SimulatorRequest $plain).Count | Should -BeGreaterThan 0 -Because 'the first port was asked'
        Assert-NoCredentialReached $plain
        (Get-SimulatorRequest $windows '/v1/session/add').auth | Should -Be @('none', 'basic')
    }

    It 'logs in to an appliance on the first port, known by its Keycloak realm' {
        Set-DefaultPort -Appliance (Get-Port $appliance) -Windows (Get-Port $windows)
        $session = Connect-ZvmSession -Server 127.0.0.1 -Credential $appliance.Credential -SkipCertificateCheck
        $session.Kind | Should -Be 'Appliance'
        (Get-SimulatorRequest $appliance '/auth/realms/zerto/.well-known/openid-configuration').auth | Should -Be 'none'
        Get-SimulatorRequest $windows | Should -BeNullOrEmpty
    }

    It 'names what each port answered when none is a ZVM, and sends no credential' {
        $closed = Get-ClosedPort
        Set-DefaultPort -Appliance (Get-Port $plain) -Windows $closed
        { Connect-ZvmSession -Server 127.0.0.1 -Credential $windows.Credential -SkipCertificateCheck -MaximumRetryCount 0 } |
            Should -Throw -ErrorId 'ZvmKindNotDetected,ZertoTasks.Commands.ConnectZvmSessionCommand'
        $message = $Error[0].Exception.Message
        $message | Should -Match "127\.0\.0\.1:$(Get-Port $plain) answered 404 \(Not Found\) with an HTML page to the appliance's Keycloak realm"
        $message | Should -Match "127\.0\.0\.1:$closed could not be reached"
        $Error[0].TargetObject | Should -Be '127.0.0.1'
        Assert-NoCredentialReached $plain
    }
}

Describe 'Connect-ZvmSession when the first port has a certificate this machine does not trust' {
    It 'goes on to the trusted Windows ZVM on the next port, and sends the first no credential' {
        # A child PowerShell that trusts only the Windows simulator's certificate (OpenSSL reads SSL_CERT_FILE).
        $trusted = Join-Path ([IO.Path]::GetTempPath()) "zvm-trusted-$PID.pem"
        Set-Content -Path $trusted -Value (Invoke-ZvmSimulatorControl $windows 'certificate').pem
        Clear-SimulatorRequest $plain
        $user, $password = $windows.Credential.UserName, $windows.Credential.GetNetworkCredential().Password
        $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$ModuleManifest'
`$ports = [ZertoTasks.ZvmSession].Assembly.GetType('ZertoTasks.Auth.DefaultPorts', `$true)
`$ports.GetProperty('Appliance').SetValue(`$null, $(Get-Port $plain))
`$ports.GetProperty('Windows').SetValue(`$null, $(Get-Port $windows))
`$credential = [pscredential]::new('$user', (ConvertTo-SecureString '$password' -AsPlainText -Force))
`$session = Connect-ZvmSession -Server 127.0.0.1 -Credential `$credential -Verbose 4>&1 | ForEach-Object { "`$_" }
`$session
"@
        $saved = $env:SSL_CERT_FILE
        try {
            $env:SSL_CERT_FILE = $trusted
            $output = & dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -Command $script 2>&1 | ForEach-Object { "$_" }
        }
        finally {
            $env:SSL_CERT_FILE = $saved
            Remove-Item $trusted -ErrorAction Ignore
        }
        $output -join "`n" | Should -Match "127\.0\.0\.1:$(Get-Port $plain) is not trusted"
        $output[-1] | Should -Match "^127\.0\.0\.1:$(Get-Port $windows) \(Windows, admin\)$"
        Get-SimulatorRequest $plain | Should -BeNullOrEmpty -Because 'no request passed the TLS handshake'
    }

    It 'refuses both when neither is trusted, naming each, with the advice for certificates' {
        Disconnect-AllZvmSessions
        Clear-SimulatorRequest $plain
        Set-DefaultPort -Appliance (Get-Port $plain) -Windows (Get-Port $windows)
        { Connect-ZvmSession -Server 127.0.0.1 -Credential $windows.Credential } |
            Should -Throw -ErrorId 'ZvmCertificateUntrusted,ZertoTasks.Commands.ConnectZvmSessionCommand'
        $Error[0].Exception.Message | Should -Match "127\.0\.0\.1:$(Get-Port $plain) is not trusted.*127\.0\.0\.1:$(Get-Port $windows) is not trusted"
        $Error[0].Exception.Message | Should -Match 'SkipCertificateCheck'
    }
}

Describe 'Connect-ZvmSession with a -Kind that the server is not' {
    BeforeEach {
        Disconnect-AllZvmSessions
        $windows, $appliance, $plain | ForEach-Object { Clear-SimulatorRequest $_ }
    }

    It '-Kind <Kind> at <Actual>: says which kind it is, and sends no credential' -ForEach @(
        @{ Kind = 'Windows'; Actual = 'an appliance'; Said = 'answered 404 \(Not Found\) to the Windows login .* use -Kind Appliance' }
        @{ Kind = 'Appliance'; Actual = 'a Windows ZVM'; Said = 'answered 404 \(Not Found\) to the appliance''s Keycloak realm .* use -Kind Windows' }
    ) {
        $simulator = if ($Actual -eq 'an appliance') { $appliance } else { $windows }
        { Connect-ZvmSession -Server $simulator.Url -Kind $Kind -Credential $simulator.Credential -SkipCertificateCheck } |
            Should -Throw -ErrorId 'ZvmKindMismatch,ZertoTasks.Commands.ConnectZvmSessionCommand'
        $Error[0].Exception.Message | Should -Match $Said
        $Error[0].TargetObject | Should -Be ([uri]$simulator.Url).Authority
        Assert-NoCredentialReached $simulator
    }

    It '-ClientCredential at a Windows ZVM: says it takes -Credential, and sends no secret' {
        { Connect-ZvmSession -Server $windows.Url -ClientCredential $appliance.ClientCredential -SkipCertificateCheck } |
            Should -Throw -ErrorId 'ClientCredentialNeedsAppliance,ZertoTasks.Commands.ConnectZvmSessionCommand'
        $Error[0].Exception.Message | Should -Match 'Use -Credential'
        Assert-NoCredentialReached $windows
    }

    It 'a 401 that offers only Negotiate and NTLM is no Windows ZVM, whatever its body says: no credential is sent' {
        Invoke-ZvmSimulatorControl $windows 'faults' -Method DELETE | Out-Null
        Add-SimulatorFault $windows @{ path = '/'; kind = 'negotiate'; count = 20 }
        try {
            { Connect-ZvmSession -Server $windows.Url -Credential $windows.Credential -SkipCertificateCheck -MaximumRetryCount 0 } |
                Should -Throw -ErrorId 'ZvmKindNotDetected,ZertoTasks.Commands.ConnectZvmSessionCommand'
            $Error[0].Exception.Message | Should -Match '401 \(Unauthorized\) asking for Negotiate or NTLM but not Basic to the Windows login'
            @(Get-SimulatorRequest $windows '/v1/session/add').Count | Should -Be 1
            Assert-NoCredentialReached $windows
        }
        finally {
            Invoke-ZvmSimulatorControl $windows 'faults' -Method DELETE | Out-Null
        }
    }

    It '-Kind Windows at a server that is no ZVM: names its answers, and sends no credential' {
        { Connect-ZvmSession -Server $plain.Url -Kind Windows -Credential $windows.Credential -SkipCertificateCheck } |
            Should -Throw -ErrorId 'ZvmKindNotDetected,ZertoTasks.Commands.ConnectZvmSessionCommand'
        $Error[0].Exception.Message | Should -Match '404 \(Not Found\) with an HTML page to the Windows login'
        Assert-NoCredentialReached $plain
    }
}
