<#
.SYNOPSIS
    Packs a built module into <OutputFolder>/ZertoTasks.<version>.nupkg with PSResourceGet's own
    Publish-PSResource, to a local file repository: the package a Gallery or an internal feed takes.
.DESCRIPTION
    Publish-PSResource publishes only to a registered repository, so a throwaway one is registered
    in a child pwsh whose PSResourceGet settings live in a temporary folder (XDG_DATA_HOME, on
    Linux), and unregistered in any case: the user's own repositories are never touched.
    Writes the package's path.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $OutputFolder
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$manifest = Import-PowerShellDataFile (Join-Path $ModulePath 'ZertoTasks.psd1')
$prerelease = $manifest.PrivateData.PSData['Prerelease']
$version = if ($prerelease) { "$($manifest.ModuleVersion)-$prerelease" } else { $manifest.ModuleVersion }
New-Item $OutputFolder -ItemType Directory -Force | Out-Null
$OutputFolder = (Resolve-Path $OutputFolder).Path

$repository = "ZertoTasksPack$([guid]::NewGuid().ToString('N'))"
# It must exist: .NET ignores an XDG_DATA_HOME that does not, and PSResourceGet then writes
# its settings relative to the current folder.
$settings = (New-Item (Join-Path ([System.IO.Path]::GetTempPath()) $repository) -ItemType Directory).FullName
$publish = @"
`$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name '$repository' -Uri '$OutputFolder' -Trusted
try { Publish-PSResource -Path '$((Resolve-Path $ModulePath).Path)' -Repository '$repository' }
finally { Unregister-PSResourceRepository -Name '$repository' }
"@
$saved = $env:XDG_DATA_HOME
try {
    $env:XDG_DATA_HOME = $settings
    & dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -Command $publish | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "Publish-PSResource failed with exit code $LASTEXITCODE." }
}
finally {
    $env:XDG_DATA_HOME = $saved
    Remove-Item $settings -Recurse -Force -ErrorAction Ignore
}

$package = Join-Path $OutputFolder "ZertoTasks.$version.nupkg"
if (-not (Test-Path $package)) { throw "Publish-PSResource did not write $package." }
$package
