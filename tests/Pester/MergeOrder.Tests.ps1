# Several states or types of one ZVM are asked one query each, at once; their answers are merged
# in start order as they stream, when each answer comes in start order (newest first in the
# recordings, oldest first in a generated history), and in the order of the queries when one
# does not.
BeforeAll {
    . $PSScriptRoot/common.ps1
    $windows = Start-ZvmSimulator -Kind Windows
    $generated = Start-ZvmSimulator -Kind Appliance -Generate 3000
    $recorded = Get-RecordedTask 'windows-tasks.json'

    # The recordings with two Failed tasks swapped: that answer is no longer in start order.
    $shuffled = Join-Path ([IO.Path]::GetTempPath()) "zvm-shuffled-$PID.json"
    $failed = @(0..($recorded.Count - 1) | Where-Object { $recorded[$_].Status.State -eq 4 })
    $copy = [Collections.Generic.List[object]]::new([object[]]$recorded)
    $copy[$failed[0]], $copy[$failed[-1]] = $copy[$failed[-1]], $copy[$failed[0]]
    ConvertTo-Json -InputObject $copy.ToArray() -Depth 10 | Set-Content $shuffled
    $unordered = Start-ZvmSimulator -Kind Windows -DataFile $shuffled
}

AfterAll {
    Disconnect-AllZvmSessions
    $windows, $generated, $unordered | Stop-ZvmSimulator
    Remove-Item $shuffled -ErrorAction SilentlyContinue
}

Describe 'Two states of one ZVM' {
    It 'come merged newest first when the answers are newest first' {
        $session = Connect-ZvmSession -Server $windows.Url -Credential $windows.Credential
        $tasks = Get-ZvmTask -Session $session -Status Failed, Stopped
        $tasks.Count | Should -Be @($recorded | Where-Object { $_.Status.State -in 4, 5 }).Count
        $starts = @($tasks.Started)
        ($starts -join ',') | Should -Be (($starts | Sort-Object -Descending) -join ',')
        # Not grouped by query: a Stopped task comes between Failed ones.
        $states = @($tasks.State)
        $firstStopped = [array]::IndexOf($states, 'Stopped')
        $states[($firstStopped + 1)..($states.Count - 1)] | Should -Contain 'Failed'
    }

    It 'come merged oldest first when the answers are oldest first' {
        $session = Connect-ZvmSession -Server $generated.Url -Credential $generated.Credential
        $tasks = Get-ZvmTask -Session $session -Type FailOverTest, StopFailOverTest, Move -SkipNameLookup
        $tasks.Count | Should -BeGreaterThan 100
        $starts = @($tasks.Started)
        ($starts -join ',') | Should -Be (($starts | Sort-Object) -join ',')
    }

    It 'come in the order of the queries, every task once, when an answer is not in start order' {
        $session = Connect-ZvmSession -Server $unordered.Url -Credential $unordered.Credential
        $verbose = Get-ZvmTask -Session $session -Status Failed, Stopped -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        $tasks = Get-ZvmTask -Session $session -Status Failed, Stopped
        $tasks.Count | Should -Be @($recorded | Where-Object { $_.Status.State -in 4, 5 }).Count
        @($tasks.TaskIdentifier | Sort-Object -Unique).Count | Should -Be $tasks.Count
        "$verbose" | Should -BeLike '*not in start order*order of the queries*'
    }
}
