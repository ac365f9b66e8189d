#Requires -Version 7.4
<#
.SYNOPSIS
    Times the module as a pwsh user meets it, on real pwsh: -Path reads, the Import-Csv pipeline, per-row allocations,
    Import-Module time, first-call latency and peak memory. Prints one `key=value` line per measurement.
.DESCRIPTION
    bench/run.sh calls it with `dotnet pwsh` (the pinned pwsh 7.6.9) after a Release build and turns the lines into
    its table. Each figure is the median of -Repeats runs; the ratios compare runs made side by side in this process.
.EXAMPLE
    dotnet pwsh -NoProfile -File bench/module.ps1 -Csv bench/data/logits_1m_10.csv -PipelineCsv bench/data/logits_100k_10.csv
#>
[CmdletBinding()]
param(
    # The -Path benchmark file (1,000,000 x 10 in bench/run.sh).
    [string] $Csv,
    # Files for the Import-Csv pipeline ratio, comma-separated (100,000 x 10 and 20,000 x 1,000 in bench/run.sh).
    [string] $PipelineCsv = '',
    # Thread counts, comma-separated (pwsh -File passes text).
    [string] $Threads = "1,$([Environment]::ProcessorCount)",
    [int] $Repeats = 5,
    # A large file for the peak-memory run (bench/run.sh --big); measured in a child pwsh of its own.
    [string] $MemoryCsv
)

$ErrorActionPreference = 'Stop'
$root = Split-Path -Parent $PSScriptRoot
$manifest = Join-Path $root 'CrossEntropy.psd1'
$inv = [cultureinfo]::InvariantCulture
$threadCounts = @($Threads -split ',' | ForEach-Object { [int]$_ })
$pipelineFiles = @($PipelineCsv -split ',' | Where-Object { $_ })

function Get-MedianMs([scriptblock] $Action, [int] $Times = $Repeats) {
    & $Action | Out-Null # warm-up: JIT, emitted types, caches
    $ms = foreach ($i in 1..$Times) {
        $sw = [System.Diagnostics.Stopwatch]::StartNew()
        & $Action | Out-Null
        $sw.Elapsed.TotalMilliseconds
    }
    $sorted = @($ms | Sort-Object)
    $sorted[[int][math]::Floor(($sorted.Count - 1) / 2)]
}

function Write-Figure([string] $Name, [System.Collections.IDictionary] $Values) {
    $pairs = foreach ($k in $Values.Keys) {
        $v = $Values[$k]
        $text = if ($v -is [double]) { $v.ToString('0.###', $inv) } else { [string]$v }
        "$k=$text"
    }
    "$Name $($pairs -join ' ')"
}

# Import-Module and the first call, each in a fresh pwsh (what a user waits for in a new session).
$pwshArgs = @((Join-Path $PSHOME 'pwsh.dll'), '-NoProfile', '-NonInteractive', '-Command')
$importScript = "`$sw = [Diagnostics.Stopwatch]::StartNew(); Import-Module '$manifest'; `$i = `$sw.Elapsed.TotalMilliseconds; " +
"`$sw.Restart(); `$null = Measure-CrossEntropy -Logit 2.0, 1.0, 0.1 -Target 0; `$f = `$sw.Elapsed.TotalMilliseconds; " +
"`$i.ToString('R', [cultureinfo]::InvariantCulture) + ' ' + `$f.ToString('R', [cultureinfo]::InvariantCulture)"
$startup = @(foreach ($i in 1..$Repeats) { , @((& dotnet @pwshArgs $importScript) -split ' ' | ForEach-Object { [double]::Parse($_, $inv) }) })
$importMs = @($startup | ForEach-Object { $_[0] } | Sort-Object)[[int][math]::Floor(($Repeats - 1) / 2)]
$firstMs = @($startup | ForEach-Object { $_[1] } | Sort-Object)[[int][math]::Floor(($Repeats - 1) / 2)]
Write-Figure 'startup' ([ordered]@{ import_module_ms = $importMs; first_call_ms = $firstMs })

Import-Module $manifest

