#Requires -Version 5.1
<#
.SYNOPSIS
    Audits the bundled real predictions: loss, classification figures, calibration, entropy, likely label errors, and an HTML report.
.DESCRIPTION
    Runs every audit cmdlet of CrossEntropy on examples/digits-logits.csv (a logistic regression's out-of-fold logits
    on scikit-learn's digits) and examples/iris-probabilities.csv, prints what a reviewer asks for, and writes one
    self-contained HTML report per data set. Works in pwsh 7.4+ and Windows PowerShell 5.1 after `dotnet build`; on a
    machine with only the .NET SDK, `dotnet tool restore` then:
        dotnet pwsh -File examples/audit.ps1
.PARAMETER OutputFolder
    Where the reports go (default: the system's temporary folder).
.EXAMPLE
    ./examples/audit.ps1 -OutputFolder ./out
#>
[CmdletBinding()]
param(
    [string] $OutputFolder = [System.IO.Path]::GetTempPath()
)

$ErrorActionPreference = 'Stop'
# Only engine-level commands and .NET calls below, so the in-process tests (a bare engine, no Utility module) run it too.
$here = $PSScriptRoot
$root = [System.IO.Path]::GetDirectoryName($here)
if (-not (Get-Module -Name CrossEntropy)) {
    Import-Module ([System.IO.Path]::Combine($root, 'CrossEntropy.psd1'))
}
$digits = [System.IO.Path]::Combine($here, 'digits-logits.csv')
$iris = [System.IO.Path]::Combine($here, 'iris-probabilities.csv')
$invariant = [cultureinfo]::InvariantCulture

function Format-Figure([double] $Value) { $Value.ToString('G4', $invariant) }

foreach ($file in $digits, $iris) {
    $name = [System.IO.Path]::GetFileNameWithoutExtension($file)
    ''
    "== $name =="

    # 1. How good is the model? Loss, accuracy and top-3 accuracy on held-out rows.
    $loss = Measure-CrossEntropy -Path $file -TopK 3
    ('loss {0} (perplexity {1}), accuracy {2}, top-3 accuracy {3}, {4} rows' -f (Format-Figure $loss.Loss),
        (Format-Figure $loss.Perplexity), (Format-Figure $loss.Accuracy), (Format-Figure $loss.TopKAccuracy), $loss.Count)

    # 2. Where does it err? scikit-learn's classification figures, the weakest class and the confusion matrix.
    $classification = Measure-Classification -Path $file
    ('macro F1 {0}, balanced accuracy {1}, MCC {2}, kappa {3}; ROC AUC {4}, average precision {5} (one-vs-rest, macro)' -f
        (Format-Figure $classification.MacroF1), (Format-Figure $classification.BalancedAccuracy),
        (Format-Figure $classification.MatthewsCorrelation), (Format-Figure $classification.CohenKappa),
        (Format-Figure $classification.RocAuc), (Format-Figure $classification.AveragePrecision))
    $weakest = $classification.PerClass[0]
    foreach ($class in $classification.PerClass) { if ($class.F1 -lt $weakest.F1) { $weakest = $class } }
    ('weakest class {0}: precision {1}, recall {2}, F1 {3}' -f $weakest.Class, (Format-Figure $weakest.Precision),
        (Format-Figure $weakest.Recall), (Format-Figure $weakest.F1))
    'confusion matrix (rows: true class):'
    $classification.ConfusionMatrix.ToString()

    # 3. Can its confidence be trusted? ECE, MCE and Brier score; then a sharper temperature as a candidate fix.
    $calibration = Measure-Calibration -Path $file
    ('ECE {0}, MCE {1}, Brier {2}; mean confidence {3} against accuracy {4}' -f (Format-Figure $calibration.ExpectedCalibrationError),
        (Format-Figure $calibration.MaximumCalibrationError), (Format-Figure $calibration.BrierScore),
        (Format-Figure $calibration.MeanConfidence), (Format-Figure $calibration.Accuracy))
    if ($loss.Input -eq 'Logits') {
        foreach ($t in 0.5, 0.75) {
            $scaled = Measure-Calibration -Path $file -Temperature $t
            ('  with temperature {0}: ECE {1}' -f $t, (Format-Figure $scaled.ExpectedCalibrationError))
        }
    }

    # 4. How unsure is it, and how mixed are the labels? (bits)
    $entropy = Measure-Entropy -Path $file -Base 2
    ('mean predicted entropy {0} bits; label entropy {1} bits; KL(label || prediction) {2} bits' -f (Format-Figure $entropy.Entropy),
        (Format-Figure $entropy.LabelEntropy), (Format-Figure $entropy.KLDivergence))

    # 5. Which labels look wrong? The five least plausible for their class.
    'least plausible labels:'
    foreach ($row in Find-NoisyLabel -Path $file -Top 5) {
        ('  row {0}: labelled {1}, model says {2} (q(label) {3}, score {4})' -f $row.Row, $row.GivenLabel, $row.Predicted,
            (Format-Figure $row.LabelProbability), (Format-Figure $row.NormalizedScore))
    }

    # 6. Everything on one page.
    $report = Export-CrossEntropyReport -Path $file -OutFile ([System.IO.Path]::Combine($OutputFolder, "$name-audit.html")) -Title "Audit: $name" -PassThru
    "report: $($report.FullName)"
}
