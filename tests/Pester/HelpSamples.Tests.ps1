# The sample output in the help's examples is what the cmdlets print today, at a console 80
# columns wide (HelpSamples.ps1, $SampleWidth). A table sample of a module type is printed again
# through the module's own view - its rows as copies of a real object from the simulator,
# carrying the sample's values - and must come out line for line as the page has it: columns,
# labels, widths, wrapping. A column the view has and the sample lacks shows up with the real
# object's value, and fails. A table of the example's own objects (Select-Object, Format-Table
# of chosen properties) is printed again by PowerShell, a Format-List sample by Format-List,
# a "What if:" sample must be the cmdlet's real ShouldProcess message, wrapped only at spaces,
# and a plain value (True) is what the example prints when it runs against the simulator.
# When a sample fails, the message shows the closest text the view prints for such rows.
BeforeDiscovery {
    . $PSScriptRoot/HelpPages.ps1
    . $PSScriptRoot/HelpSamples.ps1
    $manifest = Import-PowerShellDataFile (Join-Path $PSScriptRoot '../../ZertoTasks.psd1')
    $docs = Join-Path $PSScriptRoot '../../docs/en-US'
    $samples = foreach ($name in $manifest.CmdletsToExport) {
        $page = Read-CmdletHelpPage (Join-Path $docs "$name.md")
        foreach ($example in $page.Examples) {
            foreach ($sample in $example.Samples) {
                $lines = @($sample.Code -split "`n")
                $producer = Get-SampleProducer ($example.Code -join "`n")
                @{
                    Page     = $name
                    Title    = $example.Title
                    Line     = $sample.Line
                    Lines    = $lines
                    Code     = $example.Code -join "`n"
                    Kind     = Get-SampleKind $lines
                    Producer = $producer.Name
                    # A table that Select-Object, Group-Object or Format-Table with properties made
                    # is PowerShell's layout of the example's own objects, not a module view.
                    OwnView  = $producer.Name -in $manifest.CmdletsToExport
                }
            }
        }
    }
    $viewTables = @($samples | Where-Object { $_.Kind -eq 'Table' -and $_.OwnView })
    $otherTables = @($samples | Where-Object { $_.Kind -eq 'Table' -and -not $_.OwnView })
    $lists = @($samples | Where-Object Kind -eq 'List')
    $whatIfs = @($samples | Where-Object Kind -eq 'WhatIf')
    $values = @($samples | Where-Object Kind -eq 'Value')
    $others = @($samples | Where-Object Kind -notin 'Table', 'List', 'WhatIf', 'Value')
}

BeforeAll {
    . $PSScriptRoot/common.ps1
    . $PSScriptRoot/HelpPages.ps1
    . $PSScriptRoot/HelpSamples.ps1

    $windows = Start-ZvmSimulator -Kind Windows
    $appliance = Start-ZvmSimulator -Kind Appliance
    $failover = Start-ZvmSimulator -Kind Windows -Profile Failover
    $sessions = @{
        Windows   = Connect-ZvmSession -Server $windows.Url -Credential $windows.Credential
        Appliance = Connect-ZvmSession -Server $appliance.Url -ClientCredential $appliance.ClientCredential
        Failover  = Connect-ZvmSession -Server $failover.Url -Credential $failover.Credential
    }
    # One real object of each output type; a sample's rows are copies of it.
    $script:Templates = @{
        'ZertoTasks.ZvmSession'       = $sessions.Windows
        'ZertoTasks.ZvmTask'          = Get-ZvmTask -Session $sessions.Windows -Newest 1
        'ZertoTasks.ZvmTaskChange'    = Watch-ZvmTask -Session $sessions.Windows -Since '2000-01-01' -Until (Get-Date) | Select-Object -First 1
        'ZertoTasks.ZvmTaskTypeInfo'  = Get-ZvmTaskType -Session $sessions.Windows | Select-Object -First 1
        'ZertoTasks.ZvmFailoverTest'  = Get-ZvmFailoverTest -Session $sessions.Failover | Select-Object -First 1
        'ZertoTasks.ZvmVpgTestStatus' = Get-ZvmFailoverTest -Session $sessions.Failover -Latest | Select-Object -First 1
    }

    function Get-Template([type] $Type) {
        $template = $Templates[$Type.FullName]
        $template | Should -Not -BeNullOrEmpty -Because "the test needs a real $($Type.FullName) to print a sample of it: add one to `$Templates"
        $template
    }

    # The example's output type whose view has most of the sample's header labels.
    function Select-SampleType([string] $Code, [string[]] $Lines) {
        $labels = @($Lines | Where-Object { $_ -match '\S' -and $_ -notmatch '^\s+\w+: ' } | Select-Object -First 1) -split '\s+' | Where-Object { $_ }
        $types = @(Get-ExampleOutputType $Code | Where-Object { Get-TableView $_ })
        $types | Sort-Object -Descending { $view = Get-TableView $_; @($view.Columns.Label | Where-Object { $_ -in $labels }).Count } | Select-Object -First 1
    }
}

