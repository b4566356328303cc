# The default tables at the widths people use: 80 (an ssh session), 120 (Windows Terminal's and
# the console's default) and 200, in the invariant culture, where PowerShell's own wrap cuts
# words anywhere. The tables are read back into cells by the positions of their header's dashes,
# so each check names what a reader would see: a whole state, a type broken only where a word of
# it starts, a reason's words whole, the VPG names.
BeforeAll {
    . $PSScriptRoot/common.ps1

    # The recordings, and tasks with the longest types, a long reason and a task waiting for input.
    $recorded = @(Get-RecordedTask 'windows-tasks.json')
    $template = $recorded | Where-Object { $_.Status.State -eq 4 } | Select-Object -First 1
    $extra = @(
        @{ Type = 'UpdateProtectionGroup'; State = 4; Vpgs = '8f672747-a6fe-410d-8e07-5f7c06920149', 'ac9a8182-bc2d-417a-b544-1f30ba459473'
            Reason = "Failed to update VPG 'Finance-SQL': the journal datastore ds-replica-02 does not have enough free space for the new journal size limit." }
        @{ Type = 'ChangeVraPasswordIpSettings'; State = 6; Vpgs = @(); Reason = '' }
        @{ Type = 'MoveProtectionGroupToManualOperationNeeded'; State = 2; Vpgs = @('f147e485-0505-4255-aa6e-ec68105ba8e8'); Reason = '' }
        @{ Type = 'ChangeRecoveryHostForProtectionGroup'; State = 4; Vpgs = '4595f084-dd6b-4db5-997f-9a0866af0c6f', 'cccbb357-4bd9-43e7-9745-aabdbaff9b8f'
            Reason = 'Host esx07.dr.corp.example cannot be selected as the recovery host: it is not connected to the datastore https://vcenter-dr.corp.example/datastores/ds-replica-02.' }
    )
    $made = for ($i = 0; $i -lt $extra.Count; $i++) {
        $task = $template | ConvertTo-Json -Depth 10 | ConvertFrom-Json
        $id = 'c4118a62-8e73-4702-b84f-4939398da2{0:d2}.84d42b03-a389-4279-a3bb-f985a669c647' -f $i
        $task.TaskIdentifier = $id
        $task.Link.identifier = $id
        $task.Type = $extra[$i].Type
        $task.Status.State = $extra[$i].State
        $task.CompleteReason = $extra[$i].Reason
        if ($extra[$i].State -eq 2) { $task.Completed = $null }
        $task.RelatedEntities.Vpgs = @($extra[$i].Vpgs | ForEach-Object { @{ href = "https://192.0.2.10:9669/v1/vpgs/$_"; identifier = $_; rel = $null; type = 'VpgApi' } })
        $task
    }
    $dataFile = Join-Path ([IO.Path]::GetTempPath()) "zvm-tables-$PID.json"
    ConvertTo-Json -InputObject (@($made) + $recorded) -Depth 10 | Set-Content $dataFile
    $windows = Start-ZvmSimulator -Kind Windows -DataFile $dataFile
    $session = Connect-ZvmSession -Server $windows.Url -Credential $windows.Credential
    $tasks = @(Get-ZvmTask -Session $session)
    $bare = @(Get-ZvmTask -Session $session -SkipNameLookup)

    $savedCulture = [cultureinfo]::CurrentCulture
    [cultureinfo]::CurrentCulture = [cultureinfo]::InvariantCulture

    # A table's text as its header labels and rows; a row is one cell per column, each the list
    # of its non-empty lines. A row starts where the first column holds a date.
    function ConvertFrom-Table([string] $Text) {
        $lines = @($Text -split '\r?\n')
        $h = 0
        while ($h -lt $lines.Count - 1 -and -not ($lines[$h].Trim() -and $lines[$h + 1] -match '^-[- ]*$')) { $h++ }
        $starts = @([regex]::Matches($lines[$h + 1], '-+') | ForEach-Object Index)
        $cut = {
            param([string] $line, [int] $column)
            $from = $starts[$column]
            $to = if ($column -lt $starts.Count - 1) { $starts[$column + 1] } else { [int]::MaxValue }
            if ($line.Length -le $from) { return '' }
            $line.Substring($from, [math]::Min($to, $line.Length) - $from).Trim()
        }
        $labels = @(for ($c = 0; $c -lt $starts.Count; $c++) { & $cut $lines[$h] $c })
        $rows = [Collections.Generic.List[object]]::new()
        foreach ($line in $lines[($h + 2)..($lines.Count - 1)]) {
            if (-not $line.Trim() -or $line -match '^\s+ZVM: ') { continue }
            $cells = @(for ($c = 0; $c -lt $starts.Count; $c++) { & $cut $line $c })
            if ($cells[0] -match '^\d{4}-\d\d-\d\d \d\d:\d\d$') {
                $rows.Add(@(for ($c = 0; $c -lt $starts.Count; $c++) { , [Collections.Generic.List[string]]::new() }))
            }
            for ($c = 0; $c -lt $starts.Count; $c++) { if ($cells[$c]) { $rows[-1][$c].Add($cells[$c]) } }
        }
        [pscustomobject]@{ Lines = $lines; HeaderIndex = $h; Labels = $labels; Starts = $starts; Rows = $rows }
    }

    # The lines of a row's column whose label names $Name ('State', 'Type', 'Vpgs', 'Reason').
    function Get-Cell($Table, $Row, [string] $Name) {
        $column = [array]::FindIndex([string[]]$Table.Labels, [Predicate[string]] { param($l) $l -match "\b$Name\b" })
        if ($column -lt 0) { throw "no column is labelled $Name" }
        , @($Row[$column])
    }

    # A cell that holds a value and more (Type over Vpgs): the first lines that make up $Value.
    function Split-Leading([string[]] $Lines, [string] $Value) {
        for ($k = 1; $k -le $Lines.Count; $k++) {
            if ((-join $Lines[0..($k - 1)]) -eq $Value) { return [pscustomobject]@{ Value = @($Lines[0..($k - 1)]); Rest = @($Lines | Select-Object -Skip $k) } }
        }
        throw "'$Value' is not at the start of '$($Lines -join '|')'"
    }

    $widths = 80, 120, 200
    $rendered = @{}
    $renderedBare = @{}
    foreach ($width in $widths) {
        $rendered[$width] = ConvertFrom-Table ($tasks | Out-String -Width $width)
        $renderedBare[$width] = ConvertFrom-Table ($bare | Out-String -Width $width)
    }
    # A word of a reason fits a line when it fits the Reason column at 80 columns of a console,
    # which leaves its last column unused: one less than Out-String -Width 80 gives.
    $reasonAt80 = 80 - $rendered[80].Starts[-1] - 1
}

