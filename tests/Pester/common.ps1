# Dot-sourced by every Pester file: imports the BUILT module (out/ZertoTasks), never the
# source tree, and the simulator host. Run `dotnet pwsh ./build.ps1 -Task Test` to build first.
$script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
$script:ModuleManifest = Join-Path $RepoRoot 'out/ZertoTasks/ZertoTasks.psd1'
$script:Recordings = Join-Path $RepoRoot 'tests/ZvmSimulator/Recordings'
Import-Module $ModuleManifest -Force
Import-Module (Join-Path $RepoRoot 'tests/SimulatorHost.psm1') -Force

function Get-SimulatorRequest($Simulator, [string] $PathLike = '*') {
    # Invoke-RestMethod writes a JSON array as one object; ForEach-Object unrolls it.
    Invoke-ZvmSimulatorControl $Simulator 'requests' | ForEach-Object { $_ } | Where-Object path -like $PathLike
}

function Clear-SimulatorRequest($Simulator) {
    Invoke-ZvmSimulatorControl $Simulator 'requests' -Method DELETE | Out-Null
}

function Get-ListStats($Simulator) { Invoke-ZvmSimulatorControl $Simulator 'stats' }

# Polls the simulator until no task list is being sent (a client that left is noticed on its next write).
function Wait-NoActiveList($Simulator) {
    $deadline = [DateTime]::UtcNow.AddSeconds(60)
    do {
        $stats = Get-ListStats $Simulator
        if ($stats.activeTaskLists -eq 0) { return $stats }
        Start-Sleep -Milliseconds 100
    } while ([DateTime]::UtcNow -lt $deadline)
    $stats
}

function Add-SimulatorFault($Simulator, [hashtable] $Fault) {
    Invoke-ZvmSimulatorControl $Simulator 'faults' -Method POST -Body $Fault | Out-Null
}

# The recorded tasks as plain JSON objects, for computing what a filter should return.
function Get-RecordedTask([string] $Name) {
    Get-Content (Join-Path $Recordings $Name) -Raw | ConvertFrom-Json
}

# The UTC instant of a recorded date, in either of the two forms ZVMs send.
function ConvertFrom-RecordedDate($Value) {
    if ($null -eq $Value) { return $null }
    if ($Value -is [datetime]) { return $Value.ToUniversalTime() }
    if ($Value -match '^/Date\((-?\d+)') { return [DateTimeOffset]::FromUnixTimeMilliseconds([long]$Matches[1]).UtcDateTime }
    ([DateTimeOffset]::Parse($Value, [cultureinfo]::InvariantCulture)).UtcDateTime
}

# A child pwsh (optionally in another time zone) that runs a script and returns its output lines.
function Invoke-ChildPwsh([string] $Script, [string] $TimeZone) {
    $saved = $env:TZ
    try {
        if ($TimeZone) { $env:TZ = $TimeZone }
        $output = & dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -Command $Script 2>&1
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = @($output | ForEach-Object { "$_" }) }
    }
    finally {
        $env:TZ = $saved
    }
}

function Disconnect-AllZvmSessions {
    Get-ZvmSession | Disconnect-ZvmSession -ErrorAction SilentlyContinue
}

# Ends the open sessions to one simulator, so that the next Connect-ZvmSession logs on anew
# (connecting again with the same user and settings gives back the open session).
function Disconnect-SimulatorSession($Simulator) {
    Get-ZvmSession | Where-Object Server -eq ([uri]$Simulator.Url).Authority | Disconnect-ZvmSession
}
