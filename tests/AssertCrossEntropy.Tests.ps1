#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Pester 5 tests of Assert-CrossEntropy and examples/ci-check.ps1 for real pwsh users (./build.ps1 -Test). They mirror
# tests/CrossEntropy.PowerShell.Tests/AssertCrossEntropyTests.cs and CiExampleTests.cs; expected figures come from
# tests/data/audit_expected.json (torch) and plain loops over the CSV (CI.Helpers.ps1).

BeforeDiscovery {
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
    . (Join-Path $PSScriptRoot 'CI.Helpers.ps1')
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
            "Assert-CrossEntropy -Path '$iris' -MaximumLoss 0.1 -WarningAction SilentlyContinue 2>`$null; 'after: ' + `$?"
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
        # The other warning says which columns were taken as logits (the file has no logit_* columns).
        @($warnings | Where-Object { "$_" -like '*row 10*' }) -join '' | Should -Be "$path, row 10, column 'setosa', value 'NaN': the logit is NaN."
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
