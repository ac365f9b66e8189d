#!/usr/bin/env bash
# Issue 15 item 7: Measure-CrossEntropy -Path on a 1,000,000 x 10 float64 Parquet file against DuckDB's read_parquet
# plus the loss in SQL, same threads (1 and 2), same pwsh process, run for run (bench/parquet.ps1 prints the ratio).
#
# usage: bench/parquet.sh [--repeats N]
#   Needs the .NET SDK (restores DuckDB.NET.Data.Full from NuGet). Data goes in bench/data/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
repeats=7
[ "${1:-}" = "--repeats" ] && repeats=$2
mkdir -p bench/data
csv=bench/data/logits_1m_10.csv
parquet=bench/data/logits_1m_10.parquet

dotnet build -c Release bench/CrossEntropy.Bench/CrossEntropy.Bench.csproj -nologo -v q >/dev/null
dotnet build -c Release src/CrossEntropy.PowerShell/CrossEntropy.PowerShell.csproj -nologo -v q >/dev/null
dotnet build -c Release bench/peers/duckdb/DuckDbPeer.csproj -nologo -v q >/dev/null
dotnet tool restore >/dev/null
[ -f "$csv" ] || dotnet bench/CrossEntropy.Bench/bin/Release/net10.0/CrossEntropy.Engine.Bench.dll gen --out "$csv" --rows 1000000 --classes 10
[ -f "$parquet" ] || bench/peers/duckdb/bin/Release/net10.0/duckdb-peer to-parquet --csv "$csv" --out "$parquet" >&2
uptime >&2
dotnet pwsh -NoProfile -NonInteractive -File bench/parquet.ps1 -Parquet "$parquet" -Threads 1,2 -Repeats "$repeats"
