# Errors as a contract: every ErrorId of ErrorIds.cs is documented, and each one, when it happens,
# has a fitting category, the offending input as target, and the server's words where it spoke.
BeforeDiscovery {
    $scenarios = @(
        @{ Id = 'NoZvmSession'; Category = 'InvalidOperation'; Target = 'runspace'; Said = $null
            Run = { Invoke-InNewRunspace 'Get-ZvmTask' } }
        @{ Id = 'ZvmSessionDisconnected'; Category = 'InvalidOperation'; Target = 'session'; Said = $null
            Run = { Get-ZvmTask -Session $closed } }
        @{ Id = 'ZvmSessionNotFound'; Category = 'ObjectNotFound'; Target = 'nosuch'; Said = $null
            Run = { Get-ZvmSession -Server 'nosuch' } }
        @{ Id = 'TaskTypeNotFound'; Category = 'ObjectNotFound'; Target = 'nosuch'; Said = $null
            Run = { Get-ZvmTaskType -Name 'nosuch' -Session $session } }
        @{ Id = 'ZvmLicenseInvalid'; Category = 'PermissionDenied'; Target = 'running'; Said = 'Valid License is not provided'
            Run = { Add-SimulatorFault $windows @{ path = '/v1/tasks/'; kind = 'status'; status = 400; message = 'Valid License is not provided ' }; Get-ZvmTask -TaskIdentifier $runningId -Session $session } }
        @{ Id = 'InvalidServer'; Category = 'InvalidArgument'; Target = 'ftp://zvm'; Said = $null
            Run = { Connect-ZvmSession -Server 'ftp://zvm' -Credential $windows.Credential } }
        @{ Id = 'ServerPropertyMissing'; Category = 'InvalidArgument'; Target = 'record'; Said = $null
            Run = { [pscustomobject]@{ Name = 'zvm01'; Site = 'FRA' } | Connect-ZvmSession -Credential $windows.Credential } }
        @{ Id = 'ClientCredentialNeedsAppliance'; Category = 'InvalidArgument'; Target = 'Windows'; Said = $null
            Run = { Connect-ZvmSession -Server $appliance.Url -ClientCredential $appliance.ClientCredential -Kind Windows } }
        @{ Id = 'InvalidTaskIdentifier'; Category = 'InvalidArgument'; Target = 'not-an-id'; Said = $null
            Run = { Get-ZvmTask -TaskIdentifier 'not-an-id' -Session $session } }
        @{ Id = 'InvalidDateRange'; Category = 'InvalidArgument'; Target = 'date'; Said = $null
            Run = { Get-ZvmTask -StartedAfter '2026-11-20' -StartedBefore '2026-11-01' -Session $session } }
        @{ Id = 'ZvmAuthenticationFailed'; Category = 'AuthenticationError'; Target = 'server'; Said = 'Authorization has been denied'
            Run = { Connect-ZvmSession -Server $windows.Url -Credential $wrongPassword } }
        @{ Id = 'ZvmUnreachable'; Category = 'ConnectionError'; Target = 'server'; Said = $null
            Run = { Add-SimulatorFault $windows @{ path = '/v1/tasks'; kind = 'reset'; count = 2 }; Get-ZvmTask -Session $session } }
        @{ Id = 'ZvmCertificateUntrusted'; Category = 'SecurityError'; Target = 'https'; Said = $null
            Run = { Connect-ZvmSession -Server $https.Url -Credential $https.Credential } }
        @{ Id = 'ZvmRequestFailed'; Category = 'InvalidResult'; Target = 'server'; Said = 'Simulated fault'
            Run = { Add-SimulatorFault $windows @{ path = '/v1/tasks'; kind = 'status'; status = 500 }; Get-ZvmTask -Session $session } }
        @{ Id = 'ZvmResponseInvalid'; Category = 'InvalidData'; Target = 'server'; Said = $null
            Run = { Add-SimulatorFault $windows @{ path = '/v1/tasks'; kind = 'notjson' }; Get-ZvmTask -Session $session } }
        @{ Id = 'TaskNotFound'; Category = 'ObjectNotFound'; Target = 'unknown'; Said = 'was not found'
            Run = { Get-ZvmTask -TaskIdentifier $unknownId -Session $session } }
        @{ Id = 'VpgNotFound'; Category = 'ObjectNotFound'; Target = 'No-Such-Vpg'; Said = $null
            Run = { Get-ZvmTask -Vpg 'No-Such-Vpg' -Session $session } }
        @{ Id = 'VpgLookupFailed'; Category = 'ResourceUnavailable'; Target = 'appliance'; Said = $null
            Run = { Add-SimulatorFault $appliance @{ path = '/v1/vpgs'; kind = 'status'; status = 403; count = 2 }
                Get-ZvmTask -Vpg 'Payroll' -Session (Connect-ZvmSession -Server $appliance.Url -Credential $appliance.Credential) -WarningAction SilentlyContinue } }
        @{ Id = 'ZvmSessionExpired'; Category = 'AuthenticationError'; Target = 'server'; Said = 'Simulated fault'
            Run = { Add-SimulatorFault $windows @{ path = '/v1/tasks/types'; kind = 'status'; status = 401; count = 2 }; Get-ZvmTaskType -Session $session } }
        @{ Id = 'ZvmKindNotDetected'; Category = 'InvalidResult'; Target = 'server'; Said = $null
            Run = { Add-SimulatorFault $windows @{ path = '/v1/session/add'; kind = 'status'; status = 404 }; Connect-ZvmSession -Server $windows.Url -Credential $windows.Credential } }
        @{ Id = 'ZvmKindMismatch'; Category = 'InvalidArgument'; Target = 'appliance'; Said = $null
            Run = { Connect-ZvmSession -Server $appliance.Url -Credential $appliance.Credential -Kind Windows } }
        @{ Id = 'WaitTimedOut'; Category = 'OperationTimeout'; Target = 'task'; Said = $null
            Run = { Wait-ZvmTask -TaskIdentifier $runningId -TimeoutSec 1 -PollIntervalSec 1 -Session $session } }
        @{ Id = 'TaskFailed'; Category = 'InvalidResult'; Target = 'task'; Said = $null
            Run = { Wait-ZvmTask -TaskIdentifier $failedId -Session $session } }
    )
}

