#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Pester 5 tests of the CI cmdlets (Test-Prediction, Assert-CrossEntropy) for real pwsh users (./build.ps1 -Test).
# They mirror tests/CrossEntropy.PowerShell.Tests/TestPredictionTests.cs, AssertCrossEntropyTests.cs and
# CiExampleTests.cs; expected figures come from tests/data/audit_expected.json (torch) and plain loops over the CSV.

BeforeDiscovery {
    # One case per problem kind: the file's lines ('|' separates them), extra parameters, and the one problem expected.
    $kindCases = @(
        @{ Name = 'Header'; Csv = 'logit_a,logit_b|1,2|'; Arguments = @{}; Kind = 'Header'; Row = 0; Column = $null; Value = $null; Reason = 'there is no label column' }
        @{ Name = 'NoRows'; Csv = 'logit_a,logit_b,label|'; Arguments = @{}; Kind = 'NoRows'; Row = 0; Column = $null; Value = $null; Reason = 'there are no data rows' }
        @{ Name = 'RowCount'; Csv = 'logit_a,logit_b,label|1,2,a|2,1,b|'; Arguments = @{ ExpectedRowCount = 3 }; Kind = 'RowCount'; Row = 0; Column = $null; Value = $null; Reason = '2 data rows, not the 3 expected' }
        @{ Name = 'RaggedRow'; Csv = 'logit_a,logit_b,label|1,2,a|1,2|'; Arguments = @{}; Kind = 'RaggedRow'; Row = 2; Column = $null; Value = $null; Reason = 'the row has 2 cells but the header has 3' }
        @{ Name = 'MissingValue'; Csv = 'logit_a,logit_b,label|1,,a|'; Arguments = @{}; Kind = 'MissingValue'; Row = 1; Column = 'logit_b'; Value = ''; Reason = 'the cell is empty' }
        @{ Name = 'NotANumber'; Csv = 'logit_a,logit_b,label|1,abc,a|'; Arguments = @{}; Kind = 'NotANumber'; Row = 1; Column = 'logit_b'; Value = 'abc'; Reason = 'not a number' }
        @{ Name = 'NaN'; Csv = 'logit_a,logit_b,label|1,NaN,a|'; Arguments = @{}; Kind = 'NaN'; Row = 1; Column = 'logit_b'; Value = 'NaN'; Reason = 'the value is NaN' }
        @{ Name = 'Infinite'; Csv = 'logit_a,logit_b,label|-inf,2,a|'; Arguments = @{}; Kind = 'Infinite'; Row = 1; Column = 'logit_a'; Value = '-inf'; Reason = 'the logit is infinite' }
        @{ Name = 'OutOfRange'; Csv = 'p_a,p_b,label|1.5,0.5,a|'; Arguments = @{}; Kind = 'OutOfRange'; Row = 1; Column = 'p_a'; Value = '1.5'; Reason = 'a probability must be in [0, 1]' }
        @{ Name = 'SumNotOne'; Csv = 'p_a,p_b,label|0.5,0.4,a|'; Arguments = @{}; Kind = 'SumNotOne'; Row = 1; Column = $null; Value = $null; Reason = 'the probabilities sum to 0.9, not 1 (tolerance 1E-06)' }
        @{ Name = 'UnknownLabel'; Csv = 'logit_a,logit_b,label|1,2,dog|'; Arguments = @{}; Kind = 'UnknownLabel'; Row = 1; Column = 'label'; Value = 'dog'; Reason = 'not a known class (classes: a, b; or give a class index)' }
        @{ Name = 'LabelOutOfRange'; Csv = 'logit_a,logit_b,label|1,2,5|'; Arguments = @{}; Kind = 'LabelOutOfRange'; Row = 1; Column = 'label'; Value = '5'; Reason = 'the label is outside the class range 0..1' }
        @{ Name = 'DuplicateId'; Csv = 'key,logit_a,logit_b,label|x,1,2,a|y,1,2,b|x,2,1,a|'; Arguments = @{ IdColumn = 'key' }; Kind = 'DuplicateId'; Row = 3; Column = 'key'; Value = 'x'; Reason = 'the id is also on row 1' }
    )
    $limitCases = @(
        @{ Failing = @{ MaximumLoss = 0.2 }; Passing = @{ MaximumLoss = 0.21 }; Message = 'loss 0.201101 is above the maximum 0.2' }
        @{ Failing = @{ MinimumAccuracy = 0.97 }; Passing = @{ MinimumAccuracy = 0.96 }; Message = 'accuracy 0.96 is below the minimum 0.97' }
        @{ Failing = @{ MaximumCalibrationError = 0.1 }; Passing = @{ MaximumCalibrationError = 0.12 }; Message = 'expected calibration error 0.116413 is above the maximum 0.1' }
        @{ Failing = @{ MinimumAccuracy = 0.95; PerClass = $true }; Passing = @{ MinimumAccuracy = 0.92; PerClass = $true }; Message = "class 'virginica': accuracy 0.92 is below the minimum 0.95" }
        @{ Failing = @{ MaximumLoss = 0.25; PerClass = $true }; Passing = @{ MaximumLoss = 0.3; PerClass = $true }; Message = "class 'versicolor': loss 0.296202 is above the maximum 0.25" }
        @{ Failing = @{ MinimumUsed = 151 }; Passing = @{ MinimumUsed = 150 }; Message = '150 rows used: fewer than the minimum 151' }
    )
}

