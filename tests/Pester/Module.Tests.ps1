BeforeAll {
    . $PSScriptRoot/common.ps1
}

Describe 'The built module' {
    It 'has a manifest that Test-ModuleManifest accepts' {
        $manifest = Test-ModuleManifest $ModuleManifest
        $manifest.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
        $manifest.PowerShellVersion | Should -Be '5.1'
    }

    It 'exports exactly the cmdlets its manifest names' {
        $exported = (Get-Module ZertoTasks).ExportedCmdlets.Keys | Sort-Object
        $exported | Should -Be @('Connect-ZvmSession', 'Disconnect-ZvmSession', 'Get-ZvmFailoverTest', 'Get-ZvmSession', 'Get-ZvmTask', 'Get-ZvmTaskType', 'Wait-ZvmTask', 'Watch-ZvmTask')
        $exported | Should -Be ((Import-PowerShellDataFile $ModuleManifest).CmdletsToExport | Sort-Object)
    }

    It 'declares an OutputType on every cmdlet but Disconnect' {
        foreach ($name in 'Connect-ZvmSession', 'Get-ZvmFailoverTest', 'Get-ZvmSession', 'Get-ZvmTask', 'Get-ZvmTaskType', 'Wait-ZvmTask', 'Watch-ZvmTask') {
            (Get-Command $name).OutputType.Name | Should -Not -BeNullOrEmpty -Because $name
        }
    }

    It 'has a view for each type its cmdlets output, in a format file of its own that the manifest lists' {
        $listed = @((Import-PowerShellDataFile $ModuleManifest).FormatsToProcess | Sort-Object)
        @(Get-ChildItem (Split-Path $ModuleManifest) -Filter *.Format.ps1xml | ForEach-Object Name | Sort-Object) | Should -Be $listed
        $types = @((Get-Module ZertoTasks).ExportedCmdlets.Values | ForEach-Object { $_.OutputType.Type } |
            Where-Object { $_ -and $_.Namespace -eq 'ZertoTasks' } | Sort-Object FullName -Unique)
        $types.Count | Should -BeGreaterThan 2
        foreach ($type in $types) {
            $listed | Should -Contain "$($type.Name).Format.ps1xml" -Because "a cmdlet outputs $($type.FullName)"
            $views = Get-FormatData -TypeName $type.FullName
            $views | Should -Not -BeNullOrEmpty -Because "$($type.FullName) needs a default view"
        }
    }

    It 'ships no copy of System.Management.Automation' {
        Join-Path (Split-Path $ModuleManifest) 'System.Management.Automation.dll' | Should -Not -Exist
    }

    It 'imports in a fresh pwsh that has already used the JSON cmdlets' {
        $result = Invoke-ChildPwsh @"
'{"a":1}' | ConvertFrom-Json | ConvertTo-Json | Out-Null
Import-Module '$ModuleManifest' -ErrorAction Stop
[System.Text.Json.JsonSerializer].Assembly.GetName().Version.Major
(Get-Command -Module ZertoTasks).Count
"@
        $result.ExitCode | Should -Be 0
        $result.Output[-1] | Should -Be ((Import-PowerShellDataFile $ModuleManifest).CmdletsToExport.Count)
        # PowerShell's own System.Text.Json serves the module: no second copy is loaded.
        [int]$result.Output[-2] | Should -BeGreaterOrEqual 10
    }
}
