#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Pester 5 tests of the audit cmdlets for real pwsh users (./build.ps1 -Test). They mirror
# tests/CrossEntropy.PowerShell.Tests/AuditCmdletTests.cs and ReportTests.cs, against tests/data/audit_expected.json
# (written by tests/data/generate_audit_expected.py with torch, numpy, scipy and scikit-learn).

BeforeDiscovery {
    $expected = Get-Content -Raw -Path (Join-Path $PSScriptRoot 'data/audit_expected.json') | ConvertFrom-Json
    $calibrationCases = foreach ($c in $expected.cases) {
        if ($c.PSObject.Properties.Name -contains 'ece') { @{ Name = $c.name; Case = $c } }
    }
    $countCases = @(
        @{ Name = 'counts_uniform3'; Count = @{ a = 50; b = 50; c = 50 } }
        @{ Name = 'counts_skewed'; Count = @(30, 10, 0, 5) }
        @{ Name = 'counts_pure'; Count = [ordered]@{ yes = 7; no = 0 } }
    )
    $noisyCases = @(
        @{ Name = 'noisy_digits'; By = 'Normalized' }
        @{ Name = 'noisy_digits'; By = 'Loss' }
        @{ Name = 'noisy_digits'; By = 'Margin' }
        @{ Name = 'noisy_iris'; By = 'Normalized' }
        @{ Name = 'noisy_iris_probabilities'; By = 'Margin' }
    )
}

BeforeAll {
    $repo = Split-Path -Parent $PSScriptRoot
    Import-Module (Join-Path $repo 'CrossEntropy.psd1') -Force
    $expected = Get-Content -Raw -Path (Join-Path $PSScriptRoot 'data/audit_expected.json') | ConvertFrom-Json
    $iris = Join-Path $repo 'examples/iris-logits.csv'
    $irisProbabilities = Join-Path $repo 'examples/iris-probabilities.csv'
    $digits = Join-Path $repo 'examples/digits-logits.csv'
    $soft = Join-Path $PSScriptRoot 'data/audit-soft.csv'
    $binary = Join-Path $PSScriptRoot 'data/audit-binary.csv'

    function Get-Case([string] $Name) { $expected.cases | Where-Object name -EQ $Name }

    # JSON has no NaN: the generator writes "NaN", which [double] reads culture-invariantly.
    function ConvertTo-Double($Value) { [double]::Parse([string]$Value, [cultureinfo]::InvariantCulture) }

    function Assert-Near($Expected, [double] $Actual, [double] $Rel = 1e-12, [double] $Abs = 1e-14, [string] $What = 'value') {
        $e = ConvertTo-Double $Expected
        if ([double]::IsNaN($e) -and [double]::IsNaN($Actual)) { return }
        if ($e -eq $Actual) { return }
        $tolerance = $Rel * [math]::Max([math]::Abs($e), [math]::Abs($Actual)) + $Abs
        [math]::Abs($e - $Actual) | Should -BeLessOrEqual $tolerance -Because "$What should be $e, got $Actual"
    }

    function Get-CaseCsv($Case) {
        if ($Case.source) { Join-Path $repo "examples/$($Case.source)" }
        elseif ($Case.kind -eq 'binary_logits') { $binary }
        else { $soft }
    }

    function Get-CaseOption($Case) {
        $o = @{ BinCount = [int]$Case.bins }
        if ([double]$Case.temperature -ne 1) { $o.Temperature = [double]$Case.temperature }
        $o
    }
}

