# Starts and stops the loopback ZVM simulator (tests/ZvmSimulator) for the Pester tests, the
# demo and the benchmark. The simulator binds 127.0.0.1 on a free port and prints it; it exits
# when its standard input closes, so even a killed test run leaves no listener behind.

$script:SimulatorDll = Join-Path $PSScriptRoot '../out/simulator/ZvmSimulator.dll'

# The simulator's default credentials (test data, not secrets of any real system).
$script:Defaults = @{
    User         = 'admin'
    Password     = 'ZvmSim-Pa55word!'
    ClientId     = 'zerto-automation'
    ClientSecret = 'ZvmSim-Cl1ent-Secret'
}

function Start-ZvmSimulator {
    # With -Count N, one process stands for N ZVMs (one object each, sharing the Process):
    # stopping any of them stops them all; POST /_sim/shutdown stops one.
    [CmdletBinding()]
    param(
        [ValidateRange(1, 1000)] [int] $Count = 1,
        # A password other than the default, which the returned Credential still carries.
        [string] $Password,
        # A user name other than the default ('admin'), which the returned Credential carries.
        [string] $User,
        # Plain: no ZVM, a web server that answers everything 404 with an HTML page.
        [ValidateSet('Windows', 'Appliance', 'Plain')] [string] $Kind = 'Windows',
        [switch] $Https,
        [int] $Generate,
        # A JSON array of tasks to serve instead of the recordings.
        [string] $DataFile,
        # With -Generate: how many of the generated site's 1,000 VPGs its tasks name.
        [int] $Vpgs,
        # Recordings of their own: 'Failover' serves failover tests, recovery reports and lastTest.
        [ValidateSet('Failover')] [string] $Profile,
        [switch] $RebaseDates,
        # Rebases the dates so that the newest task started this many days ago.
        [int] $NewestDaysAgo = -1,
        [int] $TokenLifetime,
        # A busy ZVM's think time: every request under DelayPath waits this long before its answer.
        # Change it later with: Invoke-ZvmSimulatorControl $sim delay -Method POST -Body @{ ms = 300; path = '/v1/tasks' }
        [int] $DelayMs,
        [string] $DelayPath,
        # Live mode: the ZVM's clock this far from the host's (Date header and live task times);
        # a generated live task every N seconds. Tests start their own with New-SimulatorLiveTask.
        [int] $ClockOffsetSec,
        [int] $LiveEverySec,
        [string] $SimulatorPath = $script:SimulatorDll
    )
    $arguments = @((Resolve-Path $SimulatorPath).Path, '--parent-pid', $PID)
    $arguments += if ($Kind -eq 'Plain') { '--plain' } else { '--kind', $Kind }
    if ($Https) { $arguments += '--https' }
    if ($Generate) { $arguments += '--generate', $Generate }
    if ($DataFile) { $arguments += '--data', $DataFile }
    if ($Vpgs) { $arguments += '--vpgs', $Vpgs }
    if ($Profile) { $arguments += '--profile', $Profile.ToLowerInvariant() }
    if ($RebaseDates) { $arguments += '--rebase-dates' }
    if ($NewestDaysAgo -ge 0) { $arguments += '--newest-days-ago', $NewestDaysAgo }
    if ($TokenLifetime) { $arguments += '--token-lifetime', $TokenLifetime }
    if ($Count -gt 1) { $arguments += '--zvms', $Count }
    if ($Password) { $arguments += '--password', $Password }
    if ($User) { $arguments += '--user', $User }
    if ($DelayMs) { $arguments += '--delay-ms', $DelayMs }
    if ($DelayPath) { $arguments += '--delay-path', $DelayPath }
    if ($ClockOffsetSec) { $arguments += '--clock-offset', $ClockOffsetSec }
    if ($LiveEverySec) { $arguments += '--live-every', $LiveEverySec }

    $start = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($argument in $arguments) { $start.ArgumentList.Add([string]$argument) }
    $start.RedirectStandardInput = $true
    $start.RedirectStandardOutput = $true
    $start.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($start)

    $deadline = [datetime]::UtcNow.AddSeconds(60 + $Count)
    for ($i = 0; $i -lt $Count; $i++) {
        $line = $process.StandardOutput.ReadLineAsync()
        $left = [math]::Max(0, ($deadline - [datetime]::UtcNow).TotalMilliseconds)
        if (-not $line.Wait([int]$left) -or $line.Result -notmatch '^ZVMSIM LISTENING (\S+)$') {
            Stop-Process -Id $process.Id -Force -ErrorAction SilentlyContinue
            throw "The ZVM simulator did not start: $($line.Result)"
        }
        New-SimulatorObject -Url $Matches[1].TrimEnd('/') -Kind $Kind -Process $process -Password $Password -User $User
    }
}

