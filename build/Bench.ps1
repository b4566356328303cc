<#
.SYNOPSIS
    Measures Get-ZvmTask on large histories: what `build.ps1 -Task Bench` runs.
.DESCRIPTION
    Starts the simulator with generated histories and times, side by side and each in a fresh
    pwsh process (build/BenchProbe.ps1): Get-ZvmTask | Measure-Object, with the names of the
    generated site's 1,000 VPGs and without (-SkipNameLookup); the same listing with
    Invoke-RestMethod; the floor (the raw download, and the pipeline passing as many objects);
    Select-Object -First 1 and -First 5; Get-ZvmTask -Newest 5 (the whole history read, five
    tasks kept); the peak memory of each process; and what
    Import-Module adds to a pwsh start, beside what PowerShell's own modules add. Then fleets:
    24 sessions to ZVMs that think 300 ms before each answer, and 32 to ZVMs that do not, read at
    once and one by one. The cases take turns, run after run, so that load from
    other processes falls on all of them alike. Prints one table of medians and writes every
    sample to <OutputFolder>/bench/results.json. docs/benchmark.md explains the method.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $SimulatorPath,
    [Parameter(Mandatory)] [string] $OutputFolder,
    [int[]] $Sizes = @(10000, 100000),
    [int] $Runs = 5,
    # Invoke-RestMethod on the largest history takes tens of seconds and gigabytes a run.
    [int] $SlowRuns = 3,
    # pwsh starts are short and noisy: more of them.
    [int] $StartRuns = 10,
    [int] $FleetRuns = 5
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Import-Module (Join-Path $PSScriptRoot '../tests/SimulatorHost.psm1') -Force

# The probes run in other processes: give them paths that do not depend on a current folder.
$ModulePath = (Resolve-Path $ModulePath).Path
$SimulatorPath = (Resolve-Path $SimulatorPath).Path

. (Join-Path $PSScriptRoot 'BenchCommon.ps1')
$largest = [int]($Sizes | Measure-Object -Maximum).Maximum
$listingCases = 'Module', 'ModuleNoNames', 'InvokeRestMethod', 'Download', 'Pipeline', 'First1', 'First1NoNames', 'First5', 'Newest5'
$expectedCount = @{ Module = 'size'; ModuleNoNames = 'size'; InvokeRestMethod = 'size'; Pipeline = 'size'; First1 = 1; First1NoNames = 1; First5 = 5; Newest5 = 5 }

# Wall time of a whole pwsh process, from start to exit.
function Measure-PwshStart([string] $Command) {
    $stopwatch = [System.Diagnostics.Stopwatch]::StartNew()
    & dotnet $pwsh -NoProfile -NonInteractive -Command $Command | Out-Null
    if ($LASTEXITCODE -ne 0) { throw "pwsh -Command '$Command' failed with exit code $LASTEXITCODE." }
    $stopwatch.Elapsed.TotalMilliseconds
}

function Get-LoadAverage { if (Test-Path /proc/loadavg) { (Get-Content /proc/loadavg -Raw).Trim() } }

$started = Get-Date
$loadBefore = Get-LoadAverage

# Start-up and the idle baseline need no simulator. A cold Import-Module pays for PowerShell's own
# module loading as well as for the module, so two references sit beside it: PowerShell's own
# Microsoft.PowerShell.Security, and a console start, which has always imported PSReadLine.
$startCommands = [ordered]@{
    Plain             = 'exit'
    WithImport        = "Import-Module '$ModulePath'; exit"
    InBoxModule       = 'Import-Module Microsoft.PowerShell.Security; exit'
    Console           = 'Import-Module PSReadLine; exit'
    ConsoleWithImport = "Import-Module PSReadLine; Import-Module '$ModulePath'; exit"
}
$startup = [ordered]@{}
foreach ($name in $startCommands.Keys) { $startup[$name] = [Collections.Generic.List[double]]::new() }
$idlePeaks = [Collections.Generic.List[double]]::new()
for ($run = 1; $run -le $StartRuns; $run++) {
    foreach ($name in $startCommands.Keys) { $startup[$name].Add((Measure-PwshStart "`$ErrorActionPreference = 'Stop'; $($startCommands[$name])")) }
    $idlePeaks.Add((Invoke-Probe Idle).peakBytes)
    Write-Host ("start-up run {0}: pwsh {1:0} ms, with Import-Module {2:0} ms, with Microsoft.PowerShell.Security {3:0} ms, with PSReadLine {4:0} ms, with PSReadLine and Import-Module {5:0} ms; idle peak {6:0} MB" -f $run, $startup.Plain[-1], $startup.WithImport[-1], $startup.InBoxModule[-1], $startup.Console[-1], $startup.ConsoleWithImport[-1], ($idlePeaks[-1] / 1MB))
}
$idlePeak = Get-Median $idlePeaks

