# The help is part of the module's contract: every exported cmdlet answers Get-Help -Full,
# -Examples and -Parameter from the built MAML, and the docs/en-US pages it is built from
# say what the cmdlets really are. The cmdlet metadata is the truth; a parameter renamed,
# added, retyped or moved to another set without its page fails here.
BeforeDiscovery {
    $manifest = Import-PowerShellDataFile (Join-Path $PSScriptRoot '../../ZertoTasks.psd1')
    $cmdlets = @($manifest.CmdletsToExport | ForEach-Object { @{ Name = $_ } })
}

BeforeAll {
    . $PSScriptRoot/common.ps1
    . $PSScriptRoot/HelpPages.ps1
    . $PSScriptRoot/HelpSamples.ps1

    $script:Docs = Join-Path $RepoRoot 'docs/en-US'
    $script:Maml = Join-Path (Split-Path $ModuleManifest) 'en-US/ZertoTasks.dll-Help.xml'
    $script:Exported = @((Get-Module ZertoTasks).ExportedCmdlets.Keys | Sort-Object)
    $script:CommonParameters = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
    $script:AllSets = '__AllParameterSets'

    # The parameters a page must document: the cmdlet's own, not the common ones.
    function Get-OwnParameter([string] $Name) {
        (Get-Command $Name).Parameters.Values | Where-Object { $_.Name -notin $CommonParameters }
    }
}

