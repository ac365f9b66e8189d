# What the CI cmdlets' Pester files share, dot-sourced by their BeforeAll: the module, the iris example and its
# reference figures, and helpers that make files and catch assertions.
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