AfterAll {
    [cultureinfo]::CurrentCulture = $savedCulture
    Disconnect-AllZvmSessions
    $windows | Stop-ZvmSimulator
    Remove-Item $dataFile -ErrorAction SilentlyContinue
}

Describe 'The task table at <_> columns' -ForEach 80, 120, 200 {
    BeforeAll {
        $width = $_
        $table = $rendered[$width]
        $tableBare = $renderedBare[$width]
    }

    It 'fits the width, one row per task' {
        $table.Lines | Where-Object { $_.Length -gt $width } | Should -BeNullOrEmpty
        $table.Rows.Count | Should -Be $tasks.Count
        $tableBare.Rows.Count | Should -Be $bare.Count
    }

    It 'has its headers whole, on one line' {
        $table.Lines[$table.HeaderIndex - 1] | Should -Match '^(\s+ZVM: .*)?$'
        foreach ($label in $table.Labels) { $label | Should -Match '^(Started|State|Type|Vpgs|Reason)(, (Started|State|Type|Vpgs|Reason))*$' }
        ($table.Labels -join ', ') -split ', ' | Sort-Object | Should -Be @('Reason', 'Started', 'State', 'Type', 'Vpgs')
    }

    It 'shows every state whole' {
        @($tasks.State) | Should -Contain 'WaitingForUserInput'
        for ($i = 0; $i -lt $tasks.Count; $i++) {
            $cell = Get-Cell $table $table.Rows[$i] 'State'
            $lines = $cell | Where-Object { $_ -notmatch '^\d{4}-' }
            $lines | Should -Be $tasks[$i].State -Because "task $i is $($tasks[$i].State)"
        }
    }

    It 'breaks a type only where a word of it starts' {
        foreach ($type in 'UpdateProtectionGroup', 'ChangeVraPasswordIpSettings', 'MoveProtectionGroupToManualOperationNeeded') {
            @($tasks.Type) | Should -Contain $type
        }
        for ($i = 0; $i -lt $tasks.Count; $i++) {
            $type = (Split-Leading (Get-Cell $table $table.Rows[$i] 'Type') $tasks[$i].Type).Value
            foreach ($line in $type | Select-Object -Skip 1) { $line | Should -MatchExactly '^[A-Z]' -Because "'$($type -join '|')' breaks where a word starts" }
            if ($width -ge 120 -and $tasks[$i].Type.Length -le 26) { $type.Count | Should -Be 1 -Because "$($tasks[$i].Type) is 26 characters or fewer" }
        }
    }

    It 'shows the VPG names' {
        $checked = 0
        for ($i = 0; $i -lt $tasks.Count; $i++) {
            $lines = if ($table.Labels -match '\bType\b.*\bVpgs\b') {
                (Split-Leading (Get-Cell $table $table.Rows[$i] 'Type') $tasks[$i].Type).Rest
            }
            else { Get-Cell $table $table.Rows[$i] 'Vpgs' }
            (-join $lines) -replace '\s' | Should -Be ($tasks[$i].Vpgs.ToString() -replace '\s')
            foreach ($vpg in $tasks[$i].Vpgs | Where-Object Name) {
                $lines | Where-Object { "$_ " -match "(^|\s)$([regex]::Escape($vpg.Name))[; ]" } | Should -Not -BeNullOrEmpty -Because "task $i names $($vpg.Name)"
                $checked++
            }
        }
        $checked | Should -BeGreaterThan 20
        @($tasks | Where-Object { $_.Vpgs.Count -eq 2 }).Count | Should -BeGreaterThan 2
    }

    It 'keeps -SkipNameLookup identifiers on at most two lines each' {
        for ($i = 0; $i -lt $bare.Count; $i++) {
            $lines = if ($tableBare.Labels -match '\bType\b.*\bVpgs\b') {
                (Split-Leading (Get-Cell $tableBare $tableBare.Rows[$i] 'Type') $bare[$i].Type).Rest
            }
            else { Get-Cell $tableBare $tableBare.Rows[$i] 'Vpgs' }
            (-join $lines) -replace '\s' | Should -Be ($bare[$i].Vpgs.ToString() -replace '\s')
            @($lines).Count | Should -BeLessOrEqual (2 * $bare[$i].Vpgs.Count)
        }
    }

    It 'splits no word of a reason where a space was available' {
        $failed = 0
        for ($i = 0; $i -lt $tasks.Count; $i++) {
            $reason = $tasks[$i].CompleteReason
            $lines = Get-Cell $table $table.Rows[$i] 'Reason'
            (-join $lines) -replace '\s' | Should -Be ($reason -replace '\s')
            foreach ($word in $reason -split '\s+' | Where-Object { $_ -and $_.Length -le $reasonAt80 }) {
                $lines | Where-Object { " $_ " -match "\s$([regex]::Escape($word))\s" } | Should -Not -BeNullOrEmpty -Because "'$word' of task $i fits a line: '$($lines -join '|')'"
            }
            if ($reason) { $failed++ }
        }
        $failed | Should -BeGreaterThan 8
    }
}

