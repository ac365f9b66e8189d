<#
.SYNOPSIS
    Measures what docs/scale.md reports: per-core throughput of Measure-CrossEntropy -Path, the size of partial
    (shard) results, and 8 shards through ForEach-Object -Parallel + Merge-CrossEntropyResult against one -Path run.
.EXAMPLE
    dotnet pwsh -NoProfile -File bench/scale.ps1 -RowsPerShard 125000
#>
param([int] $RowsPerShard = 125000, [int] $Shards = 8, [string] $Folder = (Join-Path ([IO.Path]::GetTempPath()) 'crossentropy-scale'))

$ErrorActionPreference = 'Stop'
$repo = Split-Path -Parent $PSScriptRoot
$manifest = Join-Path $repo 'CrossEntropy.psd1'
Import-Module $manifest

# Shards: examples/digits-logits.csv's rows (10 classes) repeated.
$null = New-Item -ItemType Directory -Force -Path $Folder
$lines = [IO.File]::ReadAllLines((Join-Path $repo 'examples/digits-logits.csv'))
$paths = foreach ($s in 1..$Shards) {
    $path = Join-Path $Folder "shard$s.csv"
    if (-not (Test-Path $path)) {
        $w = [IO.StreamWriter]::new($path)
        $w.WriteLine($lines[0])
        for ($i = 0; $i -lt $RowsPerShard; $i++) { $w.WriteLine($lines[1 + ($i + $s) % ($lines.Count - 1)]) }
        $w.Dispose()
    }
    $path
}
$bytes = ($paths | ForEach-Object { (Get-Item $_).Length } | Measure-Object -Sum).Sum
$me = [Diagnostics.Process]::GetCurrentProcess()

function Measure-Run([string] $Name, [scriptblock] $Run) {
    $me.Refresh(); $cpu0 = $me.TotalProcessorTime; $clock = [Diagnostics.Stopwatch]::StartNew()
    $result = & $Run
    $wall = $clock.Elapsed.TotalSeconds; $me.Refresh(); $cpu = ($me.TotalProcessorTime - $cpu0).TotalSeconds
    [pscustomobject]@{ Run = $Name; WallSeconds = [math]::Round($wall, 2); CpuSeconds = [math]::Round($cpu, 2)
        MBPerCpuSecond = [math]::Round($bytes / 1MB / $cpu, 1); MBPerWallSecond = [math]::Round($bytes / 1MB / $wall, 1); Loss = $result.Loss }
}

$null = Measure-CrossEntropy -Path $paths[0] -ThrottleLimit 1 # warm up (JIT)
$runs = @(
    Measure-Run 'one -Path run, -ThrottleLimit 1' { Measure-CrossEntropy -Path $paths -Combine -ThrottleLimit 1 }
    Measure-Run 'one -Path run, -ThrottleLimit 2' { Measure-CrossEntropy -Path $paths -Combine -ThrottleLimit 2 }
    Measure-Run "$Shards shards, ForEach-Object -Parallel -ThrottleLimit 2, merged" {
        $paths | ForEach-Object -ThrottleLimit 2 -Parallel { Import-Module $using:manifest; Measure-CrossEntropy -Path $_ -ThrottleLimit 1 } |
            Merge-CrossEntropyResult }
)
"Input: $Shards files, $($RowsPerShard * $Shards) rows x 10 classes, $([math]::Round($bytes / 1MB, 1)) MB; $([Environment]::ProcessorCount) cores; load $((Get-Content /proc/loadavg -ErrorAction Ignore) -split ' ' | Select-Object -First 3)"
$runs | Format-Table -AutoSize | Out-String -Width 200

# Partial results: their size as Clixml and JSON.
$sizes = foreach ($classes in 10, 1000) {
    $x = [double[]]::new($classes); $x[0] = 1
    $summary = if ($classes -eq 10) { Measure-CrossEntropy -Path $paths[0] } else { Measure-CrossEntropy -Logit $x -Target 0 }
    $cal = Measure-Calibration -Path $paths[0]
    $xml = Join-Path $Folder "summary$classes.xml"
    $summary | Export-Clixml $xml
    [pscustomobject]@{ Classes = $classes; LossSummaryClixml = (Get-Item $xml).Length; LossSummaryJson = ($summary | ConvertTo-Json -Compress).Length
        CalibrationJson = ($cal | ConvertTo-Json -Compress -Depth 3).Length }
}
$sizes | Format-Table -AutoSize | Out-String -Width 200
