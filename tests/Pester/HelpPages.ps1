# Dot-sourced by Help.Tests.ps1: reads the PlatyPS-schema pages of docs/en-US (independently
# of build/HelpBuilder, so a converter bug cannot hide a page bug) and checks example code
# and the built MAML. Only what the tests compare is read.

# The lines of a markdown file with, for each, the fenced block it is in (if any).
function Split-MarkdownLine([string] $Path) {
    $inFence = $false
    $language = ''
    $number = 0
    foreach ($line in (Get-Content $Path)) {
        $number++
        if ($line -match '^```(\w*)\s*$') {
            if (-not $inFence) { $inFence = $true; $language = $Matches[1]; $fence = 'open' }
            else { $inFence = $false; $fence = 'close' }
        }
        else { $fence = $null }
        [pscustomobject]@{ Text = $line; Number = $number; Fence = $fence; InFence = $inFence -and -not $fence; Language = $language }
    }
}

# The fenced blocks of a run of lines: language, code, first line number.
function Get-FencedBlock($Lines) {
    $blocks = @()
    $current = $null
    foreach ($line in $Lines) {
        if ($line.Fence -eq 'open') { $current = [pscustomobject]@{ Language = $line.Language; Lines = [System.Collections.Generic.List[string]]::new(); Line = $line.Number + 1 } }
        elseif ($line.Fence -eq 'close') { $blocks += [pscustomobject]@{ Language = $current.Language; Code = $current.Lines -join "`n"; Line = $current.Line }; $current = $null }
        elseif ($current) { $current.Lines.Add($line.Text) }
    }
    $blocks
}

# Splits lines at headings of one level ('## ' or '### '), outside code fences.
function Split-MarkdownSection($Lines, [int] $Level) {
    $marker = ('#' * $Level) + ' '
    $sections = [System.Collections.Generic.List[object]]::new()
    $current = $null
    foreach ($line in $Lines) {
        if (-not $line.InFence -and -not $line.Fence -and $line.Text.StartsWith($marker)) {
            $current = [pscustomobject]@{ Title = $line.Text.Substring($marker.Length).Trim(); Lines = [System.Collections.Generic.List[object]]::new() }
            $sections.Add($current)
        }
        elseif ($current) { $current.Lines.Add($line) }
    }
    $sections
}

function Read-FrontMatter($Lines) {
    $values = @{}
    if ($Lines[0].Text -ne '---') { return $values }
    foreach ($line in $Lines | Select-Object -Skip 1) {
        if ($line.Text -eq '---') { break }
        if ($line.Text -match '^([^:]+):\s*(.*)$') { $values[$Matches[1].Trim()] = $Matches[2].Trim() }
    }
    $values
}

# The yaml block of a parameter as PlatyPS writes it: "Key: value" lines.
function Read-ParameterYaml([string] $Code) {
    $values = @{}
    foreach ($line in $Code -split "`n") {
        if ($line -match '^([^:]+):\s*(.*)$') { $values[$Matches[1].Trim()] = $Matches[2].Trim() }
    }
    [pscustomobject]@{
        Type           = $values['Type']
        Sets           = $values['Parameter Sets']
        Aliases        = @(if ($values['Aliases']) { $values['Aliases'] -split ',\s*' })
        AcceptedValues = @(if ($values['Accepted values']) { $values['Accepted values'] -split ',\s*' })
        Required       = $values['Required']
        Position       = $values['Position']
        Default        = $values['Default value']
        Pipeline       = $values['Accept pipeline input']
        Wildcards      = $values['Accept wildcard characters']
    }
}

# The property names of an OUTPUTS or OUTPUT OBJECTS entry: the `Name` words that open its bullets.
function Read-BulletProperty($Lines) {
    foreach ($line in $Lines | Where-Object { -not $_.InFence -and $_.Text -match '^- `' }) {
        $head = ($line.Text -split ':\s', 2)[0]
        [regex]::Matches($head, '`(\w+)`') | ForEach-Object { $_.Groups[1].Value }
    }
}