BeforeAll {
    $repo = Split-Path -Parent $PSScriptRoot
    Import-Module (Join-Path $repo 'CrossEntropy.psd1') -Force
    $iris = Join-Path $repo 'examples/iris-logits.csv'
    $expected = Get-Content -Raw -Path (Join-Path $PSScriptRoot 'data/audit_expected.json') | ConvertFrom-Json
    $irisCase = $expected.cases | Where-Object name -EQ 'iris_logits'

    function New-Csv([string] $Name, [string] $Text) {
        $path = Join-Path $TestDrive $Name
        [System.IO.File]::WriteAllText($path, $Text.Replace('|', "`n"))
        $path
    }

    # The failed-check lines of an assertion's message (the first line is the summary).
    function Get-FailedLine([System.Management.Automation.ErrorRecord] $ErrorRecord) {
        @($ErrorRecord.Exception.Message -split '\r?\n' | Select-Object -Skip 1 | ForEach-Object { $_.Trim() })
    }

    # Runs an assertion that must fail and returns its error record.
    function Get-AssertionError([hashtable] $Arguments) {
        try {
            Assert-CrossEntropy @Arguments
        }
        catch {
            return $_
        }
        throw 'The assertion did not fail.'
    }

    # Plain loops over the iris CSV: mean loss and accuracy, independent of the module.
    function Get-IrisReference([string] $Path) {
        $classes = 'setosa', 'versicolor', 'virginica'
        $rows = Import-Csv -Path $Path
        $loss = 0.0; $right = 0
        foreach ($r in $rows) {
            $x = [double[]]@([double]::Parse($r.setosa, [cultureinfo]::InvariantCulture), [double]::Parse($r.versicolor, [cultureinfo]::InvariantCulture), [double]::Parse($r.virginica, [cultureinfo]::InvariantCulture))
            $y = [array]::IndexOf($classes, $r.label)
            $m = ($x | Measure-Object -Maximum).Maximum
            $sum = 0.0; foreach ($v in $x) { $sum += [math]::Exp($v - $m) }
            $loss += $m + [math]::Log($sum) - $x[$y]
            if ([array]::IndexOf($x, $m) -eq $y) { $right++ }
        }
        [pscustomobject]@{ Loss = $loss / $rows.Count; Accuracy = $right / $rows.Count }
    }
}

