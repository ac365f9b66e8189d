#Requires -Version 7.4
<#
.SYNOPSIS
    Measure-CrossEntropy -Path against DuckDB in one pwsh process, run for run: each repeat times the module on a file
    and then DuckDB on the same file (read_csv for -Csv, read_parquet for -Parquet), so that the load of a shared
    machine hits both alike. Reports medians and the median of the per-repeat ratios DuckDB / -Path (1 or more: -Path
    is at least as fast). Caveat (measured, see bench/peers/README.md): without a pause between runs, a DuckDB query
    right after a -Path call ran up to 1.5-1.9x slower than the same query alone, which flatters -Path; -SettleMs
    (default 500) pauses, with a full GC, before each timed run.
.DESCRIPTION
    DuckDB is loaded from the DuckDB peer's build output (bench/peers/duckdb, `dotnet build -c Release` first); its
    query is the peer's (`duckdb-peer sql`), the max-shifted log-sum-exp cross-entropy. One in-memory database per
    thread count, reused across repeats; every repeat is a fresh query. Wall and process CPU time are both reported
    (CPU time is far less disturbed when other work shares the cores). MB are 10^6 bytes; MB/s per core is the file
    size over the wall time over the thread count. Prints one line per file format and thread count:
      side_by_side format=csv threads=1 path_ms=.. path_cpu_ms=.. duckdb_ms=.. ratio=.. cpu_ratio=.. ...
.EXAMPLE
    dotnet pwsh -NoProfile -File bench/peers/side_by_side.ps1 -Csv bench/data/logits_1m_10.csv -Parquet bench/data/logits_1m_10.parquet
#>
[CmdletBinding()]
param(
    [string] $Csv,
    [string] $Parquet,
    [string] $Threads = '1,2',
    [int] $Repeats = 7,
    # The DuckDB query variant (see bench/peers/duckdb/Program.cs): wide, widepick, list.
    [string] $Sql = 'wide',
    # Pause (ms) before each timed run, with a full GC, so that the background JIT and GC work one run starts does
    # not land in the next one's time (0: none).
    [int] $SettleMs = 500
)

$ErrorActionPreference = 'Stop'
if (-not $Csv -and -not $Parquet) { throw 'Give -Csv, -Parquet or both.' }
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
# format -> the file, its size and DuckDB's query over it.
$files = [ordered]@{}
foreach ($f in @(@{ Name = 'csv'; Path = $Csv; Flag = @() }, @{ Name = 'parquet'; Path = $Parquet; Flag = @('--parquet') })) {
    if (-not $f.Path) { continue }
    $full = (Resolve-Path $f.Path).Path
    $files[$f.Name] = @{
        Path = $full
        MB = (Get-Item $full).Length / 1e6
        Query = (& dotnet (Join-Path $bin 'duckdb-peer.dll') sql --path $full @($f.Flag) --sql $Sql) -join "`n"
    }
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
    $runs = @{}
    foreach ($k in $files.Keys) {
        $runs[$k] = @{ path = @(); duckdb = @() }
        # Warm-up: JIT, emitted types, native libraries, the page cache, DuckDB's first query.
        $null = Measure-CrossEntropy -Path $files[$k].Path -ThrottleLimit $t
        $null = & $duck $files[$k].Query
    }
    foreach ($i in 1..$Repeats) {
        foreach ($k in $files.Keys) {
            $p = $files[$k].Path
            $q = $files[$k].Query
            $runs[$k].path += Measure-Once { (Measure-CrossEntropy -Path $p -ThrottleLimit $t).Loss }
            $runs[$k].duckdb += Measure-Once { & $duck $q }
        }
    }
    $connection.Dispose()
    foreach ($k in $files.Keys) {
        $path = $runs[$k].path
        $duckdb = $runs[$k].duckdb
        $ratios = for ($i = 0; $i -lt $Repeats; $i++) { $duckdb[$i].Wall / $path[$i].Wall }
        $cpuRatios = for ($i = 0; $i -lt $Repeats; $i++) { $duckdb[$i].Cpu / $path[$i].Cpu }
        $mb = $files[$k].MB
        $fields = [ordered]@{
            format = $k
            threads = $t
            mb = F $mb '0.0'
            path_ms = F (Get-Median $path.Wall)
            path_cpu_ms = F (Get-Median $path.Cpu) '0'
            duckdb_ms = F (Get-Median $duckdb.Wall)
            duckdb_cpu_ms = F (Get-Median $duckdb.Cpu) '0'
            ratio = F (Get-Median $ratios) '0.00'
            cpu_ratio = F (Get-Median $cpuRatios) '0.00'
            path_mb_per_s_per_core = F ($mb / ((Get-Median $path.Wall) / 1000) / $t) '0'
            path_mb_per_cpu_s = F ($mb / ((Get-Median $path.Cpu) / 1000)) '0'
            loss_rel_diff = ([math]::Abs($duckdb[0].Value - $path[0].Value) / [math]::Abs($path[0].Value)).ToString('0.0e0', $inv)
            sql = $Sql
            load = ((Get-Content /proc/loadavg -ErrorAction SilentlyContinue) -split ' ')[0]
        }
        'side_by_side ' + (($fields.Keys | ForEach-Object { "$_=$($fields[$_])" }) -join ' ')
    }
}