AfterAll {
    Disconnect-AllZvmSessions
    $windows, $appliance, $failover | Stop-ZvmSimulator
}

Describe 'The sample output of the help''s examples' {
    It 'prints <Page> "<Title>" (line <Line>) as the view of the type it shows' -ForEach $viewTables {
        $type = Select-SampleType $Code $Lines
        $type | Should -Not -BeNullOrEmpty -Because "$Producer writes a type of the module with a table view"
        $expected = (Get-TrimmedLine $Lines) -join "`n"
        $printed = (Format-SampleTable $Lines $type (Get-Template $type)) -join "`n"
        $printed | Should -BeExactly $expected -Because "the view of $($type.FullName) prints, at $SampleWidth columns:`n$printed`n"
    }

    It 'prints <Page> "<Title>" (line <Line>) as Format-List of the type it shows' -ForEach $lists {
        $producer = Get-SampleProducer $Code
        $producer.Name | Should -Be 'Format-List' -Because 'a list sample comes from Format-List'
        $properties = @($producer.Properties)
        $type = Get-ExampleOutputType $Code | Where-Object { $t = $_; @($properties | Where-Object { -not $t.GetProperty($_) }).Count -eq 0 } | Select-Object -First 1
        $type | Should -Not -BeNullOrEmpty -Because "a type that the example writes has the properties $($properties -join ', ')"
        $expected = (Get-TrimmedLine $Lines) -join "`n"
        $printed = (Format-SampleList $Lines $type (Get-Template $type) $properties) -join "`n"
        $printed | Should -BeExactly $expected
    }

    It 'prints <Page> "<Title>" (line <Line>) as PowerShell prints the example''s own objects' -ForEach $otherTables {
        $producer = Get-SampleProducer $Code
        $producer.Name | Should -BeIn 'Format-Table', 'Select-Object' -Because 'a table the module''s views do not print is the layout of the properties the example picks'
        $labels = @(@($Lines | Where-Object { $_.Trim() })[0] -split '\s+' | Where-Object { $_ })
        $named = @($producer.Properties | Where-Object { $_ -is [string] })
        # Each property named by its literal name is a column of that name, in that order.
        @($labels | Where-Object { $_ -in $named }) -join ',' | Should -Be ($named -join ',')
        $wrap = [bool]($producer.Ast.CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.CommandParameterAst] -and $_.ParameterName -eq 'Wrap' })
        $printed = (Format-SampleCustomTable $Lines -Wrap:$wrap) -join "`n"
        $printed | Should -BeExactly ((Get-TrimmedLine $Lines) -join "`n") -Because "PowerShell prints, at $SampleWidth columns:`n$printed`n"
    }

    It 'shows in <Page> "<Title>" (line <Line>) the cmdlet''s own What if message' -ForEach $whatIfs {
        $producer = Get-SampleProducer $Code
        $session = $sessions.Windows
        # A What if message goes to the host, not to a stream: a child pwsh prints it.
        $password = $windows.Credential.GetNetworkCredential().Password
        $script = @"
Import-Module '$ModuleManifest'
`$credential = [pscredential]::new('$($windows.Credential.UserName)', (ConvertTo-SecureString '$password' -AsPlainText -Force))
`$session = Connect-ZvmSession -Server '$($windows.Url)' -Credential `$credential
$($producer.Name) -Session `$session -WhatIf
Disconnect-ZvmSession -Session `$session
"@
        $child = Invoke-ChildPwsh $script
        $real = @($child.Output | Where-Object { $_ -like 'What if:*' })
        $real.Count | Should -Be 1 -Because "$($producer.Name) -WhatIf prints one What if line: $($child.Output -join ' | ')"
        $child.Output -join "`n" | Should -Match ([regex]::Escape("$($windows.Credential.UserName))")) -Because 'the target names the session'
        # The real message with the session's server and user name left open.
        $server = ([uri]$windows.Url).Authority
        $pattern = '^' + ([regex]::Escape($real[0]) -replace [regex]::Escape([regex]::Escape($server)), '[\w.-]+:\d+' -replace [regex]::Escape([regex]::Escape("Windows, $($windows.Credential.UserName)")), '(Windows|Appliance), .+') + '$'
        # The page wraps the long line at spaces.
        $shown = @($Lines | ForEach-Object Trim | Where-Object { $_ }) -join ' '
        $shown | Should -Match $pattern
    }

    It 'prints <Page> "<Title>" (line <Line>) as the example does, run against the simulator' -ForEach $values {
        $printed = (Invoke-SampleExample $Code $windows) -join "`n"
        $printed | Should -BeExactly ((Get-TrimmedLine $Lines) -join "`n") -Because "the example, run against the simulator, prints:`n$printed`n"
    }

    It 'has no sample of a kind this test cannot check: <Page> "<Title>" (line <Line>)' -ForEach $others {
        $Lines -join "`n" | Should -BeNullOrEmpty -Because 'a sample is a table, a list or a What if message; teach HelpSamples.ps1 another kind'
    }
}
