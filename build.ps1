<#
.SYNOPSIS
    Builds, tests, demonstrates and benchmarks the ZertoTasks module.
.DESCRIPTION
    Build: assembles the importable module in out/ZertoTasks (manifest, assemblies, format
           file, MAML help) and the ZVM simulator in out/simulator.
    Test:  Build, then the xunit tests and the Pester tests; ends with "Tests: N passed, N failed".
    Demo:  Build, then shows the module against the built-in ZVM simulator.
    Simulator: Build, then starts the ZVM simulator in the background for trying the module by
           hand: a Windows ZVM and a ZVM Appliance on 127.0.0.1 with sample data, out of reach of
           the console's Ctrl+C, until StopSimulator. Prints the lines to connect (build/TryOut.ps1).
    StopSimulator: Stops what Simulator started.
    Bench: Build, then times Get-ZvmTask on large simulated histories (build/Bench.ps1, docs/benchmark.md)
           and on a fleet of 50 simulated ZVMs, at once against one by one (build/FleetBench.ps1).
    FleetBench: Build, then the fleet part of Bench alone.
    WatchBench: Build, then Watch-ZvmTask's cost per poll against a full listing, and a fleet
           followed for minutes, memory sampled (build/WatchBench.ps1).
    FailoverBench: Build, then Get-ZvmFailoverTest -Latest against the listing of its two task types,
           on 50 ZVMs of 10,000 tasks and on one of 100,000 (build/FailoverBench.ps1).
    CompareBench: Build, then times the large listing and the fleet side by side with the build of
           another commit (-BaselineRef, main by default), medians of 9 (build/CompareBench.ps1).
    Package: Build, then packs out/ZertoTasks into out/packages/ZertoTasks.<version>.nupkg with
           Publish-PSResource (build/Package.ps1), ready for the Gallery or an internal feed.
.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Simulator', 'StopSimulator', 'Bench', 'FleetBench', 'FailoverBench', 'CompareBench', 'WatchBench', 'Package')]
    [string] $Task = 'Build',

    # CompareBench: the commit, branch or tag to compare with.
    [string] $BaselineRef = 'main',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$root = $PSScriptRoot
$out = Join-Path $root 'out'
$moduleOut = Join-Path $out 'ZertoTasks'

function Invoke-Dotnet {
    # dotnet's own exit code must fail the build; PowerShell does not stop on it by itself.
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE." }
}

function Invoke-Build {
    $manifest = Import-PowerShellDataFile (Join-Path $root 'ZertoTasks.psd1')
    $version = $manifest.ModuleVersion
    $release = Get-ReleaseVersion $manifest
    if (Test-Path $moduleOut) { Remove-Item $moduleOut -Recurse -Force }
    $publish = Join-Path $out 'publish'
    Invoke-Dotnet publish (Join-Path $root 'src/ZertoTasks/ZertoTasks.csproj') -c $Configuration -o $publish --nologo -v quiet "-p:ModuleVersion=$version"
    New-Item $moduleOut -ItemType Directory | Out-Null
    # Everything publish resolved from the package references, so no hand-kept list can drift.
    Get-ChildItem $publish -Filter *.dll | Copy-Item -Destination $moduleOut
    # One format file per output type, each listed in the manifest's FormatsToProcess.
    Copy-Item (Join-Path $root 'src/ZertoTasks/Formats/*.Format.ps1xml'), (Join-Path $root 'LICENSE') $moduleOut
    Write-BuiltManifest $release
    Build-Help
    Invoke-Dotnet build (Join-Path $root 'tests/ZvmSimulator/ZvmSimulator.csproj') -c $Configuration -o (Join-Path $out 'simulator') --nologo -v quiet
    Test-ModuleManifest (Join-Path $moduleOut 'ZertoTasks.psd1') | Out-Null
    Write-Host "Built ZertoTasks $release in $moduleOut"
}

function Get-ReleaseVersion([hashtable] $Manifest) {
    # What a repository shows and the package is named by: 0.1.0-preview while below 1.0.
    $prerelease = $Manifest.PrivateData.PSData['Prerelease']
    if ($prerelease) { "$($Manifest.ModuleVersion)-$prerelease" } else { $Manifest.ModuleVersion }
}

