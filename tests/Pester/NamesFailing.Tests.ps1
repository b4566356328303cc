# Look-ups of names that fail: the tasks are listed with identifiers, and each session gives one
# warning that names every look-up that failed and why, when its listing ends. Faults are
# injected on the name endpoints of the simulator. (Names.Tests.ps1 has the names that work.)
BeforeAll {
    . $PSScriptRoot/common.ps1
    $windows = Start-ZvmSimulator -Kind Windows
    $appliance = Start-ZvmSimulator -Kind Appliance
    $lookups = '/v1/vpgs', '/v1/localsite', '/v1/peersites', '/v1/virtualizationsites'

    # A fresh session: its own name cache, and its own one warning.
    function New-Session($Simulator) {
        Disconnect-SimulatorSession $Simulator
        Clear-SimulatorRequest $Simulator
        Connect-ZvmSession -Server $Simulator.Url -Credential $Simulator.Credential -MaximumRetryCount 0
    }
    function Add-LookupFault($Simulator, [string[]] $Path, [hashtable] $Fault) {
        foreach ($one in $Path) { Add-SimulatorFault $Simulator (@{ path = $one; count = 50 } + $Fault) }
    }
    # Runs the command with -Verbose on; returns its tasks, and its warnings and verbose lines as text.
    function Invoke-Listing([scriptblock] $Command) {
        $VerbosePreference = 'Continue'
        $all = & $Command 3>&1 4>&1
        [pscustomobject]@{
            Tasks    = @($all | Where-Object { $_ -is [ZertoTasks.ZvmTask] })
            Warnings = @($all | Where-Object { $_ -is [System.Management.Automation.WarningRecord] } | ForEach-Object Message)
            Verbose  = @($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
        }
    }
}

AfterAll {
    Disconnect-AllZvmSessions
    $windows, $appliance | Stop-ZvmSimulator
}

Describe 'A failed look-up of names' {
    AfterEach { $windows, $appliance | ForEach-Object { Invoke-ZvmSimulatorControl $_ 'faults' -Method DELETE | Out-Null } }

    It 'lists the tasks with identifiers and warns once when /v1/vpgs answers <Status>' -ForEach @(
        @{ Status = 401; Reason = 'Unauthorized' }, @{ Status = 404; Reason = 'NotFound' }) {
        $session = New-Session $windows
        Add-LookupFault $windows '/v1/vpgs' @{ kind = 'status'; status = $Status }
        $result = Invoke-Listing { Get-ZvmTask -Session $session -ErrorVariable failures }
        $failures | Should -BeNullOrEmpty
        $result.Tasks.Count | Should -Be 30
        $result.Tasks.Vpgs.Name | Where-Object { $_ } | Should -BeNullOrEmpty
        "$($result.Tasks[0].Vpgs[0])" | Should -Be $result.Tasks[0].Vpgs[0].Identifier
        @($result.Tasks.Sites.Name) | Should -Contain 'FRA-Prod'
        $result.Warnings.Count | Should -Be 1
        $result.Warnings[0] | Should -BeLike "*VPG names (GET /v1/vpgs) failed: *$Status*"
        $result.Warnings[0] | Should -Not -BeLike '*Site names*'
        $result.Warnings[0] | Should -Not -BeLike '*Run Connect-ZvmSession*' -Because 'the session works; this user may not read VPGs'
        # The session still works: the next listing lists, and does not warn again.
        $again = Invoke-Listing { Get-ZvmTask -Session $session }
        $again.Tasks.Count | Should -Be 30
        $again.Warnings | Should -BeNullOrEmpty
    }

    It 'lists the tasks with identifiers when /v1/vpgs does not answer within the time-out, and says so in one warning' {
        Clear-SimulatorRequest $windows
        $session = Connect-ZvmSession -Server $windows.Url -Credential $windows.Credential -TimeoutSec 1 -MaximumRetryCount 0
        Add-LookupFault $windows '/v1/vpgs' @{ kind = 'delay'; delayMs = 2500 }
        $result = Invoke-Listing { Get-ZvmTask -Session $session -ErrorVariable failures }
        $failures | Should -BeNullOrEmpty
        $result.Tasks.Count | Should -Be 30
        $result.Tasks.Vpgs.Name | Where-Object { $_ } | Should -BeNullOrEmpty
        $result.Warnings.Count | Should -Be 1
        # The listing's patience and the request's own time-out are both -TimeoutSec: either may say it first.
        $result.Warnings[0] | Should -Match 'VPG names \(GET /v1/vpgs\) failed: .*did not answer within 1 second(?!s)'
    }

    It 'warns once about the hosts when only their look-up fails, and names the rest' {
        $session = New-Session $windows
        Add-LookupFault $windows '/v1/virtualizationsites' @{ kind = 'status'; status = 403 }
        $result = Invoke-Listing { Get-ZvmTask -Session $session }
        $result.Tasks.Count | Should -Be 30
        $result.Warnings.Count | Should -Be 1
        $result.Warnings[0] | Should -BeLike '*Host names (GET /v1/virtualizationsites/*/hosts) failed: *403 (Forbidden)*'
        $result.Warnings[0] | Should -Not -BeLike '*VPG names*'
        $result.Tasks.Hosts.Name | Where-Object { $_ } | Should -BeNullOrEmpty
        @($result.Tasks.Hosts.Identifier) | Should -Contain 'c56e5259-4d4e-4e7f-acb2-b96c4637b486.host-1021'
        @($result.Tasks.Vpgs.Name) | Should -Contain 'Web-Frontend'
    }

    It 'warns once when /v1/vpgs sends a body that is not JSON' {
        $session = New-Session $appliance
        Add-LookupFault $appliance '/v1/vpgs' @{ kind = 'notjson' }
        $result = Invoke-Listing { Get-ZvmTask -Session $session }
        $result.Tasks.Count | Should -Be 20
        $result.Warnings.Count | Should -Be 1
        $result.Warnings[0] | Should -BeLike '*VPG names (GET /v1/vpgs) failed: *not JSON*'
        $result.Tasks.Vpgs.Name | Where-Object { $_ } | Should -BeNullOrEmpty
        @($result.Tasks.Sites.Name) | Should -Contain 'AMS-DR'
    }

    It 'names all four look-ups in one warning when they all fail, and says it only verbosely next time' {
        $session = New-Session $windows
        Add-LookupFault $windows $lookups @{ kind = 'status'; status = 403 }
        $result = Invoke-Listing { Get-ZvmTask -Session $session }
        $result.Tasks.Count | Should -Be 30
        $result.Warnings.Count | Should -Be 1
        $warning = $result.Warnings[0]
        $warning | Should -BeLike "Names of $($session.Server) could not be looked up*"
        foreach ($path in '/v1/vpgs', '/v1/localsite', '/v1/peersites', '/v1/virtualizationsites/*/hosts') {
            $warning | Should -BeLike "*403 (Forbidden) to GET $path*"
        }

        $again = Invoke-Listing { Get-ZvmTask -Session $session }
        $again.Tasks.Count | Should -Be 30
        $again.Warnings | Should -BeNullOrEmpty
        $again.Verbose | Should -Contain $warning
    }

    It 'warns once for all the requests of a -Status plan, which share the session' {
        $session = New-Session $windows
        Add-LookupFault $windows $lookups @{ kind = 'status'; status = 403 }
        $result = Invoke-Listing { Get-ZvmTask -Session $session -Status Failed, Completed, InProgress }
        @(Get-SimulatorRequest $windows '/v1/tasks').Count | Should -Be 3
        $result.Tasks.Count | Should -BeGreaterThan 10
        $result.Warnings.Count | Should -Be 1
        $result.Warnings[0] | Should -BeLike '*VPG names*Site names*'
    }

    It 'warns once per ZVM of a fleet, each warning naming its ZVM' {
        $sessions = (New-Session $windows), (New-Session $appliance)
        foreach ($simulator in $windows, $appliance) { Add-LookupFault $simulator $lookups @{ kind = 'status'; status = 403 } }
        $result = Invoke-Listing { Get-ZvmTask -Session $sessions }
        $result.Tasks.Count | Should -Be 50
        $result.Warnings.Count | Should -Be 2
        foreach ($session in $sessions) {
            @($result.Warnings | Where-Object { $_ -like "Names of $($session.Server) *" }).Count | Should -Be 1
        }
    }

    It 'warns once for several tasks read by identifier' {
        $session = New-Session $windows
        $ids = (Get-RecordedTask 'windows-tasks.json')[0..2].TaskIdentifier
        Add-LookupFault $windows '/v1/vpgs' @{ kind = 'status'; status = 403 }
        $result = Invoke-Listing { $ids | Get-ZvmTask -Session $session }
        $result.Tasks.Count | Should -Be 3
        $result.Warnings.Count | Should -Be 1
        $result.Warnings[0] | Should -BeLike '*VPG names (GET /v1/vpgs) failed*'
    }

    It 'leaves the warning to the next listing when the pipeline stops before the end' {
        $session = New-Session $windows
        Add-LookupFault $windows '/v1/vpgs' @{ kind = 'status'; status = 403 }
        $first = Get-ZvmTask -Session $session -WarningVariable stopped -WarningAction SilentlyContinue | Select-Object -First 1
        $first | Should -Not -BeNullOrEmpty
        $stopped | Should -BeNullOrEmpty
        $result = Invoke-Listing { Get-ZvmTask -Session $session }
        $result.Warnings.Count | Should -Be 1
        $result.Warnings[0] | Should -BeLike '*VPG names*403*'
    }

    It 'shows each look-up call and its failure with -Verbose' {
        $session = New-Session $windows
        Add-LookupFault $windows '/v1/peersites' @{ kind = 'status'; status = 403 }
        $verbose = (Invoke-Listing { Get-ZvmTask -Session $session }).Verbose -join "`n"
        $verbose | Should -Match '(?m)^VPG names: GET \S+/v1/vpgs$'
        $verbose | Should -Match '(?m)^Site names: GET \S+/v1/localsite$'
        $verbose | Should -Match '(?m)^Site names: GET \S+/v1/peersites$'
        $verbose | Should -Match '(?m)^Host names: GET \S+/v1/virtualizationsites/[^/\s]+/hosts$'
        $verbose | Should -Match '(?m)^Site names: 1 from \S+ in \d+ ms; \S+ answered 403 \(Forbidden\) to GET /v1/peersites: Simulated fault\.$'
    }
}
