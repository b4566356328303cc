<#
.SYNOPSIS
    One measurement of the benchmark, run by build/Bench.ps1 in a fresh pwsh process.
.DESCRIPTION
    Imports the built module (every case does, so every process has the same baseline), sets up
    what the case needs outside the timed part, times the case, and prints one line:
    BENCH {"ms": ..., "count": ..., "peakBytes": ...}. count is how many objects reached the
    end of the pipeline (null for Idle and Download). peakBytes is the process's peak resident
    memory: VmHWM on Linux, PeakWorkingSet64 elsewhere. The simulator's user name and password
    come in $env:ZVMBENCH_USER and $env:ZVMBENCH_PASSWORD (test data, never a real system's).
#>
param(
    [Parameter(Mandatory)]
    [ValidateSet('Idle', 'Module', 'ModuleNoNames', 'InvokeRestMethod', 'Download', 'Pipeline', 'First1', 'First1NoNames', 'First5', 'Newest5', 'FleetAtOnce', 'FleetOneByOne', 'SessionsAtOnce', 'SessionsOneByOne', 'FailoverLatest', 'FailoverTypes')]
    [string] $Case,
    [Parameter(Mandatory)] [string] $ModulePath,
    # One ZVM's URL; the Fleet and Sessions cases take several, separated by commas.
    [string] $Url,
    # Pipeline: how many objects to pass. The fleet cases: how many sessions, spread over the URLs.
    [int] $Count
)

$ErrorActionPreference = 'Stop'
Import-Module $ModulePath

function Get-PeakBytes {
    if (Test-Path /proc/self/status) {
        $line = Select-String -Path /proc/self/status -Pattern '^VmHWM:\s+(\d+) kB' | Select-Object -First 1
        return [long]$line.Matches[0].Groups[1].Value * 1024
    }
    [System.Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64
}

function Get-BasicAuthorization {
    $pair = "$($env:ZVMBENCH_USER):$($env:ZVMBENCH_PASSWORD)"
    'Basic ' + [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($pair))
}

function Connect-Simulator {
    $password = ConvertTo-SecureString $env:ZVMBENCH_PASSWORD -AsPlainText -Force
    Connect-ZvmSession -Server ($Url -split ',') -Credential ([pscredential]::new($env:ZVMBENCH_USER, $password)) | Out-Null
}

# $Count sessions, taking the URLs in turn: each has its own connection, as to its own ZVM.
function Connect-Sessions {
    $password = ConvertTo-SecureString $env:ZVMBENCH_PASSWORD -AsPlainText -Force
    $credential = [pscredential]::new($env:ZVMBENCH_USER, $password)
    $urls = $Url -split ','
    for ($i = 0; $i -lt $Count; $i++) { Connect-ZvmSession -Server $urls[$i % $urls.Count] -Credential $credential }
}

$result = $null
switch ($Case) {
    'Idle' {
        $stopwatch = [System.Diagnostics.Stopwatch]::StartNew()
    }
    'Module' {
        Connect-Simulator
        $stopwatch = [System.Diagnostics.Stopwatch]::StartNew()
        $result = (Get-ZvmTask | Measure-Object).Count
    }
    'ModuleNoNames' {
        # The same listing without the look-ups of VPG, site and host names.
        Connect-Simulator
        $stopwatch = [System.Diagnostics.Stopwatch]::StartNew()
        $result = (Get-ZvmTask -SkipNameLookup | Measure-Object).Count
    }
    'First1' {
        Connect-Simulator
        $stopwatch = [System.Diagnostics.Stopwatch]::StartNew()
        $result = @(Get-ZvmTask | Select-Object -First 1).Count
    }
    'First1NoNames' {
        Connect-Simulator
        $stopwatch = [System.Diagnostics.Stopwatch]::StartNew()
        $result = @(Get-ZvmTask -SkipNameLookup | Select-Object -First 1).Count
    }
    'First5' {
        Connect-Simulator
        $stopwatch = [System.Diagnostics.Stopwatch]::StartNew()
        $result = @(Get-ZvmTask | Select-Object -First 5).Count
    }
    'Newest5' {
        # Reads the whole history and keeps only the five newest: memory bounded by 5, not N.
        Connect-Simulator
        $stopwatch = [System.Diagnostics.Stopwatch]::StartNew()
        $result = @(Get-ZvmTask -Newest 5).Count
    }
    'FleetAtOnce' {
        # Every session in one call: the ZVMs are read at the same time.
        Connect-Simulator
        $stopwatch = [System.Diagnostics.Stopwatch]::StartNew()
        $result = (Get-ZvmTask -Session (Get-ZvmSession) | Measure-Object).Count
    }
    'FleetOneByOne' {
        # What a script without fleet support does: one ZVM after the other.
        Connect-Simulator
        $stopwatch = [System.Diagnostics.Stopwatch]::StartNew()
        $result = 0
        foreach ($session in Get-ZvmSession) { $result += (Get-ZvmTask -Session $session | Measure-Object).Count }
    }
    'SessionsAtOnce' {
        # $Count sessions over the URLs given, each with its own connection, in one call.
        $fleet = Connect-Sessions
        $stopwatch = [System.Diagnostics.Stopwatch]::StartNew()
        $result = (Get-ZvmTask -Session $fleet | Measure-Object).Count
    }
    'SessionsOneByOne' {
        $fleet = Connect-Sessions
        $stopwatch = [System.Diagnostics.Stopwatch]::StartNew()
        $result = ($fleet | ForEach-Object { Get-ZvmTask -Session $_ } | Measure-Object).Count
    }
    'FailoverLatest' {
        # One row per VPG of every session; an untimed run first, so the history's start is cached.
        Connect-Simulator
        Get-ZvmFailoverTest -Session (Get-ZvmSession) -Latest | Out-Null
        $stopwatch = [System.Diagnostics.Stopwatch]::StartNew()
        $result = (Get-ZvmFailoverTest -Session (Get-ZvmSession) -Latest | Measure-Object).Count
    }
    'FailoverTypes' {
        # The two task types a failover test is made of, listed; an untimed run first, as above.
        Connect-Simulator
        Get-ZvmTask -Session (Get-ZvmSession) -Type FailOverTest, StopFailOverTest | Out-Null
        $stopwatch = [System.Diagnostics.Stopwatch]::StartNew()
        $result = (Get-ZvmTask -Session (Get-ZvmSession) -Type FailOverTest, StopFailOverTest | Measure-Object).Count
    }
    'InvokeRestMethod' {
        # The way the existing script modules list tasks: log in, then one Invoke-RestMethod,
        # which parses the whole body into PSCustomObjects before the first one is written.
        $headers = $null
        Invoke-RestMethod -Method Post -Uri "$Url/v1/session/add" -Headers @{ Authorization = Get-BasicAuthorization } -ResponseHeadersVariable headers | Out-Null
        $session = @{ 'x-zerto-session' = [string]$headers['x-zerto-session'] }
        $stopwatch = [System.Diagnostics.Stopwatch]::StartNew()
        $result = ((Invoke-RestMethod -Uri "$Url/v1/tasks" -Headers $session) | Measure-Object).Count
    }
    'Download' {
        # Floor, part 1: the body itself, from the request to its last byte, read into nothing.
        $client = [System.Net.Http.HttpClient]::new()
        $login = [System.Net.Http.HttpRequestMessage]::new([System.Net.Http.HttpMethod]::Post, "$Url/v1/session/add")
        $login.Headers.TryAddWithoutValidation('Authorization', (Get-BasicAuthorization)) | Out-Null
        $token = @($client.Send($login).Headers.GetValues('x-zerto-session'))[0]
        $request = [System.Net.Http.HttpRequestMessage]::new([System.Net.Http.HttpMethod]::Get, "$Url/v1/tasks")
        $request.Headers.Add('x-zerto-session', $token)
        $stopwatch = [System.Diagnostics.Stopwatch]::StartNew()
        $response = $client.Send($request, [System.Net.Http.HttpCompletionOption]::ResponseHeadersRead)
        $response.Content.ReadAsStream().CopyTo([System.IO.Stream]::Null)
    }
    'Pipeline' {
        # Floor, part 2: what the pipeline itself costs to pass $Count task objects to
        # Measure-Object, the objects made beforehand, untimed.
        $tasks = [object[]]::new($Count)
        for ($i = 0; $i -lt $Count; $i++) { $tasks[$i] = [ZertoTasks.ZvmTask]::new() }
        $stopwatch = [System.Diagnostics.Stopwatch]::StartNew()
        $result = ($tasks | Measure-Object).Count
    }
}
$elapsed = $stopwatch.Elapsed.TotalMilliseconds
'BENCH ' + (@{ ms = $elapsed; count = $result; peakBytes = Get-PeakBytes } | ConvertTo-Json -Compress)
