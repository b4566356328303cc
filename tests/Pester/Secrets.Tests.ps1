# No password, client secret or token may reach anything a user, a log or a transcript can see.
# Every cmdlet runs with -Verbose -Debug through successes and faults; every stream, error record,
# exception (inner ones too), ErrorDetails, target object, format view and serialization of what
# came out is searched for every secret the test used and every token the simulators issued.
BeforeAll {
    . $PSScriptRoot/common.ps1
    $windows = Start-ZvmSimulator -Kind Windows
    # Tokens that live 2 s: the sweep sees refreshes before expiry too.
    $appliance = Start-ZvmSimulator -Kind Appliance -TokenLifetime 2
    $wrongPassword = 'Wr0ng-Pa55 word&'
    $recorded = Get-RecordedTask 'windows-tasks.json'
    $failedId = ($recorded | Where-Object { $_.Status.State -eq 4 } | Select-Object -First 1).TaskIdentifier
    $runningId = ($recorded | Where-Object { $_.Status.State -eq 1 } | Select-Object -First 1).TaskIdentifier
    $tokenPath = '/auth/realms/zerto/protocol/openid-connect/token'

    $swept = [System.Collections.Generic.List[object]]::new()
    # Runs a step, keeps everything it wrote to any stream (and its terminating error), returns its output.
    function Invoke-Swept([scriptblock] $Step) {
        $items = try { & $Step *>&1 } catch { $_ }
        foreach ($item in $items) { $swept.Add($item) }
        $items | Where-Object { $_ -is [ZertoTasks.ZvmSession] }
    }

    function New-Credential([string] $User, [string] $Password) {
        [pscredential]::new($User, (ConvertTo-SecureString $Password -AsPlainText -Force))
    }

    function Reset-Fault { foreach ($simulator in $windows, $appliance) { Invoke-ZvmSimulatorControl $simulator 'faults' -Method DELETE | Out-Null } }

    # --- Windows ZVM: wrong password, login, every read, expiry + re-login, 503 retries, 401 after a re-login, HTML, refused re-login.
    Invoke-Swept { Connect-ZvmSession -Server $windows.Url -Credential (New-Credential 'admin' $wrongPassword) -Verbose -Debug }
    $ws = Invoke-Swept { Connect-ZvmSession -Server $windows.Url -Credential $windows.Credential -RetryIntervalSec 0 -Verbose -Debug }
    Invoke-Swept { Get-ZvmTask -Session $ws -Verbose -Debug }
    Invoke-Swept { Get-ZvmTask -TaskIdentifier $failedId -Session $ws -Verbose -Debug }
    Invoke-Swept { Get-ZvmTaskType -Session $ws -Verbose -Debug }
    Invoke-Swept { Wait-ZvmTask -TaskIdentifier $failedId, $runningId -TimeoutSec 1 -PollIntervalSec 1 -Session $ws -Verbose -Debug }
    Invoke-ZvmSimulatorControl $windows 'expire' -Method POST | Out-Null
    Invoke-Swept { Get-ZvmTaskType -Session $ws -Verbose -Debug }
    Add-SimulatorFault $windows @{ path = '/v1/tasks/types'; kind = 'status'; status = 503; count = 2 }
    Invoke-Swept { Get-ZvmTaskType -Session $ws -Verbose -Debug }
    Add-SimulatorFault $windows @{ path = '/v1/tasks/types'; kind = 'status'; status = 401; count = 2 }
    Invoke-Swept { Get-ZvmTaskType -Session $ws -Verbose -Debug }
    Add-SimulatorFault $windows @{ path = '/v1/tasks'; exact = $true; kind = 'html'; status = 200 }
    Invoke-Swept { Get-ZvmTask -Session $ws -Verbose -Debug }
    Invoke-Swept { Get-ZvmSession -Verbose -Debug }
    $doomed = Invoke-Swept { Connect-ZvmSession -Server $windows.Url -Credential $windows.Credential -Kind Windows -Verbose -Debug }
    Invoke-ZvmSimulatorControl $windows 'expire' -Method POST | Out-Null
    Add-SimulatorFault $windows @{ path = '/v1/session/add'; kind = 'status'; status = 401; count = 5 }
    Invoke-Swept { Get-ZvmTask -Session $doomed -Verbose -Debug }
    Reset-Fault

    # --- Appliance: both grants (right and wrong), refresh before expiry, refresh after a 401, HTML, refused renewal.
    Invoke-Swept { Connect-ZvmSession -Server $appliance.Url -Credential (New-Credential 'admin' $wrongPassword) -Verbose -Debug }
    Invoke-Swept { Connect-ZvmSession -Server $appliance.Url -ClientCredential (New-Credential 'zerto-automation' $wrongPassword) -Verbose -Debug }
    $ap = Invoke-Swept { Connect-ZvmSession -Server $appliance.Url -Credential $appliance.Credential -RetryIntervalSec 0 -Verbose -Debug }
    $ac = Invoke-Swept { Connect-ZvmSession -Server $appliance.Url -ClientCredential $appliance.ClientCredential -RetryIntervalSec 0 -Verbose -Debug }
    Invoke-Swept { Get-ZvmTask -Session $ap, $ac -Verbose -Debug }
    Start-Sleep -Milliseconds 1500
    Invoke-Swept { Get-ZvmTaskType -Session $ap, $ac -Verbose -Debug }
    Invoke-ZvmSimulatorControl $appliance 'expire' -Method POST | Out-Null
    Invoke-Swept { Get-ZvmTask -TaskIdentifier (Get-RecordedTask 'appliance-tasks.json')[0].link.identifier -Session $ap -Verbose -Debug }
    Add-SimulatorFault $appliance @{ path = '/v1/tasks/types'; kind = 'html'; count = 4 }
    Invoke-Swept { Get-ZvmTaskType -Session $ac -Verbose -Debug }
    Invoke-ZvmSimulatorControl $appliance 'expire' -Method POST | Out-Null
    Add-SimulatorFault $appliance @{ path = $tokenPath; kind = 'status'; status = 401; count = 2 }
    Invoke-Swept { Get-ZvmTaskType -Session $ap -Verbose -Debug }
    Reset-Fault
    Invoke-Swept { Get-ZvmSession -Verbose -Debug }
    Invoke-Swept { Disconnect-ZvmSession -Session $ws, $ap, $ac, $doomed -Verbose -Debug }

    # Every text that can be made of what came out.
    $clixml = Join-Path $TestDrive 'sessions.xml'
    $ws, $ap, $ac | Export-Clixml -Path $clixml -Depth 5
    $texts = [System.Collections.Generic.List[string]]::new()
    $texts.Add((Get-Content $clixml -Raw))
    foreach ($item in @($swept) + @($Error) + @($ws, $ap, $ac)) {
        $texts.Add("$item")
        $texts.Add(($item | Out-String -Width 500))
        $texts.Add(($item | Format-List * -Force | Out-String -Width 500))
        if ($item -is [System.Management.Automation.ErrorRecord]) {
            $texts.Add($item.ToString())
            $texts.Add($item.ErrorDetails.Message)
            $texts.Add("$($item.TargetObject)")
            $texts.Add(($item.TargetObject | ConvertTo-Json -Depth 4 -WarningAction SilentlyContinue))
            $texts.Add($item.Exception.ToString())
            for ($e = $item.Exception; $e; $e = $e.InnerException) {
                $texts.Add(($e | Format-List * -Force | Out-String -Width 500))
            }
        }
        elseif ($item -isnot [System.Management.Automation.InformationalRecord]) {
            $texts.Add(($item | ConvertTo-Json -Depth 4 -WarningAction SilentlyContinue))
            $texts.Add([System.Management.Automation.PSSerializer]::Serialize($item, 4))
        }
    }
    $everything = $texts -join "`n"

    # What must never show: the secrets as typed, as a Basic header and form-encoded, and every token.
    $typed = @($windows.Secrets) + $wrongPassword
    $secrets = @(
        foreach ($secret in $typed) {
            @{ Name = 'a password or client secret'; Value = $secret }
            @{ Name = 'a URL-encoded secret'; Value = [uri]::EscapeDataString($secret) }
            @{ Name = 'a form-encoded secret'; Value = [uri]::EscapeDataString($secret).Replace('%20', '+') }
            @{ Name = 'a Basic header'; Value = [convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes("admin:$secret")) }
        }
        foreach ($simulator in $windows, $appliance) {
            # Invoke-RestMethod writes a JSON array as one object; ForEach-Object unrolls it.
            foreach ($token in (Invoke-ZvmSimulatorControl $simulator 'issued-tokens' | ForEach-Object { $_ })) {
                @{ Name = "a token of the $($simulator.Kind) simulator"; Value = $token }
                # A JWT's random signature, should only part of a token be shown.
                if ($token -match '\.([^.]{20,})$') { @{ Name = 'a token signature'; Value = $Matches[1] } }
            }
        }
    )
}

