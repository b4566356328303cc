BeforeAll {
    . $PSScriptRoot/common.ps1
    $first = Start-ZvmSimulator -Kind Windows
    $second = Start-ZvmSimulator -Kind Appliance
    $third = Start-ZvmSimulator -Kind Windows
    $a = Connect-ZvmSession -Server $first.Url -Credential $first.Credential
    $b = Connect-ZvmSession -Server $second.Url -Credential $second.Credential
    $c = Connect-ZvmSession -Server $third.Url -Credential $third.Credential -MaximumRetryCount 0
    $windowsCount = @(Get-RecordedTask 'windows-tasks.json').Count
    $applianceCount = @(Get-RecordedTask 'appliance-tasks.json').Count
}

AfterAll {
    Disconnect-AllZvmSessions
    $first, $second, $third | Stop-ZvmSimulator
}

Describe 'Several ZVMs at once' {
    It 'lists the open sessions, the default first' {
        (Get-ZvmSession).Server | Should -Be @($c.Server, $a.Server, $b.Server)
    }

    It 'reads every session and says which ZVM each task came from' {
        $tasks = Get-ZvmTask -Session $a, $b, $c
        $tasks.Count | Should -Be ($windowsCount * 2 + $applianceCount)
        ($tasks | Group-Object Server | Sort-Object Name).Count | Should -Be 3
        @($tasks | Where-Object Server -eq $b.Server).Count | Should -Be $applianceCount
    }

    It 'streams the fast ZVMs while a slow one is still answering' {
        Add-SimulatorFault $first @{ path = '/v1/tasks'; exact = $true; count = 1; kind = 'delay'; delayMs = 3000 }
        $tasks = Get-ZvmTask -Session $a, $b
        $tasks[0].Server | Should -Be $b.Server
        $tasks[-1].Server | Should -Be $a.Server
        $tasks.Count | Should -Be ($windowsCount + $applianceCount)
    }

    It 'reports a ZVM that is down as its own error while the others'' tasks still flow' {
        $third | Stop-ZvmSimulator
        $tasks = Get-ZvmTask -Session $a, $b, $c -ErrorVariable failures -ErrorAction SilentlyContinue
        $tasks.Count | Should -Be ($windowsCount + $applianceCount)
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'ZvmUnreachable,ZertoTasks.Commands.GetZvmTaskCommand'
        $failures[0].TargetObject | Should -Be $c.Server
    }

    It 'takes sessions by server name, wildcards included' {
        (Get-ZvmTask -Session $b.Server | Select-Object -First 1).Server | Should -Be $b.Server
        @(Get-ZvmTaskType -Session '127.0.0.1:*' -Name FailOver -ErrorAction SilentlyContinue).Count | Should -BeGreaterOrEqual 2
        { Get-ZvmTask -Session 'no-such-zvm' } | Should -Throw -ErrorId 'ParameterArgumentTransformationError,ZertoTasks.Commands.GetZvmTaskCommand'
    }

    It 'finds a task by id in whichever session has it' {
        $id = (Get-ZvmTask -Session $b | Select-Object -First 1).TaskIdentifier
        (Get-ZvmTask -TaskIdentifier $id -Session $a, $b).Server | Should -Be $b.Server
    }
}

Describe 'Completion' {
    It 'completes -Session with the open sessions'' servers' {
        $line = 'Get-ZvmTask -Session 127.0'
        $results = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        $results | Should -Contain $a.Server
        $results | Should -Contain $b.Server
    }

    It 'completes -TaskIdentifier from the session''s newest tasks, matching the typed start' {
        $recent = Get-ZvmTask -Session $b | Sort-Object Started -Descending
        $line = "Get-ZvmTask -Session `$b -TaskIdentifier "
        $results = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches
        $results.CompletionText | Should -Be $recent.TaskIdentifier
        $results[0].ToolTip | Should -Match $recent[0].Type

        $prefix = $recent[1].TaskIdentifier.Substring(0, 6)
        $line = "Wait-ZvmTask -Session `$b -TaskIdentifier '$prefix"
        $results = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        $results | Should -Contain "'$($recent[1].TaskIdentifier)'"
        $results | ForEach-Object { $_ | Should -BeLike "'$prefix*" }
    }
}