function Read-CmdletHelpPage([string] $Path) {
    $lines = @(Split-MarkdownLine $Path)
    $title = @(Split-MarkdownSection $lines 1)[0]
    $sections = @{}
    foreach ($section in Split-MarkdownSection $title.Lines 2) { $sections[$section.Title] = $section.Lines }

    $syntax = @(Split-MarkdownSection $sections['SYNTAX'] 3 | ForEach-Object {
            [pscustomobject]@{
                Name      = ($_.Title -replace '\s+\(Default\)$', '')
                IsDefault = $_.Title -match '\(Default\)$'
                Text      = (@(Get-FencedBlock $_.Lines)[0].Code -split "`n" | ForEach-Object Trim) -join ' '
            }
        })
    if ($syntax.Count -eq 0) {
        $syntax = @([pscustomobject]@{ Name = '__AllParameterSets'; IsDefault = $true; Text = (@(Get-FencedBlock $sections['SYNTAX'])[0].Code -split "`n" | ForEach-Object Trim) -join ' ' })
    }

    $parameters = @(Split-MarkdownSection $sections['PARAMETERS'] 3 | Where-Object Title -like '-*' | ForEach-Object {
            $blocks = @(Get-FencedBlock $_.Lines)
            [pscustomobject]@{
                Name        = $_.Title.Substring(1)
                Description = (@($_.Lines | Where-Object { -not $_.InFence -and -not $_.Fence }).Text -join "`n").Trim()
                Yaml        = @($blocks | Where-Object Language -eq 'yaml' | ForEach-Object { Read-ParameterYaml $_.Code })
            }
        })

    $examples = @(Split-MarkdownSection $sections['EXAMPLES'] 3 | ForEach-Object {
            [pscustomobject]@{
                Title = $_.Title
                # Untagged blocks are sample output, not code.
                Code    = @(Get-FencedBlock $_.Lines | Where-Object Language -eq 'powershell' | ForEach-Object Code)
                Samples = @(Get-FencedBlock $_.Lines | Where-Object Language -eq '')
            }
        })

    $outputs = @(Split-MarkdownSection $sections['OUTPUTS'] 3 | ForEach-Object {
            [pscustomobject]@{ TypeName = $_.Title; Properties = @(Read-BulletProperty $_.Lines) }
        })

    [pscustomobject]@{
        FrontMatter = Read-FrontMatter $lines
        Name        = $title.Title
        Syntax      = $syntax
        Parameters  = $parameters
        Examples    = $examples
        Outputs     = $outputs
    }
}

function Read-ModuleHelpPage([string] $Path) {
    $lines = @(Split-MarkdownLine $Path)
    [pscustomobject]@{
        FrontMatter = Read-FrontMatter $lines
        Cmdlets     = @($lines | Where-Object { $_.Text -match '^### \[([\w-]+)\]\(([\w-]+)\.md\)' } | ForEach-Object { $_.Text -replace '^### \[([\w-]+)\].*$', '$1' })
    }
}

# The "### TypeName" entries of about_ZertoTasks's OUTPUT OBJECTS and their bullet properties.
function Read-AboutOutputObject([string] $Path) {
    $lines = @(Split-MarkdownLine $Path)
    $title = @(Split-MarkdownSection $lines 1)[0]
    $section = Split-MarkdownSection $title.Lines 2 | Where-Object Title -eq 'OUTPUT OBJECTS'
    Split-MarkdownSection $section.Lines 3 | ForEach-Object {
        [pscustomobject]@{ TypeName = $_.Title; Properties = @(Read-BulletProperty $_.Lines) }
    }
}

function Read-PowerShellCodeBlock([string] $Path) {
    Get-FencedBlock @(Split-MarkdownLine $Path) | Where-Object Language -eq 'powershell'
}

