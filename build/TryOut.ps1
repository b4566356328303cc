<#
.SYNOPSIS
    Runs the built-in ZVM simulator in the background, to try ZertoTasks by hand without a ZVM:
    what `build.ps1 -Task Simulator` runs, and `build.ps1 -Task StopSimulator` (-Stop).
.DESCRIPTION
    Starts two simulated ZVMs on 127.0.0.1, each on a free port, with the recorded sample data
    (dates moved to the last hours, and a new live task every 30 seconds): a Windows ZVM (session
    header) and a ZVM Appliance (Keycloak). Both take the user admin and a password made for this
    run, and run until -Stop, from a copy of the built simulator, so a build meanwhile does not
    touch them. Then it prints the lines to paste into PowerShell.

    -StateFolder holds that copy, each simulator's log, and state.json (process ids, addresses,
    the password), which -Stop and a second start read. A second start while both run builds
    nothing and prints the same lines again.

    Out of reach of the console's Ctrl+C: on Linux and macOS each simulator leaves the terminal's
    session at start (its --new-session, setsid), so the terminal's Ctrl+C, Ctrl+Z and hang-up,
    sent to its foreground process group, never reach it. On Windows, Start-Process without
    -NoNewWindow gives it a console of its own (hidden), and a console's Ctrl+C goes only to the
    processes attached to it. Verified on Linux only (tests/Pester/TryOut.Tests.ps1).
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    # The built simulator (out/simulator).
    [Parameter(Mandatory)] [string] $SimulatorFolder,
    # Where the running simulators' state, logs and copy live (out/tryout).
    [Parameter(Mandatory)] [string] $StateFolder,
    [switch] $Stop,
    # Run before a start that is needed: the build (not when the simulators already run).
    [scriptblock] $Build,
    # How long a start may take on a loaded machine before it is given up.
    [ValidateRange(1, 3600)] [int] $ReadyTimeoutSec = 180
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$statePath = Join-Path $StateFolder 'state.json'
$kinds = [ordered]@{ Windows = 'Windows ZVM'; Appliance = 'ZVM Appliance' }
$user = 'admin'

function Read-State {
    if (Test-Path $statePath) { Get-Content $statePath -Raw | ConvertFrom-Json }
}

function Write-State($State) {
    $null = New-Item $StateFolder -ItemType Directory -Force
    $State | ConvertTo-Json -Depth 4 | Set-Content $statePath
    # It holds the run's password: for its owner alone (Windows: the folder's ACL, the user's).
    if (-not $IsWindows) { & chmod 600 $statePath }
}

function Get-RunningProcess($Simulator) {
    # The process of the recorded id, if it is still the one started: an id can be reused.
    # StartTime is computed from the boot time at each call on Linux, so it may move a little.
    $process = Get-Process -Id $Simulator.Pid -ErrorAction SilentlyContinue
    if ($process -and [math]::Abs(($process.StartTime.ToUniversalTime() - [datetime]$Simulator.StartedUtc).TotalSeconds) -lt 5) {
        $process
    }
}

function Stop-Simulators($State) {
    foreach ($simulator in @($State.Simulators)) {
        $process = Get-RunningProcess $simulator
        if (-not $process) {
            Write-Host "The $($kinds[$simulator.Kind]) simulator (PID $($simulator.Pid)) had already ended."
            continue
        }
        # The simulator's own way out: it answers, stops listening and ends. A kill if it does not.
        if ($simulator.Url) {
            try {
                Invoke-RestMethod -Method Post -Uri "$($simulator.Url)/_sim/shutdown" -SkipCertificateCheck -TimeoutSec 15 | Out-Null
            }
            catch {
                Write-Verbose "$($simulator.Kind): shutdown request failed: $($_.Exception.Message)"
            }
        }
        if (-not $process.WaitForExit(30000)) {
            Write-Warning "The $($kinds[$simulator.Kind]) simulator (PID $($process.Id)) did not stop when asked; killing it."
            $process.Kill($true)
            $process.WaitForExit()
        }
        Write-Host "Stopped the $($kinds[$simulator.Kind]) simulator (PID $($process.Id))."
    }
}

