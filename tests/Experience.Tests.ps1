#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# The PowerShell-native experience on real pwsh: help, format views, completion, streaming, progress, load context,
# manifest. Mirrors tests/CrossEntropy.PowerShell.Tests (HelpTests, ModuleExperienceTests, StreamingTests).

BeforeDiscovery {
    # -ForEach data is evaluated while Pester discovers the tests, before BeforeAll runs.
    Import-Module (Join-Path (Split-Path -Parent $PSScriptRoot) 'CrossEntropy.psd1') -Force
    $cmdletNames = @((Get-Module CrossEntropy).ExportedCmdlets.Keys)
}

BeforeAll {
    $repo = Split-Path -Parent $PSScriptRoot
    Import-Module (Join-Path $repo 'CrossEntropy.psd1') -Force
    $iris = Join-Path $repo 'examples/iris-logits.csv'
    $probabilities = Join-Path $repo 'examples/iris-probabilities.csv'
    $cmdlets = (Get-Module CrossEntropy).ExportedCmdlets.Keys
}

Describe 'Help' {
    It 'documents <_> with a synopsis, three examples and every parameter' -ForEach $cmdletNames {
        $help = Get-Help $_ -Full
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -BeLike "$_ *``[*"   # generated syntax-only help would start with the syntax
        @($help.Examples.Example).Count | Should -BeGreaterOrEqual 3
        $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
        $described = @($help.Parameters.Parameter | Where-Object { $_.Description } | ForEach-Object Name)
        foreach ($name in (Get-Command $_).Parameters.Keys) {
            if ($name -notin $common) { $described | Should -Contain $name }
        }
    }

    It 'has the about_CrossEntropy topic with the column mapping rules' {
        $text = Get-Help about_CrossEntropy | Out-String
        $text | Should -BeLike '*logit_*'
        $text | Should -BeLike '*label*'
    }
}

Describe 'Format views' {
    It 'shows a summary as a list with numbers to six significant digits' {
        $text = Measure-CrossEntropy -Path $iris | Out-String
        $text | Should -Match 'Loss\s+: 0\.201101'
        $text | Should -Match 'PerClass\s+: setosa: loss'
    }

    It 'shows per-row output as a compact table' {
        $text = Measure-CrossEntropy -Path $iris -Reduction None | Select-Object -First 3 | Out-String
        $text | Should -Match 'Row\s+Label\s+Predicted\s+Confidence\s+Loss'
    }

    It 'keeps full precision on the objects' {
        $loss = (Measure-CrossEntropy -Logit 2.0, 1.0, 0.1 -Target 0).Loss
        [math]::Abs($loss - 0.41703001627783354) | Should -BeLessThan 1e-15
    }
}

Describe 'Tab completion' {
    BeforeAll { Push-Location $repo }
    AfterAll { Pop-Location }

    It 'completes -<_> from the header of the -Path file' -ForEach 'LabelColumn', 'LogitColumn', 'ProbabilityColumn', 'TargetColumn', 'SampleWeightColumn', 'GroupBy' {
        $line = "Measure-CrossEntropy -Path examples/iris-probabilities.csv -$_ p_"
        $r = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        $r.CompletionMatches.CompletionText | Should -Be @('p_setosa', 'p_versicolor', 'p_virginica')
    }

    It 'completes classes for -Class and -IgnoreIndex, and a weight per class for -Weight' {
        $line = 'Measure-CrossEntropy -Path examples/iris-logits.csv -IgnoreIndex v'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('versicolor', 'virginica')
        $line = 'Measure-CrossEntropy -Path examples/iris-logits.csv -Weight '
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText |
            Should -Be '@{ setosa = 1; versicolor = 1; virginica = 1 }'
    }
}

Describe 'Streaming and pipeline manners' {
    BeforeAll {
        $big = Join-Path $TestDrive 'big.csv'
        $writer = [System.IO.StreamWriter]::new($big)
        $writer.WriteLine('logit_0,logit_1,logit_2,label')
        $rng = [System.Random]::new(1)
        for ($i = 0; $i -lt 400000; $i++) {
            $writer.WriteLine(('{0},{1},{2},{3}' -f $rng.NextDouble(), $rng.NextDouble(), $rng.NextDouble(), $rng.Next(3)))
        }
        $writer.Close()
    }

    It 'stops reading its input once Select-Object -First has its rows' {
        # Shown by how many rows the upstream producer was asked for, never by time.
        $script:produced = 0
        $rows = & {
            for ($i = 0; $i -lt 400000; $i++) {
                $script:produced++
                [pscustomobject]@{ logit_0 = 0.5; logit_1 = -0.5; label = $i % 2 }
            }
        } | Measure-CrossEntropy -Reduction None | Select-Object -First 5
        $rows | Should -HaveCount 5
        $rows.Row | Should -Be 1, 2, 3, 4, 5
        # Pipeline rows are computed in blocks of 1,024, so one block is read before its first rows come out.
        $script:produced | Should -BeLessOrEqual 2048
    }

    It 'gives the same answer on any number of threads' {
        $one = Measure-CrossEntropy -Path $big -ThrottleLimit 1
        $three = Measure-CrossEntropy -Path $big -ThrottleLimit 3
        $three.Loss | Should -Be $one.Loss
        $three.Count | Should -Be 400000
    }

    It 'says how it mapped the columns with -Verbose' {
        $verbose = Measure-CrossEntropy -Path $iris -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        $verbose.Message | Should -BeLike '*score columns: setosa, versicolor, virginica*label column: label*'
    }

    It 'binds files from Get-ChildItem and gives one summary each' {
        $folder = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'files')
        Copy-Item $iris (Join-Path $folder 'one.csv')
        Copy-Item $iris (Join-Path $folder 'two.csv')
        $summaries = Get-ChildItem -Path $folder -Filter '*.csv' | Measure-CrossEntropy
        $summaries | Should -HaveCount 2
        ($summaries.Source | ForEach-Object { Split-Path -Leaf $_ } | Sort-Object) | Should -Be @('one.csv', 'two.csv')
        (Get-ChildItem -Path $folder -Filter '*.csv' | Measure-CrossEntropy -Combine).Count | Should -Be 300
    }
}

Describe 'Editions and packaging' {
    It 'loads the cmdlets and their dependencies in the module''s own load context on pwsh' -Skip:($PSVersionTable.PSEdition -ne 'Core') {
        Measure-CrossEntropy -Logit (1..40) -Target 0 | Out-Null
        $context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext((Get-Command Measure-CrossEntropy).ImplementingType.Assembly)
        $context.Name | Should -Be 'CrossEntropy'
        $tensors = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'System.Numerics.Tensors' }
        [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($tensors[0]).Name | Should -Be 'CrossEntropy'
    }

    It 'has a manifest that Test-ModuleManifest accepts and the Gallery needs' {
        $m = Test-ModuleManifest -Path (Join-Path $repo 'CrossEntropy.psd1')
        $m.Description | Should -Not -BeNullOrEmpty
        $m.PrivateData.PSData.Tags | Should -Not -BeNullOrEmpty
        $m.PrivateData.PSData.ProjectUri | Should -Not -BeNullOrEmpty
        $m.PrivateData.PSData.LicenseUri | Should -Not -BeNullOrEmpty
        $m.CompatiblePSEditions | Should -Be @('Core', 'Desktop')
        $m.ExportedCmdlets.Keys | Sort-Object | Should -Be ($cmdlets | Sort-Object)
    }
}
