#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# The module through real PowerShell engines, no mocks: SSH remoting to a throwaway sshd on a loopback port
# (TestRemoting.psm1), Start-Job (a pwsh process), ForEach-Object -Parallel (runspaces in this process); and what
# Export-Clixml/Import-Clixml and ConvertTo-Json/ConvertFrom-Json make of a LossSummary. Every route must give the
# single-run answer; how the objects come back is written up in REMOTING.md beside this file.
#
# SSH remoting needs Debian's openssh-server (apt-get install -y openssh-server). Without it these tests report
# themselves skipped, except under CI=true, where a missing sshd is a failure.

BeforeAll {
    $repo = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
    $manifest = Join-Path $repo 'CrossEntropy.psd1'
    $iris = Join-Path $repo 'examples/iris-logits.csv'
    Import-Module $manifest -Force
    Import-Module (Join-Path $PSScriptRoot 'TestRemoting.psm1') -Force
    $local = Measure-CrossEntropy -Path $iris
    # The properties of CrossEntropy.LossSummary, in order.
    $summaryProperties = @([CrossEntropy.LossSummary].GetProperties().Name)
    $perClassText = @($local.PerClass | ForEach-Object ToString)

    # What every route must give back: the local run's figures, exactly (doubles compared bit for bit).
    function Assert-SameSummary($Actual) {
        $Actual.Loss | Should -Be $local.Loss
        $Actual.Perplexity | Should -Be $local.Perplexity
        $Actual.WeightSum | Should -Be $local.WeightSum
        $Actual.Accuracy | Should -Be $local.Accuracy
        $Actual.Count | Should -Be $local.Count
        $Actual.Used | Should -Be $local.Used
        @($Actual.Classes) | Should -Be $local.Classes
        $Actual.Source | Should -Be $local.Source
    }
}

Describe 'PowerShell SSH remoting to a throwaway sshd on 127.0.0.1' {
    BeforeAll {
        $sshd = $null
        $skipReason = $null
        try {
            $sshd = Start-TestSshd
        }
        catch {
            if ($_.FullyQualifiedErrorId -notlike 'TestSshdMissing*') { throw }
            if ($env:CI -eq 'true') { throw "CI=true and the remoting tests cannot run: $($_.Exception.Message)" }
            $skipReason = $_.Exception.Message
        }
    }

    AfterAll {
        Stop-TestSshd $sshd
    }

    It 'Invoke-Command -HostName runs Measure-CrossEntropy in this pwsh and gives the local answer, Deserialized' {
        if ($skipReason) { Set-ItResult -Skipped -Because $skipReason; return }
        $p = $sshd.InvokeCommandParameters
        $r = @(Invoke-Command @p -ErrorAction Stop -ArgumentList $manifest, $iris -ScriptBlock {
                param($m, $p)
                Import-Module $m
                Measure-CrossEntropy -Path $p
                $PSHOME
            })
        $r | Should -HaveCount 2
        $r[1] | Should -Be $PSHOME -Because 'the powershell subsystem runs this pwsh (the .NET tool)'
        $summary = $r[0]
        $summary.pstypenames[0] | Should -Be 'Deserialized.CrossEntropy.LossSummary'
        Assert-SameSummary $summary
        # Remoting serializes at depth 1: every LossSummary property survives, plus what Invoke-Command adds...
        foreach ($name in $summaryProperties) { $summary.psobject.Properties.Name | Should -Contain $name }
        $summary.PSComputerName | Should -Be '127.0.0.1'
        $summary.RunspaceId | Should -BeOfType [guid]
        # PerClass (ClassSummary[]) is one level deeper than remoting's default depth 1, but the module's types.ps1xml
        # gives the summaries SerializationDepth 2, so it comes back as objects, not as its items' ToString() text.
        $summary.PerClass[0].pstypenames[0] | Should -Be 'Deserialized.CrossEntropy.ClassSummary'
        @($summary.PerClass | ForEach-Object { "$($_.Class): $($_.Loss.ToString('R', [cultureinfo]::InvariantCulture))" }) | Should -Be $perClassText
        $summary.Classes | Should -BeOfType [string]
    }

    It 'New-PSSession works too; SerializationDepth 2 on the remote side brings PerClass back as objects; NaN survives' {
        if ($skipReason) { Set-ItResult -Skipped -Because $skipReason; return }
        $p = $sshd.InvokeCommandParameters
        $session = New-PSSession @p -ErrorAction Stop
        try {
            Invoke-Command -Session $session -ErrorAction Stop -ArgumentList $manifest { param($m) Import-Module $m }
            $deep = Invoke-Command -Session $session -ErrorAction Stop -ArgumentList $iris {
                param($p)
                Update-TypeData -TypeName CrossEntropy.LossSummary -SerializationDepth 2 -Force
                Measure-CrossEntropy -Path $p
            }
            $nan = Invoke-Command -Session $session -ErrorAction Stop {
                [CrossEntropy.LossSummary]@{ Loss = [double]::NaN; Perplexity = [double]::PositiveInfinity }
            }
        }
        finally { Remove-PSSession $session }

        Assert-SameSummary $deep
        $deep.PerClass[0].pstypenames[0] | Should -Be 'Deserialized.CrossEntropy.ClassSummary'
        for ($i = 0; $i -lt $local.PerClass.Count; $i++) {
            $deep.PerClass[$i].Class | Should -Be $local.PerClass[$i].Class
            $deep.PerClass[$i].Count | Should -Be $local.PerClass[$i].Count
            $deep.PerClass[$i].Count | Should -BeOfType [long]
            $deep.PerClass[$i].Loss | Should -Be $local.PerClass[$i].Loss
            $deep.PerClass[$i].Accuracy | Should -Be $local.PerClass[$i].Accuracy
        }
        $nan.Loss | Should -BeOfType [double]
        [double]::IsNaN($nan.Loss) | Should -BeTrue
        $nan.Perplexity | Should -Be ([double]::PositiveInfinity)
    }
}