AfterAll {
    Disconnect-AllZvmSessions
    $windows, $appliance | Stop-ZvmSimulator
}

Describe 'The secret sweep' {
    It 'went through every cmdlet, every fault and every stream' {
        foreach ($id in 'ZvmAuthenticationFailed', 'ZvmSessionExpired', 'ZvmResponseInvalid', 'ZvmRequestFailed', 'TaskFailed', 'WaitTimedOut') {
            $everything | Should -Match $id
        }
        $everything | Should -Match 'retry 2 of 3'
        $everything | Should -Match 'logging in again'
        $everything | Should -Match 'Refreshing the access token'
        $everything | Should -Match 'answered 200 in \d+ ms' -Because 'the debug stream is in the sweep'
        $everything | Should -Match 'client credentials grant for zerto-automation'
    }

    It 'found the simulators'' tokens to look for' {
        # Windows: two logins and two re-logins. Appliance: two logins and at least two refreshes, each a pair.
        @($secrets | Where-Object Name -like 'a token of the Windows*').Count | Should -Be 4
        @($secrets | Where-Object Name -like 'a token of the Appliance*').Count | Should -BeGreaterOrEqual 8
    }

    It 'found no secret anywhere' {
        $leaks = @($secrets | Where-Object { $everything.Contains($_.Value) } | ForEach-Object Name)
        # The names only: a failure must not print the secret it found.
        $leaks | Should -BeNullOrEmpty
    }
}