BeforeAll {
    . $PSScriptRoot/common.ps1
    $codeIds = [regex]::Matches((Get-Content (Join-Path $RepoRoot 'src/ZertoTasks.Core/Errors/ErrorIds.cs') -Raw),
        'public const string (\w+) = nameof\((\w+)\);') | ForEach-Object {
        $_.Groups[1].Value | Should -Be $_.Groups[2].Value
        $_.Groups[1].Value
    }
    $about = Get-Content (Join-Path $RepoRoot 'docs/en-US/about_ZertoTasks.md') -Raw
    $errorsSection = [regex]::Match($about, '(?ms)^## ERRORS\r?\n(.*?)(?=^## )').Groups[1].Value
    $documentedIds = [regex]::Matches($errorsSection, '(?m)^\| (\w+) \|') | ForEach-Object { $_.Groups[1].Value } |
        Where-Object { $_ -ne 'ErrorId' }

    $windows = Start-ZvmSimulator -Kind Windows
    $appliance = Start-ZvmSimulator -Kind Appliance
    $https = Start-ZvmSimulator -Kind Windows -Https
    $session = Connect-ZvmSession -Server $windows.Url -Credential $windows.Credential -RetryIntervalSec 0 -MaximumRetryCount 1
    # Another ZVM's: connecting $windows again would log $session out.
    $closed = Connect-ZvmSession -Server $appliance.Url -Credential $appliance.Credential
    Disconnect-ZvmSession -Session $closed
    $wrongPassword = [pscredential]::new('admin', (ConvertTo-SecureString 'not-the-password' -AsPlainText -Force))
    $unknownId = '00000000-0000-0000-0000-000000000000.00000000-0000-0000-0000-000000000001'
    $recorded = Get-RecordedTask 'windows-tasks.json'
    $runningId = ($recorded | Where-Object { $_.Status.State -eq 1 } | Select-Object -First 1).TaskIdentifier
    $failedId = ($recorded | Where-Object { $_.Status.State -eq 4 } | Select-Object -First 1).TaskIdentifier

    # Runs a command in a new runspace, which has no session; returns its error record.
    function Invoke-InNewRunspace([string] $Command) {
        $ps = [powershell]::Create()
        try { $ps.AddScript("Import-Module '$ModuleManifest'; try { $Command } catch { `$_ }").Invoke() }
        finally { $ps.Dispose() }
    }

    # The first error a command gives, terminating or not.
    function Get-FirstError([scriptblock] $Command) {
        $records = try { & $Command 2>&1 } catch { $_ }
        @($records | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })[0]
    }
}

