# Dot-sourced by HelpSamples.Tests.ps1: reads the sample output of the examples in docs/en-US
# and prints it again through the module's own views, so that a sample which no longer matches
# what the cmdlets print fails. A sample's values are the page's (zvm01.corp.example, not the
# simulator's 127.0.0.1); its layout - columns, their labels, widths, order and wrapping - must
# be the view's. So each row becomes a real object of the type the example writes, with the
# properties that the view's columns read set to the row's values, and that object goes through
# Format-Table or Format-List as the example's cmdlet would send it.

# The width the samples are printed at: what a console 80 columns wide prints, since
# PowerShell leaves the last column of a console unused (Out-String -Width 79). The views are
# designed for that width; Get-Help indents a sample by four more columns.
$script:SampleWidth = 79

# A dash line under a table header: runs of '-' separated by spaces.
$script:DashLine = '^\s*-+( +-+)*\s*$'

function Get-SampleKind([string[]] $Lines) {
    $text = @($Lines | Where-Object { $_.Trim() })
    if ($text.Count -eq 0) { return 'Empty' }
    if ($text[0] -like 'What if: *') { return 'WhatIf' }
    if (@($Lines | Where-Object { $_ -match $DashLine }).Count -gt 0) { return 'Table' }
    if (@($text | Where-Object { $_ -notmatch '^\S[^:]*? +: ' -and $_ -notmatch '^\S+ +:$' }).Count -eq 0) { return 'List' }
    # A value or two (True, a count): the output of running the example.
    'Value'
}

# The command whose output a sample shows: the last command of the example's last pipeline.
function Get-SampleProducer([string] $Code) {
    $ast = [System.Management.Automation.Language.Parser]::ParseInput($Code, [ref]$null, [ref]$null)
    $last = @($ast.EndBlock.Statements)[-1]
    if ($last -isnot [System.Management.Automation.Language.PipelineAst]) { return $null }
    $command = $last.PipelineElements[-1]
    if ($command -isnot [System.Management.Automation.Language.CommandAst]) { return $null }
    [pscustomobject]@{
        Name       = $command.GetCommandName() -replace '^ZertoTasks\\', ''
        Ast        = $command
        # Format-List Server, Kind: the properties it names.
        Properties = @($command.CommandElements | Select-Object -Skip 1 | Where-Object {
                $_ -isnot [System.Management.Automation.Language.CommandParameterAst] } | ForEach-Object {
                if ($_ -is [System.Management.Automation.Language.ArrayLiteralAst]) { $_.Elements.Value } else { $_.Value } })
    }
}

# The module's output types that the example's cmdlets write.
function Get-ExampleOutputType([string] $Code) {
    $exported = (Get-Module ZertoTasks).ExportedCmdlets.Keys
    $names = Get-CalledCommand $Code | Where-Object { $_ -in $exported } | Select-Object -Unique
    foreach ($name in $names) { (Get-Command $name).OutputType.Type }
}

# The table view of a type: its columns as Get-FormatData reports them.
function Get-TableView([type] $Type) {
    $data = Get-FormatData -TypeName $Type.FullName -PowerShellVersion $PSVersionTable.PSVersion
    $view = $data.FormatViewDefinition | Where-Object { $_.Control -is [System.Management.Automation.TableControl] } | Select-Object -First 1
    if (-not $view) { return $null }
    $columns = for ($i = 0; $i -lt $view.Control.Headers.Count; $i++) {
        $entry = $view.Control.Rows[0].Columns[$i].DisplayEntry
        $header = $view.Control.Headers[$i]
        $label = if ($header.Label) { $header.Label } else { $entry.Value }
        [pscustomobject]@{
            Label      = $label
            Properties = @(if ($entry.ValueType -eq 'Property') { $entry.Value } else { Get-ScriptBlockProperty $entry.Value })
            Script     = if ($entry.ValueType -eq 'ScriptBlock') { [scriptblock]::Create($entry.Value) } else { $null }
        }
    }
    $group = $view.Control.GroupBy.Expression
    [pscustomobject]@{
        Columns = @($columns)
        GroupBy = if ($group -and $group.ValueType -eq 'Property') { $group.Value } else { $null }
    }
}

