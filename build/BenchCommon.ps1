# What build/Bench.ps1 and build/FleetBench.ps1 share, dot-sourced after they have resolved
# $ModulePath: a probe run in a fresh pwsh (build/BenchProbe.ps1), and medians.

$pwsh = Join-Path $PSHOME 'pwsh.dll'
$probe = Join-Path $PSScriptRoot 'BenchProbe.ps1'

function Invoke-Probe([string] $Case, [string] $Url, [int] $Count) {
    $arguments = @('-NoProfile', '-NonInteractive', '-File', $probe, '-Case', $Case, '-ModulePath', $ModulePath)
    if ($Url) { $arguments += '-Url', $Url }
    if ($Count) { $arguments += '-Count', $Count }
    $output = & dotnet $pwsh @arguments 2>&1
    $line = $output | Where-Object { "$_" -like 'BENCH *' } | Select-Object -Last 1
    if ($LASTEXITCODE -ne 0 -or -not $line) { throw "The $Case probe failed: $($output -join [Environment]::NewLine)" }
    "$line".Substring(6) | ConvertFrom-Json
}

function Get-Median([double[]] $Values) {
    $sorted = [double[]]($Values | Sort-Object)
    $middle = [math]::Floor($sorted.Count / 2)
    if ($sorted.Count % 2) { $sorted[$middle] } else { ($sorted[$middle - 1] + $sorted[$middle]) / 2 }
}