Describe 'Test-Prediction' {
    It 'passes <_> from the bundled examples' -ForEach @('iris-logits.csv', 'iris-probabilities.csv', 'digits-logits.csv') {
        $report = Test-Prediction -Path (Join-Path $repo "examples/$_")
        $report.Passed | Should -BeTrue
        $report.ProblemCount | Should -Be 0
        $report.Count | Should -Be $report.Used
        Test-Prediction -Path (Join-Path $repo "examples/$_") -Quiet | Should -BeTrue
    }

    It 'finds a <Kind> problem (<Name>) with its row, column and value' -ForEach $kindCases {
        $path = New-Csv "$Name.csv" $Csv
        $report = Test-Prediction -Path $path @Arguments -ErrorVariable errors
        $errors | Should -BeNullOrEmpty
        $report.Passed | Should -BeFalse
        $report.ProblemCount | Should -Be 1
        $report.ProblemCounts[$Kind] | Should -Be 1
        $problem = $report.Problems | Select-Object -First 1
        $problem.Kind | Should -Be $Kind
        $problem.Source | Should -Be $path
        $problem.Row | Should -Be $Row
        $problem.Column | Should -Be $Column
        $problem.Value | Should -Be $Value
        $problem.Reason | Should -BeLike "*$([WildcardPattern]::Escape($Reason))*"
        $report.Rejected | Should -Be ([int]($Row -gt 0))
        $report.Count | Should -Be ($report.Used + $report.Ignored + $report.Rejected)
    }

    It 'reports missing files, directories and class mismatches as source problems' {
        $good = New-Csv 'good.csv' 'logit_a,logit_b,label|1,2,a|'
        $other = New-Csv 'other.csv' 'logit_a,logit_c,label|1,2,a|'
        $missing = Join-Path $TestDrive 'missing.csv'
        $report = Test-Prediction -Path $good, $missing, $TestDrive, $other
        $report.Problems.Kind | Should -Be @('Source', 'Source', 'ClassMismatch')
        $report.Problems[2].Reason | Should -Be "its classes are a, c, not a, b as in $good"
        $report.Files.Rows | Should -Be @(1, 0, 0, 1)
    }

    It 'reports every problem of a row and counts the row once' {
        $report = Test-Prediction -Path (New-Csv 'many.csv' 'p_a,p_b,p_c,label|x,NaN,2,dog|0.2,0.3,0.5,c|')
        $report.Problems.Kind | Should -Be @('NotANumber', 'NaN', 'OutOfRange', 'UnknownLabel')
        $report.Rejected | Should -Be 1
        $report.Used | Should -Be 1
    }

    It 'shows the first 20 problems and counts them all' {
        $rows = -join (1..30 | ForEach-Object { if ($_ % 2 -eq 0) { '1,NaN,a|' } else { '1,2,dog|' } })
        $report = Test-Prediction -Path (New-Csv 'thirty.csv' "logit_a,logit_b,label|$rows")
        $report.ProblemCount | Should -Be 30
        $report.Problems.Count | Should -Be 20
        $report.ProblemCounts['NaN'] | Should -Be 15
        $report.ProblemCounts['UnknownLabel'] | Should -Be 15
    }

    It 'counts the ignore index as ignored, not as a problem' {
        $path = New-Csv 'ignore.csv' 'logit_a,logit_b,label|1,2,-100|1,2,b|'
        $report = Test-Prediction -Path $path
        $report.Passed | Should -BeTrue
        $report.Ignored | Should -Be 1
        (Test-Prediction -Path $path -IgnoreIndex $null).Problems[0].Kind | Should -Be 'LabelOutOfRange'
    }

    It 'reads numbers the same in <_>' -ForEach @('de-DE', 'fr-FR', 'tr-TR') {
        $path = New-Csv 'culture.csv' 'p_a,p_b,label|0.25,0.75,a|'
        $saved = [cultureinfo]::CurrentCulture
        try {
            [cultureinfo]::CurrentCulture = $_
            (Test-Prediction -Path $path).Passed | Should -BeTrue
        }
        finally {
            [cultureinfo]::CurrentCulture = $saved
        }
    }

    It 'checks Import-Csv rows and Get-ChildItem files like paths' {
        $path = New-Csv 'pipe.csv' 'id,logit_a,logit_b,label|1,1,2,a|2,NaN,2,b|1,1,2,b|'
        (Import-Csv -Path $path | Test-Prediction).Problems.Kind | Should -Be @('NaN', 'DuplicateId')
        (Get-ChildItem -Path $path | Test-Prediction).Problems.Row | Should -Be @(2, 3)
    }

    It 'writes no error, so a script decides the exit code' {
        $bad = New-Csv 'bad.csv' 'logit_a,logit_b,label|1,NaN,a|'
        $null = Test-Prediction -Path $bad
        $? | Should -BeTrue
        Test-Prediction -Path $bad -Quiet | Should -BeFalse
        & pwsh -NoProfile -Command "Import-Module '$repo/CrossEntropy.psd1'; if (-not (Test-Prediction -Path '$bad' -Quiet)) { exit 1 }"
        $LASTEXITCODE | Should -Be 1
    }

    It 'writes the documented JSON with -OutFile' {
        $bad = New-Csv 'bad.csv' 'id,p_a,p_b,label|1,0.5,0.5,a|2,NaN,0.5,b|3,0.2,0.8,-100|'
        $json = Join-Path $TestDrive 'result.json'
        $null = Test-Prediction -Path $bad -OutFile $json
        $result = Get-Content -Raw -Path $json | ConvertFrom-Json
        $result.PSObject.Properties.Name | Should -Be @('schemaVersion', 'tool', 'toolVersion', 'command', 'passed', 'sources', 'counts', 'metrics', 'checks', 'failedChecks', 'baseline', 'files', 'problems')
        $result.schemaVersion | Should -Be 1
        $result.command | Should -Be 'Test-Prediction'
        $result.passed | Should -BeFalse
        $result.counts.read | Should -Be 3
        $result.counts.used | Should -Be 1
        $result.counts.ignored | Should -Be 1
        $result.counts.rejected | Should -Be 1
        $result.checks.Count | Should -Be 15
        ($result.checks | Where-Object name -EQ 'NaN').measured | Should -Be 1
        $result.failedChecks | Should -Be 1
        $result.baseline | Should -BeNullOrEmpty
        $result.files[0].rows | Should -Be 3
        $result.problems.total | Should -Be 1
        $result.problems.byKind.NaN | Should -Be 1
        $result.problems.shown[0].message | Should -Be "$bad, row 2, column 'p_a', value 'NaN': the value is NaN."
    }

    It 'refuses a directory as -OutFile' {
        $e = { Test-Prediction -Path $iris -OutFile $TestDrive } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -BeLike 'CrossEntropy.InvalidOutFile,*'
        $e.Exception.Message | Should -BeLike '*is a directory*'
    }

    It 'writes GitHub annotations to the host, escaped' {
        $path = New-Csv 'gh.csv' 'logit_a,logit_b,label|1,2,a|1,"2:5%",a|'
        Push-Location -Path $TestDrive
        try {
            $null = Test-Prediction -Path $path -GitHubAnnotation -InformationVariable info 6>$null
        }
        finally {
            Pop-Location
        }
        $info.Tags | Should -Contain 'PSHOST'
        "$($info.MessageData)" | Should -Be "::error file=gh.csv,line=3,title=Test-Prediction%3A NotANumber::$path, row 2, column 'logit_b', value '2:5%25': not a number."
    }
}

