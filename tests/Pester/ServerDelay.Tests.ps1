# The simulator's per-request server delay (a busy ZVM's think time), which the fan-out tests
# and the benchmark rely on: it must hold every answer under its path back, and only those.
BeforeAll {
    . $PSScriptRoot/common.ps1
    $slow = Start-ZvmSimulator -Kind Windows -DelayMs 1500 -DelayPath '/v1/tasks'
}

AfterAll {
    Disconnect-AllZvmSessions
    $slow | Stop-ZvmSimulator
}

Describe 'Start-ZvmSimulator -DelayMs' {
    It 'holds back every answer under -DelayPath, not the login, until POST /_sim/delay changes it' {
        (Invoke-ZvmSimulatorControl $slow 'delay').ms | Should -Be 1500
        # The login is not under /v1/tasks, so it is answered at once within the 1 s time-out.
        $quick = Connect-ZvmSession -Server $slow.Url -Credential $slow.Credential -TimeoutSec 1 -MaximumRetryCount 0
        Get-ZvmTask -Session $quick -ErrorVariable failed -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'ZvmUnreachable,*'
        $failed[0].Exception.Message | Should -Match 'did not answer within 1 second'

        $set = Invoke-ZvmSimulatorControl $slow 'delay' -Method POST -Body @{ ms = 0 }
        $set.ms | Should -Be 0
        $set.path | Should -Be '/'
        @(Get-ZvmTask -Session $quick).Count | Should -Be (Get-RecordedTask 'windows-tasks.json').Count
    }

    It 'refuses a bad setting' {
        # Invoke-RestMethod puts the answer's body in ErrorDetails.
        $answer = { param($Body) try { Invoke-ZvmSimulatorControl $slow 'delay' -Method POST -Body $Body } catch { $_.ErrorDetails.Message } }
        & $answer @{ ms = -1 } | Should -BeLike '*ms cannot be negative*'
        & $answer @{ ms = 1; path = 'v1' } | Should -BeLike '*path must start with*'
    }
}
