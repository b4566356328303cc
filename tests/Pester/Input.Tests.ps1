# Bad input is refused before any request: the simulator must see nothing.
BeforeDiscovery {
    $good = '0c66b743-01d3-42c5-844b-bf5d4283ddb1.6b5b30d6-c090-4233-8466-5fe18bf39a4c'
    $badIdentifiers = @(
        @{ Bad = '../session' }
        @{ Bad = "$good/../../session" }
        @{ Bad = "$good?x=1" }
        @{ Bad = "$good#x" }
        @{ Bad = $good -replace '\.', '%2F' }
        @{ Bad = $good -replace '\.', '%2E' }
        @{ Bad = "$good`r`nX-Injected: 1" }
        @{ Bad = "x`r`ny" }
        @{ Bad = "$good.$good" }
        @{ Bad = $good.Split('.')[0] }
        @{ Bad = "{$good}" }
        @{ Bad = ' ' }
    )
    # Test names show line breaks as \r\n.
    function Show([string] $Text) { $Text -replace "`r", '\r' -replace "`n", '\n' }
}

BeforeAll {
    . $PSScriptRoot/common.ps1
    $windows = Start-ZvmSimulator -Kind Windows
    $session = Connect-ZvmSession -Server $windows.Url -Credential $windows.Credential
    $address = ([uri]$windows.Url).Authority

    function Assert-NothingSent {
        Get-SimulatorRequest $windows | Should -BeNullOrEmpty
    }
}

AfterAll {
    Disconnect-AllZvmSessions
    $windows | Stop-ZvmSimulator
}

Describe 'A task identifier that is not <guid>.<guid>' {
    BeforeEach { Clear-SimulatorRequest $windows }

    It '''<Shown>'' is refused by <Command> and nothing is sent' -ForEach ($badIdentifiers | ForEach-Object {
            foreach ($command in 'Get-ZvmTask', 'Wait-ZvmTask') { @{ Bad = $_.Bad; Shown = Show $_.Bad; Command = $command } }
        }) {
        & $Command -TaskIdentifier $Bad -Session $session -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'InvalidTaskIdentifier,*'
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $failures[0].TargetObject | Should -Be $Bad
        $failures[0].Exception.Message | Should -Match '<taskGuid>\.<siteGuid>'
        Assert-NothingSent
    }

    It 'is refused when piped in as a property too' {
        [pscustomobject]@{ TaskIdentifier = '../session' } | Get-ZvmTask -Session $session -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -Be 'InvalidTaskIdentifier,ZertoTasks.Commands.GetZvmTaskCommand'
        Assert-NothingSent
    }
}

Describe 'A -Server that is not a host, an address or an http(s) URL' {
    BeforeEach { Clear-SimulatorRequest $windows }

    It '''<Shown>'' is InvalidServer and nothing is sent' -ForEach (@(
            'ftp://{0}', 'http://user:pw@{0}', 'http://{0}/v1/tasks', 'http://{0}/../session', 'http://{0}?x=1',
            'http://{0}#x', "http://{0}`r`nX-Injected: 1", 'http://{0} x', '127.0.0.1:0', '127.0.0.1:70000'
        ) | ForEach-Object { @{ Server = $_; Shown = Show $_ } }) {
        $text = $Server -f $address
        { Connect-ZvmSession -Server $text -Credential $windows.Credential } |
            Should -Throw -ErrorId 'InvalidServer,ZertoTasks.Commands.ConnectZvmSessionCommand'
        $Error[0].TargetObject | Should -Be $text
        $Error[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        Assert-NothingSent
    }

    It 'a -Port outside 1-65535 is refused, naming the server: <Port>' -ForEach @(@{ Port = 0 }, @{ Port = 65536 }, @{ Port = -1 }, @{ Port = 'abc' }) {
        { Connect-ZvmSession -Server $windows.Url -Port $Port -Credential $windows.Credential } |
            Should -Throw -ErrorId 'InvalidServer,ZertoTasks.Commands.ConnectZvmSessionCommand'
        $Error[0].TargetObject | Should -Be $windows.Url
        $Error[0].Exception.Message | Should -BeLike "*$($windows.Url)*"
        Assert-NothingSent
    }

    It 'a -Port that contradicts the port in -Server is refused' {
        $port = ([uri]$windows.Url).Port
        { Connect-ZvmSession -Server $windows.Url -Port ($port + 1) -Credential $windows.Credential } |
            Should -Throw -ErrorId 'InvalidServer,ZertoTasks.Commands.ConnectZvmSessionCommand'
        Assert-NothingSent
    }

    It '-ClientCredential with -Kind Windows is refused' {
        { Connect-ZvmSession -Server $windows.Url -ClientCredential $windows.ClientCredential -Kind Windows } |
            Should -Throw -ErrorId 'ClientCredentialNeedsAppliance,ZertoTasks.Commands.ConnectZvmSessionCommand'
        $Error[0].TargetObject | Should -Be 'Windows'
        Assert-NothingSent
    }
}

Describe 'Enum parameters' {
    BeforeEach { Clear-SimulatorRequest $windows }

    # PowerShell would OR several names of an enum into a third value (FailOver,Move is
    # GetCheckpointList): -Type and -Status take each value on its own, and refuse what is not one.
    It '-<Name> <Value> is refused before any request' -ForEach @(
        @{ Name = 'Type'; Value = 'NoSuchThing' }
        @{ Name = 'Type'; Value = 99 }
        @{ Name = 'Type'; Value = 'FailOver,NoSuchThing' }
        @{ Name = 'Status'; Value = 'NoSuchThing' }
        @{ Name = 'Status'; Value = 42 }
        @{ Name = 'Status'; Value = '' }
        @{ Name = 'State'; Value = 'Failed, Complete' }
    ) {
        $parameters = @{ $Name = $Value; Session = $session }
        { Get-ZvmTask @parameters } | Should -Throw -ErrorId 'ParameterArgumentTransformationError,ZertoTasks.Commands.GetZvmTaskCommand'
        Assert-NothingSent
    }

    It 'Connect-ZvmSession -<Name> <Value> is refused' -ForEach @(
        @{ Name = 'Kind'; Value = 'Windows,Appliance'; Id = 'ParameterArgumentTransformationError' }
        @{ Name = 'Kind'; Value = 'Linux'; Id = 'InvalidServer' }
        @{ Name = 'Kind'; Value = 7; Id = 'InvalidServer' }
        @{ Name = 'AuthenticationMethod'; Value = 'Windows,Hypervisor'; Id = 'ParameterArgumentTransformationError' }
        @{ Name = 'Kind'; Value = @('Windows', 'Appliance'); Id = 'ParameterArgumentTransformationError' }
        @{ Name = 'AuthenticationMethod'; Value = @('Windows', 'Hypervisor'); Id = 'ParameterArgumentTransformationError' }
    ) {
        $parameters = @{ $Name = $Value; Server = $windows.Url; Credential = $windows.Credential }
        { Connect-ZvmSession @parameters } | Should -Throw -ErrorId "$Id,ZertoTasks.Commands.ConnectZvmSessionCommand"
        Assert-NothingSent
    }

    It 'still takes one name or number, in any case' {
        @(Get-ZvmTask -Type failovertest -Status 4 -Session $session).Count | Should -BeGreaterThan 0
        (Get-SimulatorRequest $windows '/v1/tasks').query | Should -Be '?type=FailOverTest&status=Failed'
    }
}