Describe 'Assert-CrossEntropy' {
    It 'passes with the figures of torch' {
        $result = Assert-CrossEntropy -Path $iris -MaximumLoss 0.25 -MinimumAccuracy 0.95 -MaximumCalibrationError 0.15
        $result.Passed | Should -BeTrue
        $result.Loss | Should -BeGreaterThan ($irisCase.torch_loss_mean - 1e-12)
        $result.Loss | Should -BeLessThan ($irisCase.torch_loss_mean + 1e-12)
        [math]::Abs($result.ExpectedCalibrationError - $irisCase.ece) | Should -BeLessThan 1e-12
        $result.Accuracy | Should -Be (Get-IrisReference $iris).Accuracy
        $result.Checks.Name | Should -Be @('MinimumUsed', 'MaximumRejected', 'MaximumLoss', 'MinimumAccuracy', 'MaximumCalibrationError')
    }

    It 'fails with "<Message>"' -ForEach $limitCases {
        $e = Get-AssertionError (@{ Path = $iris } + $Failing)
        Get-FailedLine $e | Should -Be @($Message)
        $passing = @{ Path = $iris } + $Passing
        (Assert-CrossEntropy @passing).Passed | Should -BeTrue
    }

    It 'throws a terminating error that lists every broken limit' {
        $e = Get-AssertionError @{ Path = $iris; MaximumLoss = 0.1; MinimumAccuracy = 0.99; MaximumCalibrationError = 0.2; PerClass = $true }
        $e.FullyQualifiedErrorId | Should -Be 'CrossEntropy.AssertionFailed,CrossEntropy.Commands.AssertCrossEntropyCommand'
        $e.CategoryInfo.Category | Should -Be 'LimitsExceeded'
        $e.Exception.Message | Should -BeLike "6 of 11 checks failed for $([WildcardPattern]::Escape($iris)):*"
        Get-FailedLine $e | Should -Be @(
            'loss 0.201101 is above the maximum 0.1'
            'accuracy 0.96 is below the minimum 0.99'
            "class 'versicolor': loss 0.296202 is above the maximum 0.1"
            "class 'versicolor': accuracy 0.96 is below the minimum 0.99"
            "class 'virginica': loss 0.249745 is above the maximum 0.1"
            "class 'virginica': accuracy 0.92 is below the minimum 0.99"
        )
        $e.TargetObject.Passed | Should -BeFalse
        $e.TargetObject.FailedChecks | Should -Be 6
    }

    It 'sets $? to false and stops a script under -ErrorAction Stop' {
        # Under 'Continue' a terminating error ends the statement only and $? tells the script it failed. Inside Pester
        # every statement runs within a try block, which turns the error into an exception, so a child pwsh shows it.
        $script = "Import-Module '$repo/CrossEntropy.psd1'; `$ErrorActionPreference = 'Continue'; " +
            "Assert-CrossEntropy -Path '$iris' -MaximumLoss 0.1 2>`$null; 'after: ' + `$?"
        & pwsh -NoProfile -NonInteractive -Command $script | Should -Be 'after: False'
        $e = { Assert-CrossEntropy -Path $iris -MaximumLoss 0.1 -ErrorAction Stop } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -BeLike 'CrossEntropy.AssertionFailed,*'
    }

    It 'makes pwsh -c and pwsh -File exit with <Code>' -ForEach @(@{ Limit = 0.25; Code = 0 }, @{ Limit = 0.2; Code = 1 }) {
        & pwsh -NoProfile -NonInteractive -Command "Import-Module '$repo/CrossEntropy.psd1'; `$null = Assert-CrossEntropy -Path '$iris' -MaximumLoss $Limit" 2>$null
        $LASTEXITCODE | Should -Be $Code
        $script = Join-Path $TestDrive 'gate.ps1'
        # pwsh -File fails a script that a terminating error ends: under 'Stop', the failed assertion does.
        Set-Content -Path $script -Value "`$ErrorActionPreference = 'Stop'`nImport-Module '$repo/CrossEntropy.psd1'`n`$null = Assert-CrossEntropy -Path '$iris' -MaximumLoss $Limit`n'after'"
        & pwsh -NoProfile -NonInteractive -File $script 2>$null
        $LASTEXITCODE | Should -Be $Code
    }

    It 'counts rejected rows against -MaximumRejected and writes them as warnings' {
        $path = Join-Path $TestDrive 'bad.csv'
        Get-Content -Path $iris -TotalCount 10 | Set-Content -Path $path
        Add-Content -Path $path -Value 'NaN,1,2,setosa'
        $e = Get-AssertionError @{ Path = $path; MaximumLoss = 1; WarningAction = 'SilentlyContinue' }
        Get-FailedLine $e | Should -Be @('1 row rejected: more than the maximum 0')
        $result = Assert-CrossEntropy -Path $path -MaximumLoss 1 -MaximumRejected 1 -WarningVariable warnings -WarningAction SilentlyContinue -ErrorVariable errors
        $result.Rejected | Should -Be 1
        $errors | Should -BeNullOrEmpty
        "$warnings" | Should -Be "$path, row 10, column 'setosa', value 'NaN': the logit is NaN."
    }

    It 'fails when the input cannot be read' {
        $e = Get-AssertionError @{ Path = (Join-Path $TestDrive 'missing.csv'); MaximumLoss = 1 }
        (Get-FailedLine $e)[0] | Should -Be '0 rows used: fewer than the minimum 1'
        (Get-FailedLine $e)[-1] | Should -BeLike '*could not be read*'
    }

    Context 'against a baseline' {
        BeforeAll {
            # The first three setosa rows relabelled versicolor: accuracy 0.96 -> 0.94, the loss rises.
            $worse = Join-Path $TestDrive 'worse.csv'
            $lines = Get-Content -Path $iris
            for ($i = 1; $i -le 3; $i++) { $lines[$i] = $lines[$i].Replace(',setosa', ',versicolor') }
            $lines | Set-Content -Path $worse
            $before = Get-IrisReference $iris
            $now = Get-IrisReference $worse
        }

        It 'limits the rise of the loss' {
            $e = Get-AssertionError @{ Path = $worse; Baseline = $iris; MaximumIncrease = 0.01 }
            $rise = ($now.Loss - $before.Loss).ToString('G6', [cultureinfo]::InvariantCulture)
            Get-FailedLine $e | Should -Be @("loss rose by $rise (0.201101 in the baseline, $($now.Loss.ToString('G6', [cultureinfo]::InvariantCulture)) now): more than the maximum increase 0.01")
        }

        It 'limits the fall of the accuracy, absolute or relative' {
            Get-FailedLine (Get-AssertionError @{ Path = $worse; Baseline = $iris; MaximumDecrease = 0.01 }) |
                Should -Be @('accuracy fell by 0.02 (0.96 in the baseline, 0.94 now): more than the maximum decrease 0.01')
            (Assert-CrossEntropy -Path $worse -Baseline $iris -MaximumDecrease 0.03).BaselineAccuracy | Should -Be 0.96
            (Assert-CrossEntropy -Path $worse -Baseline $iris -MaximumDecrease 0.025 -Relative).Passed | Should -BeTrue
            Get-FailedLine (Get-AssertionError @{ Path = $worse; Baseline = $iris; MaximumDecrease = 0.02; Relative = $true }) |
                Should -Be @('accuracy fell by 2.083% (0.96 in the baseline, 0.94 now): more than the maximum decrease 2%')
        }

        It 'needs -Baseline and a limit together' {
            ({ Assert-CrossEntropy -Path $iris -Baseline $iris } | Should -Throw -PassThru).FullyQualifiedErrorId | Should -BeLike 'CrossEntropy.InvalidArguments,*'
            ({ Assert-CrossEntropy -Path $iris -MaximumIncrease 0.1 } | Should -Throw -PassThru).FullyQualifiedErrorId | Should -BeLike 'CrossEntropy.InvalidArguments,*'
        }

        It 'writes the documented JSON even when it fails' {
            $json = Join-Path $TestDrive 'assert.json'
            $null = Get-AssertionError @{ Path = $worse; Baseline = $iris; MaximumIncrease = 0.001; MinimumAccuracy = 0.9; OutFile = $json }
            $result = Get-Content -Raw -Path $json | ConvertFrom-Json
            $result.command | Should -Be 'Assert-CrossEntropy'
            $result.passed | Should -BeFalse
            $result.metrics.PSObject.Properties.Name | Should -Be @('loss', 'accuracy', 'expectedCalibrationError')
            $result.metrics.accuracy | Should -Be 0.94
            $result.checks.name | Should -Be @('MinimumUsed', 'MaximumRejected', 'MinimumAccuracy', 'MaximumIncrease')
            $result.checks[3].PSObject.Properties.Name | Should -Be @('name', 'metric', 'scope', 'subject', 'comparison', 'limit', 'measured', 'value', 'baseline', 'passed', 'message')
            [math]::Abs($result.checks[3].baseline - $irisCase.torch_loss_mean) | Should -BeLessThan 1e-12
            $result.failedChecks | Should -Be 1
            $result.baseline.sources | Should -Be @($iris)
            $result.files.Count | Should -Be 0
            $result.problems.total | Should -Be 0
        }
    }

    It 'writes annotations for the broken limits' {
        Push-Location -Path (Split-Path -Parent $iris)
        try {
            Assert-CrossEntropy -Path $iris -MaximumLoss 0.2 -GitHubAnnotation -InformationVariable info 6>$null
        }
        catch {
            $_.FullyQualifiedErrorId | Should -BeLike 'CrossEntropy.AssertionFailed,*'
        }
        finally {
            Pop-Location
        }
        # The file is relative to $env:GITHUB_WORKSPACE when it is set (a run inside GitHub Actions), else to the current folder.
        "$($info.MessageData)" | Should -BeLike '::error file=*iris-logits.csv,title=Assert-CrossEntropy%3A MaximumLoss::loss 0.201101 is above the maximum 0.2'
    }
}

Describe 'examples/ci-check.ps1' {
    It 'passes the bundled predictions' {
        & pwsh -NoProfile -File (Join-Path $repo 'examples/ci-check.ps1') -OutputFolder (Join-Path $TestDrive 'ok') | Out-Null
        $LASTEXITCODE | Should -Be 0
        (Get-ChildItem -Path (Join-Path $TestDrive 'ok') -Filter '*.json').Count | Should -Be 4
    }

    It 'fails a broken file' {
        $out = & pwsh -NoProfile -File (Join-Path $repo 'examples/ci-check.ps1') -Path (Join-Path $repo 'examples/broken-predictions.csv') -OutputFolder (Join-Path $TestDrive 'bad')
        $LASTEXITCODE | Should -Be 1
        $out | Should -Contain 'FAIL broken-predictions: 7 problems in the data'
    }
}