Describe 'Start-Job (a pwsh process)' {
    It 'runs Measure-CrossEntropy out of process and gives the local answer, Deserialized' {
        $job = Start-Job -ArgumentList $manifest, $iris -ScriptBlock {
            param($m, $p)
            Import-Module $m
            Measure-CrossEntropy -Path $p
            [Environment]::ProcessPath
        }
        $r = @(Receive-Job -Job $job -Wait -AutoRemoveJob -ErrorAction Stop)
        $r | Should -HaveCount 2
        # Start-Job runs $PSHOME/pwsh, the tool's apphost, also when this pwsh is `dotnet pwsh.dll`.
        $r[1] | Should -Be (Join-Path $PSHOME 'pwsh')
        $r[0].pstypenames[0] | Should -Be 'Deserialized.CrossEntropy.LossSummary'
        Assert-SameSummary $r[0]
        $r[0].PSComputerName | Should -Be 'localhost'
        $r[0].PerClass[0].pstypenames[0] | Should -Be 'Deserialized.CrossEntropy.ClassSummary' -Because 'types.ps1xml: SerializationDepth 2'
        $r[0].PerClass[0].Count | Should -Be $local.PerClass[0].Count
    }
}

Describe 'ForEach-Object -Parallel (runspaces in this process)' {
    It 'gives the local answer from every runspace, as live CrossEntropy.LossSummary objects' {
        $r = @(1..2 | ForEach-Object -ThrottleLimit 2 -Parallel {
                Import-Module $using:manifest
                Measure-CrossEntropy -Path $using:iris
            })
        $r | Should -HaveCount 2
        foreach ($summary in $r) {
            $summary | Should -BeOfType ([CrossEntropy.LossSummary])
            Assert-SameSummary $summary
            $summary.PerClass[0] | Should -BeOfType ([CrossEntropy.ClassSummary])
        }
    }
}

