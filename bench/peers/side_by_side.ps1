#Requires -Version 7.4
<#
.SYNOPSIS
    Measure-CrossEntropy -Path against DuckDB in one pwsh process, run for run: each repeat times the module and then
    the same file through DuckDB (read_csv, and read_parquet when -Parquet is given), so that the load of a shared
    machine hits both alike. Reports medians and the median of the per-repeat ratios. Caveat (measured, see
    bench/peers/README.md): without a pause between runs, a DuckDB query right after a -Path call ran up to 1.5-1.9x
    slower than the same query alone, which flatters -Path; -SettleMs (default 500) pauses, with a full GC, before
    each timed run. Check the ratio against separate processes (duckdb-peer, path_cpu.ps1) on a quiet machine.
.DESCRIPTION
    DuckDB is loaded from the DuckDB peer's build output (bench/peers/duckdb, `dotnet build -c Release` first); its
    query is the peer's (`duckdb-peer sql`), the max-shifted log-sum-exp cross-entropy. One in-memory database per
    thread count, reused across repeats; every repeat is a fresh query. Wall and process CPU time are both reported
    (CPU time is far less disturbed when other work shares the cores). MB are 10^6 bytes; MB/s per core is the file
    size over the wall time over the thread count. Prints one line per thread count:
      side_by_side threads=1 path_ms=.. duckdb_csv_ms=.. csv_ratio=.. ... path_mb_per_s_per_core=..
.EXAMPLE
    dotnet pwsh -NoProfile -File bench/peers/side_by_side.ps1 -Csv bench/data/logits_1m_10.csv -Parquet bench/data/logits_1m_10.parquet
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $Csv,
    [string] $Parquet,
    [string] $Threads = '1,2',
    [int] $Repeats = 7,
    # The DuckDB query variant (see bench/peers/duckdb/Program.cs): wide, widepick, list.
    [string] $Sql = 'wide',
    # Pause (ms) after each timed run, with a full GC, so that the background JIT and GC work one run starts does
    # not land in the next one's time (0: none).
    [int] $SettleMs = 500
)

$ErrorActionPreference = 'Stop'
$root = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
$bin = Join-Path $PSScriptRoot 'duckdb/bin/Release/net10.0'
if (-not (Test-Path (Join-Path $bin 'duckdb-peer.dll'))) { throw "Build the DuckDB peer first: dotnet build -c Release $PSScriptRoot/duckdb" }
# DuckDB.NET looks for the native library next to its assemblies when loaded outside its own app.
$native = Join-Path $bin 'libduckdb.so'
if ($IsLinux -and -not (Test-Path $native)) { Copy-Item (Join-Path $bin 'runtimes/linux-x64/native/libduckdb.so') $native }
Add-Type -Path (Join-Path $bin 'DuckDB.NET.Bindings.dll')
Add-Type -Path (Join-Path $bin 'DuckDB.NET.Data.dll')
Import-Module (Join-Path $root 'CrossEntropy.psd1')

$inv = [cultureinfo]::InvariantCulture
$csvPath = (Resolve-Path $Csv).Path
$mb = (Get-Item $csvPath).Length / 1e6
$queries = [ordered]@{ csv = (& dotnet (Join-Path $bin 'duckdb-peer.dll') sql --path $csvPath --sql $Sql) -join "`n" }
if ($Parquet) {
    $parquetPath = (Resolve-Path $Parquet).Path
    $queries.parquet = (& dotnet (Join-Path $bin 'duckdb-peer.dll') sql --path $parquetPath --parquet --sql $Sql) -join "`n"
}
$self = [System.Diagnostics.Process]::GetCurrentProcess()

function Measure-Once([scriptblock] $Action) {
    if ($SettleMs -gt 0) {
        [GC]::Collect()
        Start-Sleep -Milliseconds $SettleMs
    }
    $self.Refresh()
    $c0 = $self.TotalProcessorTime
    $sw = [System.Diagnostics.Stopwatch]::StartNew()
    $value = & $Action
    $wall = $sw.Elapsed.TotalMilliseconds
    $self.Refresh()
    [pscustomobject]@{ Wall = $wall; Cpu = ($self.TotalProcessorTime - $c0).TotalMilliseconds; Value = $value }
}

function Get-Median([double[]] $Values) { @($Values | Sort-Object)[[int][math]::Floor(($Values.Count - 1) / 2)] }

function F([double] $x, [string] $format = '0.#') { $x.ToString($format, $inv) }

foreach ($t in @($Threads -split ',' | ForEach-Object { [int]$_ })) {
    $connection = [DuckDB.NET.Data.DuckDBConnection]::new('DataSource=:memory:')
    $connection.Open()
    $set = $connection.CreateCommand()
    $set.CommandText = "SET threads = $t"
    $null = $set.ExecuteNonQuery()
    $runs = @{ path = @() }
    foreach ($k in $queries.Keys) { $runs[$k] = @() }
    $duck = {
        param($sql)
        $cmd = $connection.CreateCommand()
        $cmd.CommandText = $sql
        $reader = $cmd.ExecuteReader()
        $null = $reader.Read()
        $loss = $reader.GetDouble(1)
        $reader.Dispose()
        $cmd.Dispose()
        $loss
    }
    # Warm-up: JIT, emitted types, the page cache, DuckDB's first query.
    $null = Measure-CrossEntropy -Path $csvPath -ThrottleLimit $t
    foreach ($k in $queries.Keys) { $null = & $duck $queries[$k] }
    foreach ($i in 1..$Repeats) {
        $runs.path += Measure-Once { (Measure-CrossEntropy -Path $csvPath -ThrottleLimit $t).Loss }
        foreach ($k in $queries.Keys) { $q = $queries[$k]; $runs[$k] += Measure-Once { & $duck $q } }
    }
    $connection.Dispose()
    $pathLoss = $runs.path[0].Value
    $fields = [ordered]@{
        threads = $t
        path_ms = F (Get-Median $runs.path.Wall)
        path_cpu_ms = F (Get-Median $runs.path.Cpu) '0'
        path_mb_per_s_per_core = F ($mb / ((Get-Median $runs.path.Wall) / 1000) / $t) '0'
        path_mb_per_cpu_s = F ($mb / ((Get-Median $runs.path.Cpu) / 1000)) '0'
    }
    foreach ($k in $queries.Keys) {
        $ratios = for ($i = 0; $i -lt $Repeats; $i++) { $runs[$k][$i].Wall / $runs.path[$i].Wall }
        $cpuRatios = for ($i = 0; $i -lt $Repeats; $i++) { $runs[$k][$i].Cpu / $runs.path[$i].Cpu }
        $fields["duckdb_${k}_ms"] = F (Get-Median $runs[$k].Wall)
        $fields["duckdb_${k}_cpu_ms"] = F (Get-Median $runs[$k].Cpu) '0'
        $fields["${k}_ratio"] = F (Get-Median $ratios) '0.00'
        $fields["${k}_cpu_ratio"] = F (Get-Median $cpuRatios) '0.00'
        $fields["${k}_loss_rel_diff"] = ([math]::Abs($runs[$k][0].Value - $pathLoss) / [math]::Abs($pathLoss)).ToString('0.0e0', $inv)
    }
    $fields.sql = $Sql
    $fields.load = ((Get-Content /proc/loadavg -ErrorAction SilentlyContinue) -split ' ')[0]
    'side_by_side ' + (($fields.Keys | ForEach-Object { "$_=$($fields[$_])" }) -join ' ')
}
