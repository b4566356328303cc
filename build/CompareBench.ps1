<#
.SYNOPSIS
    Times this build of the module side by side with another commit's: what
    `build.ps1 -Task CompareBench` runs.
.DESCRIPTION
    Builds -BaselineRef (a commit, branch or tag; main by default) in a git worktree under
    <OutputFolder>/baseline, then times, run after run and taking turns so that load from other
    processes falls on both alike, each in a fresh pwsh (build/BenchProbe.ps1):
    Get-ZvmTask | Measure-Object on a generated history of -Tasks tasks (with names and with
    -SkipNameLookup), and Get-ZvmTask over a fleet of -FleetZvms ZVMs of -FleetTasks tasks that
    think -FleetDelayMs before each answer. Prints the medians, this build against the baseline,
    and the peak memory of each; writes every sample to <OutputFolder>/bench/compare.json.
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task CompareBench
.EXAMPLE
    dotnet pwsh -File build/CompareBench.ps1 -ModulePath out/ZertoTasks -SimulatorPath out/simulator/ZvmSimulator.dll -OutputFolder out -BaselineRef 26293b2 -Runs 9
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $SimulatorPath,
    [Parameter(Mandatory)] [string] $OutputFolder,
    [string] $BaselineRef = 'main',
    [int] $Runs = 9,
    [int] $Tasks = 100000,
    [int] $FleetZvms = 50,
    [int] $FleetTasks = 2000,
    [int] $FleetDelayMs = 300,
    # Which cases to time (all by default).
    [ValidateSet('Module', 'ModuleNoNames', 'FleetAtOnce')]
    [string[]] $Only = @('Module', 'ModuleNoNames', 'FleetAtOnce')
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Import-Module (Join-Path $PSScriptRoot '../tests/SimulatorHost.psm1') -Force
$ModulePath = (Resolve-Path $ModulePath).Path
$SimulatorPath = (Resolve-Path $SimulatorPath).Path
. (Join-Path $PSScriptRoot 'BenchCommon.ps1')

function Build-Baseline([string] $Ref) {
    $repo = Resolve-Path (Join-Path $PSScriptRoot '..')
    $commit = (& git -C $repo rev-parse --short $Ref).Trim()
    if ($LASTEXITCODE -ne 0) { throw "git cannot find '$Ref'." }
    $tree = Join-Path (Resolve-Path $OutputFolder) "baseline/$commit"
    if (-not (Test-Path (Join-Path $tree 'out/ZertoTasks/ZertoTasks.psd1'))) {
        if (Test-Path $tree) { & git -C $repo worktree remove --force $tree | Out-Null }
        & git -C $repo worktree add --detach $tree $commit | Out-Null
        if ($LASTEXITCODE -ne 0) { throw "git worktree add $tree $commit failed." }
        & dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -File (Join-Path $tree 'build.ps1') | Out-Host
        if ($LASTEXITCODE -ne 0) { throw "The build of $commit failed." }
    }
    [pscustomobject]@{ Commit = $commit; ModulePath = Join-Path $tree 'out/ZertoTasks' }
}

# Invoke-Probe reads $ModulePath: each build is measured by setting it for the call.
function Invoke-ProbeOf([string] $Module, [string] $Case, [string] $Url, [int] $Count) {
    $ModulePath = $Module
    Invoke-Probe $Case $Url $Count
}

$baseline = Build-Baseline $BaselineRef
$builds = [ordered]@{ this = $ModulePath; baseline = $baseline.ModulePath }
$allCases = [ordered]@{
    Module        = @{ Label = "Get-ZvmTask | Measure-Object ($('{0:N0}' -f $Tasks) tasks)"; Expected = $Tasks }
    ModuleNoNames = @{ Label = "Get-ZvmTask -SkipNameLookup ($('{0:N0}' -f $Tasks) tasks)"; Expected = $Tasks }
    FleetAtOnce   = @{ Label = "Get-ZvmTask, $FleetZvms ZVMs x $('{0:N0}' -f $FleetTasks) tasks, $FleetDelayMs ms think time"; Expected = $FleetZvms * $FleetTasks }
}
$cases = [ordered]@{}
foreach ($name in $allCases.Keys) { if ($name -in $Only) { $cases[$name] = $allCases[$name] } }
$samples = @{}
foreach ($case in $cases.Keys) { foreach ($build in $builds.Keys) { $samples["$case/$build"] = [Collections.Generic.List[object]]::new() } }
$idle = @{}
foreach ($build in $builds.Keys) { $idle[$build] = [Collections.Generic.List[double]]::new() }