# The properties of $_ that a column's script block reads ($_.Started, $PSItem.Vpgs).
function Get-ScriptBlockProperty([string] $Script) {
    $ast = [System.Management.Automation.Language.Parser]::ParseInput($Script, [ref]$null, [ref]$null)
    $ast.FindAll({
            $args[0] -is [System.Management.Automation.Language.MemberExpressionAst] -and
            $args[0].Expression -is [System.Management.Automation.Language.VariableExpressionAst] -and
            $args[0].Expression.VariablePath.UserPath -in '_', 'PSItem' -and
            $args[0].Member -is [System.Management.Automation.Language.StringConstantExpressionAst]
        }, $true) | ForEach-Object { $_.Member.Value } | Select-Object -Unique
}

# Splits a table sample into its groups ("   ZVM: x" lines, as PowerShell writes a GroupBy),
# each with its header lines, the columns of its dash line and the lines of its rows.
function Read-SampleTable([string[]] $Lines) {
    $groups = [System.Collections.Generic.List[object]]::new()
    $current = $null
    $pending = [System.Collections.Generic.List[string]]::new()
    foreach ($line in $Lines) {
        $isGroup = $line -match '^ {3}(\w+): (\S.*)$'
        if (-not $current -or ($isGroup -and ($current.Columns -or -not $current.GroupLabel))) {
            $current = [pscustomobject]@{
                GroupLabel = if ($isGroup) { $Matches[1] } else { $null }
                GroupValue = if ($isGroup) { $Matches[2].Trim() } else { $null }
                Header     = @()
                Columns    = $null
                Body       = [System.Collections.Generic.List[string]]::new()
            }
            $groups.Add($current)
            $pending.Clear()
            if ($isGroup) { continue }
        }
        if (-not $current.Columns) {
            if ($line -match $DashLine) {
                $current.Header = @($pending | Where-Object { $_.Trim() })
                $current.Columns = @([regex]::Matches($line, '-+') | ForEach-Object { [pscustomobject]@{ Start = $_.Index; Dashes = $_.Length } })
            }
            else { $pending.Add($line) }
            continue
        }
        if ($line.Trim()) { $current.Body.Add($line) }
    }
    $groups
}

# One row of a table from its lines: the cell of each column on each line, blank ones left out.
function New-SampleRow([string[]] $Lines, $Columns) {
    $pieces = @(foreach ($column in $Columns) { , [System.Collections.Generic.List[string]]::new() })
    foreach ($line in $Lines) {
        $cells = @(Split-SampleLine $line $Columns)
        for ($i = 0; $i -lt $cells.Count; $i++) { if ($cells[$i].Trim()) { $pieces[$i].Add($cells[$i]) } }
    }
    [pscustomobject]@{ Pieces = $pieces; Lines = @($Lines | ForEach-Object TrimEnd) }
}

# The cells of one table line, cut at the columns of the dash line; trailing blanks removed,
# leading ones kept (PowerShell's own wrap starts a piece with the space it cut at).
function Split-SampleLine([string] $Line, $Columns) {
    for ($i = 0; $i -lt $Columns.Count; $i++) {
        $start = $Columns[$i].Start
        $end = if ($i -lt $Columns.Count - 1) { $Columns[$i + 1].Start } else { [math]::Max($Line.Length, $start) }
        if ($start -ge $Line.Length) { ''; continue }
        $Line.Substring($start, [math]::Min($end, $Line.Length) - $start).TrimEnd()
    }
}

# The whole text of a wrapped cell, in the ways it may have been cut: by PowerShell, which cuts a
# full line anywhere and a shorter one at a space, at spaces only, (a name split where a word of
# it starts) with nothing between the pieces, or at line breaks of the value itself.
function Get-CellJoin($Pieces, [int] $Width) {
    if ($Pieces.Count -le 1) { return , @(@($Pieces) -join '') }
    $byWidth = $Pieces[0]
    for ($i = 1; $i -lt $Pieces.Count; $i++) {
        $byWidth += if ($Pieces[$i - 1].Length -ge $Width) { $Pieces[$i] } else { ' ' + $Pieces[$i].TrimStart() }
    }
    @($byWidth, (@($Pieces | ForEach-Object Trim) -join ' '), (@($Pieces | ForEach-Object Trim) -join ''), (@($Pieces | ForEach-Object TrimEnd) -join "`n")) | Select-Object -Unique
}

