BeforeAll {
    . $PSScriptRoot/common.ps1
    $script:Built = Import-PowerShellDataFile $ModuleManifest
    $script:PSData = $Built.PrivateData.PSData
}

Describe 'What a repository shows of the module' {
    It 'names the project, its license and tags' {
        $PSData.ProjectUri | Should -Match '^https://'
        $PSData.LicenseUri | Should -Match '^https://.+/LICENSE$'
        $PSData.Tags | Should -Contain 'PSEdition_Desktop'
        $PSData.Tags | Should -Contain 'PSEdition_Core'
        $manifest = Test-ModuleManifest $ModuleManifest
        $manifest.ProjectUri | Should -Be $PSData.ProjectUri
        $manifest.LicenseUri | Should -Be $PSData.LicenseUri
    }

    It 'is a prerelease while its version is below 1.0' {
        if ([version]$Built.ModuleVersion -lt [version]'1.0') {
            $PSData.Prerelease | Should -Match '^[A-Za-z][A-Za-z0-9]*$' -Because 'a repository takes only letters and digits as the label'
        }
    }

    It 'ships the MIT license that sits at the repository root' {
        $shipped = Join-Path (Split-Path $ModuleManifest) 'LICENSE'
        Get-Content $shipped -Raw | Should -BeExactly (Get-Content (Join-Path $RepoRoot 'LICENSE') -Raw)
        Get-Content $shipped -TotalCount 1 | Should -Be 'MIT License'
    }

    It 'carries the CHANGELOG.md section of its version, or the Unreleased one, as its release notes' {
        $notes = $PSData.ReleaseNotes
        $notes | Should -Not -BeNullOrEmpty
        (Import-PowerShellDataFile (Join-Path $RepoRoot 'ZertoTasks.psd1')).PrivateData.PSData.ReleaseNotes | Should -BeNullOrEmpty -Because 'the notes are written once, in CHANGELOG.md'
        $changelog = (Get-Content (Join-Path $RepoRoot 'CHANGELOG.md') -Raw) -replace "`r`n", "`n"
        $version = [regex]::Escape("$($Built.ModuleVersion)-$($PSData.Prerelease)".TrimEnd('-'))
        # The whole section: right after its heading, up to the next heading or the end.
        $changelog | Should -Match "(?m)^## \[(Unreleased|$version)\][^\n]*\n\n$([regex]::Escape($notes))\n*(## |\[|\z)"
    }
}
