#Requires -Version 7.4
<#
.SYNOPSIS
    Issue 15 item 7: Measure-CrossEntropy -Path on a Parquet file against DuckDB's read_parquet plus the loss in SQL,
    same file, same threads (1 and 2), in one pwsh process, run for run. Prints one line per thread count with both
    medians and the median of the per-repeat ratios (DuckDB time / -Path time: 1 or more means -Path is at least as
    fast).
.DESCRIPTION
    bench/parquet.sh builds what this needs and makes the data (1,000,000 x 10 float64 logits and an INTEGER label,
    written by DuckDB with its defaults: snappy, row groups of 122,880 rows). DuckDB is loaded from the DuckDB peer's
    build output (bench/peers/duckdb); its query is the peer's (`duckdb-peer sql --parquet`: the max-shifted
    log-sum-exp mean). Both run in this process, alternating, with a full GC and a pause before each timed run, so
    the load of a shared machine hits both alike; wall and process CPU time are reported (CPU time is less disturbed
    by other work on the cores).
.EXAMPLE
    dotnet pwsh -NoProfile -File bench/parquet.ps1 -Parquet bench/data/logits_1m_10.parquet -Threads 1,2 -Repeats 7
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $Parquet,
    [string] $Threads = '1,2',
    [int] $Repeats = 7,
    [int] $SettleMs = 500
)

$ErrorActionPreference = 'Stop'
$root = Split-Path -Parent $PSScriptRoot
$bin = Join-Path $root 'bench/peers/duckdb/bin/Release/net10.0'
if (-not (Test-Path (Join-Path $bin 'duckdb-peer.dll'))) { throw "Build the DuckDB peer first: dotnet build -c Release $root/bench/peers/duckdb" }
# DuckDB.NET looks for the native library next to its assemblies when loaded outside its own app.
$native = Join-Path $bin 'libduckdb.so'
if ($IsLinux -and -not (Test-Path $native)) { Copy-Item (Join-Path $bin 'runtimes/linux-x64/native/libduckdb.so') $native }
Add-Type -Path (Join-Path $bin 'DuckDB.NET.Bindings.dll')
Add-Type -Path (Join-Path $bin 'DuckDB.NET.Data.dll')
Import-Module (Join-Path $root 'CrossEntropy.psd1')

$inv = [cultureinfo]::InvariantCulture
$path = (Resolve-Path $Parquet).Path
$sql = (& dotnet (Join-Path $bin 'duckdb-peer.dll') sql --path $path --parquet --sql wide) -join "`n"
$self = [System.Diagnostics.Process]::GetCurrentProcess()

function Measure-Once([scriptblock] $Action) {
    [GC]::Collect()
    Start-Sleep -Milliseconds $SettleMs
    $self.Refresh()
    $c0 = $self.TotalProcessorTime
    $sw = [System.Diagnostics.Stopwatch]::StartNew()
    $value = & $Action
    $wall = $sw.Elapsed.TotalMilliseconds
    $self.Refresh()
    [pscustomobject]@{ Wall = $wall; Cpu = ($self.TotalProcessorTime - $c0).TotalMilliseconds; Value = $value }
}

function Get-Median([double[]] $Values) { @($Values | Sort-Object)[[int][math]::Floor(($Values.Count - 1) / 2)] }

function F([double] $x, [string] $format = '0') { $x.ToString($format, $inv) }

foreach ($t in @($Threads -split ',' | ForEach-Object { [int]$_ })) {
    $connection = [DuckDB.NET.Data.DuckDBConnection]::new('DataSource=:memory:')
    $connection.Open()
    $set = $connection.CreateCommand()
    $set.CommandText = "SET threads = $t"
    $null = $set.ExecuteNonQuery()
    $duck = {
        $cmd = $connection.CreateCommand()
        $cmd.CommandText = $sql
        $reader = $cmd.ExecuteReader()
        $null = $reader.Read()
        $loss = $reader.GetDouble(1)
        $reader.Dispose()
        $cmd.Dispose()
        $loss
    }
    # Warm-up: JIT, the native libraries, the page cache, DuckDB's first query.
    $null = Measure-CrossEntropy -Path $path -ThrottleLimit $t
    $null = & $duck
    $module = @(); $duckdb = @()
    foreach ($i in 1..$Repeats) {
        $module += Measure-Once { (Measure-CrossEntropy -Path $path -ThrottleLimit $t).Loss }
        $duckdb += Measure-Once { & $duck }
    }
    $connection.Dispose()
    $ratios = for ($i = 0; $i -lt $Repeats; $i++) { $duckdb[$i].Wall / $module[$i].Wall }
    $cpuRatios = for ($i = 0; $i -lt $Repeats; $i++) { $duckdb[$i].Cpu / $module[$i].Cpu }
    $fields = [ordered]@{
        threads = $t
        path_ms = F (Get-Median $module.Wall)
        path_min_ms = F ($module.Wall | Measure-Object -Minimum).Minimum
        path_cpu_ms = F (Get-Median $module.Cpu)
        duckdb_ms = F (Get-Median $duckdb.Wall)
        duckdb_min_ms = F ($duckdb.Wall | Measure-Object -Minimum).Minimum
        duckdb_cpu_ms = F (Get-Median $duckdb.Cpu)
        ratio = F (Get-Median $ratios) '0.00'
        cpu_ratio = F (Get-Median $cpuRatios) '0.00'
        loss_rel_diff = ([math]::Abs($duckdb[0].Value - $module[0].Value) / [math]::Abs($module[0].Value)).ToString('0.0e0', $inv)
        load = ((Get-Content /proc/loadavg -ErrorAction SilentlyContinue) -split ' ')[0]
    }
    'parquet ' + (($fields.Keys | ForEach-Object { "$_=$($fields[$_])" }) -join ' ')
}