Describe 'Measure-Calibration' {
    It 'matches the reference for <Name> by -Path and by Import-Csv rows' -ForEach $calibrationCases {
        $path = Get-CaseCsv $Case
        $options = Get-CaseOption $Case
        $results = if ($null -ne $Case.sample_weight) {
            $weights = @($Case.sample_weight)
            $i = 0
            , (Import-Csv -Path $path | ForEach-Object {
                    $_ | Add-Member -NotePropertyName sw -NotePropertyValue (ConvertTo-Double $weights[$i]).ToString('R', [cultureinfo]::InvariantCulture) -PassThru
                    $i++
                } | Measure-Calibration -SampleWeightColumn sw @options)
        }
        else {
            (Measure-Calibration -Path $path @options), (Import-Csv -Path $path | Measure-Calibration @options)
        }
        foreach ($r in $results) {
            $r.PSObject.TypeNames[0] | Should -Be 'CrossEntropy.CalibrationSummary'
            Assert-Near $Case.ece $r.ExpectedCalibrationError -What 'ECE'
            Assert-Near $Case.mce $r.MaximumCalibrationError -What 'MCE'
            Assert-Near $Case.brier $r.BrierScore -What 'Brier'
            Assert-Near $Case.accuracy $r.Accuracy -What 'accuracy'
            $r.Count | Should -Be $Case.n
            $r.Count | Should -Be ($r.Used + $r.Ignored + $r.Rejected)
            ($r.Bins | ForEach-Object Count) -join ',' | Should -Be (@($Case.bin_counts) -join ',')
        }
    }

    It 'takes explicit binary arrays and gives scikit-learn''s Brier score' {
        $c = Get-Case 'binary_logits'
        $x = [double[]]@($c.scores | ForEach-Object { ConvertTo-Double $_[0] })
        $y = [int[]]@($c.labels)
        $r = Measure-Calibration -Logit $x -Target $y -BinCount 10
        $r.Target | Should -Be 'Binary'
        Assert-Near $c.sklearn_brier $r.BrierScore
        Assert-Near $c.ece $r.ExpectedCalibrationError
    }

    It 'returns the bins as a DataFrame with -AsDataFrame' {
        $df = Measure-Calibration -Path $digits -AsDataFrame
        $df.GetType().FullName | Should -Be 'Microsoft.Data.Analysis.DataFrame'
        $df.Rows.Count | Should -Be 15
        (@($df.Columns['Count']) -join ',') | Should -Be (@((Get-Case 'digits_logits').bin_counts) -join ',')
    }

    It 'gives one summary per group with -GroupBy' {
        $i = 0
        $groups = Import-Csv -Path $digits | ForEach-Object {
            $_ | Add-Member -NotePropertyName fold -NotePropertyValue ($(if ($i % 3 -eq 0) { 'a' } else { 'b' })) -PassThru
            $i++
        } | Measure-Calibration -GroupBy fold
        $groups | Should -HaveCount 2
        ($groups | Measure-Object -Property Count -Sum).Sum | Should -Be 1797
    }

    It 'rejects bad rows with errors naming file, row, column and value' {
        $path = Join-Path $TestDrive 'bad.csv'
        Set-Content -Path $path -Value "logit_a,logit_b,label`n1,2,a`n1,x,b`n0.5,0.25,c`n3,1,b"
        $r = Measure-Calibration -Path $path -ErrorVariable bad -ErrorAction SilentlyContinue
        $r.Count | Should -Be 4
        $r.Used | Should -Be 2
        $r.Rejected | Should -Be 2
        $bad | Should -HaveCount 2
        $bad[0].ToString() | Should -BeLike "*bad.csv, row 2, column 'logit_b', value 'x': not a number*"
    }
}

