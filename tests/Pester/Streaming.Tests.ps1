# Large histories: tasks stream in the server's order, a stopped pipeline stops the download
# and frees the connection, and memory does not grow with the history. No timings are asserted
# here (build.ps1 -Task Bench measures those); a wait has a generous bound only so that a hang
# fails the test instead of the run.
BeforeAll {
    . $PSScriptRoot/common.ps1
    $large = Start-ZvmSimulator -Generate 100000
    $largeSession = Connect-ZvmSession -Server $large.Url -Credential $large.Credential
}

AfterAll {
    Disconnect-AllZvmSessions
    $large | Stop-ZvmSimulator
}

Describe 'Get-ZvmTask streams a large history' {
    It 'writes the tasks in the order the server sent them' {
        $simulator = Start-ZvmSimulator -Generate 3000
        try {
            $session = Connect-ZvmSession -Server $simulator.Url -Credential $simulator.Credential
            $basic = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes("$($simulator.Credential.UserName):$($simulator.Credential.GetNetworkCredential().Password)"))
            $headers = $null
            Invoke-RestMethod -Method Post -Uri "$($simulator.Url)/v1/session/add" -Headers @{ Authorization = "Basic $basic" } -ResponseHeadersVariable headers | Out-Null
            $sent = Invoke-RestMethod -Uri "$($simulator.Url)/v1/tasks" -Headers @{ 'x-zerto-session' = [string]$headers['x-zerto-session'] }

            $streamed = @(Get-ZvmTask -Session $session)

            $streamed.Count | Should -Be 3000
            $streamed.TaskIdentifier | Should -Be @($sent.TaskIdentifier)
        }
        finally {
            $simulator | Stop-ZvmSimulator
        }
    }

    It 'stops the download when Select-Object -First 5 has its tasks, and frees the connection' {
        $before = Get-ListStats $large

        $first = @(Get-ZvmTask -Session $largeSession | Select-Object -First 5)

        $first.Count | Should -Be 5
        $after = Wait-NoActiveList $large
        $after.activeTaskLists | Should -Be 0
        $after.taskListsAborted | Should -Be ($before.taskListsAborted + 1)
        $after.taskListsCompleted | Should -Be $before.taskListsCompleted
    }

    It 'stops at once when the pipeline is stopped (Ctrl+C), and frees the connection' {
        $before = Get-ListStats $large
        $shell = [powershell]::Create()
        try {
            # A slow consumer: the listing would take many minutes if it were not stopped.
            $shell.AddScript('param($Module, $Url, $Credential)
                Import-Module $Module
                Connect-ZvmSession -Server $Url -Credential $Credential | Out-Null
                Get-ZvmTask | ForEach-Object { Start-Sleep -Milliseconds 10 }').
                AddArgument($ModuleManifest).AddArgument($large.Url).AddArgument($large.Credential) | Out-Null
            $running = $shell.BeginInvoke()
            $deadline = [DateTime]::UtcNow.AddSeconds(30)
            while ((Get-ListStats $large).taskListsStarted -eq $before.taskListsStarted -and [DateTime]::UtcNow -lt $deadline) {
                Start-Sleep -Milliseconds 50
            }
            (Get-ListStats $large).activeTaskLists | Should -Be 1

            $stopping = $shell.BeginStop($null, $null)

            $stopping.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds(10)) | Should -BeTrue -Because 'Stop() must not wait for the rest of the list'
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

    It 'keeps memory flat: listing 100,000 tasks does not hold its answer' {
        # Each listing runs in its own pwsh and reports its peak resident memory. The server
        # filters the same generated history down to its last three days (about 10,000 tasks).
        # The whole answer is 99 MB (10,000 tasks: 10 MB), so holding it would cost the larger
        # listing at least 89 MB more, as bytes, twice that as text. Streamed, the two peaks
        # were 25-67 MB apart on this 2-core machine, the most under load. (A list of the
        # 100,000 tasks themselves costs only about 20 MB: too little to tell from that spread.)
        $peak = 'if (Test-Path /proc/self/status) { [long]((Select-String -Path /proc/self/status -Pattern ''^VmHWM:\s+(\d+)'').Matches[0].Groups[1].Value) * 1KB } else { [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64 }'
        $list = {
            param([string] $Filter)
            $script = "Import-Module '$ModuleManifest'
                `$password = ConvertTo-SecureString `$env:ZVMTEST_PASSWORD -AsPlainText -Force
                Connect-ZvmSession -Server '$($large.Url)' -Credential ([pscredential]::new('$($large.Credential.UserName)', `$password)) | Out-Null
                'COUNT ' + (Get-ZvmTask $Filter | Measure-Object).Count
                'PEAK ' + `$($peak)"
            $child = Invoke-ChildPwsh $script
            $child.ExitCode | Should -Be 0 -Because ($child.Output -join "`n")
            @{
                Count = [int](($child.Output | Where-Object { $_ -like 'COUNT *' }) -replace 'COUNT ')
                Peak  = [long](($child.Output | Where-Object { $_ -like 'PEAK *' }) -replace 'PEAK ')
            }
        }

        $env:ZVMTEST_PASSWORD = $large.Credential.GetNetworkCredential().Password
        # A young generation of at most 16 MB, collected by blocking collections: else the peak
        # measures how far the GC let the heap grow before it collected (its budget follows the
        # processor's cache and the survival rate, which rises when a loaded machine leaves
        # more tasks in flight at each collection), not what the listing keeps.
        $env:DOTNET_gcConcurrent = '0'
        $env:DOTNET_GCgen0size = '1000000'
        $env:DOTNET_GCgen0MaxBudget = '1000000'
        try {
            $some = & $list "-StartedAfter ([datetime]'2026-11-17T00:00:00Z')"
            $all = & $list ''
        }
        finally {
            Remove-Item Env:ZVMTEST_PASSWORD, Env:DOTNET_gcConcurrent, Env:DOTNET_GCgen0size, Env:DOTNET_GCgen0MaxBudget
        }

        $some.Count | Should -BeGreaterThan 5000
        $all.Count | Should -Be 100000
        Write-Host ('peak: {0:0} MB listing {1} tasks, {2:0} MB listing {3}' -f ($some.Peak / 1MB), $some.Count, ($all.Peak / 1MB), $all.Count)
        ($all.Peak - $some.Peak) / 1MB | Should -BeLessThan 80
    }
}
