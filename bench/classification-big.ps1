#Requires -Version 7.4
<#
.SYNOPSIS
    Measure-Classification on the 10M-row binary file of tests/data/classification_expected.json: writes the file from
    its integer formula (checked by SHA-256), runs the cmdlet in a fresh pwsh and prints its figures against
    scikit-learn's and the process's peak working set, next to Measure-CrossEntropy's on the same file.
.EXAMPLE
    dotnet pwsh -NoProfile -File bench/classification-big.ps1     # writes bench/data/classification_10m.csv (85 MB)
#>
[CmdletBinding()]
param(
    [string] $Path = (Join-Path (Split-Path -Parent $PSScriptRoot) 'bench/data/classification_10m.csv'),
    [long] $Rows = 10000000
)

$ErrorActionPreference = 'Stop'
$root = Split-Path -Parent $PSScriptRoot
$expected = (Get-Content -Raw (Join-Path $root 'tests/data/classification_expected.json') | ConvertFrom-Json).big_binary.sizes |
    Where-Object n_rows -EQ $Rows

if (-not (Test-Path $Path)) {
    New-Item -ItemType Directory -Force (Split-Path -Parent $Path) | Out-Null
    Add-Type -TypeDefinition @'
public static class BigBinary
{
    public static void Write(string path, long rows)
    {
        using (var w = new System.IO.StreamWriter(path, false, new System.Text.UTF8Encoding(false), 1 << 20))
        {
            w.NewLine = "\n";
            w.Write("logit_1,label\n");
            for (long i = 0; i < rows; i++)
            {
                long k = i * 7919 % 10007, h = (i * 2654435761L + 12345) % (1L << 32), v = k - 5003, a = v < 0 ? -v : v;
                w.Write((v < 0 ? "-" : "") + (a / 1000) + "." + (a % 1000).ToString("D3") + "," + (h % 10007 < k ? "1" : "0") + "\n");
            }
        }
    }
}
'@
    [BigBinary]::Write($Path, $Rows)
}
$sha = (Get-FileHash -Algorithm SHA256 $Path).Hash.ToLowerInvariant()
"file=$Path bytes=$((Get-Item $Path).Length) sha256_matches=$($null -ne $expected -and $sha -eq $expected.file_sha256)"

foreach ($cmdlet in 'Measure-Classification', 'Measure-CrossEntropy') {
    $script = @"
Import-Module '$root/CrossEntropy.psd1'
`$p = [System.Diagnostics.Process]::GetCurrentProcess()
`$p.Refresh(); `$before = `$p.PeakWorkingSet64
`$sw = [System.Diagnostics.Stopwatch]::StartNew()
`$r = $cmdlet -Path '$Path'
`$ms = `$sw.Elapsed.TotalMilliseconds
`$p.Refresh()
'{0}: {1:N0} ms; peak working set {2:N0} MB before the run, {3:N0} MB after' -f '$cmdlet', `$ms, (`$before / 1MB), (`$p.PeakWorkingSet64 / 1MB)
if ('$cmdlet' -eq 'Measure-Classification') { `$r | Select-Object Used, Accuracy, MacroF1, MatthewsCorrelation, RocAuc, AveragePrecision | ConvertTo-Json -Compress }
"@
    & ([Environment]::ProcessPath) (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -Command $script
}
if ($expected) {
    'scikit-learn: ' + ($expected | Select-Object @{ n = 'Used'; e = { $_.n_rows } }, @{ n = 'Accuracy'; e = { $_.accuracy } },
        @{ n = 'MacroF1'; e = { $_.macro_f1 } }, @{ n = 'MatthewsCorrelation'; e = { $_.matthews_corrcoef } },
        @{ n = 'RocAuc'; e = { $_.roc_auc } }, @{ n = 'AveragePrecision'; e = { $_.average_precision } } | ConvertTo-Json -Compress)
}