# "False", or "True (ByPropertyName, ByValue)" as PlatyPS writes pipeline input.
function Get-PipelineInputText($Metadata) {
    $kinds = @()
    if ($Metadata.ValueFromPipelineByPropertyName) { $kinds += 'ByPropertyName' }
    if ($Metadata.ValueFromPipeline) { $kinds += 'ByValue' }
    if ($kinds.Count -eq 0) { 'False' } else { "True ($($kinds -join ', '))" }
}

# What PlatyPS lists as "Accepted values": an enum's names (within its ValidateRange, as Tab
# offers them) or a ValidateSet's values.
function Get-AcceptedValue($Parameter) {
    $type = $Parameter.ParameterType
    if ($type.IsArray) { $type = $type.GetElementType() }
    $set = $Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] }
    if ($set) { return @($set.ValidValues) }
    $range = $Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateRangeAttribute] }
    if ($type.IsEnum) { return @([enum]::GetValues($type) | Where-Object { -not $range -or ($_ -ge $range.MinRange -and $_ -le $range.MaxRange) } | ForEach-Object ToString) }
    @()
}

# How a SYNTAX line writes one parameter:
#   -Name <T>   mandatory, named        [-Name <T>]    optional, named     [-Switch]  optional switch
#   [-Name] <T> mandatory, positional   [[-Name] <T>]  optional, positional
function Get-SyntaxShape([string] $Syntax, [string] $Name) {
    $match = [regex]::Match($Syntax, "(?<pre>\[{0,2})-$([regex]::Escape($Name))(?![\w-])(?<close>\])?(?: <(?<type>[^>]+)>)?")
    if (-not $match.Success) { return $null }
    $pre = $match.Groups['pre'].Value
    $close = $match.Groups['close'].Success
    $typed = $match.Groups['type'].Success
    [pscustomobject]@{
        Mandatory  = $pre -eq '' -or ($pre -eq '[' -and $close -and $typed)
        Positional = $pre -eq '[[' -or ($pre -eq '[' -and $close -and $typed)
        Type       = $match.Groups['type'].Value
        Index      = $match.Index
    }
}

# The names of the commands that code calls (not those that its comments or strings mention).
function Get-CalledCommand([string] $Code) {
    $ast = [System.Management.Automation.Language.Parser]::ParseInput($Code, [ref]$null, [ref]$null)
    $ast.FindAll({ $args[0] -is [System.Management.Automation.Language.CommandAst] }, $true) | ForEach-Object { $_.GetCommandName() -replace '^ZertoTasks\\', '' }
}

