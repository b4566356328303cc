# Windows PowerShell 5.1 cannot run here. What breaks a binary module there is binding: a shipped
# DLL asks for an assembly version that nothing provides, or targets something .NET Framework
# 4.7.2 cannot load. This proves from the built module's metadata that neither happens: every
# reference of every shipped DLL is met by a DLL the module ships (as its AssemblyResolve
# handler, ShippedAssemblies, answers on 5.1) or by .NET Framework 4.7.2 itself (its reference
# assemblies and facades, restored from NuGet by build/Dependencies).
BeforeAll {
    . $PSScriptRoot/common.ps1
    Add-Type -AssemblyName System.Reflection.Metadata

    $script:ModuleFolder = Split-Path $ModuleManifest
    $packages = ((& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()
    $script:Framework = Join-Path $packages 'microsoft.netframework.referenceassemblies.net472/1.0.3/build/.NETFramework/v4.7.2'
    $type = (Get-Module ZertoTasks).ImplementingAssembly.GetType('ZertoTasks.Hosting.ShippedAssemblies', $true)
    $script:Shipped = [Activator]::CreateInstance($type, [object[]]@([string]$ModuleFolder))

    # What Windows PowerShell 5.1 itself loads before any module: its own engine.
    $script:HostAssemblies = @{ 'System.Management.Automation' = [version]'3.0.0.0' }

    function Read-Assembly([string] $Path) {
        $stream = [System.IO.File]::OpenRead($Path)
        try {
            $pe = [System.Reflection.PortableExecutable.PEReader]::new($stream)
            $metadata = [System.Reflection.Metadata.PEReaderExtensions]::GetMetadataReader($pe)
            $references = @($metadata.AssemblyReferences | ForEach-Object { $metadata.GetAssemblyReference($_).GetAssemblyName() })
            [pscustomobject]@{
                File            = Split-Path $Path -Leaf
                ILOnly          = $pe.PEHeaders.CorHeader.Flags.HasFlag([System.Reflection.PortableExecutable.CorFlags]::ILOnly)
                MetadataVersion = $metadata.MetadataVersion
                TargetFramework = Get-TargetFramework $metadata $references
                References      = $references
            }
        }
        finally {
            $stream.Dispose()
        }
    }

    # The [assembly: TargetFramework(".NETStandard,Version=v2.0")] string, read from its blob.
    # Older packages (System.Buffers, System.Memory) were built without the attribute: their
    # target is then the core library they reference, netstandard 2.0.0.0 for .NET Standard 2.0.
    function Get-TargetFramework($Metadata, $References) {
        foreach ($handle in $Metadata.GetAssemblyDefinition().GetCustomAttributes()) {
            $attribute = $Metadata.GetCustomAttribute($handle)
            if ($attribute.Constructor.Kind -ne 'MemberReference') { continue }
            $constructor = $Metadata.GetMemberReference([System.Reflection.Metadata.MemberReferenceHandle]$attribute.Constructor)
            if ($constructor.Parent.Kind -ne 'TypeReference') { continue }
            $type = $Metadata.GetTypeReference([System.Reflection.Metadata.TypeReferenceHandle]$constructor.Parent)
            if ($Metadata.GetString($type.Name) -ne 'TargetFrameworkAttribute') { continue }
            # Prolog 01 00, then the string: its length in one byte (it is short), then UTF-8.
            $blob = $Metadata.GetBlobBytes($attribute.Value)
            return [System.Text.Encoding]::UTF8.GetString($blob, 3, $blob[2])
        }
        $netstandard = $References | Where-Object Name -eq 'netstandard'
        if ($netstandard) { ".NETStandard,Version=v$($netstandard.Version.ToString(2))" }
    }

    # Where Windows PowerShell 5.1 on .NET Framework 4.7.2 finds an assembly, or $null.
    function Find-Provider([System.Reflection.AssemblyName] $Reference) {
        $fromModule = $Shipped.PathFor($Reference)
        if ($fromModule) { return "module: $(Split-Path $fromModule -Leaf)" }
        if ($HostAssemblies[$Reference.Name] -ge $Reference.Version) { return 'Windows PowerShell' }
        foreach ($folder in $Framework, (Join-Path $Framework 'Facades')) {
            $file = Join-Path $folder "$($Reference.Name).dll"
            if (-not (Test-Path $file)) { continue }
            # .NET Framework unifies a request for an older version to its own, never a newer one.
            $provided = [System.Reflection.AssemblyName]::GetAssemblyName($file)
            $sameKey = [Convert]::ToHexString($provided.GetPublicKeyToken()) -eq [Convert]::ToHexString($Reference.GetPublicKeyToken())
            if ($sameKey -and $provided.Version -ge $Reference.Version) { return ".NET Framework 4.7.2: $($provided.Version)" }
        }
        $null
    }

    $script:Assemblies = Get-ChildItem $ModuleFolder -Filter *.dll | ForEach-Object { Read-Assembly $_.FullName }
}

Describe 'Windows PowerShell 5.1 can load every assembly the module ships' {
    It 'has the .NET Framework 4.7.2 reference assemblies to check against' {
        Join-Path $Framework 'mscorlib.dll' | Should -Exist
        Join-Path $Framework 'Facades/netstandard.dll' | Should -Exist
        $Assemblies.File | Should -Contain 'System.Text.Json.dll'
    }

    It 'ships only IL assemblies built for .NET Standard 2.0 or .NET Framework 4.7.2 and older' {
        foreach ($assembly in $Assemblies) {
            $assembly.ILOnly | Should -BeTrue -Because $assembly.File
            $assembly.MetadataVersion | Should -Be 'v4.0.30319' -Because "$($assembly.File) must be CLR 4 metadata"
            $assembly.TargetFramework | Should -Match '^(\.NETStandard,Version=v(1\.\d|2\.0)|\.NETFramework,Version=v4\.([0-6](\.\d)?|7(\.[0-2])?))$' -Because $assembly.File
        }
    }

    It 'meets every reference of every shipped assembly' {
        $unmet = foreach ($assembly in $Assemblies) {
            foreach ($reference in $assembly.References) {
                if (-not (Find-Provider $reference)) { "$($assembly.File) -> $($reference.FullName)" }
            }
        }
        $unmet | Should -BeNullOrEmpty
    }

    It 'would notice a reference that nothing meets' {
        $memory = ($Assemblies | Where-Object File -eq 'System.Text.Json.dll').References | Where-Object Name -eq 'System.Memory'
        Find-Provider $memory | Should -BeLike 'module: System.Memory.dll'
        $newer = [System.Reflection.AssemblyName]::new($memory.FullName)
        $newer.Version = [version]::new($memory.Version.Major, $memory.Version.Minor + 1, 0, 0)
        Find-Provider $newer | Should -BeNullOrEmpty -Because 'the shipped System.Memory is older than that'
        Find-Provider ([System.Reflection.AssemblyName]'netstandard, Version=2.1.0.0, PublicKeyToken=cc7b13ffcd2ddd51') | Should -BeNullOrEmpty -Because '.NET Framework has no .NET Standard 2.1'
        Find-Provider ([System.Reflection.AssemblyName]'System.Net.Http, Version=4.2.0.0, PublicKeyToken=b03f5f7f11d50a3a') | Should -BeLike '.NET Framework 4.7.2*'
    }
}