# The values of a property of $Type that a cell's text may stand for, most likely first.
function Get-CellValueCandidate([type] $Type, [string] $Property, [string] $Text) {
    $propertyType = $Type.GetProperty($Property).PropertyType
    $underlying = [Nullable]::GetUnderlyingType($propertyType)
    $target = if ($underlying) { $underlying } else { $propertyType }
    $invariant = [cultureinfo]::InvariantCulture
    if ($target -eq [string]) { $Text; return }
    if ($target.FullName -eq 'ZertoTasks.ZvmEntityList') { New-EntityList $target $Text; return }
    if ($target.FullName -eq 'ZertoTasks.ZvmEntity') { New-Entity $target $Text.Trim(); return }
    if ($target -eq [bool]) { $true; $false; return }
    $parsed = try {
        if ($target -eq [datetime]) { [datetime]::Parse($Text, $invariant) }
        elseif ($target -eq [timespan]) { [timespan]::Parse($Text, $invariant) }
        elseif ($target.IsEnum) { [enum]::Parse($target, $Text.Trim(), $true) }
        elseif ($target -in [int], [long], [double]) { [System.Management.Automation.LanguagePrimitives]::ConvertTo($Text.Trim(), $target, $invariant) }
    }
    catch { $null }
    if ($null -ne $parsed) { $parsed }
    if ($underlying -or -not $propertyType.IsValueType) { $null }
}

function New-Entity([type] $EntityType, [string] $Name) {
    $constructor = $EntityType.GetConstructor([System.Reflection.BindingFlags]'NonPublic, Instance', $null, [type[]]@([string], [string]), $null)
    $isIdentifier = $Name -match '^[0-9a-f]{8}-[0-9a-f]{4}-'
    if ($isIdentifier) { $constructor.Invoke(@($Name, $null)) } else { $constructor.Invoke(@([guid]::NewGuid().ToString(), $Name)) }
}

function New-EntityList([type] $ListType, [string] $Text) {
    $items = @($Text -split ';\s*' | ForEach-Object Trim | Where-Object { $_ })
    $identifiers = [string[]]@($items | ForEach-Object { if ($_ -match '^[0-9a-f]{8}-[0-9a-f]{4}-') { $_ } else { [guid]::NewGuid().ToString() } })
    $names = [string[]]@($items | ForEach-Object { if ($_ -match '^[0-9a-f]{8}-[0-9a-f]{4}-') { $null } else { $_ } })
    $constructor = $ListType.GetConstructor([System.Reflection.BindingFlags]'NonPublic, Instance', $null, [type[]]@([string[]], [string[]]), $null)
    , $constructor.Invoke(@(, $identifiers + , $names))
}

# A copy of a real object of the type with some properties set: note properties that hide the
# real ones from the views' property reads and script blocks.
function New-ShadowedObject($Template, [hashtable] $Values) {
    $clone = [object].GetMethod('MemberwiseClone', [System.Reflection.BindingFlags]'NonPublic, Instance').Invoke($Template, $null)
    $shadow = [psobject]::AsPSObject($clone)
    foreach ($name in $Values.Keys) { $shadow | Add-Member -NotePropertyName $name -NotePropertyValue $Values[$name] -Force }
    $shadow
}

# What a column shows for an object: its script block's text, or its property as text.
function Get-ColumnText($Column, $Object) {
    # A value that the script block cannot take (a method called on $null) shows nothing, as in a table.
    if ($Column.Script) { "$(@(try { $Object | ForEach-Object -Process $Column.Script -ErrorAction Ignore } catch { }) -join "`n")" }
    else { "$($Object.($Column.Properties[0]))" }
}

# The ways to share the lines of a cell among the properties a column shows (a view may stack
# two values in a cell, as "Started, State" does): each property a run of lines, in order.
function Get-LineSplit([int] $Count, [int] $Parts) {
    if ($Parts -eq 1) { , @(, @(0, $Count)); return }
    for ($take = 0; $take -le $Count; $take++) {
        foreach ($rest in Get-LineSplit ($Count - $take) ($Parts - 1)) {
            , (@(, @(0, $take)) + @($rest | ForEach-Object { , @(($_[0] + $take), $_[1]) }))
        }
    }
}

# A cell's text as PowerShell's own wrap cuts it in the invariant culture: each line into pieces
# of the column's width, wherever that falls.
function Split-CellLine([string] $Text, [int] $Width) {
    foreach ($line in $Text -split "`n") {
        if ($line.Length -le $Width -or $Width -lt 1) { $line.TrimEnd(); continue }
        for ($at = 0; $at -lt $line.Length; $at += $Width) { $line.Substring($at, [math]::Min($Width, $line.Length - $at)).TrimEnd() }
    }
}