# Parses example code and checks every call of an exported cmdlet: each -Parameter is a real
# parameter or alias of it, and the static binder accepts the call (no unknown parameter,
# no ambiguous or conflicting parameter set, no stray positional argument).
function Assert-ExampleCode([string] $Code, [string] $Where) {
    $tokens = $null
    $errors = $null
    $ast = [System.Management.Automation.Language.Parser]::ParseInput($Code, [ref]$tokens, [ref]$errors)
    @($errors).Count | Should -Be 0 -Because "$Where must parse: $($errors | Select-Object -First 1)"
    $exported = (Get-Module ZertoTasks).ExportedCmdlets.Keys
    $calls = $ast.FindAll({ $args[0] -is [System.Management.Automation.Language.CommandAst] }, $true)
    foreach ($call in $calls) {
        $name = $call.GetCommandName() -replace '^ZertoTasks\\', ''
        if ($name -notin $exported) { continue }
        $parameters = (Get-Command $name).Parameters.Values
        $known = @($parameters.Name) + @($parameters.Aliases)
        foreach ($element in $call.CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.CommandParameterAst] }) {
            $element.ParameterName | Should -BeIn $known -Because "$Where calls $name with -$($element.ParameterName)"
        }
        # A splatted hashtable that the example builds: its keys are parameters too, and the call
        # is bound as if they were written out (-Key:$value), since the binder takes @splat for
        # a positional argument.
        $bound = $call
        $text = $call.Extent.Text
        $splats = @($call.CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.VariableExpressionAst] -and $_.Splatted })
        [array]::Reverse($splats)
        foreach ($splat in $splats) {
            $assignments = @($ast.FindAll({
                        $args[0] -is [System.Management.Automation.Language.AssignmentStatementAst] -and
                        $args[0].Left -is [System.Management.Automation.Language.VariableExpressionAst] -and
                        $args[0].Left.VariablePath.UserPath -eq $splat.VariablePath.UserPath
                    }, $true))
            $keys = @(foreach ($assignment in $assignments) {
                    $table = $assignment.Right.Find({ $args[0] -is [System.Management.Automation.Language.HashtableAst] }, $true)
                    $table.KeyValuePairs.Item1.Value
                })
            foreach ($key in $keys) {
                $key | Should -BeIn $known -Because "$Where splats @$($splat.VariablePath.UserPath) into $name with the key $key"
            }
            $start = $splat.Extent.StartOffset - $call.Extent.StartOffset
            $written = @($keys | ForEach-Object { "-$($_):`$splatted" }) -join ' '
            $text = $text.Substring(0, $start) + $written + $text.Substring($start + $splat.Extent.Text.Length)
        }
        if ($splats.Count -gt 0) {
            $bound = [System.Management.Automation.Language.Parser]::ParseInput($text, [ref]$null, [ref]$null).Find({ $args[0] -is [System.Management.Automation.Language.CommandAst] }, $true)
        }
        $binding = [System.Management.Automation.Language.StaticParameterBinder]::BindCommand($bound, $true)
        $problems = @($binding.BindingExceptions.GetEnumerator() | ForEach-Object { "$($_.Key): $($_.Value.BindingException.ErrorId)" })
        $problems -join '; ' | Should -BeNullOrEmpty -Because "$Where calls '$($call.Extent.Text)'"
    }
}

