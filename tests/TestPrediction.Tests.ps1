#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Pester 5 tests of Test-Prediction for real pwsh users (./build.ps1 -Test). They mirror
# tests/CrossEntropy.PowerShell.Tests/TestPredictionTests.cs; shared setup in CI.Helpers.ps1.

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
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'CI.Helpers.ps1')
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