if ($Csv) {
    $csvPath = (Resolve-Path $Csv).Path
    $mb = (Get-Item $csvPath).Length / 1MB
    foreach ($t in $threadCounts) {
        $ms = Get-MedianMs { Measure-CrossEntropy -Path $csvPath -ThrottleLimit $t }
        Write-Figure 'module_csv' ([ordered]@{ threads = $t; ms = $ms; mb_per_s = $mb / ($ms / 1000) })
    }
    # Bytes allocated per output row by the per-row cmdlets, over what the summary alone costs.
    $small = Join-Path ([IO.Path]::GetTempPath()) 'crossentropy-bench-alloc.csv'
    Get-Content -Path $csvPath -TotalCount 100001 | Set-Content -Path $small
    $rows = (Measure-CrossEntropy -Path $small).Count
    function Get-BytesPerRow([string] $Command) {
        $script = [scriptblock]::Create("$Command -Path '$small' -ThrottleLimit 1 | Out-Null")
        & $script
        $before = [GC]::GetTotalAllocatedBytes($true)
        & $script
        ([GC]::GetTotalAllocatedBytes($true) - $before) / $rows
    }
    $summary = Get-BytesPerRow 'Measure-CrossEntropy'
    Write-Figure 'alloc' ([ordered]@{ command = '"Measure-CrossEntropy"'; rows = $rows; bytes_per_row = [math]::Round($summary) })
    foreach ($command in 'Measure-CrossEntropy -Reduction None', 'Get-Softmax', 'Get-LossGradient -Reduction Sum') {
        $perRow = Get-BytesPerRow $command
        Write-Figure 'alloc' ([ordered]@{ command = "`"$command`""; rows = $rows; bytes_per_row = [math]::Round($perRow); over_summary = [math]::Round($perRow - $summary) })
    }
    Remove-Item $small
}

# The real Import-Csv pipeline: (Import-Csv | Measure-CrossEntropy) against (Import-Csv | Out-Null), side by side.
foreach ($file in $pipelineFiles) {
    $path = (Resolve-Path $file).Path
    $header, $firstRow = Get-Content -Path $path -TotalCount 2
    $classes = @($header -split ',' | Where-Object { $_ -like 'logit_*' }).Count
    # How the logits are written: float32 text (at most 9 significant digits) or float64 (up to 17), by the median
    # digit count of the first row's cells (exponents left out).
    $digits = @($firstRow -split ',' | ForEach-Object { ($_ -replace '[eE].*$', '' -replace '[^0-9]', '').Length } | Sort-Object)
    $numbers = if ($digits[[int]($digits.Count / 2)] -gt 12) { 'float64' } else { 'float32' }
    $rows = (Measure-CrossEntropy -Path $path).Count
    # Run for run (a shared machine's load hits both alike): the ratio is the median of the per-repeat ratios.
    $alone = { Import-Csv -Path $path | Out-Null }
    $measure = { Import-Csv -Path $path | Measure-CrossEntropy }
    & $alone; $null = & $measure # warm-up
    $pairs = foreach ($i in 1..$Repeats) {
        [GC]::Collect()
        $sw = [System.Diagnostics.Stopwatch]::StartNew(); & $alone; $a = $sw.Elapsed.TotalMilliseconds
        [GC]::Collect()
        $sw.Restart(); $null = & $measure; $m = $sw.Elapsed.TotalMilliseconds
        [pscustomobject]@{ Alone = $a; Measured = $m; Ratio = $m / $a }
    }
    $mid = [int][math]::Floor(($Repeats - 1) / 2)
    $aloneMs = @($pairs.Alone | Sort-Object)[$mid]
    $measuredMs = @($pairs.Measured | Sort-Object)[$mid]
    Write-Figure 'pipeline' ([ordered]@{
            classes = $classes; rows = $rows; numbers = $numbers; import_csv_ms = $aloneMs; import_csv_measure_ms = $measuredMs
            ratio = @($pairs.Ratio | Sort-Object)[$mid]; measure_us_per_row = ($measuredMs - $aloneMs) * 1000 / $rows
            load = ((Get-Content /proc/loadavg -ErrorAction SilentlyContinue) -split ' ')[0]
        })
}

if ($MemoryCsv) {
    # A child pwsh of its own, so the peak is this read's alone.
    $path = (Resolve-Path $MemoryCsv).Path
    $script = "`$before = [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64; Import-Module '$manifest'; " +
    "`$sw = [Diagnostics.Stopwatch]::StartNew(); `$r = Measure-CrossEntropy -Path '$path'; " +
    "'{0} {1} {2} {3}' -f `$r.Count, `$sw.Elapsed.TotalSeconds.ToString([cultureinfo]::InvariantCulture), " +
    "([Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64 / 1MB).ToString([cultureinfo]::InvariantCulture), " +
    "(`$before / 1MB).ToString([cultureinfo]::InvariantCulture)"
    $count, $seconds, $peak, $before = (& dotnet @pwshArgs $script) -split ' '
    Write-Figure 'memory' ([ordered]@{
            file_mb = [math]::Round((Get-Item $path).Length / 1MB); rows = $count; seconds = [double]::Parse($seconds, $inv)
            peak_working_set_mb = [math]::Round([double]::Parse($peak, $inv)); peak_before_import_mb = [math]::Round([double]::Parse($before, $inv))
        })
}
