# What a runbook meets at night: ZVMs that restart, proxies, slow answers, answers cut short, Ctrl+C.
BeforeAll {
    . $PSScriptRoot/common.ps1
    $windows = Start-ZvmSimulator -Kind Windows
    $server = ([uri]$windows.Url).Authority
    $session = Connect-ZvmSession -Server $windows.Url -Credential $windows.Credential -RetryIntervalSec 0
    # A ZVM for the sessions with settings of their own: connecting $windows again would log $session out.
    $own = Start-ZvmSimulator -Kind Windows
    $ownServer = ([uri]$own.Url).Authority
    $recorded = Get-RecordedTask 'windows-tasks.json'
    $taskId = $recorded[0].TaskIdentifier

    function Add-Fault([hashtable] $Fault) { Add-SimulatorFault $windows $Fault }

    # The GETs the simulator saw of one path (exactly that path).
    function Get-Attempt([string] $Path) { @(Get-SimulatorRequest $windows $Path | Where-Object method -eq 'GET') }

    # Runs a command with verbose output on and returns its output, verbose text and errors apart.
    function Invoke-Captured([scriptblock] $Command) {
        $VerbosePreference = 'Continue'
        $all = & $Command 4>&1 2>&1
        [pscustomobject]@{
            Output  = @($all | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] -and $_ -isnot [System.Management.Automation.ErrorRecord] })
            Verbose = @($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
            Errors  = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        }
    }

    # Every text of an error that a user could read: no .NET exception text belongs in any.
    function Assert-ReadableError($Record, [string] $ErrorId, [string] $Of = $server) {
        $Record.FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        $Record.Exception.Message | Should -Match ([regex]::Escape($Of))
        $Record.Exception.Message | Should -Not -Match 'LineNumber|BytePosition|System\.|Exception|\.\.$'
    }
}

AfterAll {
    Disconnect-AllZvmSessions
    $windows, $own | Stop-ZvmSimulator
}

Describe 'Transient failures of reads' {
    BeforeEach {
        Invoke-ZvmSimulatorControl $windows 'faults' -Method DELETE | Out-Null
        Clear-SimulatorRequest $windows
    }

    It 'retries <Status> with each retry on the verbose stream' -ForEach @(@{ Status = 429 }, @{ Status = 502 }, @{ Status = 503 }, @{ Status = 504 }) {
        Add-Fault @{ path = '/v1/tasks/types'; kind = 'status'; status = $Status; count = 2 }
        $result = Invoke-Captured { Get-ZvmTaskType -Session $session }
        $result.Errors | Should -BeNullOrEmpty
        $result.Output.Count | Should -BeGreaterThan 10
        $result.Verbose | Should -Contain "${server}: HTTP $Status; retry 1 of 3 in 0 s."
        $result.Verbose | Should -Contain "${server}: HTTP $Status; retry 2 of 3 in 0 s."
        (Get-Attempt '/v1/tasks/types').status | Should -Be @($Status, $Status, 200)
    }

    It 'waits as long as Retry-After says, whatever -RetryIntervalSec' {
        Add-Fault @{ path = '/v1/tasks/types'; kind = 'status'; status = 503; retryAfter = 1 }
        $result = Invoke-Captured { Get-ZvmTaskType -Session $session }
        $result.Verbose | Should -Contain "${server}: HTTP 503; retry 1 of 3 in 1 s."
        $result.Output.Count | Should -BeGreaterThan 10
    }

    It 'doubles the interval from -RetryIntervalSec' {
        $slow = Connect-ZvmSession -Server $own.Url -Credential $own.Credential -RetryIntervalSec 1 -MaximumRetryCount 2
        Add-SimulatorFault $own @{ path = '/v1/tasks/types'; kind = 'status'; status = 503; count = 2 }
        $result = Invoke-Captured { Get-ZvmTaskType -Session $slow }
        $result.Verbose | Should -Contain "${ownServer}: HTTP 503; retry 1 of 2 in 1 s."
        $result.Verbose | Should -Contain "${ownServer}: HTTP 503; retry 2 of 2 in 2 s."
    }

    It 'retries a reset connection, also for the task list' {
        Add-Fault @{ path = '/v1/tasks'; exact = $true; kind = 'reset'; count = 2 }
        $result = Invoke-Captured { Get-ZvmTask -Session $session }
        $result.Errors | Should -BeNullOrEmpty
        $result.Output.Count | Should -Be $recorded.Count
        ($result.Verbose -match 'retry \d of 3').Count | Should -Be 2
    }

    It 'reads a whole answer again when the connection drops in the middle of it' {
        Add-Fault @{ path = "/v1/tasks/$taskId"; kind = 'truncate'; afterBytes = 40 }
        $result = Invoke-Captured { Get-ZvmTask -TaskIdentifier $taskId -Session $session }
        $result.Errors | Should -BeNullOrEmpty
        $result.Output.TaskIdentifier | Should -Be $taskId
        (Get-Attempt "/v1/tasks/$taskId").Count | Should -Be 2
    }

    It 'gives up after -MaximumRetryCount with ZvmRequestFailed saying so' {
        Add-Fault @{ path = '/v1/tasks'; exact = $true; kind = 'status'; status = 503; count = 10 }
        $result = Invoke-Captured { Get-ZvmTask -Session $session }
        Assert-ReadableError $result.Errors[0] 'ZvmRequestFailed'
        $result.Errors[0].Exception.Message | Should -Match 'answered 503 .*Simulated fault; gave up after 3 retries\.$'
        $result.Errors[0].CategoryInfo.Category | Should -Be 'ResourceUnavailable'
        (Get-Attempt '/v1/tasks').Count | Should -Be 4
    }

    It 'does not retry <Status> as if it were transient' -ForEach @(@{ Status = 400 }, @{ Status = 404 }, @{ Status = 500 }) {
        Add-Fault @{ path = '/v1/tasks/types'; kind = 'status'; status = $Status; count = 5 }
        $result = Invoke-Captured { Get-ZvmTaskType -Session $session }
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'ZvmRequestFailed,*'
        $result.Errors[0].Exception.Message | Should -Not -Match 'gave up'
        $result.Verbose -match 'retry' | Should -BeNullOrEmpty
        (Get-Attempt '/v1/tasks/types').Count | Should -Be 1
    }

    It 'answers a 401 with one new login, not with retries' {
        Add-Fault @{ path = '/v1/tasks/types'; kind = 'status'; status = 401; count = 5 }
        $result = Invoke-Captured { Get-ZvmTaskType -Session $session }
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'ZvmSessionExpired,*'
        (Get-Attempt '/v1/tasks/types').Count | Should -Be 2
        @(Get-SimulatorRequest $windows '/v1/session/add').Count | Should -Be 1
    }
}