function New-SimulatorObject($Url, $Kind, $Process, $Password, $User) {
    [pscustomobject]@{
        PSTypeName   = 'ZertoTasks.Test.Simulator'
        Url          = $Url
        Kind         = $Kind
        Process      = $Process
        Credential   = [pscredential]::new($(if ($User) { $User } else { $script:Defaults.User }), (ConvertTo-SecureString $script:Defaults.Password -AsPlainText -Force))
        ClientCredential = [pscredential]::new($script:Defaults.ClientId, (ConvertTo-SecureString $script:Defaults.ClientSecret -AsPlainText -Force))
        Secrets      = @($script:Defaults.Password, $script:Defaults.ClientSecret) + @($Password | Where-Object { $_ })
    }
}

function Stop-ZvmSimulator {
    [CmdletBinding()]
    param([Parameter(Mandatory, ValueFromPipeline)] $Simulator)
    process {
        $process = $Simulator.Process
        if ($process.HasExited) { return }
        $process.StandardInput.Close()
        if (-not $process.WaitForExit(10000)) { $process.Kill($true) }
        $process.WaitForExit()
    }
}

function Invoke-ZvmSimulatorControl {
    # The simulator's /_sim hooks: requests it saw, faults to inject, counters.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] $Simulator,
        [Parameter(Mandatory)] [string] $Path,
        [string] $Method = 'GET',
        $Body
    )
    $parameters = @{ Uri = "$($Simulator.Url)/_sim/$Path"; Method = $Method; SkipCertificateCheck = $true }
    if ($null -ne $Body) { $parameters.Body = ConvertTo-Json -InputObject $Body -Compress -Depth 5; $parameters.ContentType = 'application/json' }
    Invoke-RestMethod @parameters
}

function New-SimulatorLiveTask {
    # Starts a live task on the simulated ZVM, now or in StartInMs, with its whole life as steps
    # (each @{ atMs = <ms after its start>; state = <0-7>; progress = <0-100>; completeReason = '...' }).
    # Returns its identifier and start time (on the ZVM's clock).
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] $Simulator,
        [string] $Type = 'FailOverTest',
        [double] $StartInMs = 0,
        [hashtable[]] $Steps = @(),
        [string[]] $Vpg
    )
    $body = @{ type = $Type; startInMs = $StartInMs; steps = @($Steps) }
    if ($Vpg) { $body.vpgs = @($Vpg) }
    Invoke-ZvmSimulatorControl $Simulator 'live/tasks' -Method POST -Body $body
}

function Set-SimulatorLiveTask {
    # Moves a live task now: its state, progress and (for an end) reason, from this moment on.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] $Simulator,
        [Parameter(Mandatory)] [string] $Identifier,
        [Parameter(Mandatory)] [int] $State,
        [int] $Progress,
        [string] $CompleteReason
    )
    $body = @{ state = $State; progress = $Progress }
    if ($CompleteReason) { $body.completeReason = $CompleteReason }
    Invoke-ZvmSimulatorControl $Simulator "live/tasks/$Identifier" -Method POST -Body $body | Out-Null
}

Export-ModuleMember -Function Start-ZvmSimulator, Stop-ZvmSimulator, Invoke-ZvmSimulatorControl, New-SimulatorLiveTask, Set-SimulatorLiveTask