Describe 'Measure-Entropy' {
    It 'gives the predicted entropy in bits and the label entropy' {
        $c = Get-Case 'iris_logits'
        $r = Measure-Entropy -Path $iris -Base 2
        $r.PSObject.TypeNames[0] | Should -Be 'CrossEntropy.EntropySummary'
        Assert-Near $c.entropy_mean_base $r.Entropy
        Assert-Near ([math]::Log(3, 2)) $r.LabelEntropy
        $r.Base | Should -Be '2'
    }

    It 'gives H(t), H(t, q) and KL(t || q) for soft targets, and H(t, q) = H(t) + KL' {
        $c = Get-Case 'soft_targets'
        foreach ($r in (Measure-Entropy -Path $soft), (Import-Csv -Path $soft | Measure-Entropy)) {
            Assert-Near $c.entropy_mean $r.Entropy -What 'H(q)'
            Assert-Near $c.target_entropy_mean $r.TargetEntropy -What 'H(t)'
            Assert-Near $c.kl_mean $r.KLDivergence -What 'KL'
            Assert-Near $c.cross_entropy_mean $r.CrossEntropy -What 'H(t, q)'
            Assert-Near $r.CrossEntropy ($r.TargetEntropy + $r.KLDivergence) -What 'identity'
        }
    }

    It 'gives one row each with -Reduction None, and a DataFrame with -AsDataFrame' {
        $c = Get-Case 'soft_targets'
        $rows = Measure-Entropy -Path $soft -Reduction None
        $rows | Should -HaveCount 60
        $rows[0].PSObject.TypeNames[0] | Should -Be 'CrossEntropy.EntropyRow'
        $kl = @($c.kl_rows)
        for ($i = 0; $i -lt 60; $i++) { Assert-Near $kl[$i] $rows[$i].KLDivergence -What "KL of row $($i + 1)" }
        $df = Measure-Entropy -Path $soft -Reduction None -AsDataFrame
        $df.Rows.Count | Should -Be 60
    }

    It 'needs no labels for the entropy of predictions' {
        $r = Import-Csv -Path $irisProbabilities | Select-Object p_* | Measure-Entropy
        Assert-Near (Get-Case 'iris_probabilities').entropy_mean $r.Entropy
        [double]::IsNaN($r.KLDivergence) | Should -BeTrue
        $r.Target | Should -Be 'None'
    }

    It 'gives the entropy and Gini impurity of class counts (<Name>)' -ForEach $countCases {
        $c = Get-Case $Name
        $r = Measure-Entropy -Count $Count
        $r.PSObject.TypeNames[0] | Should -Be 'CrossEntropy.LabelEntropy'
        Assert-Near $c.entropy $r.Entropy
        Assert-Near $c.gini $r.GiniImpurity
        Assert-Near $c.entropy_bits (Measure-Entropy -Count $Count -Base 2).Entropy
    }

    It 'gives the entropy of a label column' {
        $r = Measure-Entropy -Label (Import-Csv -Path $iris).label
        Assert-Near ([math]::Log(3)) $r.Entropy
        $r.Classes -join ',' | Should -Be 'setosa,versicolor,virginica'
    }
}

Describe 'Find-NoisyLabel' {
    It 'ranks like the reference: <Name> by <By>' -ForEach $noisyCases {
        $c = Get-Case $Name
        $e = $c.$By
        $path = Join-Path $repo "examples/$($c.source)"
        $byPath = @(Find-NoisyLabel -Path $path -Top $c.top -By $By)
        $byPipeline = @(Import-Csv -Path $path | Find-NoisyLabel -Top $c.top -By $By)
        foreach ($found in (, $byPath) + (, $byPipeline)) {
            ($found | ForEach-Object Row) -join ',' | Should -Be (@($e.rows) -join ',')
            $normalized = @($e.normalized)
            for ($i = 0; $i -lt $found.Count; $i++) { Assert-Near $normalized[$i] $found[$i].NormalizedScore -What "score of rank $($i + 1)" }
            $found[0].PSObject.TypeNames[0] | Should -Be 'CrossEntropy.NoisyLabel'
        }
    }

    It 'returns copies of the rows with the scores added, never overwriting a column' {
        $rows = @(
            [pscustomobject]@{ logit_a = '3'; logit_b = '0'; label = 'a'; Loss = 'x' }
            [pscustomobject]@{ logit_a = '0'; logit_b = '3'; label = 'a'; Loss = 'y' }
            [pscustomobject]@{ logit_a = '2'; logit_b = '1'; label = 'b'; Loss = 'z' }
        )
        $found = $rows | Find-NoisyLabel -Top 1 -By Loss
        $found.Row | Should -Be 2
        $found.Loss | Should -Be 'y'
        $found.ce_Loss | Should -BeGreaterThan 3
        $rows[1].PSObject.Properties.Name | Should -Not -Contain 'Rank'
    }

    It 'refuses soft targets' {
        { Find-NoisyLabel -Path $soft -ErrorAction Stop } | Should -Throw '*needs one class label per row*'
    }
}