Describe 'A LossSummary through Export-Clixml/Import-Clixml and ConvertTo-Json/ConvertFrom-Json' {
    It 'Clixml (default depth 2) keeps every property, exact doubles, PerClass objects and the property types' {
        $path = Join-Path $TestDrive 'summary.xml'
        $local | Export-Clixml -Path $path
        $back = Import-Clixml -Path $path
        $back.pstypenames[0] | Should -Be 'Deserialized.CrossEntropy.LossSummary'
        @($back.psobject.Properties.Name) | Should -Be $summaryProperties
        Assert-SameSummary $back
        $back.Count | Should -BeOfType [long]
        $back.TopK | Should -BeOfType [int]
        $back.Group | Should -BeNullOrEmpty
        $back.PerClass[1].pstypenames[0] | Should -Be 'Deserialized.CrossEntropy.ClassSummary'
        $back.PerClass[1].Loss | Should -Be $local.PerClass[1].Loss
        $back.PerClass[1].Count | Should -BeOfType [long]
        $back.PerClass.GetType() | Should -Be ([Collections.ArrayList])
    }

    It 'Clixml keeps NaN and infinity as doubles; the types.ps1xml SerializationDepth 2 keeps PerClass even at -Depth 1' {
        $path = Join-Path $TestDrive 'nan.xml'
        [CrossEntropy.LossSummary]@{ Loss = [double]::NaN; Perplexity = [double]::PositiveInfinity } | Export-Clixml -Path $path
        $back = Import-Clixml -Path $path
        $back.Loss | Should -BeOfType [double]
        [double]::IsNaN($back.Loss) | Should -BeTrue
        $back.Perplexity | Should -Be ([double]::PositiveInfinity)
        (Get-Content -Raw -Path $path) | Should -BeLike '*<Db N="Loss">NaN</Db>*<Db N="Perplexity">INF</Db>*'

        $local | Export-Clixml -Path $path -Depth 1
        (Import-Clixml -Path $path).PerClass[0].pstypenames[0] | Should -Be 'Deserialized.CrossEntropy.ClassSummary'
    }

    It 'JSON (default depth 2) keeps the figures exactly but not the type; integers come back Int64' {
        $json = $local | ConvertTo-Json
        $back = $json | ConvertFrom-Json
        $back.pstypenames[0] | Should -Be 'System.Management.Automation.PSCustomObject'
        @($back.psobject.Properties.Name) | Should -Be $summaryProperties
        Assert-SameSummary $back
        $back.TopK | Should -BeOfType [long]
        $back.WeightSum | Should -BeOfType [double] -Because 'ConvertTo-Json writes a whole double as 150.0'
        $json | Should -BeLike '*"WeightSum": 150.0,*'
        $back.Group | Should -BeNullOrEmpty
        $back.PerClass[2].Class | Should -Be $local.PerClass[2].Class
        $back.PerClass[2].Loss | Should -Be $local.PerClass[2].Loss
        $back.PerClass[0].Accuracy | Should -BeOfType [double]
    }

    It 'JSON writes NaN and infinity as strings and comes back with strings; -Depth 1 turns PerClass into strings' {
        $json = [CrossEntropy.LossSummary]@{ Loss = [double]::NaN; Perplexity = [double]::PositiveInfinity } | ConvertTo-Json -Compress
        $json | Should -BeLike '{"Loss":"NaN",*"Perplexity":"Infinity",*'
        $back = $json | ConvertFrom-Json
        $back.Loss | Should -BeOfType [string]
        $back.Loss | Should -Be 'NaN'
        [double]::IsNaN([double]$back.Loss) | Should -BeTrue

        $shallow = $local | ConvertTo-Json -Depth 1 -WarningAction SilentlyContinue -WarningVariable warned | ConvertFrom-Json
        "$warned" | Should -BeLike '*truncated*'
        @($shallow.PerClass) | Should -Be $perClassText
    }
}
