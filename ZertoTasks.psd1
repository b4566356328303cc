# The source manifest: the module's one version number lives here. build.ps1 copies it
# into out/ZertoTasks/ beside the assemblies and passes the version to the C# build.
@{
    RootModule             = 'ZertoTasks.dll'
    ModuleVersion          = '0.1.0'
    GUID                   = '7d0c3f5e-2b8a-4a51-9a7e-3f1d2c5b8e41'
    Author                 = 'The ZertoTasks engineers'
    CompanyName            = 'ZertoTasks'
    Copyright              = '(c) 2026 ZertoTasks contributors. MIT License.'
    Description            = 'Reads the task history of a Zerto Virtual Manager (Windows ZVM or ZVM Appliance): failovers, tests, moves, VRA installs and syncs, as rich objects, streamed.'
    CompatiblePSEditions   = @('Desktop', 'Core')
    PowerShellVersion      = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    # One file per output type, from src/ZertoTasks/Formats.
    FormatsToProcess       = @(
        'ZvmTask.Format.ps1xml'
        'ZvmSession.Format.ps1xml'
        'ZvmTaskTypeInfo.Format.ps1xml'
        'ZvmTaskChange.Format.ps1xml'
        'ZvmFailoverTest.Format.ps1xml'
        'ZvmVpgTestStatus.Format.ps1xml'
    )
    CmdletsToExport        = @(
        'Connect-ZvmSession'
        'Disconnect-ZvmSession'
        'Get-ZvmFailoverTest'
        'Get-ZvmSession'
        'Get-ZvmTask'
        'Get-ZvmTaskType'
        'Wait-ZvmTask'
        'Watch-ZvmTask'
    )
    FunctionsToExport      = @()
    VariablesToExport      = @()
    AliasesToExport        = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('Zerto', 'ZVM', 'DisasterRecovery', 'Tasks', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
            ProjectUri   = 'https://github.com/ZertoTasks/ZertoTasks'
            LicenseUri   = 'https://github.com/ZertoTasks/ZertoTasks/blob/main/LICENSE'
            # Below 1.0 every package is a prerelease: ZertoTasks.0.1.0-preview.nupkg.
            Prerelease   = 'preview'
            # build.ps1 writes CHANGELOG.md's section for this version here, in out/ZertoTasks.
            ReleaseNotes = ''
        }
    }
}
