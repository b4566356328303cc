# README's fleet runbook, run as written against simulated ZVMs: two appliances that connect,
# a Windows ZVM that refuses the Keycloak client, and a port with nothing behind it. Only the
# secret store, the paths and "yesterday" are put in place; a README that no longer has them
# fails here. Each failing ZVM must be reported once, and a day without a failed task must
# write no empty CSV (issue 23).
BeforeAll {
    . $PSScriptRoot/common.ps1
    $appliances = @(Start-ZvmSimulator -Kind Appliance -Count 2)
    $windows = Start-ZvmSimulator -Kind Windows
    $listener = [System.Net.Sockets.TcpListener]::new([ipaddress]::Loopback, 0)
    $listener.Start(); $closedPort = $listener.LocalEndpoint.Port; $listener.Stop()
    $down = "http://127.0.0.1:$closedPort"
    $failing = @(([uri]$windows.Url).Authority, "127.0.0.1:$closedPort")

    $readme = Get-Content (Join-Path $RepoRoot 'README.md') -Raw
    $runbook = [regex]::Match($readme, '(?ms)^## A fleet runbook\s+```powershell\r?\n(.*?)^```').Groups[1].Value

    # The appliances' recorded tasks, each with the local day it started on.
    $recorded = Get-RecordedTask 'appliance-tasks.json' | ForEach-Object {
        $status = if ($_.status) { $_.status } else { $_.Status }
        [pscustomobject]@{
            Day = (ConvertFrom-RecordedDate ($_.started ?? $_.Started)).ToLocalTime().Date
            State = $status.state ?? $status.State
        }
    }

    # Runs the runbook in a runspace of its own for the day given as "yesterday"; returns what it wrote to each stream and the folder's files.
    function Invoke-Runbook([datetime] $Yesterday) {
        $folder = Join-Path $TestDrive ([guid]::NewGuid())
        New-Item -ItemType Directory -Path $folder | Out-Null
        $servers = @($appliances.Url) + $windows.Url + $down
        $servers | ForEach-Object { [pscustomobject]@{ Server = $_ } } | Export-Csv (Join-Path $folder 'zvms.csv') -NoTypeInformation
        $code = $runbook
        $swaps = [ordered]@{
            'Import-Module ZertoTasks' = "Import-Module '$ModuleManifest'"
            'Get-Secret -Name ZvmClient' = '$args[0]'
            '(Get-Date).Date.AddDays(-1)' = '$args[1]'
            'D:\Runbooks' = $folder
            'D:\Reports' = $folder
        }
        foreach ($swap in $swaps.GetEnumerator()) {
            $code.Contains($swap.Key) | Should -BeTrue -Because "the runbook has '$($swap.Key)'"
            $code = $code.Replace($swap.Key, $swap.Value)
        }
        $ps = [powershell]::Create()
        try {
            $output = $ps.AddScript($code).AddArgument($appliances[0].ClientCredential).AddArgument($Yesterday).Invoke()
            [pscustomobject]@{
                Output = @($output | ForEach-Object { "$_" })
                Errors = @($ps.Streams.Error)
                Warnings = @($ps.Streams.Warning | ForEach-Object { "$_" })
                Files = @(Get-ChildItem $folder -Filter 'fleet-failed-*.csv')
            }
        }
        finally { $ps.Dispose() }
    }
}

AfterAll {
    Disconnect-AllZvmSessions
    $appliances[0], $windows | Stop-ZvmSimulator
}

Describe 'README''s fleet runbook' {
    It 'reports each ZVM that failed once, and writes the failed tasks of the others to one CSV' {
        $day = ($recorded | Where-Object State -eq 4 | Select-Object -First 1).Day
        $failedThatDay = @($recorded | Where-Object { $_.Day -eq $day -and $_.State -eq 4 }).Count
        $run = Invoke-Runbook $day
        $run.Errors | Should -BeNullOrEmpty
        $run.Warnings.Count | Should -Be 2
        $everything = @($run.Output) + @($run.Warnings) + @($run.Errors | ForEach-Object { "$_" })
        foreach ($server in $failing) {
            @($everything | Where-Object { $_.Contains($server) }).Count | Should -Be 1 -Because "$server is reported once"
        }
        # A warning names its server once, not "server: server could not be reached".
        foreach ($warning in $run.Warnings) {
            $server = $failing | Where-Object { $warning.Contains($_) }
            ([regex]::Matches($warning, [regex]::Escape($server))).Count | Should -Be 1
        }
        $run.Files.Count | Should -Be 1
        $run.Files[0].Name | Should -Be "fleet-failed-$($day.ToString('yyyy-MM-dd')).csv"
        $rows = @(Import-Csv $run.Files[0].FullName)
        $rows.Count | Should -Be (2 * $failedThatDay)
        $rows.State | Sort-Object -Unique | Should -Be 'Failed'
        $rows.Server | Sort-Object -Unique | Should -Be ($appliances.Url | ForEach-Object { ([uri]$_).Authority } | Sort-Object)
    }

    It 'writes no CSV on a day without a failed task, and says so' {
        $quiet = $recorded | Where-Object State -ne 4 | Where-Object { $day = $_.Day; -not ($recorded | Where-Object { $_.Day -eq $day -and $_.State -eq 4 }) } |
            Select-Object -First 1
        $quiet | Should -Not -BeNullOrEmpty -Because 'the recordings have a day with tasks but none failed'
        $run = Invoke-Runbook $quiet.Day
        $run.Files | Should -BeNullOrEmpty
        $run.Output | Should -Be 'No task failed yesterday on the 2 ZVMs connected; no report written.'
        $run.Warnings.Count | Should -Be 2
        $run.Errors | Should -BeNullOrEmpty
    }

    It 'logs out of the ZVMs it connected' {
        foreach ($appliance in $appliances) {
            @(Invoke-ZvmSimulatorControl $appliance 'live-tokens' | ForEach-Object { $_ }).Count | Should -Be 0
        }
    }
}