AfterAll {
    Disconnect-AllZvmSessions
    $windows, $appliance, $https | Stop-ZvmSimulator
}

Describe 'ErrorIds' {
    It 'about_ZertoTasks''s ERRORS table lists exactly the ids of ErrorIds.cs' {
        $codeIds.Count | Should -BeGreaterThan 10
        $documentedIds | Sort-Object | Should -Be ($codeIds | Sort-Object)
    }

    It 'are all different' {
        ($codeIds | Sort-Object -Unique).Count | Should -Be $codeIds.Count
        ($documentedIds | Sort-Object -Unique).Count | Should -Be $documentedIds.Count
    }

    It 'each have a scenario below' -ForEach @{ Covered = $scenarios.Id } {
        $Covered | Sort-Object | Should -Be ($codeIds | Sort-Object)
    }
}

Describe 'Every error keeps the contract' {
    BeforeEach {
        Invoke-ZvmSimulatorControl $windows 'faults' -Method DELETE | Out-Null
    }

    It '<Id>: category <Category>, the input as target, the server''s words in ErrorDetails' -ForEach $scenarios {
        $record = Get-FirstError $Run
        $record | Should -Not -BeNullOrEmpty
        $record.FullyQualifiedErrorId | Should -BeLike "$Id,ZertoTasks.Commands.*"
        $record.CategoryInfo.Category | Should -Be $Category
        $record.TargetObject | Should -Not -BeNullOrEmpty
        $record.TargetObject | Should -Not -BeOfType System.Management.Automation.Cmdlet
        $expectedTarget = switch ($Target) {
            'server' { ([uri]$windows.Url).Authority }
            'https' { ([uri]$https.Url).Authority }
            'appliance' { ([uri]$appliance.Url).Authority }
            'session' { $closed }
            'running' { $runningId }
            'runspace' { $null }
            'date' { [datetime]'2026-11-20' }
            'unknown' { $unknownId }
            'task' { $null }
            default { $Target }
        }
        if ($Target -eq 'task') { $record.TargetObject | Should -BeOfType ZertoTasks.ZvmTask }
        elseif ($Target -eq 'record') { $record.TargetObject.Site | Should -Be 'FRA' }
        elseif ($Target -eq 'runspace') { $record.TargetObject | Should -BeOfType System.Management.Automation.Runspaces.Runspace }
        else { $record.TargetObject | Should -Be $expectedTarget }
        $record.Exception | Should -BeOfType ZertoTasks.ZvmException
        $record.Exception.ErrorId | Should -Be $Id
        $record.Exception.Message | Should -Not -BeNullOrEmpty
        if ($Said) {
            $record.ErrorDetails.Message | Should -Match $Said
            $record.Exception.ServerMessage | Should -Match $Said
        }
    }
}

Describe 'A 400 from /v1/tasks/{id} is TaskNotFound only when the ZVM says the task is unknown' {
    BeforeEach {
        Invoke-ZvmSimulatorControl $windows 'faults' -Method DELETE | Out-Null
    }

    It '<Message> -> <Id>' -ForEach @(
        @{ Message = 'Task with identifier {0} was not found.'; Id = 'TaskNotFound' }
        @{ Message = 'Valid License is not provided '; Id = 'ZvmLicenseInvalid' }
        @{ Message = 'The request is invalid.'; Id = 'ZvmRequestFailed' }
    ) {
        Add-SimulatorFault $windows @{ path = "/v1/tasks/$runningId"; kind = 'status'; status = 400; message = ($Message -f $runningId) }
        $record = Get-FirstError { Get-ZvmTask -TaskIdentifier $runningId -Session $session }
        $record.FullyQualifiedErrorId | Should -Be "$Id,ZertoTasks.Commands.GetZvmTaskCommand"
        $record.Exception.ServerMessage | Should -Be ($Message -f $runningId).Trim()
        $record.Exception.StatusCode | Should -Be 400
        $record.TargetObject | Should -Be $runningId
    }
}