Describe 'DataFrames' {
    It 'reads a DataFrame the module made, piped or given to -InputObject' {
        $loss = (Measure-CrossEntropy -Path $iris).Loss
        $frame = Find-NoisyLabel -Path $iris -Top 150 -AsDataFrame
        Assert-Near $loss ($frame | Measure-CrossEntropy -Class setosa, versicolor, virginica -LabelColumn label).Loss
        $given = Measure-CrossEntropy -InputObject $frame -Class setosa, versicolor, virginica -LabelColumn label
        $given.Source | Should -Be 'DataFrame'
        $given.Count | Should -Be 150
    }

    It 'gives per-row losses as a DataFrame' {
        $df = Measure-CrossEntropy -Path $digits -Reduction None -AsDataFrame
        $df.Rows.Count | Should -Be 1797
        $rows = Measure-CrossEntropy -Path $digits -Reduction None
        $df.Columns['Loss'][0] | Should -Be $rows[0].Loss
    }
}

Describe 'Export-CrossEntropyReport' {
    It 'writes one self-contained page with every part' {
        $file = Join-Path $TestDrive 'report.html'
        $info = Export-CrossEntropyReport -Path $iris -OutFile $file -PassThru
        $info.Name | Should -Be 'report.html'
        $html = Get-Content -Raw -Path $file
        foreach ($id in 'summary', 'loss-histogram', 'reliability', 'confidence-histogram', 'per-class', 'noisy-rows') {
            $html | Should -BeLike "*id=`"$id`"*"
        }
        $html | Should -Not -BeLike '*<script*'
    }

    It 'shows markup from the data as text' {
        $file = Join-Path $TestDrive 'hostile.html'
        Import-Csv -Path $iris | ForEach-Object {
            [pscustomobject]@{
                setosa                      = $_.setosa
                '<script>alert(1)</script>' = $_.versicolor
                virginica                   = $_.virginica
                label                       = $(if ($_.label -eq 'versicolor') { '<script>alert(1)</script>' } else { $_.label })
            }
        } | Export-CrossEntropyReport -OutFile $file
        $html = Get-Content -Raw -Path $file
        $html | Should -Not -BeLike '*<script*'
        $html | Should -BeLike '*&lt;script&gt;alert(1)&lt;/script&gt;*'
    }

    It 'says in its header which module version, options and command line made it' {
        $file = Join-Path $TestDrive 'made.html'
        Export-CrossEntropyReport -Path $iris -OutFile $file -Title "Iris <b>&</b>" -BinCount 10
        $html = Get-Content -Raw -Path $file
        $version = (Get-Module CrossEntropy).Version
        $html | Should -BeLike "*<tr><td>Module</td><td>CrossEntropy $version</td></tr>*"
        $html | Should -BeLike "*-Title &#39;Iris &lt;b&gt;&amp;&lt;/b&gt;&#39; -BinCount 10 -Top 20 -By Normalized*"
        # MyInvocation.Line: the line as typed in the shell, escaped.
        $html | Should -BeLike '*<code>Export-CrossEntropyReport -Path $iris -OutFile $file -Title &quot;Iris &lt;b&gt;&amp;&lt;/b&gt;&quot; -BinCount 10</code>*'
    }

    It 'refuses a directory as -OutFile' {
        { Export-CrossEntropyReport -Path $iris -OutFile $TestDrive -ErrorAction Stop } | Should -Throw '*is a directory*'
    }
}

Describe 'examples/audit.ps1' {
    It 'runs on the bundled predictions and writes both reports' {
        $output = & (Join-Path $repo 'examples/audit.ps1') -OutputFolder $TestDrive
        $output | Should -Contain '== digits-logits =='
        Join-Path $TestDrive 'digits-logits-audit.html' | Should -Exist
        Join-Path $TestDrive 'iris-probabilities-audit.html' | Should -Exist
    }
}