$samples = @{}
foreach ($size in $Sizes) {
    $samples[$size] = @{}
    foreach ($case in $listingCases) { $samples[$size][$case] = [Collections.Generic.List[object]]::new() }
    $simulator = Start-ZvmSimulator -Generate $size -SimulatorPath $SimulatorPath
    try {
        $env:ZVMBENCH_USER = $simulator.Credential.UserName
        $env:ZVMBENCH_PASSWORD = $simulator.Credential.GetNetworkCredential().Password
        # The simulator's first answers compile its own code; no case should pay for that.
        Invoke-Probe Download $simulator.Url | Out-Null
        Invoke-Probe First1 $simulator.Url | Out-Null
        for ($run = 1; $run -le $Runs; $run++) {
            foreach ($case in $listingCases) {
                if ($case -eq 'InvokeRestMethod' -and $size -eq $largest -and $run -gt $SlowRuns) { continue }
                $sample = Invoke-Probe $case $simulator.Url $size
                $expected = $expectedCount[$case]
                if ($expected -eq 'size') { $expected = $size }
                if ($null -ne $expected -and $sample.count -ne $expected) { throw "$case on $size tasks passed $($sample.count) objects, not $expected." }
                $samples[$size][$case].Add($sample)
                Write-Host ("{0,7} tasks, run {1}: {2,-16} {3,9:0} ms {4,7:0} MB" -f $size, $run, $case, $sample.ms, ($sample.peakBytes / 1MB))
            }
        }
    }
    finally {
        Remove-Item Env:ZVMBENCH_USER, Env:ZVMBENCH_PASSWORD -ErrorAction SilentlyContinue
        $simulator | Stop-ZvmSimulator
    }
}

# Fleets: think time read at once against one by one, and many quick ZVMs. One simulator process
# stands for the fleet with a listener per ZVM (connecting twice to one ZVM replaces the first
# session), so each session has its own ZVM and connection.
$fleets = [ordered]@{
    Think = @{ Sessions = 24; Tasks = 300; DelayMs = 300; Label = '24 ZVMs x 300 tasks, 300 ms think time' }
    Quick = @{ Sessions = 32; Tasks = 3000; DelayMs = 0; Label = '32 ZVMs x 3,000 tasks, no think time' }
}
$fleetCases = 'SessionsAtOnce', 'SessionsOneByOne'
$fleetSamples = @{}
foreach ($name in $fleets.Keys) {
    $fleet = $fleets[$name]
    $fleetSamples[$name] = @{}
    foreach ($case in $fleetCases) { $fleetSamples[$name][$case] = [Collections.Generic.List[object]]::new() }
    $simulators = @(Start-ZvmSimulator -Count $fleet.Sessions -Generate $fleet.Tasks -DelayMs $fleet.DelayMs -DelayPath '/v1/tasks' -SimulatorPath $SimulatorPath)
    try {
        $env:ZVMBENCH_USER = $simulators[0].Credential.UserName
        $env:ZVMBENCH_PASSWORD = $simulators[0].Credential.GetNetworkCredential().Password
        $urls = ($simulators | ForEach-Object Url) -join ','
        $expected = $fleet.Sessions * $fleet.Tasks
        Invoke-Probe SessionsAtOnce $urls $fleet.Sessions | Out-Null
        for ($run = 1; $run -le $FleetRuns; $run++) {
            foreach ($case in $fleetCases) {
                $sample = Invoke-Probe $case $urls $fleet.Sessions
                if ($sample.count -ne $expected) { throw "$case on $($fleet.Label) passed $($sample.count) objects, not $expected." }
                $fleetSamples[$name][$case].Add($sample)
                Write-Host ("{0}, run {1}: {2,-14} {3,9:0} ms" -f $fleet.Label, $run, $case, $sample.ms)
            }
        }
    }
    finally {
        Remove-Item Env:ZVMBENCH_USER, Env:ZVMBENCH_PASSWORD -ErrorAction SilentlyContinue
        $simulators[0] | Stop-ZvmSimulator
    }
}
$fleetMedian = @{}
foreach ($name in $fleets.Keys) {
    $fleetMedian[$name] = @{}
    foreach ($case in $fleetCases) { $fleetMedian[$name][$case] = Get-Median @($fleetSamples[$name][$case] | ForEach-Object ms) }
    $fleetMedian[$name].Speedup = $fleetMedian[$name].SessionsOneByOne / $fleetMedian[$name].SessionsAtOnce
}

