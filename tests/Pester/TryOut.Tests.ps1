# The try-out (build.ps1 -Task Simulator, build/TryOut.ps1): started as a user would, in a pwsh
# process of its own; connected to on both kinds with the lines it prints; started again; and
# stopped the documented way, leaving no process and no listener behind.
#
# The test runs build/TryOut.ps1, what the two tasks run after (Simulator) or without (StopSimulator)
# a build, with a state folder of its own: build.ps1 -Task Simulator would rebuild out/ in the
# middle of the test run, and out/tryout is the user's own try-out, which a test must not stop.
BeforeAll {
    . $PSScriptRoot/common.ps1
    $script:StateFolder = Join-Path $TestDrive 'tryout'
    $script:StatePath = Join-Path $StateFolder 'state.json'
    $script:Started = @()

    # Runs build/TryOut.ps1 in a pwsh of its own, from the repository, and returns its output lines.
    # On Linux, under setsid: the launcher has a session and a process group of its own, so the
    # simulators' sessions can be told apart from the one they were started from. Its output is read
    # up to its last line, not to the end of the stream: on Windows the simulators may inherit it.
    function Invoke-TryOut([string[]] $Arguments = @()) {
        $start = [System.Diagnostics.ProcessStartInfo]::new()
        $command = @('dotnet', (Join-Path $PSHOME 'pwsh.dll'), '-NoProfile', '-NonInteractive', '-File', (Join-Path $RepoRoot 'build/TryOut.ps1'),
            '-ModulePath', (Join-Path $RepoRoot 'out/ZertoTasks'), '-SimulatorFolder', (Join-Path $RepoRoot 'out/simulator'),
            '-StateFolder', $StateFolder) + $Arguments
        if ($IsLinux -and (Get-Command setsid -CommandType Application -ErrorAction SilentlyContinue)) { $command = @('setsid') + $command }
        $start.FileName = $command[0]
        foreach ($argument in $command[1..($command.Count - 1)]) { $start.ArgumentList.Add($argument) }
        $start.WorkingDirectory = $RepoRoot
        $start.RedirectStandardInput = $true
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        $start.UseShellExecute = $false
        $process = [System.Diagnostics.Process]::Start($start)
        $process.StandardInput.Close()
        $errors = $process.StandardError.ReadToEndAsync()
        $lines = [System.Collections.Generic.List[string]]::new()
        # Generous: a pwsh and two .NET web servers starting on a loaded machine.
        $deadline = [datetime]::UtcNow.AddMinutes(10)
        while ($true) {
            $left = [math]::Max(0, ($deadline - [datetime]::UtcNow).TotalMilliseconds)
            $read = $process.StandardOutput.ReadLineAsync()
            if (-not $read.Wait([int]$left) -or $null -eq $read.Result) { break }
            $lines.Add($read.Result)
            if ($read.Result -match '^(Stop them with:|No try-out simulator runs)') { break }
        }
        $exited = $process.WaitForExit(120000)
        $null = $errors.Wait(5000)
        [pscustomobject]@{
            Pid      = $process.Id
            ExitCode = if ($exited) { $process.ExitCode }
            Output   = $lines.ToArray()
            Errors   = if ($errors.IsCompleted) { $errors.Result }
        }
    }

    function Read-TryOutState {
        if (Test-Path $StatePath) { Get-Content $StatePath -Raw | ConvertFrom-Json }
    }

    # The lines the try-out prints to paste into PowerShell, the endless Watch-ZvmTask left out.
    function Get-PasteLines($Output) {
        $from = [array]::FindIndex([string[]]$Output, [Predicate[string]] { param($l) $l -like 'Paste into PowerShell*' })
        $Output[($from + 1)..($Output.Count - 1)] |
            Where-Object { $_ -and $_ -notmatch '^(#|Stop them with:|Watch-ZvmTask)' }
    }

    function Test-Listening([string] $Url) {
        $uri = [uri]$Url
        $client = [System.Net.Sockets.TcpClient]::new()
        try { $client.Connect($uri.Host, $uri.Port); $true }
        catch [System.Net.Sockets.SocketException] { $false }
        finally { $client.Dispose() }
    }

    $script:First = Invoke-TryOut
    $script:Started = @((Read-TryOutState).Simulators)
}

AfterAll {
    # Whatever failed above: no simulator stays behind.
    foreach ($simulator in @($Started) + @((Read-TryOutState).Simulators) | Where-Object { $_ }) {
        $process = Get-Process -Id $simulator.Pid -ErrorAction SilentlyContinue
        if ($process -and $process.StartTime.ToUniversalTime() -ge ([datetime]$simulator.StartedUtc).AddSeconds(-5)) {
            $process.Kill($true)
            $null = $process.WaitForExit(30000)
        }
    }
}

