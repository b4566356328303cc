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

    It 'is written so that Windows PowerShell 5.1 reads the notes as they are' {
        # Without a BOM, 5.1 reads a psd1 as the ANSI code page and garbles any non-ASCII note.
        $bytes = [System.IO.File]::ReadAllBytes($ModuleManifest)
        $bytes[0..2] | Should -Be @(0xEF, 0xBB, 0xBF)
    }
}

# The way an administrator gets the module: pack it as the Gallery would take it, save it from
# a repository into an empty folder, and use it by name from a fresh pwsh. Everything this
# writes (the repository, PSResourceGet's settings, the saved module) is under one temp folder.
Describe 'The package' {
    BeforeAll {
        $script:Temp = Join-Path ([System.IO.Path]::GetTempPath()) "zt-package-$([guid]::NewGuid().ToString('N'))"
        $script:Package = & (Join-Path $RepoRoot 'build/Package.ps1') -ModulePath (Split-Path $ModuleManifest) -OutputFolder (Join-Path $Temp 'repository')
        $script:Simulator = Start-ZvmSimulator -Kind Windows
        $script:Entries = [System.IO.Compression.ZipFile]::OpenRead($Package) | ForEach-Object { try { $_.Entries.FullName } finally { $_.Dispose() } }

        # A child pwsh whose PSResourceGet settings live in the temp folder, not the user's
        # (the folder must exist, or .NET ignores XDG_DATA_HOME).
        $script:Settings = (New-Item (Join-Path $Temp 'settings') -ItemType Directory).FullName
        function Invoke-IsolatedPwsh([string] $Script) {
            $saved = $env:XDG_DATA_HOME
            try {
                $env:XDG_DATA_HOME = $Settings
                $output = & dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -Command $Script 2>&1
                [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = @($output | ForEach-Object { "$_" }) }
            }
            finally {
                $env:XDG_DATA_HOME = $saved
            }
        }
    }

    AfterAll {
        $Simulator | Stop-ZvmSimulator
        Remove-Item $Temp -Recurse -Force -ErrorAction Ignore
    }

    It 'is named and versioned as the manifest says' {
        $version = "$($Built.ModuleVersion)-$($PSData.Prerelease)".TrimEnd('-')
        Split-Path $Package -Leaf | Should -Be "ZertoTasks.$version.nupkg"
        $zip = [System.IO.Compression.ZipFile]::OpenRead($Package)
        try {
            $reader = [System.IO.StreamReader]::new($zip.GetEntry('ZertoTasks.nuspec').Open())
            $nuspec = [xml]$reader.ReadToEnd()
            $reader.Dispose()
        }
        finally {
            $zip.Dispose()
        }
        $nuspec.package.metadata.version | Should -Be $version
        $nuspec.package.metadata.releaseNotes | Should -Be $PSData.ReleaseNotes
        $nuspec.package.metadata.licenseUrl | Should -Be $PSData.LicenseUri
    }

    It 'holds the built module and its license, and no test, simulator or build-tool file' {
        $module = Split-Path $ModuleManifest
        $expected = Get-ChildItem $module -Recurse -File | ForEach-Object { [System.IO.Path]::GetRelativePath($module, $_.FullName).Replace('\', '/') }
        # NuGet's own parts of any package: the nuspec, the OPC relationships and content types.
        $files = $Entries | Where-Object { $_ -notmatch '^(_rels/|package/|\[Content_Types\]\.xml$|ZertoTasks\.nuspec$)' }
        ($files | Sort-Object) | Should -Be ($expected | Sort-Object)
        $files | Should -Contain 'LICENSE'
        $files | Should -Contain 'en-US/ZertoTasks.dll-Help.xml'
        # The format files are named by their output types, and ZvmFailoverTest is no test file.
        $files | Where-Object { $_ -notmatch '^(Formats/)?Zvm\w+\.Format\.ps1xml$' } |
            Where-Object { $_ -match '(?i)simulator|recording|test|pester|helpbuilder|markdig|xunit|\.pdb$|\.deps\.json$|\.ps1$' } | Should -BeNullOrEmpty
    }

    It 'installs from the repository into an empty folder and works from there by name' {
        $repository = "ZertoTasksTest$([guid]::NewGuid().ToString('N'))"
        $modules = (New-Item (Join-Path $Temp 'modules') -ItemType Directory).FullName
        $saved = Invoke-IsolatedPwsh @"
`$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name '$repository' -Uri '$(Split-Path $Package)' -Trusted
try { Save-PSResource -Name ZertoTasks -Prerelease -Repository '$repository' -Path '$modules' }
finally { Unregister-PSResourceRepository -Name '$repository' }
"@
        $saved.ExitCode | Should -Be 0 -Because ($saved.Output -join "`n")

        $password = $Simulator.Credential.GetNetworkCredential().Password
        $used = Invoke-IsolatedPwsh @"
`$ErrorActionPreference = 'Stop'
`$env:PSModulePath = '$modules' + [System.IO.Path]::PathSeparator + `$env:PSModulePath
Import-Module ZertoTasks
"BASE `$((Get-Module ZertoTasks).ModuleBase)"
"EXAMPLES `$(@((Get-Help Get-ZvmTask -Examples).examples.example).Count)"
`$credential = [pscredential]::new('$($Simulator.Credential.UserName)', (ConvertTo-SecureString '$password' -AsPlainText -Force))
Connect-ZvmSession -Server '$($Simulator.Url)' -Credential `$credential | Out-Null
"TASKS `$(@(Get-ZvmTask).Count)"
"@
        $used.ExitCode | Should -Be 0 -Because ($used.Output -join "`n")
        $seen = @{}
        foreach ($line in $used.Output) { if ($line -match '^(BASE|EXAMPLES|TASKS) (.*)$') { $seen[$Matches[1]] = $Matches[2] } }
        $seen.BASE | Should -BeLike "$modules*" -Because 'the module must come from the folder it was saved to'
        [int]$seen.EXAMPLES | Should -BeGreaterOrEqual 3
        [int]$seen.TASKS | Should -Be @(Get-RecordedTask 'windows-tasks.json').Count
        if ($IsLinux) { Join-Path $Settings 'PSResourceGet' | Should -Exist -Because "PSResourceGet's settings went to the temp folder" }
        Join-Path $RepoRoot 'PSResourceGet' | Should -Not -Exist -Because 'nothing is written outside temp folders'
    }
}