Describe 'An unreachable ZVM' {
    It 'is retried, then ZvmUnreachable naming it' {
        $gone = Start-ZvmSimulator -Kind Windows
        $goneSession = Connect-ZvmSession -Server $gone.Url -Credential $gone.Credential -RetryIntervalSec 0 -MaximumRetryCount 2
        $gone | Stop-ZvmSimulator
        $result = Invoke-Captured { Get-ZvmTask -Session $goneSession }
        $result.Output | Should -BeNullOrEmpty
        # The task list's retries; the name look-ups beside it (their lines say so) retry too.
        ($result.Verbose -match 'retry \d of 2' -notmatch '^\w+ names: ').Count | Should -Be 2
        $goneServer = ([uri]$gone.Url).Authority
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'ZvmUnreachable,*'
        $result.Errors[0].Exception.Message | Should -Match "^$([regex]::Escape($goneServer)) could not be reached: .*; gave up after 2 retries\.$"
        $result.Errors[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        $result.Errors[0].TargetObject | Should -Be $goneServer
    }
}

Describe '-TimeoutSec' {
    It 'is kept by the session and bounds every call, retries included' {
        $quick = Connect-ZvmSession -Server $own.Url -Credential $own.Credential -TimeoutSec 1 -MaximumRetryCount 1 -RetryIntervalSec 0
        $quick.TimeoutSec | Should -Be 1
        Add-SimulatorFault $own @{ path = '/v1/tasks'; exact = $true; kind = 'delay'; delayMs = 4000; count = 2 }
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $result = Invoke-Captured { Get-ZvmTask -Session $quick }
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 20
        Assert-ReadableError $result.Errors[0] 'ZvmUnreachable' $ownServer
        $result.Errors[0].Exception.Message | Should -Be "$ownServer did not answer within 1 second (the session's -TimeoutSec); gave up after 1 retry."
        $result.Errors[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        ($result.Verbose -match 'retry 1 of 1').Count | Should -Be 1
    }

    It 'bounds each read of a long answer too: a ZVM that goes silent mid-list is a time-out, the tasks before it stay' {
        $quick = Connect-ZvmSession -Server $own.Url -Credential $own.Credential -TimeoutSec 1 -MaximumRetryCount 0
        $length = (Get-Content (Join-Path $Recordings 'windows-tasks.json') -Raw).Length
        Add-SimulatorFault $own @{ path = '/v1/tasks'; exact = $true; kind = 'stall'; afterBytes = [int]($length / 2); delayMs = 30000 }
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $result = Invoke-Captured { Get-ZvmTask -Session $quick }
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 20 -Because 'the 30 s silence must not be waited out'
        $result.Output.Count | Should -BeGreaterThan 0
        $result.Output.TaskIdentifier | Should -Be ($recorded.TaskIdentifier | Select-Object -First $result.Output.Count)
        $result.Errors.Count | Should -Be 1
        Assert-ReadableError $result.Errors[0] 'ZvmUnreachable' $ownServer
        $result.Errors[0].Exception.Message | Should -Match 'did not answer within 1 second'
        $result.Errors[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
    }
}

Describe 'Answers that are not what was asked for' {
    BeforeEach {
        Invoke-ZvmSimulatorControl $windows 'faults' -Method DELETE | Out-Null
    }

    It 'a task list cut off in the middle (<Kind>): the tasks before it stay written, then <ErrorId>' -ForEach @(
        @{ Kind = 'cut'; ErrorId = 'ZvmResponseInvalid'; Said = 'could not be read after \d+ task\(s\): it ended before the list of tasks was complete\.$' }
        @{ Kind = 'truncate'; ErrorId = 'ZvmUnreachable'; Said = 'was lost while its answer was read' }
    ) {
        $length = (Get-Content (Join-Path $Recordings 'windows-tasks.json') -Raw).Length
        Add-Fault @{ path = '/v1/tasks'; exact = $true; kind = $Kind; afterBytes = [int]($length / 2) }
        $result = Invoke-Captured { Get-ZvmTask -Session $session }
        $result.Output.Count | Should -BeGreaterThan 0
        $result.Output.Count | Should -BeLessThan $recorded.Count
        $result.Output.TaskIdentifier | Should -Be ($recorded.TaskIdentifier | Select-Object -First $result.Output.Count)
        $result.Errors.Count | Should -Be 1
        Assert-ReadableError $result.Errors[0] $ErrorId
        $result.Errors[0].Exception.Message | Should -Match $Said
    }

    It '<Fault> for <What>: <ErrorId> naming the server and the flaw' -ForEach @(
        foreach ($what in 'the list', 'one task', 'the types') {
            @{ What = $what; Fault = 'notjson'; ErrorId = 'ZvmResponseInvalid'; Said = 'not (valid )?JSON' }
            @{ What = $what; Fault = 'wrongshape'; ErrorId = 'ZvmResponseInvalid'; Said = 'an object where a list of tasks was expected|another shape' }
            @{ What = $what; Fault = 'html'; Status = 200; ErrorId = 'ZvmResponseInvalid'; Said = "an HTML page titled '502 Bad Gateway' instead of JSON: is a proxy in the way\?" }
            @{ What = $what; Fault = 'html'; Status = 502; ErrorId = 'ZvmRequestFailed'; Said = "answered 502 \(Bad Gateway\) .*an HTML page titled '502 Bad Gateway'; gave up after 3 retries" }
            @{ What = $what; Fault = 'cut'; AfterBytes = 20; ErrorId = 'ZvmResponseInvalid'; Said = 'ended before the list of tasks was complete|JSON that breaks off \(the answer was cut short\)' }
        }
    ) {
        $path, $command = switch ($What) {
            'the list' { '/v1/tasks', { Get-ZvmTask -Session $session } }
            'one task' { "/v1/tasks/$taskId", { Get-ZvmTask -TaskIdentifier $taskId -Session $session } }
            'the types' { '/v1/tasks/types', { Get-ZvmTaskType -Session $session } }
        }
        $fault = @{ path = $path; exact = $true; kind = $Fault; count = 4 }
        if ($Status) { $fault.status = $Status }
        if ($AfterBytes) { $fault.afterBytes = $AfterBytes }
        Add-Fault $fault
        $result = Invoke-Captured $command
        $result.Output | Should -BeNullOrEmpty
        $result.Errors.Count | Should -Be 1
        Assert-ReadableError $result.Errors[0] $ErrorId
        $result.Errors[0].Exception.Message | Should -Match $Said
        if ($Fault -eq 'html') { $result.Errors[0].ErrorDetails.Message | Should -Match '502 Bad Gateway' }
    }
}

Describe 'Ctrl+C' {
    It 'stops a request in flight at once, and the ZVM sees it dropped' {
        Clear-SimulatorRequest $windows
        Add-Fault @{ path = '/v1/tasks'; exact = $true; kind = 'delay'; delayMs = 30000 }
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("param(`$s) Import-Module '$ModuleManifest'; Get-ZvmTask -Session `$s -Verbose").AddArgument($session)
            $null = $ps.BeginInvoke()
            # The verbose "GET" arrives through the bridge while the request waits for its answer.
            $deadline = [datetime]::UtcNow.AddSeconds(30)
            while (-not ($ps.Streams.Verbose.Message -match 'GET .*/v1/tasks$') -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
            $ps.Streams.Verbose.Message | Should -Match 'GET .*/v1/tasks$'
            Start-Sleep -Milliseconds 300

            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 5
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        }
        finally { $ps.Dispose() }

        $deadline = [datetime]::UtcNow.AddSeconds(5)
        while (-not (Get-Attempt '/v1/tasks') -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
        (Get-Attempt '/v1/tasks').status | Should -Be 0 -Because 'the simulator logs a request whose client went away with status 0'
    }
}
