<#
.SYNOPSIS
    Measures Get-ZvmFailoverTest -Latest: part of `build.ps1 -Task Bench`.
.DESCRIPTION
    Side by side, each in a fresh pwsh process (build/BenchProbe.ps1), with the peak memory of
    each process and of an idle pwsh:
    - a fleet of -Zvms simulated ZVMs of -Tasks tasks and -Vpgs VPGs each:
      Get-ZvmFailoverTest -Session (Get-ZvmSession) -Latest against
      Get-ZvmTask -Session (Get-ZvmSession) -Type FailOverTest, StopFailOverTest;
    - one ZVM of -LargeTasks tasks: the same two.
    Each probe first runs its command once untimed (the history's start is then cached, as the
    VPG names are for both), then times a second run. Target: -Latest at most 1.5x the listing's
    time, and at most 200 MB over an idle pwsh. Writes every sample to <OutputFolder>/bench/failover.json.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $SimulatorPath,
    [Parameter(Mandatory)] [string] $OutputFolder,
    [int] $Zvms = 50,
    [int] $Tasks = 10000,
    [int] $Vpgs = 200,
    [int] $LargeTasks = 100000,
    [int] $Runs = 3
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Import-Module (Join-Path $PSScriptRoot '../tests/SimulatorHost.psm1') -Force
$ModulePath = (Resolve-Path $ModulePath).Path
. (Join-Path $PSScriptRoot 'BenchCommon.ps1')

$results = @{}
foreach ($setup in @(
        @{ Name = 'fleet'; Count = $Zvms; Tasks = $Tasks; Vpgs = $Vpgs }
        @{ Name = 'large'; Count = 1; Tasks = $LargeTasks; Vpgs = $Vpgs })) {
    $cases = 'FailoverLatest', 'FailoverTypes', 'Idle'
    $samples = @{}
    foreach ($case in $cases) { $samples[$case] = [Collections.Generic.List[object]]::new() }
    $simulators = @(Start-ZvmSimulator -Count $setup.Count -Generate $setup.Tasks -Vpgs $setup.Vpgs -SimulatorPath $SimulatorPath)
    try {
        $env:ZVMBENCH_USER = $simulators[0].Credential.UserName
        $env:ZVMBENCH_PASSWORD = $simulators[0].Credential.GetNetworkCredential().Password
        $urls = $simulators.Url -join ','
        # Untimed: the simulator's first answers pay for its own start.
        Invoke-Probe FailoverTypes $urls | Out-Null
        for ($run = 1; $run -le $Runs; $run++) {
            foreach ($case in $cases) {
                $sample = Invoke-Probe $case $(if ($case -ne 'Idle') { $urls })
                if ($case -eq 'FailoverLatest' -and $sample.count -ne $setup.Vpgs) { throw "-Latest gave $($sample.count) rows, not $($setup.Vpgs)." }
                $samples[$case].Add($sample)
                Write-Host ("{0} run {1}: {2,-15} {3,9:0} ms {4,7:0} MB {5}" -f $setup.Name, $run, $case, $sample.ms, ($sample.peakBytes / 1MB), $sample.count)
            }
        }
    }
    finally {
        Remove-Item Env:ZVMBENCH_USER, Env:ZVMBENCH_PASSWORD -ErrorAction SilentlyContinue
        $simulators[0] | Stop-ZvmSimulator
    }

    $latest = Get-Median $samples.FailoverLatest.ms
    $types = Get-Median $samples.FailoverTypes.ms
    $idle = Get-Median $samples.Idle.peakBytes
    $latestPeak = Get-Median $samples.FailoverLatest.peakBytes
    $typesPeak = Get-Median $samples.FailoverTypes.peakBytes
    Write-Host ''
    Write-Host "Failover tests, $($setup.Name): $($setup.Count) ZVM(s) x $($setup.Tasks) tasks, $($setup.Vpgs) VPGs each, median of $Runs runs"
    Write-Host ('  Get-ZvmFailoverTest -Latest:                          {0,8:0} ms, peak {1:0} MB ({2:+0;-0} MB over an idle pwsh)' -f $latest, ($latestPeak / 1MB), (($latestPeak - $idle) / 1MB))
    Write-Host ('  Get-ZvmTask -Type FailOverTest, StopFailOverTest:     {0,8:0} ms, peak {1:0} MB ({2:+0;-0} MB over an idle pwsh)' -f $types, ($typesPeak / 1MB), (($typesPeak - $idle) / 1MB))
    Write-Host ('  -Latest takes {0:0.00}x the listing''s time (target: at most 1.5x); idle pwsh peak {1:0} MB' -f ($latest / $types), ($idle / 1MB))
    $results[$setup.Name] = @{ zvms = $setup.Count; tasks = $setup.Tasks; vpgs = $setup.Vpgs; samples = $samples }
}
$folder = Join-Path $OutputFolder 'bench'
New-Item -ItemType Directory -Force -Path $folder | Out-Null
$results | ConvertTo-Json -Depth 6 | Set-Content (Join-Path $folder 'failover.json')
