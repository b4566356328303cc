<#
.SYNOPSIS
    Shows ZertoTasks against the built-in ZVM simulator: what `build.ps1 -Task Demo` runs.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $SimulatorPath,
    [Parameter(Mandatory)] [string] $OutputFolder
)

$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../tests/SimulatorHost.psm1') -Force
Import-Module $ModulePath -Force

function Show-Step([string] $Title) { Write-Host "`n== $Title ==" -ForegroundColor Cyan }

$simulator = Start-ZvmSimulator -Kind Windows -RebaseDates -SimulatorPath $SimulatorPath
try {
    Show-Step "Connect-ZvmSession -Server $($simulator.Url) -Credential admin   (a simulated Windows ZVM on loopback)"
    Connect-ZvmSession -Server $simulator.Url -Credential $simulator.Credential | Format-Table | Out-Host

    Show-Step 'Get-ZvmTaskType | Select-Object -First 8'
    Get-ZvmTaskType | Select-Object -First 8 | Format-Table | Out-Host

    Show-Step 'Get-ZvmTask -Newest 10'
    Get-ZvmTask -Newest 10 | Format-Table | Out-Host

    Show-Step "Get-ZvmTask -StartedAfter (Get-Date).AddDays(-1) -Status Failed   (failed in the last day)"
    Get-ZvmTask -StartedAfter (Get-Date).AddDays(-1) -Status Failed | Format-Table | Out-Host

    Show-Step "Get-ZvmTask -Vpg 'Fin*' | Format-List   (the tasks of a VPG, by name; every property)"
    Get-ZvmTask -Vpg 'Fin*' | Select-Object -First 1 | Format-List | Out-Host

    # A task of two VPGs counts under each: foreach over its Vpgs, not Group-Object { $_.Vpgs }.
    Show-Step 'Get-ZvmTask -Type FailOverTest | ForEach-Object { foreach ($vpg in $_.Vpgs) { ... } } | Group-Object Vpg   (failover-test tasks, by VPG)'
    Get-ZvmTask -Type FailOverTest |
        ForEach-Object { foreach ($vpg in $_.Vpgs) { [pscustomobject]@{ Vpg = "$vpg"; State = $_.State } } } |
        Group-Object Vpg -NoElement | Sort-Object Count -Descending | Format-Table Count, Name | Out-Host

    Show-Step 'Get-ZvmFailoverTest   (the failover tests, rebuilt from their start and stop tasks)'
    Get-ZvmFailoverTest | Format-Table | Out-Host

    Show-Step 'Get-ZvmFailoverTest -Latest -WithinDays 30   (one row per VPG: who is overdue for a test)'
    Get-ZvmFailoverTest -Latest -WithinDays 30 | Format-Table | Out-Host

    Show-Step 'Get-ZvmTask | Group-Object Type | Sort-Object Count -Descending   (tasks per type)'
    Get-ZvmTask | Group-Object Type -NoElement | Sort-Object Count -Descending | Format-Table Count, Name | Out-Host

    $csv = Join-Path $OutputFolder 'demo-tasks.csv'
    Show-Step "Get-ZvmTask | Export-Csv $csv"
    Get-ZvmTask | Export-Csv -Path $csv -NoTypeInformation
    Get-Content $csv -TotalCount 3 | Out-Host
    Write-Host "... $((Import-Csv $csv).Count) tasks written to $csv"

    Disconnect-ZvmSession
}
finally {
    $simulator | Stop-ZvmSimulator
}