# The values of the properties a column reads that make it show the cell's lines: exactly, line
# for line, if any do; else with the same text but other breaks (PowerShell wrapped the cell).
function Get-ColumnValue($Column, [type] $Type, $Template, $Pieces, [int] $JoinChoice, [int] $Width) {
    $properties = @($Column.Properties | Where-Object { $Type.GetProperty($_) })
    if ($properties.Count -eq 0) { return @{} }
    $lines = @($Pieces | ForEach-Object TrimEnd) -join "`n"
    $loose = $null
    foreach ($split in Get-LineSplit $Pieces.Count $properties.Count) {
        # Candidate values for each property from its run of lines, then every combination.
        $choices = @(for ($p = 0; $p -lt $properties.Count; $p++) {
            $run = @(if ($split[$p][1] -gt 0) { $Pieces[$split[$p][0]..($split[$p][0] + $split[$p][1] - 1)] })
            $joins = @(Get-CellJoin $run $Width)
            $text = $joins[[math]::Min($JoinChoice, $joins.Count - 1)]
            , @(Get-CellValueCandidate $Type $properties[$p] $text)
        })
        $pick = [int[]]::new($properties.Count)
        while ($true) {
            $values = @{}
            for ($p = 0; $p -lt $properties.Count; $p++) { $values[$properties[$p]] = if ($choices[$p].Count) { $choices[$p][$pick[$p]] } else { $null } }
            $shown = Get-ColumnText $Column (New-ShadowedObject $Template $values)
            if ((@($shown -split "`n" | ForEach-Object TrimEnd) -join "`n") -ceq $lines) { return $values }
            if ((@(Split-CellLine $shown $Width) -join "`n") -ceq $lines) { return $values }
            if (-not $loose -and ($shown -replace '\s', '') -ceq ($lines -replace '\s', '')) { $loose = $values }
            $p = 0
            while ($p -lt $properties.Count -and ++$pick[$p] -ge [math]::Max(1, $choices[$p].Count)) { $pick[$p] = 0; $p++ }
            if ($p -ge $properties.Count) { break }
        }
    }
    if ($loose) { return $loose }
    # Nothing fits: the cell's text as it stands, so that the printed table shows the difference.
    @{ $properties[0] = (@(Get-CellJoin $Pieces $Width)[0]) }
}

# The values for one row: for each view column that the sample shows, the values of the
# properties the column reads. A column the sample lacks keeps the real object's values, so
# that the printed table shows the column the sample is missing.
function Get-RowValue($Row, $Group, $Sample, $View, [type] $Type, $Template, [int[]] $JoinChoice) {
    $values = @{}
    if ($View.GroupBy -and $Group.GroupValue) { $values[$View.GroupBy] = $Group.GroupValue }
    for ($i = 0; $i -lt $Sample.Columns.Count; $i++) {
        $column = $Sample.Columns[$i].ViewColumn
        if (-not $column) { continue }
        $found = Get-ColumnValue $column $Type $Template $Row.Pieces[$i] $JoinChoice[$i] $Sample.Columns[$i].Width
        foreach ($name in $found.Keys) { $values[$name] = $found[$name] }
    }
    $values
}

# The lines that Format-Table (or Format-List) prints for objects at the sample width, in the
# invariant culture: PowerShell wraps a cell at spaces under a few UI cultures and anywhere under
# the others, and the samples are what CI's invariant culture prints.
function Format-SampleLine([object[]] $Objects, [string] $Command = 'Format-Table', [string[]] $Property, [switch] $Wrap) {
    $parameters = @{}
    if ($Property) { $parameters.Property = $Property }
    if ($Wrap) { $parameters.Wrap = $true }
    $thread = [System.Threading.Thread]::CurrentThread
    $culture, $uiCulture = $thread.CurrentCulture, $thread.CurrentUICulture
    try {
        $thread.CurrentCulture = $thread.CurrentUICulture = [cultureinfo]::InvariantCulture
        # Without a command: the objects as PowerShell's default formatting prints them.
        $formatted = if ($Command) { $Objects | & $Command @parameters } else { $Objects }
        $text = $formatted | Out-String -Width $SampleWidth
    }
    finally {
        $thread.CurrentCulture, $thread.CurrentUICulture = $culture, $uiCulture
    }
    Get-TrimmedLine ($text -split '\r?\n')
}