Describe 'Help for <Name>' -ForEach $cmdlets {
    BeforeAll {
        $command = Get-Command $Name
        $own = @(Get-OwnParameter $Name)
        $page = Read-CmdletHelpPage (Join-Path $Docs "$Name.md")
    }

    Context 'Get-Help at the console' {
        It 'shows a synopsis and a description from the MAML, not the generated stub' {
            $help = Get-Help $Name -Full
            $help.Synopsis | Should -Not -BeNullOrEmpty
            # Without MAML, Get-Help's synopsis is the generated syntax line.
            $help.Synopsis | Should -Not -Match "^\s*$([regex]::Escape($Name))\s+\["
            ($help.description.Text -join "`n").Trim() | Should -Not -BeNullOrEmpty
        }

        It 'describes every parameter in -Full and in -Parameter' {
            $help = Get-Help $Name -Full
            foreach ($parameter in $own) {
                $entry = $help.parameters.parameter | Where-Object name -eq $parameter.Name
                $entry | Should -Not -BeNullOrEmpty -Because "-$($parameter.Name) needs a help entry"
                ($entry.description.Text -join ' ').Trim() | Should -Not -BeNullOrEmpty -Because "-$($parameter.Name) needs a description"
                $single = Get-Help $Name -Parameter $parameter.Name
                ($single.description.Text -join ' ').Trim() | Should -Not -BeNullOrEmpty -Because "Get-Help -Parameter $($parameter.Name)"
            }
        }

        It 'has at least three examples, each with code, in -Full and in -Examples' {
            foreach ($help in (Get-Help $Name -Full), (Get-Help $Name -Examples)) {
                $examples = @($help.examples.example)
                $examples.Count | Should -BeGreaterOrEqual 3
                foreach ($example in $examples) {
                    $example.code | Should -Not -BeNullOrEmpty -Because $example.title
                }
            }
        }

        It 'renders without error as text' {
            (Get-Help $Name -Full | Out-String -Width 120) | Should -Match ([regex]::Escape($Name))
        }

        # Get-Help prints "For online help, type: Get-Help <cmdlet> -Online" on every page
        # that has related links, so -Online must lead to this page in the project's repository.
        It 'sends -Online to its own page under the manifest''s ProjectUri' {
            $projectUri = (Import-PowerShellDataFile (Join-Path $RepoRoot 'ZertoTasks.psd1')).PrivateData.PSData.ProjectUri
            $expected = "$projectUri/blob/main/docs/en-US/$Name.md"
            $command.HelpUri | Should -Be $expected
            $page.FrontMatter['online version'] | Should -Be $expected
            (Get-Help $Name).relatedLinks.navigationLink.uri | Should -Contain $expected
            Join-Path $RepoRoot "docs/en-US/$Name.md" | Should -Exist
        }
    }

    Context 'the docs page against the cmdlet' {
        It 'documents exactly the cmdlet''s parameters, names spelled alike' {
            # -WhatIf and -Confirm have entries, as PlatyPS writes them; the other common parameters do not.
            $documented = @($page.Parameters.Name | Where-Object { $_ -notin $CommonParameters } | Sort-Object)
            $actual = @($own.Name | Sort-Object)
            # -ceq: a change of case is a rename too.
            ($documented -join ',') | Should -BeExactly ($actual -join ',')
        }

        It 'gives each parameter the type, aliases, sets, position, mandatory and pipeline of the code' {
            foreach ($parameter in $own) {
                $doc = $page.Parameters | Where-Object Name -eq $parameter.Name
                $doc | Should -Not -BeNullOrEmpty -Because "-$($parameter.Name) needs a '### -$($parameter.Name)' entry"
                $doc.Yaml | Should -Not -BeNullOrEmpty -Because "-$($parameter.Name) needs a yaml block"
                $covered = @()
                foreach ($yaml in $doc.Yaml) {
                    $yaml.Type | Should -BeExactly $parameter.ParameterType.Name -Because "-$($parameter.Name) Type"
                    @($yaml.Aliases | Sort-Object) -join ',' | Should -Be (@($parameter.Aliases | Sort-Object) -join ',') -Because "-$($parameter.Name) Aliases"
                    $sets = if ($yaml.Sets -eq '(All)') { @($AllSets) } else { @($yaml.Sets -split ',\s*') }
                    foreach ($set in $sets) {
                        $parameter.ParameterSets.ContainsKey($set) | Should -BeTrue -Because "-$($parameter.Name) is documented in set '$set'"
                        $metadata = $parameter.ParameterSets[$set]
                        $yaml.Required | Should -Be ([string]$metadata.IsMandatory) -Because "-$($parameter.Name) Required in $set"
                        $position = if ($metadata.Position -eq [int]::MinValue) { 'Named' } else { [string]$metadata.Position }
                        $yaml.Position | Should -Be $position -Because "-$($parameter.Name) Position in $set"
                        $yaml.Pipeline | Should -Be (Get-PipelineInputText $metadata) -Because "-$($parameter.Name) pipeline input in $set"
                    }
                    $covered += $sets
                }
                @($covered | Sort-Object) -join ',' | Should -Be (@($parameter.ParameterSets.Keys | Sort-Object) -join ',') -Because "-$($parameter.Name) parameter sets"
            }
        }

        It 'gives wildcard support and accepted values as the code declares them' {
            foreach ($parameter in $own) {
                $doc = $page.Parameters | Where-Object Name -eq $parameter.Name
                $doc | Should -Not -BeNullOrEmpty -Because "-$($parameter.Name) needs a '### -$($parameter.Name)' entry"
                $yaml = $doc.Yaml[0]
                $wildcards = [bool]($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
                $yaml.Wildcards | Should -Be ([string]$wildcards) -Because "-$($parameter.Name) Accept wildcard characters"
                $expected = Get-AcceptedValue $parameter
                @($yaml.AcceptedValues) -join ', ' | Should -BeExactly ($expected -join ', ') -Because "-$($parameter.Name) Accepted values"
            }
        }

        It 'states the defaults that the code sets' {
            $instance = [Activator]::CreateInstance($command.ImplementingType)
            foreach ($parameter in $own) {
                $doc = $page.Parameters | Where-Object Name -eq $parameter.Name
                $doc | Should -Not -BeNullOrEmpty -Because "-$($parameter.Name) needs a '### -$($parameter.Name)' entry"
                $documented = $doc.Yaml[0].Default
                $actual = $instance.($parameter.Name)
                if ($parameter.ParameterType -eq [System.Management.Automation.SwitchParameter]) {
                    $documented | Should -Be ([string]$actual.IsPresent) -Because "-$($parameter.Name) default"
                }
                elseif ($documented -match '^\d+$' -or ($parameter.ParameterType.IsEnum -and $documented -in [enum]::GetNames($parameter.ParameterType))) {
                    [string]$actual | Should -Be $documented -Because "-$($parameter.Name) default"
                }
                elseif ($documented -match '^None\b' -and $parameter.ParameterType.IsValueType) {
                    # "None" for a value type: the code leaves it unset, at the type's default or at the
                    # marker of a parameter whose blank value means "not given" (BlankIsNotGivenAttribute).
                    $blank = $parameter.Attributes | Where-Object { $_.GetType().Name -eq 'BlankIsNotGivenAttribute' }
                    $unset = if ($blank) { $blank.NotGiven } else { [Activator]::CreateInstance($parameter.ParameterType) }
                    $actual | Should -Be $unset -Because "-$($parameter.Name) says '$documented'"
                }
            }
        }

        It 'states the validation ranges of the code' {
            foreach ($parameter in $own) {
                $doc = $page.Parameters | Where-Object Name -eq $parameter.Name
                $doc | Should -Not -BeNullOrEmpty -Because "-$($parameter.Name) needs a '### -$($parameter.Name)' entry"
                $description = $doc.Description
                foreach ($range in $parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateRangeAttribute] }) {
                    foreach ($bound in $range.MinRange, $range.MaxRange) {
                        $description | Should -Match "(?<![\d.])$bound(?!\d|\.\d)" -Because "-$($parameter.Name) accepts $($range.MinRange) to $($range.MaxRange)"
                    }
                }
            }
        }

        It 'shows the cmdlet''s parameter sets in SYNTAX, with the default set marked' {
            $expected = @($command.ParameterSets | ForEach-Object { if ($_.Name -eq $AllSets) { $AllSets } else { $_.Name } } | Sort-Object)
            @($page.Syntax.Name | Sort-Object) -join ',' | Should -Be ($expected -join ',')
            if ($command.ParameterSets.Count -gt 1) {
                ($page.Syntax | Where-Object IsDefault).Name | Should -Be $command.DefaultParameterSet
            }
        }

        It 'writes each parameter in SYNTAX as mandatory, positional, typed as the code has it' {
            foreach ($set in $command.ParameterSets) {
                $syntax = ($page.Syntax | Where-Object Name -eq $set.Name).Text
                $positional = @()
                foreach ($parameter in $set.Parameters | Where-Object Name -notin $CommonParameters) {
                    $shape = Get-SyntaxShape $syntax $parameter.Name
                    $shape | Should -Not -BeNullOrEmpty -Because "set $($set.Name) shows -$($parameter.Name)"
                    $shape.Mandatory | Should -Be $parameter.IsMandatory -Because "-$($parameter.Name) in $($set.Name): mandatory"
                    $shape.Positional | Should -Be ($parameter.Position -ne [int]::MinValue) -Because "-$($parameter.Name) in $($set.Name): positional"
                    if ($parameter.ParameterType -ne [System.Management.Automation.SwitchParameter]) {
                        $shape.Type | Should -BeExactly $parameter.ParameterType.Name -Because "-$($parameter.Name) in $($set.Name): <Type>"
                    }
                    if ($shape.Positional) { $positional += [pscustomobject]@{ Name = $parameter.Name; Position = $parameter.Position; Index = $shape.Index } }
                }
                # Positional parameters appear in the order of their positions.
                @($positional | Sort-Object Index).Name -join ',' | Should -Be (@($positional | Sort-Object Position).Name -join ',')
            }
        }

        It 'uses only real parameters, in a valid combination, in every example' {
            foreach ($example in $page.Examples) {
                foreach ($code in $example.Code) {
                    Assert-ExampleCode -Code $code -Where "$Name '$($example.Title)'"
                }
            }
        }

        It 'keeps every line of every example within 80 columns: code as Get-Help shows it, output as the console prints it' {
            # Get-Help indents an example's code (and wraps it at the console's width, mid-word): a
            # code line reaches as far as the indent plus itself. Printed wide, so that nothing
            # wraps, Get-Help shows how far each line reaches.
            $shown = @((Get-Help $Name -Examples | Out-String -Width 400) -split '\r?\n' | ForEach-Object TrimEnd)
            $long = foreach ($example in $page.Examples) {
                foreach ($line in $example.Code -split "`n" | Where-Object { $_.Trim() }) {
                    $text = $line.TrimEnd()
                    $printed = @($shown | Where-Object { $_.EndsWith($text) -and -not $_.Substring(0, $_.Length - $text.Length).Trim() })
                    $printed | Should -Not -BeNullOrEmpty -Because "Get-Help $Name -Examples shows '$text' ($($example.Title))"
                    $reach = ($printed | Measure-Object -Property Length -Minimum).Minimum
                    if ($reach -gt 80) { "$($example.Title): $reach columns in Get-Help: $text" }
                }
                # Sample output is what the cmdlet prints at a console 80 columns wide, which leaves
                # its last column unused (HelpSamples.Tests.ps1 checks that it is that output).
                foreach ($line in $example.Samples.Code -split "`n") {
                    if ($line.TrimEnd().Length -gt $SampleWidth) { "$($example.Title): output of $($line.TrimEnd().Length) columns: $line" }
                }
            }
            $page.Examples.Count | Should -BeGreaterOrEqual 3
            $long | Should -BeNullOrEmpty
        }

        It 'continues long example lines after a pipe, an operator or a comma, or splats, never with a backtick' {
            # A backtick continues a line only while no space follows it, which no reader sees.
            $ticks = foreach ($example in $page.Examples) {
                $example.Code -split "`n" | Where-Object { $_ -match '`\s*$' } | ForEach-Object { "$($example.Title): $_" }
            }
            $ticks | Should -BeNullOrEmpty
        }

        It 'has a runbook example: no prompt, errors stop it, logs on itself' {
            $runbooks = @($page.Examples | Where-Object {
                    $code = $_.Code -join "`n"
                    $commands = @(Get-CalledCommand $code)
                    $_.Title -match 'runbook' -and
                    $code -match "ErrorAction(Preference\s*=\s*'Stop'|\s+Stop)" -and
                    $commands -contains 'Connect-ZvmSession' -and
                    $commands -notcontains 'Get-Credential' -and
                    $commands -notcontains 'Read-Host'
                })
            $runbooks.Count | Should -BeGreaterOrEqual 1
        }

        It 'has an example that pipes into Where-Object or Export-Csv' {
            @($page.Examples | Where-Object { ($_.Code -join "`n") -match '\|\s*(Where-Object|Export-Csv)\b' }).Count | Should -BeGreaterOrEqual 1
        }

        It 'names in OUTPUTS only properties the output type has, and all of them' {
            foreach ($output in $page.Outputs | Where-Object { $_.Properties.Count -gt 0 }) {
                $type = $output.TypeName -as [type]
                $type | Should -Not -BeNullOrEmpty -Because "OUTPUTS names $($output.TypeName)"
                @($output.Properties | Sort-Object) -join ',' | Should -Be (@($type.GetProperties().Name | Sort-Object) -join ',')
            }
        }

        It 'names the cmdlet''s OutputType in OUTPUTS' {
            foreach ($type in $command.OutputType) {
                # PlatyPS writes [OutputType(typeof(void))] as None.
                $page.Outputs.TypeName | Should -Contain ($type.Name -replace '^System\.Void$', 'None')
            }
        }
    }
}

