# Errors that say what happened and what to try (issue 23): a refused login names the usual
# causes, a record without a server column is refused naming the columns looked for, a server
# that no port answers is said once, TaskNotFound says the id once, and Disconnect-ZvmSession of
# a ZVM that is away says that the session is gone here all the same. Real simulators on loopback.
BeforeAll {
    . $PSScriptRoot/common.ps1
    $windows = Start-ZvmSimulator -Kind Windows
    $appliance = Start-ZvmSimulator -Kind Appliance
    $defaultPorts = [ZertoTasks.ZvmSession].Assembly.GetType('ZertoTasks.Auth.DefaultPorts', $true)
    $secret = 'not-the-password-4711'
    $unknownId = '00000000-0000-0000-0000-000000000000.00000000-0000-0000-0000-000000000001'

    function New-Credential([string] $User, [string] $Password = $secret) {
        [pscredential]::new($User, (ConvertTo-SecureString $Password -AsPlainText -Force))
    }

    # A loopback port that nothing listens on: refused at once, and nothing leaves the machine.
    function Get-ClosedPort {
        $listener = [System.Net.Sockets.TcpListener]::new([ipaddress]::Loopback, 0)
        $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
        $port
    }

    # The error a command stops with, or the first it writes.
    function Get-FirstError([scriptblock] $Command) {
        $records = try { & $Command 2>&1 } catch { $_ }
        @($records | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })[0]
    }

    function Get-Occurrence([string] $Text, [string] $Part) {
        ([regex]::Matches($Text, [regex]::Escape($Part))).Count
    }
}

AfterAll {
    $defaultPorts.GetProperty('Appliance').SetValue($null, 443)
    $defaultPorts.GetProperty('Windows').SetValue($null, 9669)
    Disconnect-AllZvmSessions
    $windows, $appliance | Stop-ZvmSimulator
}

Describe 'A refused login names the usual causes' {
    It 'Windows ZVM, user without a domain: the server''s words, the domain prefix, -AuthenticationMethod, a locked account' {
        $record = Get-FirstError { Connect-ZvmSession -Server $windows.Url -Credential (New-Credential 'admin') }
        $record.FullyQualifiedErrorId | Should -Be 'ZvmAuthenticationFailed,ZertoTasks.Commands.ConnectZvmSessionCommand'
        $message = $record.Exception.Message
        $message | Should -BeLike "*refused the login of 'admin': Authorization has been denied for this request. Check the password*"
        $message | Should -BeLike '*with its domain (CORP\admin or admin@corp.example)*'
        $message | Should -BeLike '*-AuthenticationMethod Hypervisor*'
        $message | Should -BeLike '*locked or disabled account*'
        $message | Should -Not -BeLike "*$secret*"
        $record.ErrorDetails.Message | Should -Be $message
    }

    It 'Windows ZVM, user with a domain: no domain advice' {
        $message = (Get-FirstError { Connect-ZvmSession -Server $windows.Url -Credential (New-Credential 'CORP\admin') }).Exception.Message
        $message | Should -BeLike "*refused the login of 'CORP\admin'*Check the password*"
        $message | Should -Not -BeLike '*with its domain*'
        $message | Should -BeLike '*-AuthenticationMethod Hypervisor*'
    }

    It 'Windows ZVM with -AuthenticationMethod Hypervisor: a vCenter account, or leave the method out for a Windows one' {
        $message = (Get-FirstError { Connect-ZvmSession -Server $windows.Url -Credential (New-Credential 'admin') -AuthenticationMethod Hypervisor }).Exception.Message
        $message | Should -BeLike '*vCenter (or SCVMM) account*'
        $message | Should -BeLike '*a Windows account logs in without -AuthenticationMethod Hypervisor*'
        $message | Should -BeLike '*locked or disabled account*'
    }

    It 'ZVM Appliance, password: Keycloak''s words as a sentence, then what to check' {
        $record = Get-FirstError { Connect-ZvmSession -Server $appliance.Url -Credential (New-Credential 'admin') }
        $record.FullyQualifiedErrorId | Should -Be 'ZvmAuthenticationFailed,ZertoTasks.Commands.ConnectZvmSessionCommand'
        $message = $record.Exception.Message
        $message | Should -BeLike "*refused the login of 'admin': Invalid user credentials. Check the password, and the user name as the appliance knows it*"
        $message | Should -BeLike '*locked or disabled account*'
        $message | Should -Not -BeLike '*-AuthenticationMethod*'
        $message | Should -Not -BeLike "*$secret*"
    }

    It 'ZVM Appliance, client credentials: the client id and secret, and -Credential for a user' {
        $client = New-Credential $appliance.ClientCredential.UserName
        $message = (Get-FirstError { Connect-ZvmSession -Server $appliance.Url -ClientCredential $client }).Exception.Message
        $message | Should -BeLike '*Check the client id and secret*'
        $message | Should -BeLike '*A user logs in with -Credential, not -ClientCredential.'
        $message | Should -Not -BeLike "*$secret*"
    }
}