# Medians, ratios and the table.
$median = @{}
foreach ($size in $Sizes) {
    $median[$size] = @{}
    foreach ($case in $listingCases) {
        $median[$size][$case] = @{
            Ms     = Get-Median @($samples[$size][$case] | ForEach-Object ms)
            PeakMB = Get-Median @($samples[$size][$case] | ForEach-Object { $_.peakBytes / 1MB })
        }
    }
    $median[$size].FloorMs = $median[$size].Download.Ms + $median[$size].Pipeline.Ms
}
$startMedian = [ordered]@{}
foreach ($name in $startup.Keys) { $startMedian[$name] = Get-Median $startup[$name] }
$importAdds = $startMedian.WithImport - $startMedian.Plain
$inBoxAdds = $startMedian.InBoxModule - $startMedian.Plain
$consoleImportAdds = $startMedian.ConsoleWithImport - $startMedian.Console
$idleMB = $idlePeak / 1MB

function Format-Seconds([double] $Ms) { if ($Ms -lt 1000) { '{0:0} ms' -f $Ms } else { '{0:0.00} s' -f ($Ms / 1000) } }
function Format-Row([string] $Label, [scriptblock] $Cell) {
    $row = [ordered]@{ Measure = $Label }
    foreach ($size in $Sizes) { $row['{0:N0} tasks' -f $size] = & $Cell $median[$size] }
    [pscustomobject]$row
}
$irmRuns = if ($SlowRuns -lt $Runs) { "; Invoke-RestMethod on $('{0:N0}' -f $largest) tasks: $SlowRuns" } else { '' }
$table = @(
    Format-Row 'Get-ZvmTask | Measure-Object' { param($m) Format-Seconds $m.Module.Ms }
    Format-Row 'Get-ZvmTask -SkipNameLookup | Measure-Object' { param($m) '{0}  (names add {1:+0;-0}%)' -f (Format-Seconds $m.ModuleNoNames.Ms), (100 * ($m.Module.Ms / $m.ModuleNoNames.Ms - 1)) }
    Format-Row 'Invoke-RestMethod | Measure-Object' { param($m) '{0}  ({1:0.0}x slower)' -f (Format-Seconds $m.InvokeRestMethod.Ms), ($m.InvokeRestMethod.Ms / $m.Module.Ms) }
    Format-Row 'floor: raw download (HttpClient)' { param($m) Format-Seconds $m.Download.Ms }
    Format-Row 'floor: pipeline passing N objects' { param($m) Format-Seconds $m.Pipeline.Ms }
    Format-Row 'floor: download + pipeline' { param($m) '{0}  (Get-ZvmTask {1:0.00}x)' -f (Format-Seconds $m.FloorMs), ($m.Module.Ms / $m.FloorMs) }
    Format-Row 'Get-ZvmTask | Select-Object -First 1' { param($m) Format-Seconds $m.First1.Ms }
    Format-Row '... -SkipNameLookup | Select-Object -First 1' { param($m) Format-Seconds $m.First1NoNames.Ms }
    Format-Row 'Get-ZvmTask | Select-Object -First 5' { param($m) Format-Seconds $m.First5.Ms }
    Format-Row 'Get-ZvmTask -Newest 5' { param($m) Format-Seconds $m.Newest5.Ms }
    Format-Row 'peak memory above idle: Get-ZvmTask' { param($m) '+{0:0} MB' -f ($m.Module.PeakMB - $idleMB) }
    Format-Row 'peak memory above idle: -SkipNameLookup' { param($m) '+{0:0} MB' -f ($m.ModuleNoNames.PeakMB - $idleMB) }
    Format-Row 'peak memory above idle: Get-ZvmTask -Newest 5' { param($m) '+{0:0} MB' -f ($m.Newest5.PeakMB - $idleMB) }
    Format-Row 'peak memory above idle: Invoke-RestMethod' { param($m) '+{0:0} MB' -f ($m.InvokeRestMethod.PeakMB - $idleMB) }
)

