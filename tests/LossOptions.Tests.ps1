#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# PyTorch parity for real pwsh users: every case of tests/data/expected.json (written by
# tests/data/generate_expected.py with PyTorch and scikit-learn) through Import-Csv-style rows, -Path and explicit
# arrays. Mirrors tests/CrossEntropy.PowerShell.Tests/LossOptionTests.cs.

BeforeDiscovery {
    $expected = Get-Content -Raw -Path (Join-Path $PSScriptRoot 'data/expected.json') | ConvertFrom-Json
    $cases = foreach ($c in $expected.cases) { @{ Case = $c; Name = $c.name } }
    $logitCases = $cases | Where-Object { $_.Case.kind -ne 'probabilities' }
    $softmaxCases = $cases | Where-Object { $_.Case.kind -in 'index', 'soft' }
    $arrayCases = $cases | Where-Object { $_.Case.kind -in 'index', 'soft', 'probabilities' }
}

BeforeAll {
    Import-Module (Join-Path (Split-Path -Parent $PSScriptRoot) 'CrossEntropy.psd1') -Force

    function Format-Number([object] $Value) {
        ([double]$Value).ToString('R', [cultureinfo]::InvariantCulture)
    }

    function Assert-Near([double] $Expected, [double] $Actual, [double] $Rel = 1e-12, [double] $Abs = 1e-14, [string] $What = 'value') {
        if ([double]::IsNaN($Expected) -and [double]::IsNaN($Actual)) { return }
        if ($Expected -eq $Actual) { return }
        $tolerance = $Rel * [math]::Max([math]::Abs($Expected), [math]::Abs($Actual)) + $Abs
        [math]::Abs($Expected - $Actual) | Should -BeLessOrEqual $tolerance -Because "$What should be $Expected, got $Actual"
    }

    # Score rows of a case: a binary case's flat list of logits is one score per row.
    function Get-ScoreRow($Case) {
        # The comma keeps a one-row case's [[...]] from being unrolled into its scores by the if statement's output.
        $scores = if ($Case.kind -eq 'probabilities') { , $Case.probabilities } else { , $Case.logits }
        foreach ($row in $scores) { , @($row) }
    }

    # The case as Import-Csv would emit it: [pscustomobject] rows with string values.
    function ConvertTo-CaseRow($Case) {
        $scores = @(Get-ScoreRow $Case)
        $width = $scores[0].Count
        $prefix = if ($Case.kind -eq 'probabilities') { 'p_' } else { 'logit_' }
        for ($r = 0; $r -lt $scores.Count; $r++) {
            $row = [ordered]@{}
            if ($Case.kind -eq 'binary') { $row['logit_pos'] = Format-Number $scores[$r][0] }
            else { for ($k = 0; $k -lt $width; $k++) { $row["$prefix$k"] = Format-Number $scores[$r][$k] } }
            if ($Case.kind -in 'soft', 'multilabel') {
                for ($k = 0; $k -lt $width; $k++) { $row["y_$k"] = Format-Number $Case.target[$r][$k] }
            }
            else {
                $row['label'] = ([int][double]$Case.target[$r]).ToString([cultureinfo]::InvariantCulture)
            }
            [pscustomobject]$row
        }
    }

    function Get-CaseOption($Case) {
        $o = @{}
        if ($null -ne $Case.weight) { $o.Weight = [double[]]@($Case.weight) }
        if ($Case.kind -eq 'index' -and $Case.ignore_index -ne -100) { $o.IgnoreIndex = $Case.ignore_index }
        if ($Case.label_smoothing) { $o.LabelSmoothing = [double]$Case.label_smoothing }
        if ($null -ne $Case.temperature -and $Case.temperature -ne 1) { $o.Temperature = [double]$Case.temperature }
        if ($null -ne $Case.pos_weight) { $o.PosWeight = [double[]]@($Case.pos_weight) }
        if ($Case.kind -eq 'probabilities') { $o.Epsilon = [double]$Case.epsilon }
        if ($Case.kind -eq 'multilabel') { $o.MultiLabel = $true }
        $o
    }

    function Get-RowLoss($Case) {
        foreach ($l in $Case.loss_none) {
            if ($Case.kind -eq 'multilabel') { ($l | ForEach-Object { [double]$_ } | Measure-Object -Sum).Sum } else { [double]$l }
        }
    }

    function Write-CaseCsv($Case) {
        $path = Join-Path $TestDrive "$($Case.name).csv"
        ConvertTo-CaseRow $Case | Export-Csv -Path $path -NoTypeInformation -UseQuotes Never
        $path
    }
}

Describe 'Measure-CrossEntropy matches PyTorch: <Name>' -ForEach $cases {
    BeforeAll {
        $rows = @(ConvertTo-CaseRow $Case)
        $options = Get-CaseOption $Case
        $path = Write-CaseCsv $Case
    }

    It 'gives the mean and the sum through the pipeline' {
        Assert-Near ([double]$Case.loss_mean) ($rows | Measure-CrossEntropy @options).Loss -What 'mean'
        Assert-Near ([double]$Case.loss_sum) ($rows | Measure-CrossEntropy @options -Reduction Sum).Loss -What 'sum'
    }

    It 'gives the mean and the sum with -Path' {
        $r = Measure-CrossEntropy -Path $path @options
        Assert-Near ([double]$Case.loss_mean) $r.Loss -What 'mean'
        $r.Count | Should -Be $rows.Count
        $r.Count | Should -Be ($r.Used + $r.Ignored + $r.Rejected)
        Assert-Near ([double]$Case.loss_sum) (Measure-CrossEntropy -Path $path @options -Reduction Sum).Loss -What 'sum'
    }

    It 'gives the per-row losses with -Reduction None' {
        $expected = @(Get-RowLoss $Case)
        $actual = @(Measure-CrossEntropy -Path $path @options -Reduction None)
        $actual | Should -HaveCount $expected.Count
        for ($i = 0; $i -lt $expected.Count; $i++) { Assert-Near $expected[$i] $actual[$i].Loss -What "row $i" }
    }
}