Describe 'The task table' {
    It 'gives the reason room at 80 columns' {
        $reasonAt80 | Should -BeGreaterOrEqual 30
    }

    It 'is the table of Watch-ZvmTask''s changes too' {
        $view = Get-FormatData -TypeName ZertoTasks.ZvmTaskChange, ZertoTasks.ZvmTask -PowerShellVersion $PSVersionTable.PSVersion
        $headers = $view | ForEach-Object { ($_.FormatViewDefinition.Control.Headers | ForEach-Object { "$($_.Label)/$($_.Width)" }) -join ',' }
        $headers[0] | Should -Be $headers[1]
    }

    It 'shows every property with Format-List' {
        $text = $tasks[0] | Format-List | Out-String -Width 80
        foreach ($property in $tasks[0].PSObject.Properties.Name) { $text | Should -Match "(?m)^$property\s+:" }
    }
}

Describe 'The other tables' {
    It 'Get-ZvmTaskType at <_> columns: names whole, the IsKnown flag narrow' -ForEach 80, 120 {
        $width = $_
        $types = @(Get-ZvmTaskType -Session $session)
        $lines = @(($types | Out-String -Width $width) -split '\r?\n')
        $lines | Where-Object { $_.Length -gt $width } | Should -BeNullOrEmpty
        $header = [array]::FindIndex([string[]]$lines, [Predicate[string]] { param($l) $l -match '^Number\s' })
        $lines[$header] | Should -Match '^Number\s+Name\s+IsKnown\s+Server\s*$'
        $lines[$header + 1] | Should -Match '^[- ]+$'
        ($lines[$header].IndexOf('Server') - $lines[$header].IndexOf('IsKnown')) | Should -BeLessOrEqual 8
        foreach ($type in $types) {
            $lines | Where-Object { $_ -match "^\s*\d*\s+$([regex]::Escape($type.Name))\s" } | Should -Not -BeNullOrEmpty -Because "$($type.Name) is whole"
        }
        ($lines -join "`n") | Should -Not -Match '…'
    }

    It 'Get-ZvmSession at <_> columns with a long user name: headers whole, flags narrow' -ForEach 80, 120 {
        $width = $_
        $long = Start-ZvmSimulator -Kind Windows -User 'svc-zerto-reporting-automation@corp.example'
        try {
            $held = Connect-ZvmSession -Server $long.Url -Credential $long.Credential
            $lines = @((Get-ZvmSession | Out-String -Width $width) -split '\r?\n')
            $header = [array]::FindIndex([string[]]$lines, [Predicate[string]] { param($l) $l -match '^Server' })
            $lines[$header + 1] | Should -Match '^[- ]+$'
            foreach ($label in 'Server', 'Kind', 'UserName', 'ConnectedAt', 'IsConnected', 'IsDefault') {
                $lines[$header] | Should -Match "(^|\s)$label(,|\s|$)"
            }
            $lines | Where-Object { $_ -match '\bTrue\s*$' } | Should -Not -BeNullOrEmpty
            $lines | Where-Object { $_.Length -gt $width } | Should -BeNullOrEmpty
        }
        finally {
            Disconnect-ZvmSession -Session $held -ErrorAction SilentlyContinue
            $long | Stop-ZvmSimulator
        }
    }

    It 'Get-ZvmFailoverTest at <_> columns: reasons and VPG names broken only at spaces' -ForEach 80, 120 {
        $width = $_
        $failover = Start-ZvmSimulator -Kind Windows -Profile Failover
        try {
            $held = Connect-ZvmSession -Server $failover.Url -Credential $failover.Credential
            $tests = @(Get-ZvmFailoverTest -Session $held -WarningAction SilentlyContinue)
            $table = ConvertFrom-Table ($tests | Out-String -Width $width)
            $table.Lines | Where-Object { $_.Length -gt $width } | Should -BeNullOrEmpty
            $table.Rows.Count | Should -Be $tests.Count
            $withReason = 0
            for ($i = 0; $i -lt $tests.Count; $i++) {
                $vpg = Get-Cell $table $table.Rows[$i] 'Vpg'
                (-join $vpg) -replace '\s' | Should -Be ("$($tests[$i].Vpg)" -replace '\s')
                $lines = Get-Cell $table $table.Rows[$i] 'Reason'
                (-join $lines) -replace '\s' | Should -Be ($tests[$i].ResultReason -replace '\s')
                # 25: the Reason column at a console 80 wide.
                foreach ($word in $tests[$i].ResultReason -split '\s+' | Where-Object { $_ -and $_.Length -le 25 }) {
                    $lines | Where-Object { " $_ " -match "\s$([regex]::Escape($word))\s" } | Should -Not -BeNullOrEmpty -Because "'$word' fits a line: '$($lines -join '|')'"
                }
                if ($tests[$i].ResultReason) { $withReason++ }
            }
            $withReason | Should -BeGreaterThan 2
        }
        finally {
            Disconnect-ZvmSession -Session $held -ErrorAction SilentlyContinue
            $failover | Stop-ZvmSimulator
        }
    }
}