function New-TryOutPassword {
    # Made for this run, printed, and good for nothing else: it looks like no real credential.
    $letters = 'abcdefghjkmnpqrstuvwxyz23456789'
    $groups = 1..3 | ForEach-Object { [System.Security.Cryptography.RandomNumberGenerator]::GetString($letters, 4) }
    'try-' + ($groups -join '-')
}

function Start-Simulator([string] $Kind, [string] $Dll, [string] $Log, [string] $Password) {
    $arguments = @($Dll, '--kind', $Kind, '--https', '--rebase-dates', '--live-every', '30', '--ignore-stdin', '--new-session')
    $dotnet = (Get-Command dotnet -CommandType Application | Select-Object -First 1).Source
    # In the environment, not on the command line that every local user can read.
    $env:ZVMSIM_PASSWORD = $env:ZVMSIM_CLIENT_SECRET = $Password
    try {
        if ($IsWindows) {
            # A hidden console of its own (CREATE_NEW_CONSOLE): the user's Ctrl+C never reaches it.
            $quoted = $arguments | ForEach-Object { if ($_ -match '\s') { '"' + $_ + '"' } else { $_ } }
            $process = Start-Process -FilePath $dotnet -ArgumentList $quoted -WindowStyle Hidden -PassThru `
                -RedirectStandardOutput $Log -RedirectStandardError "$Log.err"
            $process.Id
        }
        else {
            # sh only redirects and puts it in the background; --new-session does the rest.
            $env:ZVMSIM_LOG = $Log
            [int](& /bin/sh -c '"$@" </dev/null >"$ZVMSIM_LOG" 2>&1 & echo $!' sh $dotnet @arguments)
        }
    }
    finally {
        Remove-Item Env:ZVMSIM_PASSWORD, Env:ZVMSIM_CLIENT_SECRET, Env:ZVMSIM_LOG -ErrorAction SilentlyContinue
    }
}

function Wait-Listening($Simulator, [datetime] $Deadline) {
    while ($true) {
        $line = Get-Content $Simulator.Log -ErrorAction SilentlyContinue | Where-Object { $_ -match '^ZVMSIM LISTENING (\S+)$' } | Select-Object -First 1
        if ($line) { return ($line -replace '^ZVMSIM LISTENING ', '').TrimEnd('/') }
        if (-not (Get-RunningProcess $Simulator)) {
            throw "The $($kinds[$Simulator.Kind]) simulator ended before it listened. Its log, $($Simulator.Log):`n$(Get-Content $Simulator.Log -Raw -ErrorAction SilentlyContinue)"
        }
        if ([datetime]::UtcNow -gt $Deadline) {
            throw "The $($kinds[$Simulator.Kind]) simulator did not listen within $ReadyTimeoutSec seconds; see $($Simulator.Log)."
        }
        Start-Sleep -Milliseconds 250
    }
}

function Write-HowToConnect($State) {
    $manifest = Join-Path (Resolve-Path $ModulePath).Path 'ZertoTasks.psd1'
    $windows = @($State.Simulators | Where-Object Kind -eq 'Windows')[0]
    $appliance = @($State.Simulators | Where-Object Kind -eq 'Appliance')[0]
    Write-Host ''
    Write-Host 'Two simulated ZVMs run in the background on 127.0.0.1, with sample data:'
    foreach ($simulator in $windows, $appliance) {
        Write-Host ('  {0,-14} {1,-26} PID {2}' -f $kinds[$simulator.Kind], $simulator.Url, $simulator.Pid)
    }
    Write-Host "User '$user', password '$($State.Password)' (made for this run; a new task starts every 30 s)."
    Write-Host ''
    Write-Host 'Paste into PowerShell 7.4 or later (dotnet pwsh, for one):'
    Write-Host ''
    Write-Host "Import-Module '$($manifest.Replace("'", "''"))'"
    Write-Host "`$cred = [pscredential]::new('$user', (ConvertTo-SecureString '$($State.Password)' -AsPlainText -Force))"
    Write-Host '# Self-signed certificates, made at start: -SkipCertificateCheck trusts them, for these'
    Write-Host '# sessions only. Against a real ZVM, trust its certificate authority instead.'
    Write-Host "`$win = Connect-ZvmSession -Server $($windows.Url) -Kind Windows -Credential `$cred -SkipCertificateCheck"
    Write-Host "`$zvma = Connect-ZvmSession -Server $($appliance.Url) -Kind Appliance -Credential `$cred -SkipCertificateCheck"
    Write-Host 'Get-ZvmTask -Session $win -Newest 10'
    Write-Host 'Get-ZvmTask -Session $zvma -Status Failed'
    Write-Host 'Watch-ZvmTask -Session $win, $zvma   # Ctrl+C ends the watch; the simulators go on'
    Write-Host ''
    Write-Host 'Stop them with: dotnet pwsh ./build.ps1 -Task StopSimulator'
}