# Lines without trailing blanks, and without blank lines at either end.
function Get-TrimmedLine([string[]] $Lines) {
    $lines = @($Lines | ForEach-Object { $_.TrimEnd() })
    $first = 0
    while ($first -lt $lines.Count -and -not $lines[$first]) { $first++ }
    $last = $lines.Count - 1
    while ($last -ge $first -and -not $lines[$last]) { $last-- }
    if ($last -lt $first) { return @() }
    $lines[$first..$last]
}

# The object whose row the view prints as $Row has it, or the closest try. A cell that
# PowerShell wrapped may have been cut at a space or anywhere: the ways to join each cell are
# tried in turn. $Exact says whether the row printed as the sample has it.
function Find-RowObject($Row, $Group, $Sample, $View, [type] $Type, $Template) {
    $ways = @(for ($i = 0; $i -lt $Sample.Columns.Count; $i++) { @(Get-CellJoin $Row.Pieces[$i] $Sample.Columns[$i].Width).Count })
    $choice = [int[]]::new($ways.Count)
    $first = $null
    for ($tries = 0; $tries -lt 27; $tries++) {
        $object = New-ShadowedObject $Template (Get-RowValue $Row $Group $Sample $View $Type $Template $choice)
        if (-not $first) { $first = $object }
        $printed = @(Format-SampleLine @($object))
        $dash = 0
        while ($dash -lt $printed.Count -and $printed[$dash] -notmatch $DashLine) { $dash++ }
        $rowLines = @($printed | Select-Object -Skip ($dash + 1))
        if (($rowLines -join "`n") -ceq ($Row.Lines -join "`n")) { return [pscustomobject]@{ Object = $object; Exact = $true } }
        # The next combination, as an odometer turns.
        $i = 0
        while ($i -lt $ways.Count -and ++$choice[$i] -ge $ways[$i]) { $choice[$i] = 0; $i++ }
        if ($i -ge $ways.Count) { break }
    }
    [pscustomobject]@{ Object = $first; Exact = $false }
}

# The table as the module's view prints the sample's rows: one shadowed real object per row.
# Where a row ends is found by printing: a row is one or more lines that start a value in the
# first column (a view may stack values there), with the lines under them whose first column is
# blank (wrapped cells), as many as print as the sample has them - the fewest, or the most, of
# up to three such starts, whichever gives the sample back. The test's promise is so: the view
# prints exactly this text for some objects of the type.
function Format-SampleTable([string[]] $Lines, [type] $Type, $Template) {
    $view = Get-TableView $Type
    $groups = @(Read-SampleTable $Lines)
    $expected = (Get-TrimmedLine $Lines) -join "`n"
    $first = $null
    foreach ($longest in $false, $true) {
        $objects = foreach ($group in $groups) {
            $body = @($group.Body)
            # Map the sample's columns to the view's by label; widths for the join of wrapped cells.
            $columns = for ($i = 0; $i -lt $group.Columns.Count; $i++) {
                $start = $group.Columns[$i].Start
                $end = if ($i -lt $group.Columns.Count - 1) { $group.Columns[$i + 1].Start - 1 } else { $null }
                $label = (@($group.Header | ForEach-Object { if ($_.Length -gt $start) { $s = $_.Substring($start); if ($null -ne $end -and $s.Length -gt $end - $start) { $s.Substring(0, $end - $start) } else { $s } } }) -join '').Trim()
                $width = if ($null -ne $end) { $end - $start } else { [math]::Max(1, (@($body | ForEach-Object { @(Split-SampleLine $_ $group.Columns)[$i].Length }) + 0 | Measure-Object -Maximum).Maximum) }
                [pscustomobject]@{ Label = $label; Width = $width; ViewColumn = $view.Columns | Where-Object Label -eq $label | Select-Object -First 1 }
            }
            $sample = [pscustomobject]@{ Columns = @($columns) }
            $starts = @(for ($j = 0; $j -lt $body.Count; $j++) { if (@(Split-SampleLine $body[$j] $group.Columns)[0].Trim()) { $j } }) + $body.Count
            $i = 0
            while ($i -lt $body.Count) {
                $ends = @($starts | Where-Object { $_ -gt $i } | Select-Object -First 3)
                if ($longest) { [array]::Reverse($ends) }
                $found = $null
                foreach ($end in $ends) {
                    $try = Find-RowObject (New-SampleRow $body[$i..($end - 1)] $group.Columns) $group $sample $view $Type $Template
                    if (-not $found) { $found = [pscustomobject]@{ Object = $try.Object; End = $end } }
                    if ($try.Exact) { $found = [pscustomobject]@{ Object = $try.Object; End = $end }; break }
                }
                $found.Object
                $i = $found.End
            }
        }
        $printed = @(Format-SampleLine @($objects))
        if (($printed -join "`n") -ceq $expected) { return $printed }
        if (-not $first) { $first = $printed }
    }
    $first
}