Describe 'The help files' {
    It 'has a docs page for each exported cmdlet and none for anything else' {
        $pages = Get-ChildItem $Docs -Filter *.md | Where-Object { (Get-Content $_.FullName -TotalCount 3) -match '^external help file:' }
        @($pages.BaseName | Sort-Object) -join ',' | Should -Be ($Exported -join ',')
    }

    It 'has a module page that lists every exported cmdlet' {
        $module = Read-ModuleHelpPage (Join-Path $Docs 'ZertoTasks.md')
        @($module.Cmdlets | Sort-Object) -join ',' | Should -Be ($Exported -join ',')
        $module.FrontMatter['Module Guid'] | Should -Be (Get-Module ZertoTasks).Guid.ToString()
    }

    It 'gives the module page the manifest''s version as its Help Version' {
        $module = Read-ModuleHelpPage (Join-Path $Docs 'ZertoTasks.md')
        $module.FrontMatter['Help Version'] | Should -Be (Import-PowerShellDataFile (Join-Path $RepoRoot 'ZertoTasks.psd1')).ModuleVersion
    }

    It 'ships MAML with the structure Get-Help reads' {
        Assert-MamlStructure -Path $Maml -Exported $Exported
    }

    It 'answers Get-Help about_ZertoTasks with every topic the brief promises' {
        $text = Get-Help about_ZertoTasks | Out-String
        $text | Should -Match 'about_ZertoTasks'
        foreach ($section in 'SHORT DESCRIPTION', 'LONG DESCRIPTION', 'CONNECTING', 'SESSIONS', 'FILTERS AND TIME ZONES', 'OUTPUT OBJECTS', 'ERRORS', 'CERTIFICATES', 'SCHEDULED RUNBOOKS', 'NAME CLASH') {
            $text | Should -Match "(?m)^$section" -Because "about_ZertoTasks has a $section section"
        }
        $text | Should -Match ([regex]::Escape('ZertoTasks\Get-ZvmTask'))
        $text | Should -Match 'Windows ZVM'
        $text | Should -Match 'ZVM Appliance'
    }

    It 'keeps every line of Get-Help about_ZertoTasks, its examples too, within 80 columns' {
        $blocks = @(Read-PowerShellCodeBlock (Join-Path $Docs 'about_ZertoTasks.md'))
        $blocks.Count | Should -BeGreaterThan 0
        $shown = @((Get-Help about_ZertoTasks | Out-String -Width 400) -split '\r?\n' | ForEach-Object TrimEnd)
        $shown | Where-Object Length -gt 80 | Should -BeNullOrEmpty
        # And the code is shown as the page has it, indented, not rewrapped.
        foreach ($line in $blocks.Code -split "`n" | Where-Object { $_.Trim() }) {
            $text = $line.TrimEnd()
            @($shown | Where-Object { $_.EndsWith($text) -and -not $_.Substring(0, $_.Length - $text.Length).Trim() }) | Should -Not -BeNullOrEmpty -Because "about_ZertoTasks shows '$text'"
        }
    }

    It 'continues long lines of about_ZertoTasks''s examples without backticks' {
        $blocks = @(Read-PowerShellCodeBlock (Join-Path $Docs 'about_ZertoTasks.md'))
        $blocks.Code -split "`n" | Where-Object { $_ -match '`\s*$' } | Should -BeNullOrEmpty
    }

    It 'lists every ErrorId of the code in about_ZertoTasks' {
        $errorIds = [ZertoTasks.ZvmSession].Assembly.GetType('ZertoTasks.ErrorIds', $true).GetFields('Public, Static') |
            Where-Object IsLiteral | ForEach-Object { $_.GetRawConstantValue() }
        $errorIds | Should -Not -BeNullOrEmpty
        $about = Get-Content (Join-Path $Docs 'about_ZertoTasks.md') -Raw
        foreach ($id in $errorIds) {
            $about | Should -Match "\b$id\b" -Because "ErrorId $id needs an entry"
        }
    }

    It 'lists in about_ZertoTasks OUTPUT OBJECTS exactly the properties of each output type' {
        $types = Read-AboutOutputObject (Join-Path $Docs 'about_ZertoTasks.md')
        @($types.TypeName | Sort-Object) -join ',' | Should -Be 'ZertoTasks.ZvmSession,ZertoTasks.ZvmTask,ZertoTasks.ZvmTaskChange,ZertoTasks.ZvmTaskTypeInfo'
        foreach ($entry in $types) {
            $type = $entry.TypeName -as [type]
            @($entry.Properties | Sort-Object) -join ',' | Should -Be (@($type.GetProperties().Name | Sort-Object) -join ',') -Because $entry.TypeName
        }
    }

    It 'uses only real parameters in the code of <File>' -ForEach @(@{ File = 'docs/en-US/about_ZertoTasks.md' }, @{ File = 'README.md' }) {
        $blocks = @(Read-PowerShellCodeBlock (Join-Path $RepoRoot $File))
        $blocks.Count | Should -BeGreaterThan 0
        foreach ($block in $blocks) {
            Assert-ExampleCode -Code $block.Code -Where "$File line $($block.Line)"
        }
    }
}