$state = Read-State
if ($Stop) {
    if (-not $state) {
        Write-Host "No try-out simulator runs (no $statePath)."
        return
    }
    Stop-Simulators $state
    Remove-Item $statePath
    return
}

if ($state) {
    $running = @($state.Simulators | Where-Object { Get-RunningProcess $_ })
    if ($running.Count -eq @($state.Simulators).Count -and @($state.Simulators.Url) -notcontains $null) {
        Write-Host 'The try-out simulators already run (started by an earlier -Task Simulator).'
        Write-HowToConnect $state
        return
    }
    # One of them ended (or the machine restarted): start both afresh.
    Stop-Simulators $state
    Remove-Item $statePath
}

if ($Build) { & $Build }
foreach ($path in (Join-Path $SimulatorFolder 'ZvmSimulator.dll'), (Join-Path $ModulePath 'ZertoTasks.psd1')) {
    if (-not (Test-Path $path)) { throw "$path is missing: build first (dotnet pwsh ./build.ps1)." }
}

# From a copy: a build meanwhile replaces out/simulator (on Windows it could not while it ran).
$copy = Join-Path $StateFolder 'simulator'
if (Test-Path $copy) { Remove-Item $copy -Recurse -Force }
$null = New-Item $StateFolder -ItemType Directory -Force
Copy-Item $SimulatorFolder $copy -Recurse

$state = [pscustomobject]@{ Password = New-TryOutPassword; Simulators = @() }
$ready = $false
try {
    foreach ($kind in $kinds.Keys) {
        $log = Join-Path $StateFolder "$($kind.ToLowerInvariant()).log"
        Remove-Item $log, "$log.err" -ErrorAction SilentlyContinue
        $id = Start-Simulator $kind (Join-Path $copy 'ZvmSimulator.dll') $log $state.Password
        $process = Get-Process -Id $id -ErrorAction SilentlyContinue
        if (-not $process) { throw "The $($kinds[$kind]) simulator ended as it started. Its log, ${log}:`n$(Get-Content $log -Raw -ErrorAction SilentlyContinue)" }
        $started = $process.StartTime.ToUniversalTime()
        $state.Simulators += [pscustomobject]@{ Kind = $kind; Pid = $id; StartedUtc = $started.ToString('o'); Log = $log; Url = $null }
        # Recorded at once, so -Stop finds it even if this script is killed before the end.
        Write-State $state
    }
    $deadline = [datetime]::UtcNow.AddSeconds($ReadyTimeoutSec)
    foreach ($simulator in $state.Simulators) { $simulator.Url = Wait-Listening $simulator $deadline }
    Write-State $state
    $ready = $true
}
finally {
    # Failed, or Ctrl+C before both listened: nothing half-started stays behind.
    if (-not $ready) {
        foreach ($simulator in $state.Simulators) {
            $process = Get-RunningProcess $simulator
            if ($process) { $process.Kill($true); $process.WaitForExit() }
        }
        Remove-Item $statePath -ErrorAction SilentlyContinue
    }
}
Write-HowToConnect $state