# The MAML structure Get-Help reads, checked by XPath, and each command against its cmdlet.
function Assert-MamlStructure([string] $Path, [string[]] $Exported) {
    $xml = [xml](Get-Content $Path -Raw)
    $ns = [System.Xml.XmlNamespaceManager]::new($xml.NameTable)
    $ns.AddNamespace('msh', 'http://msh')
    $ns.AddNamespace('maml', 'http://schemas.microsoft.com/maml/2004/10')
    $ns.AddNamespace('command', 'http://schemas.microsoft.com/maml/dev/command/2004/10')
    $ns.AddNamespace('dev', 'http://schemas.microsoft.com/maml/dev/2004/10')
    function Get-XmlNode([System.Xml.XmlNode] $Node, [string] $XPath) { @($Node.SelectNodes($XPath, $ns)) }
    function Get-XmlText([System.Xml.XmlNode] $Node, [string] $XPath) { (Get-XmlNode $Node $XPath | ForEach-Object InnerText) -join "`n" }

    $root = $xml.SelectSingleNode('/msh:helpItems[@schema="maml"]', $ns)
    $root | Should -Not -BeNullOrEmpty -Because 'the root is msh:helpItems schema="maml"'
    $commands = Get-XmlNode $root 'command:command'
    @($commands | ForEach-Object { Get-XmlText $_ 'command:details/command:name' } | Sort-Object) -join ',' | Should -Be ($Exported -join ',')

    foreach ($node in $commands) {
        $name = Get-XmlText $node 'command:details/command:name'
        $cmdlet = Get-Command $name
        $own = @($cmdlet.Parameters.Values | Where-Object Name -notin $CommonParameters)
        "$(Get-XmlText $node 'command:details/command:verb')-$(Get-XmlText $node 'command:details/command:noun')" | Should -Be $name
        (Get-XmlText $node 'command:details/maml:description/maml:para').Trim() | Should -Not -BeNullOrEmpty -Because "$name synopsis"
        (Get-XmlText $node 'maml:description/maml:para').Trim() | Should -Not -BeNullOrEmpty -Because "$name description"

        $items = Get-XmlNode $node 'command:syntax/command:syntaxItem'
        $items.Count | Should -Be @($cmdlet.ParameterSets).Count -Because "$name has one syntaxItem per parameter set"
        $shown = foreach ($item in $items) {
            Get-XmlText $item 'maml:name' | Should -Be $name
            foreach ($parameter in Get-XmlNode $item 'command:parameter') {
                $parameter.required | Should -BeIn 'true', 'false'
                $parameter.position | Should -Match '^(named|\d+)$'
                (Get-XmlText $parameter 'maml:name') | Should -Not -BeNullOrEmpty
            }
            (@(Get-XmlNode $item 'command:parameter/maml:name' | ForEach-Object InnerText | Where-Object { $_ -notin $CommonParameters } | Sort-Object) -join ',')
        }
        $sets = foreach ($set in $cmdlet.ParameterSets) { @($set.Parameters.Name | Where-Object { $_ -notin $CommonParameters } | Sort-Object) -join ',' }
        @($shown | Sort-Object) -join ' | ' | Should -Be (@($sets | Sort-Object) -join ' | ') -Because "$name syntax items show its parameter sets"

        # -WhatIf and -Confirm are in the MAML, as PlatyPS writes them; the other common parameters are not.
        $parameters = Get-XmlNode $node 'command:parameters/command:parameter' | Where-Object { (Get-XmlText $_ 'maml:name') -notin $CommonParameters }
        @($parameters | ForEach-Object { Get-XmlText $_ 'maml:name' } | Sort-Object) -join ',' | Should -Be (@($own.Name | Sort-Object) -join ',')
        foreach ($parameter in $parameters) {
            $pname = Get-XmlText $parameter 'maml:name'
            foreach ($attribute in 'required', 'position', 'pipelineInput', 'globbing', 'aliases', 'variableLength') {
                $parameter.GetAttribute($attribute) | Should -Not -BeNullOrEmpty -Because "$name -$pname has @$attribute"
            }
            $mandatory = @(($own | Where-Object Name -eq $pname).Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.Mandatory }).Count -gt 0
            $parameter.required | Should -Be ([string]$mandatory).ToLowerInvariant() -Because "$name -$pname @required"
            (Get-XmlText $parameter 'maml:description/maml:para').Trim() | Should -Not -BeNullOrEmpty -Because "$name -$pname description"
            (Get-XmlText $parameter 'dev:type/maml:name') | Should -Not -BeNullOrEmpty -Because "$name -$pname type"
            Get-XmlNode $parameter 'command:parameterValue' | Should -Not -BeNullOrEmpty -Because "$name -$pname parameterValue"
        }

        Get-XmlNode $node 'command:inputTypes/command:inputType/dev:type/maml:name' | Should -Not -BeNullOrEmpty -Because "$name inputTypes"
        Get-XmlNode $node 'command:returnValues/command:returnValue/dev:type/maml:name' | Should -Not -BeNullOrEmpty -Because "$name returnValues"
        $examples = Get-XmlNode $node 'command:examples/command:example'
        $examples.Count | Should -BeGreaterOrEqual 3 -Because "$name examples"
        foreach ($example in $examples) {
            (Get-XmlText $example 'maml:title') | Should -Not -BeNullOrEmpty
            (Get-XmlText $example 'dev:code').Trim() | Should -Not -BeNullOrEmpty -Because "$name example code"
            Get-XmlNode $example 'dev:remarks/maml:para' | Should -Not -BeNullOrEmpty -Because "$name example remarks"
        }
        Get-XmlNode $node 'command:relatedLinks/maml:navigationLink/maml:linkText' | Should -Not -BeNullOrEmpty -Because "$name related links"
    }
}