Describe 'Get-LossGradient matches autograd: <Name>' -ForEach $logitCases {
    BeforeAll {
        $path = Write-CaseCsv $Case
        $options = Get-CaseOption $Case
    }

    It 'gives the gradient of the <_>' -ForEach 'Mean', 'Sum' {
        $expected = if ($_ -eq 'Mean') { , $Case.grad_mean } else { , $Case.grad_sum }
        $rows = @(Get-LossGradient -Path $path @options -Reduction $_)
        $rows | Should -HaveCount @($expected).Count
        for ($i = 0; $i -lt $rows.Count; $i++) {
            $want = @($expected[$i])
            for ($k = 0; $k -lt $want.Count; $k++) {
                Assert-Near ([double]$want[$k]) $rows[$i].Gradient[$k] -Abs 1e-15 -What "row $i class $k"
            }
        }
    }
}

Describe 'Get-Softmax matches F.softmax and F.log_softmax: <Name>' -ForEach $softmaxCases {
    It 'gives probabilities and log-probabilities' {
        $rows = @(ConvertTo-CaseRow $Case)
        $t = if ($Case.temperature -ne 1) { @{ Temperature = [double]$Case.temperature } } else { @{} }
        $p = @($rows | Get-Softmax @t)
        $lp = @($rows | Get-Softmax -Log @t)
        for ($i = 0; $i -lt $p.Count; $i++) {
            for ($k = 0; $k -lt $p[$i].Probabilities.Count; $k++) {
                Assert-Near ([double]$Case.softmax[$i][$k]) $p[$i].Probabilities[$k] -Abs 1e-300 -What "p[$i][$k]"
                Assert-Near ([double]$Case.log_softmax[$i][$k]) $lp[$i].LogProbabilities[$k] -Abs 1e-12 -What "log p[$i][$k]"
            }
            $p[$i].'0' | Should -Be $p[$i].Probabilities[0]
        }
    }
}

Describe 'Explicit arrays match PyTorch: <Name>' -ForEach $arrayCases {
    It 'gives the mean from -Logit/-Probability and -Target' {
        $scores = @(Get-ScoreRow $Case | ForEach-Object { , [double[]]$_ })
        $target = if ($Case.kind -eq 'soft') { @($Case.target | ForEach-Object { , [double[]]$_ }) } else { [int[]]@($Case.target) }
        $options = Get-CaseOption $Case
        $r = if ($Case.kind -eq 'probabilities') {
            Measure-CrossEntropy -Probability $scores -Target $target @options
        }
        else {
            Measure-CrossEntropy -Logit $scores -Target $target @options
        }
        Assert-Near ([double]$Case.loss_mean) $r.Loss
    }
}

Describe 'Options by name' {
    BeforeAll {
        $iris = Join-Path (Split-Path -Parent $PSScriptRoot) 'examples/iris-logits.csv'
    }

    It 'takes class weights by class name' {
        $byName = (Measure-CrossEntropy -Path $iris -Weight @{ virginica = 3.0; setosa = 0.5 }).Loss
        $byOrder = (Measure-CrossEntropy -Path $iris -Weight 0.5, 1, 3).Loss
        $byName | Should -Be $byOrder
    }

    It 'ignores a class by name' {
        $r = Measure-CrossEntropy -Path $iris -IgnoreIndex setosa
        $r.Ignored | Should -Be 50
        $r.Used | Should -Be 100
    }

    It 'gives one summary per group with -GroupBy, each equal to its subset' {
        $rows = Import-Csv -Path $iris
        $i = 0
        $tagged = $rows | ForEach-Object { $_ | Add-Member -NotePropertyName fold -NotePropertyValue ('ab'[$i++ % 2]) -PassThru }
        $groups = @($tagged | Measure-CrossEntropy -GroupBy fold)
        $groups | Should -HaveCount 2
        $a = $tagged | Where-Object fold -EQ 'a' | Measure-CrossEntropy
        Assert-Near $a.Loss ($groups | Where-Object Group -EQ 'a').Loss
        ($groups | Measure-Object -Property Count -Sum).Sum | Should -Be 150
    }

    It 'writes one property per class from Get-Softmax so Export-Csv gives a clean file' {
        $out = Join-Path $TestDrive 'probs.csv'
        Get-Softmax -Path $iris | Select-Object Row, setosa, versicolor, virginica | Export-Csv -Path $out -NoTypeInformation
        $back = Import-Csv -Path $out
        $back | Should -HaveCount 150
        [double]$back[0].setosa + [double]$back[0].versicolor + [double]$back[0].virginica | Should -BeGreaterThan 0.999999999
    }
}