$started = Get-Date
$large = Start-ZvmSimulator -Generate $Tasks -SimulatorPath $SimulatorPath
$fleet = @(Start-ZvmSimulator -Count $FleetZvms -Generate $FleetTasks -DelayMs $FleetDelayMs -DelayPath '/v1/tasks' -SimulatorPath $SimulatorPath)
try {
    $env:ZVMBENCH_USER = $large.Credential.UserName
    $env:ZVMBENCH_PASSWORD = $large.Credential.GetNetworkCredential().Password
    $urls = @{ Module = $large.Url; ModuleNoNames = $large.Url; FleetAtOnce = $fleet.Url -join ',' }
    # Untimed: the simulators' first answers compile their own code, which is no build's cost.
    foreach ($case in $cases.Keys) { Invoke-ProbeOf $ModulePath $case $urls[$case] | Out-Null }
    for ($run = 1; $run -le $Runs; $run++) {
        # Which build goes first alternates, so that neither always follows the other.
        $order = if ($run % 2) { @($builds.Keys) } else { @($builds.Keys)[1, 0] }
        foreach ($case in $cases.Keys) {
            foreach ($build in $order) {
                $sample = Invoke-ProbeOf $builds[$build] $case $urls[$case]
                if ($sample.count -ne $cases[$case].Expected) { throw "$case ($build) passed $($sample.count) objects, not $($cases[$case].Expected)." }
                $samples["$case/$build"].Add($sample)
                Write-Host ("run {0}: {1,-14} {2,-8} {3,9:0} ms {4,7:0} MB" -f $run, $case, $build, $sample.ms, ($sample.peakBytes / 1MB))
            }
        }
        foreach ($build in $builds.Keys) { $idle[$build].Add((Invoke-ProbeOf $builds[$build] Idle).peakBytes) }
    }
}
finally {
    Remove-Item Env:ZVMBENCH_USER, Env:ZVMBENCH_PASSWORD -ErrorAction SilentlyContinue
    $large | Stop-ZvmSimulator
    $fleet[0] | Stop-ZvmSimulator
}

$rows = foreach ($case in $cases.Keys) {
    $this = Get-Median @($samples["$case/this"] | ForEach-Object ms)
    $base = Get-Median @($samples["$case/baseline"] | ForEach-Object ms)
    $thisPeak = (Get-Median @($samples["$case/this"] | ForEach-Object peakBytes)) - (Get-Median $idle.this)
    $basePeak = (Get-Median @($samples["$case/baseline"] | ForEach-Object peakBytes)) - (Get-Median $idle.baseline)
    [pscustomobject]@{
        Case                         = $cases[$case].Label
        'This build'                 = '{0:0} ms' -f $this
        "Baseline $($baseline.Commit)" = '{0:0} ms' -f $base
        'Ratio'                      = '{0:0.00}' -f ($this / $base)
        'Peak above idle (this/base)' = '+{0:0} / +{1:0} MB' -f ($thisPeak / 1MB), ($basePeak / 1MB)
    }
}
$load = if (Test-Path /proc/loadavg) { (Get-Content /proc/loadavg -Raw).Trim() }
Write-Host ''
Write-Host ("ZertoTasks side by side, {0:yyyy-MM-dd HH:mm}: this build against {1}, medians of {2} runs taking turns, each in a fresh pwsh; load average after: {3}" -f $started, $baseline.Commit, $Runs, $load)
$rows | Format-Table -AutoSize | Out-String -Width 200 | Write-Host
$folder = Join-Path $OutputFolder 'bench'
New-Item -ItemType Directory -Force -Path $folder | Out-Null
[ordered]@{ started = $started.ToString('o'); baseline = $baseline.Commit; runs = $Runs; samples = $samples; idle = $idle } |
    ConvertTo-Json -Depth 5 | Set-Content (Join-Path $folder 'compare.json') -Encoding utf8