function Write-BuiltManifest([string] $Version) {
    # The source manifest leaves ReleaseNotes empty; the built one carries CHANGELOG.md's notes.
    $manifest = Get-Content (Join-Path $root 'ZertoTasks.psd1') -Raw
    $placeholder = "ReleaseNotes = ''"
    if (([regex]::Matches($manifest, [regex]::Escape($placeholder))).Count -ne 1) {
        throw "ZertoTasks.psd1 must hold exactly one $placeholder for the build to fill."
    }
    # Escapes every quote PowerShell reads as one (typographic ones too). UTF-8 with a BOM:
    # Windows PowerShell 5.1 reads a psd1 without one as the ANSI code page.
    $notes = [System.Management.Automation.Language.CodeGeneration]::EscapeSingleQuotedStringContent((Get-ReleaseNotes $Version))
    $manifest.Replace($placeholder, "ReleaseNotes = '$notes'") | Set-Content (Join-Path $moduleOut 'ZertoTasks.psd1') -NoNewline -Encoding utf8BOM
}

function Get-ReleaseNotes([string] $Version) {
    # Keep a Changelog: '## [0.2.0] - 2027-01-15' heads a release, '## [Unreleased]' what comes next.
    # A version not yet released has no section of its own: its notes are the Unreleased ones.
    $sections = @{}
    $current = $null
    foreach ($line in Get-Content (Join-Path $root 'CHANGELOG.md')) {
        if ($line -match '^## \[([^\]]+)\]') { $current = $sections[$Matches[1]] = [System.Collections.Generic.List[string]]::new() }
        elseif ($line -match '^(## |\[[^\]]+\]: )') { $current = $null }  # another heading, or the link definitions at the end
        elseif ($null -ne $current) { $current.Add($line) }
    }
    $section = if ($sections.ContainsKey($Version)) { $sections[$Version] } else { $sections['Unreleased'] }
    $notes = if ($section) { ($section -join "`n").Trim() }
    if (-not $notes) { throw "CHANGELOG.md has no notes for $Version (no '## [$Version]' section, and the Unreleased one is empty)." }
    $notes
}

function Build-Help {
    $helpBuilder = Join-Path $root 'build/HelpBuilder/HelpBuilder.csproj'
    if (-not (Test-Path $helpBuilder)) { return }
    Invoke-Dotnet run --project $helpBuilder -c $Configuration -- (Join-Path $root 'docs/en-US') (Join-Path $moduleOut 'en-US')
}

function Invoke-Test {
    Invoke-Build
    $results = Join-Path $out 'test-results'
    if (Test-Path $results) { Remove-Item $results -Recurse -Force }

    & dotnet test (Join-Path $root 'tests/ZertoTasks.Tests/ZertoTasks.Tests.csproj') -c $Configuration --nologo `
        --logger 'trx;LogFileName=xunit.trx' --results-directory $results
    $xunit = Read-TrxCounts (Join-Path $results 'xunit.trx')

    Invoke-Dotnet restore (Join-Path $root 'build/Dependencies/Dependencies.csproj') --nologo -v quiet
    $pester = Invoke-PesterTests

    $passed = $xunit.Passed + $pester.Passed
    $failed = $xunit.Failed + $pester.Failed
    Write-Host "xunit: $($xunit.Passed) passed, $($xunit.Failed) failed; Pester: $($pester.Passed) passed, $($pester.Failed) failed"
    Write-Host "Tests: $passed passed, $failed failed"
    if ($failed -gt 0 -or $passed -eq 0) { exit 1 }
}

function Read-TrxCounts([string] $Path) {
    if (-not (Test-Path $Path)) {
        # No results file: the test project did not build or run. Count it as a failure.
        return @{ Passed = 0; Failed = 1 }
    }
    $counters = ([xml](Get-Content $Path -Raw)).TestRun.ResultSummary.Counters
    @{ Passed = [int]$counters.passed; Failed = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout }
}

function Invoke-PesterTests {
    $packages = (& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', ''
    $pesterManifest = Join-Path $packages.Trim() 'pester/5.7.1/tools/Pester.psd1'
    # A child pwsh, so the tests load the built module into a clean process, not this one.
    $script = @"
Import-Module '$pesterManifest' -Force
`$config = New-PesterConfiguration
`$config.Run.Path = '$(Join-Path $root 'tests/Pester')'
`$config.Run.PassThru = `$true
`$config.Output.Verbosity = 'Detailed'
`$result = Invoke-Pester -Configuration `$config
"PESTER-COUNTS `$(`$result.PassedCount) `$(`$result.FailedCount + `$result.FailedBlocksCount + `$result.FailedContainersCount)"
"@
    $counts = $null
    & dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -Command $script | ForEach-Object {
        if ($_ -match '^PESTER-COUNTS (\d+) (\d+)$') { $counts = @{ Passed = [int]$Matches[1]; Failed = [int]$Matches[2] } }
        else { $_ }
    } | Out-Host
    if ($null -eq $counts) { return @{ Passed = 0; Failed = 1 } }
    $counts
}