# A Format-List sample printed again: one shadowed real object per record, the sample's
# properties in its order.
function Format-SampleList([string[]] $Lines, [type] $Type, $Template, [string[]] $Property) {
    $records = [System.Collections.Generic.List[hashtable]]::new()
    $current = $null
    foreach ($line in $Lines) {
        if (-not $line.Trim()) { $current = $null; continue }
        if ($line -match '^(\S[^:]*?) +: ?(.*)$') {
            if (-not $current) { $current = @{}; $records.Add($current) }
            $name = $Matches[1]
            $text = $Matches[2]
            if ($Type.GetProperty($name)) {
                $current[$name] = @(Get-CellValueCandidate $Type $name $text | Where-Object { "$_" -eq $text } | Select-Object -First 1)[0]
                if ($null -eq $current[$name] -and $text) { $current[$name] = $text }
            }
            else { $current[$name] = $text }
        }
    }
    $objects = foreach ($record in $records) { New-ShadowedObject $Template $record }
    Format-SampleLine @($objects) -Command Format-List -Property $Property
}

# A table of the example's own objects (Select-Object, Format-Table of chosen properties)
# printed again by PowerShell: one object per row with the header's labels as properties, a
# number as a number, "{a, b}" as a list, a cell of several lines as a value of several lines. Wrapped cells are joined in each way they may have
# been cut; the first that prints the sample again is kept.
function Format-SampleCustomTable([string[]] $Lines, [switch] $Wrap) {
    $groups = @(Read-SampleTable $Lines)
    $group = $groups[0]
    # PowerShell's own layout stacks nothing: a row is a line and the lines under it whose first
    # column is blank.
    $body = @($group.Body)
    $starts = @(for ($j = 0; $j -lt $body.Count; $j++) { if (@(Split-SampleLine $body[$j] $group.Columns)[0].Trim()) { $j } }) + $body.Count
    $rows = @(for ($k = 0; $k -lt $starts.Count - 1; $k++) { New-SampleRow $body[$starts[$k]..($starts[$k + 1] - 1)] $group.Columns })
    $labels = @($group.Header[0] -split '\s+' | Where-Object { $_ })
    $widths = for ($i = 0; $i -lt $group.Columns.Count; $i++) {
        if ($i -lt $group.Columns.Count - 1) { $group.Columns[$i + 1].Start - $group.Columns[$i].Start - 1 }
        else { (@($rows | ForEach-Object { $_.Pieces[$i] } | ForEach-Object { $_.Length }) + 1 | Measure-Object -Maximum).Maximum }
    }
    $printed = $null
    foreach ($choice in 0..3) {
        $objects = foreach ($row in $rows) {
            $properties = [ordered]@{}
            for ($i = 0; $i -lt $labels.Count; $i++) {
                $joins = @(Get-CellJoin $row.Pieces[$i] $widths[$i])
                $text = $joins[[math]::Min($choice, $joins.Count - 1)].Trim()
                $properties[$labels[$i]] = if ($text -match '^\d+$') { [int]$text }
                elseif ($text -match '^\{(.*)\}$') { , [object[]]@($Matches[1] -split ',\s*') }
                else { $text }
            }
            [pscustomobject]$properties
        }
        $printed = @(Format-SampleLine @($objects) -Property $labels -Wrap:$Wrap)
        if (($printed -join "`n") -ceq ((Get-TrimmedLine $Lines) -join "`n")) { break }
    }
    $printed
}

# An example's code made to run against a simulator: its ZVM host names ('zvm01.corp.example',
# with or without a port) become the simulator's URL, and $credential the simulator's user.
function Invoke-SampleExample([string] $Code, $Simulator) {
    $interactive = @(Get-CalledCommand $Code | Where-Object { $_ -in 'Get-Credential', 'Read-Host', 'Get-AutomationPSCredential', 'Import-Clixml' })
    if ($interactive) { throw "the example calls $($interactive -join ', '), which a test cannot run" }
    $runnable = $Code -replace "'[\w-]+(\.[\w-]+)*\.example(:\d+)?'", "'$($Simulator.Url)'"
    $credential = $Simulator.Credential
    $output = & ([scriptblock]::Create($runnable))
    Format-SampleLine @($output) -Command ''
}
