# The listing holds no thread while ZVMs think, and the bridge between the work and the
# pipeline neither loses a wake-up nor spins. No timings are asserted; a wait has a generous
# bound only so that a hang fails the test instead of the run.
BeforeAll {
    . $PSScriptRoot/common.ps1
    $windows = Start-ZvmSimulator -Kind Windows
    $recorded = Get-RecordedTask 'windows-tasks.json'
}

AfterAll {
    Disconnect-AllZvmSessions
    $windows | Stop-ZvmSimulator
}

Describe 'Reading many ZVMs at once' {
    It 'completes 32 sessions read at once, every task, in a pwsh whose thread pool is capped at the core count' {
        # Every answer waits 300 ms, so all 32 reads are in flight together. A listing that
        # blocked a pool thread per read would hold both threads and wait forever for a third.
        # 32 ZVMs in one process, a session each (connecting one ZVM again replaces its session).
        $slow = @(Start-ZvmSimulator -Count 32 -Kind Windows -DelayMs 300 -DelayPath '/v1/tasks')
        $urls = "'" + ($slow.Url -join "', '") + "'"
        $env:ZVMTEST_PASSWORD = $slow[0].Credential.GetNetworkCredential().Password
        try {
            $script = "
                `$ErrorActionPreference = 'Stop'
                Import-Module '$ModuleManifest'
                `$password = ConvertTo-SecureString `$env:ZVMTEST_PASSWORD -AsPlainText -Force
                `$credential = [pscredential]::new('$($slow[0].Credential.UserName)', `$password)
                `$sessions = foreach (`$url in $urls) { Connect-ZvmSession -Server `$url -Credential `$credential }
                `$cores = [Environment]::ProcessorCount
                [Threading.ThreadPool]::SetMinThreads(1, 1) | Out-Null
                'CAPPED ' + [Threading.ThreadPool]::SetMaxThreads(`$cores, `$cores)
                'COUNT ' + (Get-ZvmTask -Session `$sessions | Measure-Object).Count"
            $child = Start-Process -FilePath dotnet -ArgumentList @((Join-Path $PSHOME 'pwsh.dll'), '-NoProfile', '-NonInteractive', '-Command', $script) `
                -RedirectStandardOutput "TestDrive:/out.txt" -RedirectStandardError "TestDrive:/err.txt" -PassThru
            $finished = $child.WaitForExit(120000)
            if (-not $finished) { $child.Kill($true) }
            $output = Get-Content "TestDrive:/out.txt", "TestDrive:/err.txt"
            $finished | Should -BeTrue -Because "the listing must not hang: $($output -join "`n")"
            $output | Should -Contain 'CAPPED True'
            $output | Should -Contain "COUNT $(32 * $recorded.Count)"
            ($slow | ForEach-Object { (Get-ListStats $_).taskListsCompleted } | Measure-Object -Sum).Sum | Should -Be 32
        }
        finally {
            Remove-Item Env:ZVMTEST_PASSWORD
            $slow[0] | Stop-ZvmSimulator
        }
    }
}

Describe 'The bridge between the work and the pipeline' {
    BeforeAll {
        # Larger than every buffer between the ZVM and the bridge (loopback's receive buffer
        # grows to 32 MB here): else the whole answer can be sent before the stop, and the ZVM
        # sees a completed list, not a closed connection. 60,000 tasks are about 60 MB.
        $large = Start-ZvmSimulator -Generate 60000
    }

    AfterAll {
        $large | Stop-ZvmSimulator
    }

    It 'stopping while the bridge is full (stop <Stop>) closes the connection and ends the work' -ForEach @(
        @{ Stop = 'at once' ; AfterMs = 0 }, @{ Stop = 'a little later'; AfterMs = 150 }, @{ Stop = 'later'; AfterMs = 400 }
    ) {
        $before = Get-ListStats $large
        $shell = [powershell]::Create()
        try {
            # A consumer much slower than the ZVM: the bridge fills and the work waits for room.
            $shell.AddScript('param($Module, $Url, $Credential)
                Import-Module $Module
                Connect-ZvmSession -Server $Url -Credential $Credential | Out-Null
                Get-ZvmTask | ForEach-Object { Start-Sleep -Milliseconds 20 }').
                AddArgument($ModuleManifest).AddArgument($large.Url).AddArgument($large.Credential) | Out-Null
            $running = $shell.BeginInvoke()
            # A new runspace imports the module and logs in first: on a loaded machine that can
            # take long, and a stop before the list starts would test nothing.
            $deadline = [DateTime]::UtcNow.AddSeconds(180)
            while ((Get-ListStats $large).taskListsStarted -eq $before.taskListsStarted -and [DateTime]::UtcNow -lt $deadline) {
                Start-Sleep -Milliseconds 20
            }
            (Get-ListStats $large).taskListsStarted | Should -Be ($before.taskListsStarted + 1) -Because 'the listing must have started before it is stopped'
            Start-Sleep -Milliseconds $AfterMs

            $stopping = $shell.BeginStop($null, $null)

            $stopping.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds(10)) | Should -BeTrue -Because 'the stop must reach work waiting for room'
            $shell.EndStop($stopping)
            $running.IsCompleted | Should -BeTrue
            $after = Wait-NoActiveList $large
            $after.activeTaskLists | Should -Be 0
            $after.taskListsAborted | Should -Be ($before.taskListsAborted + 1)
        }
        finally {
            $shell.Dispose()
        }
    }

    It 'does not wake the pipeline thread while Wait-ZvmTask waits between looks' -Skip:(-not (Test-Path /proc/thread-self)) {
        $session = Connect-ZvmSession -Server $windows.Url -Credential $windows.Credential
        # Never scripted, so it stays WaitingForUserInput.
        $stuckId = ($recorded | Where-Object { $_.Status.State -eq 2 })[0].TaskIdentifier
        $shared = [hashtable]::Synchronized(@{})
        $shell = [powershell]::Create()
        try {
            # The pipeline thread says which Linux thread it is; its count of voluntary context
            # switches then says how often it went to sleep, that is, how often it was woken.
            $shell.AddScript('param($Module, $Session, $Id, $Shared)
                $Shared.Thread = [IO.DirectoryInfo]::new("/proc/thread-self").LinkTarget -replace "^\d+/task/"
                Import-Module $Module
                Wait-ZvmTask -TaskIdentifier $Id -Session $Session -PollIntervalSec 3600').
                AddArgument($ModuleManifest).AddArgument($session).AddArgument($stuckId).AddArgument($shared) | Out-Null
            $null = $shell.BeginInvoke()
            $deadline = [DateTime]::UtcNow.AddSeconds(30)
            while ($shell.Streams.Progress.Count -eq 0 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
            $shell.Streams.Progress.Count | Should -BeGreaterThan 0 -Because 'the first look has been made'
            $switches = { [long]((Select-String -Path "/proc/self/task/$($shared.Thread)/status" -Pattern '^voluntary_ctxt_switches:\s+(\d+)').Matches[0].Groups[1].Value) }
            Start-Sleep -Milliseconds 300

            $first = & $switches
            Start-Sleep -Seconds 2
            $woken = (& $switches) - $first

            # Polling every 10 ms would be some 200 wake-ups in these 2 seconds.
            $woken | Should -BeLessThan 10
            $shell.Stop()
        }
        finally {
            $shell.Dispose()
        }
    }
}
