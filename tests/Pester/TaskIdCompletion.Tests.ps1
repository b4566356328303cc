BeforeAll {
    . $PSScriptRoot/common.ps1
    # A quiet lab ZVM: the newest of its recorded tasks started four months ago.
    $quiet = Start-ZvmSimulator -Kind Windows -NewestDaysAgo 120
    $other = Start-ZvmSimulator -Kind Appliance
    $quietSession = Connect-ZvmSession -Server $quiet.Url -Credential $quiet.Credential
    $otherSession = Connect-ZvmSession -Server $other.Url -Credential $other.Credential
    $recordedWindows = Get-RecordedTask 'windows-tasks.json'
    $recordedAppliance = Get-RecordedTask 'appliance-tasks.json'

    # Tab fetches in the background and waits 2 s at most: ask again until the list has come.
    function Get-Completion([string] $Line) {
        for ($try = 0; $try -lt 20; $try++) {
            $found = @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches)
            if ($found.Count -gt 0) { return $found }
        }
        @()
    }
}

AfterAll {
    Disconnect-AllZvmSessions
    $quiet, $other | Stop-ZvmSimulator
}

Describe '-TaskIdentifier completion' {
    It 'offers the newest tasks of a ZVM whose newest task is months old, newest first' {
        Clear-SimulatorRequest $quiet
        $offered = Get-Completion "Get-ZvmTask -Session '$($quietSession.Server)' -TaskIdentifier "
        # Recorded newest first; the rebase keeps their order.
        $offered.CompletionText | Should -Be $recordedWindows.TaskIdentifier
        $offered[0].ToolTip | Should -Match "^$($recordedWindows[0].Type), InProgress"
        # It looked back a day first, widening only while it had fewer tasks than it keeps.
        (Get-SimulatorRequest $quiet '/v1/tasks')[0].query | Should -Match '^\?startedAfterDate='
    }

    It 'completes from the session that -Session names by server, not the default' {
        (Get-ZvmSession | Select-Object -First 1).Server | Should -Be $otherSession.Server -Because 'the newest session is the default'
        $offered = Get-Completion "Wait-ZvmTask -Session '$($quietSession.Server)' -TaskIdentifier "
        $offered.CompletionText | Should -Be $recordedWindows.TaskIdentifier
        $fromDefault = Get-Completion 'Wait-ZvmTask -TaskIdentifier '
        $fromDefault.CompletionText | Should -Be $recordedAppliance.link.identifier
    }

    It 'completes a word typed with a colon between the GUIDs' {
        $id = $recordedWindows[4].TaskIdentifier
        $typed = ($id -replace '\.', ':').Substring(0, 40)
        $offered = Get-Completion "Get-ZvmTask -Session '$($quietSession.Server)' -TaskIdentifier $typed"
        $offered.CompletionText | Should -Be $id
    }

    It 'never throws into Tab, even when the fetch fails in a way of its own (a corrupt gzip body)' {
        # A new session, with no tasks cached: connecting again would give back $quietSession.
        $quietSession | Disconnect-ZvmSession
        $fresh = Connect-ZvmSession -Server $quiet.Url -Credential $quiet.Credential
        try {
            Add-SimulatorFault $quiet @{ path = '/v1/tasks'; kind = 'gzip'; count = 20 }
            $errors = $Error.Count
            $line = "Get-ZvmTask -Session '$($fresh.Server)' -TaskIdentifier "
            for ($try = 0; $try -lt 3; $try++) {
                { $script:found = @((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches) } | Should -Not -Throw
                $found.Count | Should -Be 0
            }
            $Error.Count | Should -Be $errors
            @(Get-SimulatorRequest $quiet '/v1/tasks').Count | Should -BeGreaterThan 0 -Because 'the fetch was tried'
        }
        finally {
            Invoke-ZvmSimulatorControl $quiet 'faults' -Method DELETE | Out-Null
            $fresh | Disconnect-ZvmSession
        }
    }
}