function Invoke-Demo {
    Invoke-Build
    & (Join-Path $root 'build/Demo.ps1') -ModulePath $moduleOut -SimulatorPath (Join-Path $out 'simulator/ZvmSimulator.dll') -OutputFolder $out
}

function Invoke-TryOut([switch] $Stop) {
    $tryOut = @{
        ModulePath      = $moduleOut
        SimulatorFolder = Join-Path $out 'simulator'
        StateFolder     = Join-Path $out 'tryout'
    }
    # The build runs only when the simulators must start: while they run, it is not needed.
    if ($Stop) { & (Join-Path $root 'build/TryOut.ps1') @tryOut -Stop }
    else { & (Join-Path $root 'build/TryOut.ps1') @tryOut -Build { Invoke-Build } }
}

function Invoke-Bench {
    Invoke-Build
    & (Join-Path $root 'build/Bench.ps1') -ModulePath $moduleOut -SimulatorPath (Join-Path $out 'simulator/ZvmSimulator.dll') -OutputFolder $out
    Invoke-FleetBench -NoBuild
    Invoke-FailoverBench -NoBuild
}

function Invoke-FailoverBench([switch] $NoBuild) {
    if (-not $NoBuild) { Invoke-Build }
    & (Join-Path $root 'build/FailoverBench.ps1') -ModulePath $moduleOut -SimulatorPath (Join-Path $out 'simulator/ZvmSimulator.dll') -OutputFolder $out
}

function Invoke-FleetBench([switch] $NoBuild) {
    if (-not $NoBuild) { Invoke-Build }
    & (Join-Path $root 'build/FleetBench.ps1') -ModulePath $moduleOut -SimulatorPath (Join-Path $out 'simulator/ZvmSimulator.dll') -OutputFolder $out
}

function Invoke-CompareBench {
    Invoke-Build
    & (Join-Path $root 'build/CompareBench.ps1') -ModulePath $moduleOut -SimulatorPath (Join-Path $out 'simulator/ZvmSimulator.dll') -OutputFolder $out -BaselineRef $BaselineRef
}

function Invoke-WatchBench {
    Invoke-Build
    & (Join-Path $root 'build/WatchBench.ps1') -ModulePath $moduleOut -SimulatorPath (Join-Path $out 'simulator/ZvmSimulator.dll') -OutputFolder $out
}

function Invoke-Package {
    Invoke-Build
    $packages = Join-Path $out 'packages'
    if (Test-Path $packages) { Remove-Item $packages -Recurse -Force }
    $package = & (Join-Path $root 'build/Package.ps1') -ModulePath $moduleOut -OutputFolder $packages
    Write-Host "Packed $package"
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Demo' { Invoke-Demo }
    'Simulator' { Invoke-TryOut }
    'StopSimulator' { Invoke-TryOut -Stop }
    'Bench' { Invoke-Bench }
    'FleetBench' { Invoke-FleetBench }
    'FailoverBench' { Invoke-FailoverBench }
    'CompareBench' { Invoke-CompareBench }
    'WatchBench' { Invoke-WatchBench }
    'Package' { Invoke-Package }
}
