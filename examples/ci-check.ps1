#Requires -Version 5.1
<#
.SYNOPSIS
    A CI gate on prediction files: validates each file, then asserts the model's figures; exits 1 if anything fails.
.DESCRIPTION
    For each predictions file:
      1. Test-Prediction: the file must be sound (columns map, every value parses, no NaN, probabilities in [0, 1]
         summing to 1, labels known, ids unique). A broken file is reported and not gated further.
      2. Assert-CrossEntropy: loss, accuracy and calibration error must meet the limits, overall and for each class;
         with -BaselineFolder, the loss may not rise by more than -MaximumIncrease, nor the accuracy fall by more
         than -MaximumDecrease, from the file of the same name there (the last release's predictions, say).
    Every file is checked before the script decides, so one run shows every failure. Each check writes a JSON
    result into -OutputFolder (for a build artifact); under GitHub Actions (GITHUB_ACTIONS=true) failures are also
    written as annotations. Exit code: 0 when everything passed, 1 otherwise.

    Works in pwsh 7.4+ and Windows PowerShell 5.1 after `dotnet build`; on a machine with only the .NET SDK,
    `dotnet tool restore` then:
        dotnet pwsh -File examples/ci-check.ps1
    With no arguments it gates the bundled predictions (examples/digits-logits.csv and examples/iris-logits.csv).
.EXAMPLE
    ./examples/ci-check.ps1 -Path ./out/predictions.csv -MaximumLoss 0.3 -BaselineFolder ./baseline
#>
[CmdletBinding()]
param(
    [string[]] $Path,
    [double] $MaximumLoss = 0.5,
    [double] $MinimumAccuracy = 0.9,
    [double] $MaximumCalibrationError = 0.15,
    [string] $BaselineFolder,
    [double] $MaximumIncrease = 0.02,
    [double] $MaximumDecrease = 0.01,
    [string] $OutputFolder = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), 'crossentropy-ci'),
    [switch] $GitHubAnnotation = ($env:GITHUB_ACTIONS -eq 'true')
)

$ErrorActionPreference = 'Stop'
# Only engine-level commands and .NET calls below, so the in-process tests (a bare engine, no Utility module) run it too.
$here = $PSScriptRoot
if (-not (Get-Module -Name CrossEntropy)) {
    Import-Module ([System.IO.Path]::Combine([System.IO.Path]::GetDirectoryName($here), 'CrossEntropy.psd1'))
}
if (-not $Path) {
    $Path = @([System.IO.Path]::Combine($here, 'digits-logits.csv'), [System.IO.Path]::Combine($here, 'iris-logits.csv'))
}
$null = [System.IO.Directory]::CreateDirectory($OutputFolder)
$invariant = [cultureinfo]::InvariantCulture
$failures = 0

foreach ($file in $Path) {
    $file = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($file)
    $name = [System.IO.Path]::GetFileNameWithoutExtension($file)

    # 1. Is the file sound? The report is the result: no error is thrown for a broken file.
    $data = Test-Prediction -LiteralPath $file -OutFile ([System.IO.Path]::Combine($OutputFolder, "$name.data.json")) -GitHubAnnotation:$GitHubAnnotation
    if (-not $data.Passed) {
        $failures++
        "FAIL $name`: $($data.ProblemCount) problems in the data"
        foreach ($problem in $data.Problems) { "  $($problem.Kind): $($problem.Message)" }
        continue
    }

    # 2. Is the model good enough? A broken limit is a terminating error that lists every broken limit.
    $gate = @{
        LiteralPath             = $file
        MaximumLoss             = $MaximumLoss
        MinimumAccuracy         = $MinimumAccuracy
        MaximumCalibrationError = $MaximumCalibrationError
        PerClass                = $true
        OutFile                 = [System.IO.Path]::Combine($OutputFolder, "$name.gate.json")
        GitHubAnnotation        = $GitHubAnnotation
    }
    if ($BaselineFolder) {
        $gate.Baseline = [System.IO.Path]::Combine($ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($BaselineFolder),
            [System.IO.Path]::GetFileName($file))
        $gate.MaximumIncrease = $MaximumIncrease
        $gate.MaximumDecrease = $MaximumDecrease
    }
    try {
        $result = Assert-CrossEntropy @gate
        'PASS {0}: loss {1}, accuracy {2}, ECE {3} ({4} checks on {5} rows)' -f $name, $result.Loss.ToString('G4', $invariant),
            $result.Accuracy.ToString('G4', $invariant), $result.ExpectedCalibrationError.ToString('G4', $invariant),
            $result.Checks.Count, $result.Used
    }
    catch {
        if ($_.FullyQualifiedErrorId -notlike 'CrossEntropy.AssertionFailed*') { throw }
        $failures++
        "FAIL $name`: $($_.Exception.Message)"
    }
}

"JSON results: $OutputFolder"
if ($failures -gt 0) {
    "$failures of $($Path.Count) prediction files failed."
    exit 1
}
exit 0