$big = $median[$largest]
$fleetTable = @(foreach ($name in $fleets.Keys) {
    [pscustomobject]@{
        Fleet       = $fleets[$name].Label
        'At once'   = Format-Seconds $fleetMedian[$name].SessionsAtOnce
        'One by one' = Format-Seconds $fleetMedian[$name].SessionsOneByOne
        'Speed-up'  = '{0:0.0}x' -f $fleetMedian[$name].Speedup
    }
})
$targets = @(
    [pscustomobject]@{ Target = "$($fleets.Think.Label): at once >= 6x faster than one by one"; Value = '{0:0.0}x' -f $fleetMedian.Think.Speedup; Met = $fleetMedian.Think.Speedup -ge 6 }
    [pscustomobject]@{ Target = "$($fleets.Quick.Label): at once at least as fast as one by one"; Value = '{0:0.00}x' -f $fleetMedian.Quick.Speedup; Met = $fleetMedian.Quick.Speedup -ge 1 }
    [pscustomobject]@{ Target = "Invoke-RestMethod / Get-ZvmTask >= 15 ($('{0:N0}' -f $largest) tasks)"; Value = '{0:0.0}' -f ($big.InvokeRestMethod.Ms / $big.Module.Ms); Met = $big.InvokeRestMethod.Ms / $big.Module.Ms -ge 15 }
    [pscustomobject]@{ Target = "Get-ZvmTask / floor <= 2 ($('{0:N0}' -f $largest) tasks)"; Value = '{0:0.00}' -f ($big.Module.Ms / $big.FloorMs); Met = $big.Module.Ms / $big.FloorMs -le 2 }
    [pscustomobject]@{ Target = "names / -SkipNameLookup <= 1.15 ($('{0:N0}' -f $largest) tasks, 1,000 VPGs)"; Value = '{0:0.00}' -f ($big.Module.Ms / $big.ModuleNoNames.Ms); Met = $big.Module.Ms / $big.ModuleNoNames.Ms -le 1.15 }
    foreach ($size in $Sizes) {
        [pscustomobject]@{ Target = "peak memory above idle <= 150 MB ($('{0:N0}' -f $size) tasks)"; Value = '{0:0} MB' -f ($median[$size].Module.PeakMB - $idleMB); Met = $median[$size].Module.PeakMB - $idleMB -le 150 }
    }
    [pscustomobject]@{ Target = "-Newest 5 peak memory above idle <= 150 MB ($('{0:N0}' -f $largest) tasks)"; Value = '{0:0} MB' -f ($big.Newest5.PeakMB - $idleMB); Met = $big.Newest5.PeakMB - $idleMB -le 150 }
    [pscustomobject]@{ Target = "Select-Object -First 1 < 150 ms ($('{0:N0}' -f $largest) tasks)"; Value = Format-Seconds $big.First1.Ms; Met = $big.First1.Ms -lt 150 }
    [pscustomobject]@{ Target = "Select-Object -First 5 < 0.5 s ($('{0:N0}' -f $largest) tasks)"; Value = Format-Seconds $big.First5.Ms; Met = $big.First5.Ms -lt 500 }
    [pscustomobject]@{ Target = 'Import-Module adds < 150 ms to a pwsh start'; Value = '{0:0} ms' -f $importAdds; Met = $importAdds -lt 150 }
    [pscustomobject]@{ Target = 'Import-Module adds < 150 ms to a console start (PSReadLine imported)'; Value = '{0:0} ms' -f $consoleImportAdds; Met = $consoleImportAdds -lt 150 }
)