Describe 'Connect-ZvmSession takes a server from the columns a list of servers has' {
    BeforeEach {
        Disconnect-AllZvmSessions
        Clear-SimulatorRequest $windows
    }

    It '-Server has the aliases ComputerName, HostName, DnsHostName, Fqdn, Zvm and ZvmServer, and not Name' {
        $aliases = (Get-Command Connect-ZvmSession).Parameters['Server'].Aliases
        $aliases | Should -Be @('ComputerName', 'HostName', 'DnsHostName', 'Fqdn', 'Zvm', 'ZvmServer')
    }

    It 'connects a CSV whose column is <Column>' -ForEach @(
        @{ Column = 'ComputerName' }, @{ Column = 'HostName' }, @{ Column = 'DnsHostName' },
        @{ Column = 'Fqdn' }, @{ Column = 'Zvm' }, @{ Column = 'ZvmServer' }
    ) {
        $csv = Join-Path $TestDrive "$Column.csv"
        [pscustomobject]@{ Name = 'Frankfurt DR'; $Column = 'http://127.0.0.1'; Port = ([uri]$windows.Url).Port } |
            Export-Csv -Path $csv -NoTypeInformation
        $session = Import-Csv $csv | Connect-ZvmSession -Credential $windows.Credential
        $session.Server | Should -Be ([uri]$windows.Url).Authority
    }

    It 'takes the name -ComputerName on the command line too' {
        (Connect-ZvmSession -ComputerName $windows.Url -Credential $windows.Credential).Server | Should -Be ([uri]$windows.Url).Authority
    }

    It 'refuses a CSV record with none of them, naming the columns it looks for, before any request, and connects the others' {
        $csv = Join-Path $TestDrive 'names.csv'
        @(
            [pscustomobject]@{ Name = 'zvm01.corp.example'; Site = 'FRA' }
            [pscustomobject]@{ Name = 'zvm02.corp.example'; Site = 'AMS' }
        ) | Export-Csv -Path $csv -NoTypeInformation
        $rows = @(Import-Csv $csv) + [pscustomobject]@{ Server = $windows.Url }
        $connected = @($rows | Connect-ZvmSession -Credential $windows.Credential -ErrorVariable refused -ErrorAction SilentlyContinue)
        $connected.Server | Should -Be ([uri]$windows.Url).Authority
        $refused.Count | Should -Be 2
        $refused.FullyQualifiedErrorId | Sort-Object -Unique | Should -Be 'ServerPropertyMissing,ZertoTasks.Commands.ConnectZvmSessionCommand'
        $refused[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $refused[0].TargetObject.Name | Should -Be 'zvm01.corp.example'
        $refused[1].TargetObject.Site | Should -Be 'AMS'
        $message = $refused[0].Exception.Message
        $message | Should -BeLike '*@{Name=zvm01.corp.example; Site=FRA}*'
        $message | Should -BeLike '*Server, ComputerName, HostName, DnsHostName, Fqdn, Zvm or ZvmServer*'
        $message | Should -BeLike '*Connect-ZvmSession -Server { $_.Name }*'
        $message | Should -Not -BeLike '*is not a host name*'
        # Only the good record reached a server.
        @(Get-SimulatorRequest $windows '/v1/session/add' | Where-Object auth -eq 'basic').Count | Should -Be 1
    }

    It 'the script block the message suggests connects the same record' {
        $row = [pscustomobject]@{ Name = $windows.Url; Site = 'FRA' }
        ($row | Connect-ZvmSession -Server { $_.Name } -Credential $windows.Credential).Server | Should -Be ([uri]$windows.Url).Authority
    }

    It 'refuses such a record given to -Server directly, as a terminating error' {
        { Connect-ZvmSession -Server ([pscustomobject]@{ Site = 'FRA' }) -Credential $windows.Credential } |
            Should -Throw -ErrorId 'ServerPropertyMissing,ZertoTasks.Commands.ConnectZvmSessionCommand'
    }

    It 'says that a hashtable''s keys are not properties' {
        $record = Get-FirstError { @{ Server = $windows.Url } | Connect-ZvmSession -Credential $windows.Credential }
        $record.FullyQualifiedErrorId | Should -Be 'ServerPropertyMissing,ZertoTasks.Commands.ConnectZvmSessionCommand'
        $record.Exception.Message | Should -BeLike '*make it a `[pscustomobject`]*'
    }

    It 'still takes text, a [uri] and a session''s own output by value or by its Server' {
        ($windows.Url | Connect-ZvmSession -Credential $windows.Credential).Server | Should -Be ([uri]$windows.Url).Authority
        ([uri]$windows.Url | Connect-ZvmSession -Credential $windows.Credential).Server | Should -Be ([uri]$windows.Url).Authority
        $record = Get-FirstError { [pscustomobject]@{ Server = 'ftp://zvm' } | Connect-ZvmSession -Credential $windows.Credential }
        $record.FullyQualifiedErrorId | Should -Be 'InvalidServer,ZertoTasks.Commands.ConnectZvmSessionCommand'
    }
}

Describe 'A server that no port answers' {
    AfterEach {
        $defaultPorts.GetProperty('Appliance').SetValue($null, 443)
        $defaultPorts.GetProperty('Windows').SetValue($null, 9669)
    }

    It 'is said once, each port named, then what to check' {
        $first, $second = (Get-ClosedPort), (Get-ClosedPort)
        $defaultPorts.GetProperty('Appliance').SetValue($null, $first)
        $defaultPorts.GetProperty('Windows').SetValue($null, $second)
        $record = Get-FirstError { Connect-ZvmSession -Server 127.0.0.1 -Credential $windows.Credential -MaximumRetryCount 0 }
        $record.FullyQualifiedErrorId | Should -Be 'ZvmUnreachable,ZertoTasks.Commands.ConnectZvmSessionCommand'
        $record.TargetObject | Should -Be '127.0.0.1'
        $message = $record.Exception.Message
        Get-Occurrence $message 'could not be reached' | Should -Be 1
        $message | Should -BeLike "127.0.0.1 could not be reached on port $first*nor on port $second*"
        $message | Should -BeLike '*. Check that -Server names the ZVM and that it is running*-Port.'
    }

    It 'with a port given, names that port and what to check' {
        $port = Get-ClosedPort
        $record = Get-FirstError { Connect-ZvmSession -Server "http://127.0.0.1:$port" -Credential $windows.Credential -MaximumRetryCount 0 }
        $record.FullyQualifiedErrorId | Should -Be 'ZvmUnreachable,ZertoTasks.Commands.ConnectZvmSessionCommand'
        $record.TargetObject | Should -Be "127.0.0.1:$port"
        $record.Exception.Message | Should -BeLike "127.0.0.1:$port could not be reached: *. Check that -Server names the ZVM*"
    }
}

Describe 'TaskNotFound' {
    BeforeAll {
        $session = Connect-ZvmSession -Server $windows.Url -Credential $windows.Credential
        $other = Connect-ZvmSession -Server $appliance.Url -Credential $appliance.Credential
    }

    It 'names the id once, keeps the ZVM''s words, and says where to look' {
        $record = Get-FirstError { Get-ZvmTask -TaskIdentifier $unknownId -Session $session }
        $record.FullyQualifiedErrorId | Should -Be 'TaskNotFound,ZertoTasks.Commands.GetZvmTaskCommand'
        $message = $record.Exception.Message
        Get-Occurrence $message $unknownId | Should -Be 1
        $message | Should -BeLike "$($session.Server) says: Task with identifier $unknownId was not found. *"
        $message | Should -BeLike '*check -Session, or list the latest tasks with Get-ZvmTask -Newest 20*'
        $record.Exception.ServerMessage | Should -BeLike '*was not found*'
    }

    It 'names every ZVM asked when none has the task' {
        $record = Get-FirstError { Get-ZvmTask -TaskIdentifier $unknownId -Session $session, $other }
        $record.FullyQualifiedErrorId | Should -Be 'TaskNotFound,ZertoTasks.Commands.GetZvmTaskCommand'
        $record.Exception.Message | Should -BeLike "None of $($session.Server), $($other.Server) has the task '$unknownId'. A task id*"
        Get-Occurrence $record.Exception.Message $unknownId | Should -Be 1
    }
}

Describe 'Disconnect-ZvmSession of a ZVM that is away' {
    It 'says the session was removed here all the same, and no longer lists it' {
        $away = Start-ZvmSimulator -Kind Windows
        $session = Connect-ZvmSession -Server $away.Url -Credential $away.Credential
        $away | Stop-ZvmSimulator
        Disconnect-ZvmSession -Session $session -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -Be 'ZvmUnreachable,ZertoTasks.Commands.DisconnectZvmSessionCommand'
        $failed[0].Exception.Message | Should -BeLike "$($session.Server) could not be reached*. The session was removed here all the same*nothing more needs doing."
        $session.IsConnected | Should -BeFalse
        Get-ZvmSession | Where-Object { [object]::ReferenceEquals($_, $session) } | Should -BeNullOrEmpty
    }
}

Describe 'Get-ZvmTaskType -Name completion' {
    BeforeAll {
        function Get-Completion([string] $Line) {
            @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches)
        }
    }

    It 'offers the module''s known types without a session, case-insensitively' {
        $ps = [powershell]::Create()
        try {
            $line = 'Get-ZvmTaskType -Name fail'
            $offered = $ps.AddScript("Import-Module '$ModuleManifest'; @(Get-ZvmSession).Count; (TabExpansion2 -inputScript '$line' -cursorColumn $($line.Length)).CompletionMatches").Invoke()
        }
        finally { $ps.Dispose() }
        $offered[0] | Should -Be 0 -Because 'the runspace has no session'
        $offered[1..($offered.Count - 1)].CompletionText | Should -Be @('FailOver', 'FailoverBeforeCommit', 'FailoverCommit', 'FailoverRollback', 'FailOverTest')
    }

    It 'offers a ZVM''s own types, those newer than the module too, from the session -Session names' {
        $session = Connect-ZvmSession -Server $appliance.Url -Credential $appliance.Credential
        $line = "Get-ZvmTaskType -Session '$($session.Server)' -Name recov"
        $offered = @()
        # The first Tab waits 2 s at most for the ZVM's list; ask again until it has come.
        for ($try = 0; $try -lt 20 -and $offered.CompletionText -notcontains 'RecoveryReportGeneration'; $try++) { $offered = Get-Completion $line }
        $offered.CompletionText | Should -Be 'RecoveryReportGeneration'
        $offered[0].ToolTip | Should -BeLike '*does not know*'
    }

    It 'matches a wildcard, and inserts names unquoted' {
        $offered = Get-Completion 'Get-ZvmTaskType *FailOverT'
        $offered.CompletionText | Should -Contain 'StopFailOverTest'
        $offered.CompletionText | Should -Not -Match "^'"
    }
}