Describe 'The try-out simulators (build.ps1 -Task Simulator)' {
    It 'start a Windows ZVM and a ZVM Appliance on loopback, and print how to connect' {
        $First.ExitCode | Should -Be 0 -Because "the launcher's errors: $($First.Errors)"
        $Started.Kind | Should -Be 'Windows', 'Appliance'
        foreach ($simulator in $Started) {
            $simulator.Url | Should -Match '^https://127\.0\.0\.1:\d+$'
            Get-Process -Id $simulator.Pid | Should -Not -BeNullOrEmpty
        }
        $First.Output | Should -Contain ('$win = Connect-ZvmSession -Server {0} -Kind Windows -Credential $cred -SkipCertificateCheck' -f $Started[0].Url)
        $First.Output | Should -Contain ('$zvma = Connect-ZvmSession -Server {0} -Kind Appliance -Credential $cred -SkipCertificateCheck' -f $Started[1].Url)
        $First.Output | Should -Contain 'Stop them with: dotnet pwsh ./build.ps1 -Task StopSimulator'
    }

    It 'take a password made for the run, printed, and not on their command lines' {
        $password = (Read-TryOutState).Password
        $password | Should -Match '^try-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}$'
        $First.Output -match [regex]::Escape("'$password'") | Should -Not -BeNullOrEmpty
        if ($IsLinux) {
            foreach ($simulator in $Started) {
                (Get-Content "/proc/$($simulator.Pid)/cmdline" -Raw) | Should -Not -Match ([regex]::Escape($password))
            }
        }
    }

    It 'answer a login and a listing on both kinds, with the printed lines as they are' {
        $script = (@('$ErrorActionPreference = ''Stop''') + @(Get-PasteLines $First.Output) +
            '"KINDS $($win.Kind) $($zvma.Kind)"',
            '"COUNTS $(@(Get-ZvmTask -Session $win).Count) $(@(Get-ZvmTask -Session $zvma).Count)"') -join "`n"
        $result = Invoke-ChildPwsh $script
        $result.ExitCode | Should -Be 0 -Because ($result.Output -join "`n")
        $result.Output | Should -Contain 'KINDS Windows Appliance'
        $counts = ($result.Output | Where-Object { $_ -like 'COUNTS *' }) -split ' '
        [int]$counts[1] | Should -BeGreaterThan 0
        [int]$counts[2] | Should -BeGreaterThan 0
    }

    It 'run in sessions of their own, out of reach of the Ctrl+C of the console that started them (Linux)' -Skip:(-not $IsLinux) {
        # /proc/<pid>/stat: pid (comm) state ppid pgrp session ...; comm may hold spaces.
        function Get-ProcessSession([int] $Id) {
            $fields = ((Get-Content "/proc/$Id/stat" -Raw) -replace '^.*\) ', '') -split ' '
            [pscustomobject]@{ Group = [int]$fields[2]; Session = [int]$fields[3] }
        }
        $mine = Get-ProcessSession $PID
        foreach ($simulator in $Started) {
            $session = Get-ProcessSession $simulator.Pid
            # The terminal sends Ctrl+C's SIGINT to its foreground process group, in its own session.
            $session.Session | Should -Be $simulator.Pid -Because 'each simulator leads a session of its own (setsid)'
            $session.Group | Should -Not -Be $First.Pid -Because "the launcher's Ctrl+C goes to its process group"
            $session.Session | Should -Not -Be $mine.Session
        }
    }

    It 'started again, start nothing and print the same settings' {
        $again = Invoke-TryOut
        $again.ExitCode | Should -Be 0 -Because "the launcher's errors: $($again.Errors)"
        $again.Output | Should -Contain 'The try-out simulators already run (started by an earlier -Task Simulator).'
        @(Get-PasteLines $again.Output) | Should -Be @(Get-PasteLines $First.Output)
        @((Read-TryOutState).Simulators.Pid) | Should -Be @($Started.Pid)
    }

    It 'stop the documented way, leaving no process and no listener behind' {
        $stop = Invoke-TryOut -Arguments '-Stop'
        $stop.ExitCode | Should -Be 0 -Because "the launcher's errors: $($stop.Errors)"
        foreach ($simulator in $Started) {
            $stop.Output | Should -Contain "Stopped the $(if ($simulator.Kind -eq 'Windows') { 'Windows ZVM' } else { 'ZVM Appliance' }) simulator (PID $($simulator.Pid))."
            Get-Process -Id $simulator.Pid -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            Test-Listening $simulator.Url | Should -BeFalse
        }
        $StatePath | Should -Not -Exist
        (Invoke-TryOut -Arguments '-Stop').Output | Should -Contain "No try-out simulator runs (no $StatePath)."
    }
}