$loadAfter = Get-LoadAverage
Write-Host ''
Write-Host ("ZertoTasks benchmark, {0:yyyy-MM-dd HH:mm}: {1} cores, {2}, PowerShell {3}; load average before {4}, after {5}" -f $started, [Environment]::ProcessorCount, [Runtime.InteropServices.RuntimeInformation]::OSDescription, $PSVersionTable.PSVersion, $loadBefore, $loadAfter)
Write-Host "Medians of $Runs runs, each in a fresh pwsh process$irmRuns."
$table | Format-Table -AutoSize | Out-String -Width 200 | Write-Host
Write-Host "Fleets, medians of $FleetRuns runs, each in a fresh pwsh process:"
$fleetTable | Format-Table -AutoSize | Out-String -Width 200 | Write-Host
Write-Host ('Start-up, medians of {0}: pwsh -Command exit {1:0} ms. Import-Module ZertoTasks adds {2:0} ms; PowerShell''s own Microsoft.PowerShell.Security adds {3:0} ms. To a start that has imported PSReadLine ({4:0} ms), as every console has, ZertoTasks adds {5:0} ms.' -f $StartRuns, $startMedian.Plain, $importAdds, $inBoxAdds, $startMedian.Console, $consoleImportAdds)
Write-Host ('Idle pwsh with the module imported: {0:0} MB peak.' -f $idleMB)
$targets | Format-Table -AutoSize | Out-String -Width 200 | Write-Host

function Get-SizeFigures([int] $Size) {
    $cases = [ordered]@{}
    foreach ($case in $listingCases) {
        $cases[$case] = [ordered]@{
            medianMs     = $median[$Size][$case].Ms
            medianPeakMB = $median[$Size][$case].PeakMB
            samples      = @($samples[$Size][$case] | ForEach-Object { [ordered]@{ ms = $_.ms; peakMB = $_.peakBytes / 1MB } })
        }
    }
    [ordered]@{ tasks = $Size; floorMs = $median[$Size].FloorMs; cases = $cases }
}

$benchFolder = Join-Path $OutputFolder 'bench'
New-Item $benchFolder -ItemType Directory -Force | Out-Null
$resultsPath = Join-Path $benchFolder 'results.json'
[ordered]@{
    started      = $started.ToString('o')
    machine      = [ordered]@{ cores = [Environment]::ProcessorCount; os = [Runtime.InteropServices.RuntimeInformation]::OSDescription; powershell = "$($PSVersionTable.PSVersion)"; loadAverageBefore = $loadBefore; loadAverageAfter = $loadAfter }
    runs         = $Runs
    slowRuns     = $SlowRuns
    startRuns    = $StartRuns
    startup      = [ordered]@{
        commands            = $startCommands
        samplesMs           = $startup
        medianMs            = $startMedian
        importAddsMs        = $importAdds
        inBoxModuleAddsMs   = $inBoxAdds
        consoleImportAddsMs = $consoleImportAdds
    }
    idlePeakMB   = [ordered]@{ samples = @($idlePeaks | ForEach-Object { $_ / 1MB }); median = $idleMB }
    sizes        = @(foreach ($size in $Sizes) { Get-SizeFigures $size })
    fleetRuns    = $FleetRuns
    fleets       = @(foreach ($name in $fleets.Keys) {
        [ordered]@{
            fleet        = $fleets[$name].Label
            sessions     = $fleets[$name].Sessions
            tasksEach    = $fleets[$name].Tasks
            thinkMs      = $fleets[$name].DelayMs
            atOnceMs     = [ordered]@{ median = $fleetMedian[$name].SessionsAtOnce; samples = @($fleetSamples[$name].SessionsAtOnce | ForEach-Object ms) }
            oneByOneMs   = [ordered]@{ median = $fleetMedian[$name].SessionsOneByOne; samples = @($fleetSamples[$name].SessionsOneByOne | ForEach-Object ms) }
            speedup      = $fleetMedian[$name].Speedup
        }
    })
    targets      = @($targets | ForEach-Object { [ordered]@{ target = $_.Target; value = $_.Value; met = $_.Met } })
} | ConvertTo-Json -Depth 8 | Set-Content -Path $resultsPath -Encoding utf8
Write-Host "Figures written to $resultsPath"
