<#
.SYNOPSIS
    Measures reading a fleet of ZVMs: part of `build.ps1 -Task Bench`.
.DESCRIPTION
    One simulator process stands for -Zvms ZVMs of -Tasks tasks each, every request answered after
    -DelayMs (a busy ZVM's think time). Each run times, side by side and each in a fresh pwsh
    process (build/BenchProbe.ps1), Get-ZvmTask -Session (Get-ZvmSession) against a foreach over
    the sessions one by one, with the peak memory of each process and of an idle pwsh. Prints the
    medians and writes every sample to <OutputFolder>/bench/fleet.json.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $SimulatorPath,
    [Parameter(Mandatory)] [string] $OutputFolder,
    [int] $Zvms = 50,
    [int] $Tasks = 2000,
    [int] $DelayMs = 300,
    [int] $Runs = 3
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Import-Module (Join-Path $PSScriptRoot '../tests/SimulatorHost.psm1') -Force
$ModulePath = (Resolve-Path $ModulePath).Path
. (Join-Path $PSScriptRoot 'BenchCommon.ps1')

$cases = 'FleetAtOnce', 'FleetOneByOne', 'Idle'
$samples = @{}
foreach ($case in $cases) { $samples[$case] = [Collections.Generic.List[object]]::new() }
$fleet = @(Start-ZvmSimulator -Count $Zvms -Generate $Tasks -DelayMs $DelayMs -DelayPath '/v1/tasks' -SimulatorPath $SimulatorPath)
try {
    $env:ZVMBENCH_USER = $fleet[0].Credential.UserName
    $env:ZVMBENCH_PASSWORD = $fleet[0].Credential.GetNetworkCredential().Password
    $urls = $fleet.Url -join ','
    # Untimed, as in Bench.ps1: the simulator's first answers pay for its own start (compiling,
    # writing each ZVM's VPG list once), which is not the module's cost.
    Invoke-Probe FleetAtOnce $urls | Out-Null
    for ($run = 1; $run -le $Runs; $run++) {
        foreach ($case in $cases) {
            $sample = Invoke-Probe $case $(if ($case -ne 'Idle') { $urls })
            if ($case -ne 'Idle' -and $sample.count -ne $Zvms * $Tasks) { throw "$case passed $($sample.count) tasks, not $($Zvms * $Tasks)." }
            $samples[$case].Add($sample)
            Write-Host ("fleet run {0}: {1,-14} {2,9:0} ms {3,7:0} MB" -f $run, $case, $sample.ms, ($sample.peakBytes / 1MB))
        }
    }
}
finally {
    Remove-Item Env:ZVMBENCH_USER, Env:ZVMBENCH_PASSWORD -ErrorAction SilentlyContinue
    $fleet[0] | Stop-ZvmSimulator
}

$atOnce = Get-Median $samples.FleetAtOnce.ms
$oneByOne = Get-Median $samples.FleetOneByOne.ms
$idle = Get-Median $samples.Idle.peakBytes
$atOncePeak = Get-Median $samples.FleetAtOnce.peakBytes
$oneByOnePeak = Get-Median $samples.FleetOneByOne.peakBytes
Write-Host ''
Write-Host "Fleet: $Zvms ZVMs x $Tasks tasks, $DelayMs ms server delay, median of $Runs runs"
Write-Host ('  at once (Get-ZvmTask -Session (Get-ZvmSession)): {0,8:0} ms, peak {1:0} MB ({2:+0;-0} MB over an idle pwsh)' -f $atOnce, ($atOncePeak / 1MB), (($atOncePeak - $idle) / 1MB))
Write-Host ('  one by one (foreach over the sessions):          {0,8:0} ms, peak {1:0} MB ({2:+0;-0} MB over an idle pwsh)' -f $oneByOne, ($oneByOnePeak / 1MB), (($oneByOnePeak - $idle) / 1MB))
Write-Host ('  at once is {0:0.0}x faster (target: 8x); idle pwsh peak {1:0} MB' -f ($oneByOne / $atOnce), ($idle / 1MB))
$folder = Join-Path $OutputFolder 'bench'
New-Item -ItemType Directory -Force -Path $folder | Out-Null
@{ zvms = $Zvms; tasks = $Tasks; delayMs = $DelayMs; samples = $samples } | ConvertTo-Json -Depth 5 | Set-Content (Join-Path $folder 'fleet.json')
