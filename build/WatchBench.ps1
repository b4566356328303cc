<#
.SYNOPSIS
    Measures Watch-ZvmTask: `build.ps1 -Task WatchBench`.
.DESCRIPTION
    Part 1: one simulated ZVM with a -Tasks history (generated, 2% of it still InProgress, as the
    generator makes it) followed for -Seconds at a -PollIntervalSec interval, with no task changing;
    the simulator's request log gives each request's bytes and time, grouped into polls. Against
    one full listing (Get-ZvmTask -SkipNameLookup) of the same ZVM. Twice: following every state,
    and with -Status Failed (the alerting runbook's watch).
    Part 2: -Zvms simulated ZVMs, each starting a task every 10 s that runs 5 to 60 s, followed
    together for -FleetSeconds; this process's managed heap and working set every 30 s.
    Prints the figures and writes them to <OutputFolder>/bench/watch.json.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $SimulatorPath,
    [Parameter(Mandatory)] [string] $OutputFolder,
    [int] $Tasks = 100000,
    [int] $Seconds = 60,
    [int] $PollIntervalSec = 2,
    [int] $Zvms = 50,
    [int] $FleetSeconds = 300,
    # Part 1 alone.
    [switch] $SkipFleet
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Import-Module (Join-Path $PSScriptRoot '../tests/SimulatorHost.psm1') -Force
Import-Module (Join-Path (Resolve-Path $ModulePath).Path 'ZertoTasks.psd1') -Force
$results = [ordered]@{}

function Get-Request($Simulator) {
    Invoke-ZvmSimulatorControl $Simulator 'requests' | ForEach-Object { $_ } | Where-Object path -like '/v1/tasks*'
}

# Requests grouped into polls: a gap of more than half the interval starts a new poll.
function Get-Poll($Requests) {
    $polls = [Collections.Generic.List[object]]::new()
    $current = $null
    foreach ($request in $Requests | Sort-Object startedMs) {
        if (-not $current -or $request.startedMs - $current.LastStart -gt $PollIntervalSec * 500) {
            $current = [pscustomobject]@{ Start = $request.startedMs; End = 0.0; LastStart = 0.0; Bytes = 0L; Requests = 0 }
            $polls.Add($current)
        }
        $current.LastStart = $request.startedMs
        $current.End = [math]::Max($current.End, [double]$request.endedMs)
        $current.Bytes += $request.bytes
        $current.Requests++
    }
    $polls
}

function Get-Median([double[]] $Values) {
    $sorted = [double[]]($Values | Sort-Object)
    $middle = [math]::Floor($sorted.Count / 2)
    if ($sorted.Count % 2) { $sorted[$middle] } else { ($sorted[$middle - 1] + $sorted[$middle]) / 2 }
}

# Part 1: the cost of a poll against a full listing.
$zvm = Start-ZvmSimulator -Generate $Tasks -SimulatorPath $SimulatorPath
try {
    $session = Connect-ZvmSession -Server $zvm.Url -Credential $zvm.Credential
    $null = Get-ZvmTask -Session $session -SkipNameLookup | Measure-Object    # untimed: the simulator's warm-up
    Invoke-ZvmSimulatorControl $zvm 'requests' -Method DELETE | Out-Null
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $count = (Get-ZvmTask -Session $session -SkipNameLookup | Measure-Object).Count
    $fullSeconds = $watch.Elapsed.TotalSeconds
    $full = @(Get-Request $zvm)[0]
    $results.FullListing = [ordered]@{ Tasks = $count; Bytes = $full.bytes; ServerMs = [math]::Round($full.endedMs - $full.startedMs); ClientSeconds = [math]::Round($fullSeconds, 2) }
    "Full listing: $count tasks, $([math]::Round($full.bytes / 1MB, 1)) MB, $([math]::Round($fullSeconds, 2)) s"

    foreach ($case in @(@{ Name = 'AllStates'; Status = @() }, @{ Name = 'StatusFailed'; Status = @('Failed') })) {
        Invoke-ZvmSimulatorControl $zvm 'requests' -Method DELETE | Out-Null
        $parameters = @{ Session = $session; Duration = [timespan]::FromSeconds($Seconds); PollIntervalSec = $PollIntervalSec; SkipNameLookup = $true }
        if ($case.Status) { $parameters.Status = $case.Status }
        $written = @(Watch-ZvmTask @parameters).Count
        # The first poll only learns what is there; the others are the steady state.
        $polls = @(Get-Poll @(Get-Request $zvm) | Select-Object -Skip 1)
        $bytes = Get-Median ($polls | ForEach-Object Bytes)
        $ms = Get-Median ($polls | ForEach-Object { $_.End - $_.Start })
        $results[$case.Name] = [ordered]@{
            Polls = $polls.Count; Written = $written; RequestsPerPoll = Get-Median ($polls | ForEach-Object Requests)
            MedianBytesPerPoll = $bytes; MedianServerMsPerPoll = [math]::Round($ms, 1)
            BytesPercentOfFullListing = [math]::Round(100 * $bytes / $full.bytes, 3)
        }
        "Watch ($($case.Name)): $($polls.Count) polls, $written written; median poll $bytes bytes " +
            "($($results[$case.Name].BytesPercentOfFullListing)% of the full listing) in $([math]::Round($ms, 1)) ms, $($results[$case.Name].RequestsPerPoll) requests"
    }
}
finally {
    Get-ZvmSession | Disconnect-ZvmSession -ErrorAction SilentlyContinue
    $zvm | Stop-ZvmSimulator
}

# Part 2: a fleet followed for minutes, memory sampled.
$fleet = if ($SkipFleet) { @() } else { @(Start-ZvmSimulator -Count $Zvms -LiveEverySec 10 -SimulatorPath $SimulatorPath) }
if ($fleet) {
try {
    $sessions = @($fleet | ForEach-Object { Connect-ZvmSession -Server $_.Url -Credential $_.Credential })
    $ps = [powershell]::Create()
    $null = $ps.AddScript("param(`$s, `$d) Import-Module '$((Resolve-Path $ModulePath).Path)/ZertoTasks.psd1'; Watch-ZvmTask -Session `$s -Duration `$d -PollIntervalSec $PollIntervalSec | Measure-Object").
        AddArgument($sessions).AddArgument([timespan]::FromSeconds($FleetSeconds))
    $handle = $ps.BeginInvoke()
    $samples = [Collections.Generic.List[object]]::new()
    $started = [datetime]::UtcNow
    while (-not $handle.IsCompleted) {
        Start-Sleep -Seconds 30
        [GC]::Collect()
        $process = [Diagnostics.Process]::GetCurrentProcess()
        $sample = [pscustomobject]@{
            Seconds = [math]::Round(([datetime]::UtcNow - $started).TotalSeconds)
            HeapMB = [math]::Round([GC]::GetTotalMemory($true) / 1MB, 1)
            WorkingSetMB = [math]::Round($process.WorkingSet64 / 1MB, 1)
        }
        $samples.Add($sample)
        "Fleet of $Zvms, at $($sample.Seconds) s: heap $($sample.HeapMB) MB, working set $($sample.WorkingSetMB) MB"
    }
    $written = $ps.EndInvoke($handle)
    $results.Fleet = [ordered]@{ Zvms = $Zvms; Seconds = $FleetSeconds; Written = $written[0].Count; Errors = $ps.Streams.Error.Count; Warnings = $ps.Streams.Warning.Count; Samples = $samples }
    "Fleet: $($written[0].Count) changes written, $($ps.Streams.Error.Count) errors, $($ps.Streams.Warning.Count) warnings"
    $ps.Dispose()
}
finally {
    Get-ZvmSession | Disconnect-ZvmSession -ErrorAction SilentlyContinue
    $fleet | Stop-ZvmSimulator
}
}

$folder = Join-Path $OutputFolder 'bench'
New-Item $folder -ItemType Directory -Force | Out-Null
$results | ConvertTo-Json -Depth 5 | Set-Content (Join-Path $folder 'watch.json')
