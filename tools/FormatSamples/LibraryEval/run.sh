#!/usr/bin/env bash
# The library evaluation behind tests/data/formats/LIBRARIES.md: Parquet.Net vs ParquetSharp, Apache.Arrow IPC,
# zstd (ZstdSharp.Port vs ZstdNet), gzip/Brotli, and DuckDB's read_parquet + loss in SQL as the peer.
#
#     bash tools/FormatSamples/LibraryEval/run.sh [scratch dir, default /tmp/fmt-eval] > eval.txt
#
# Not part of the build or the tests (nothing here is in CrossEntropy.sln). Needs the .NET SDK and Debian's
# python3-zstandard and python3-brotli (to compress the 100 MB CSV), and the format samples (tools/FormatSamples).
# Writes ~450 MB of data to the scratch dir. Takes 15-25 minutes on 2 cores. Each timing line is one process:
# 1 warm-up run then RUNS timed runs (min, median, process CPU time, managed allocations per run).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
formats="$repo/tests/data/formats"
scratch="${1:-/tmp/fmt-eval}"
mkdir -p "$scratch" && scratch="$(cd "$scratch" && pwd)"
data="$scratch/data"
mkdir -p "$data"
export RUNS="${RUNS:-11}"
load() { echo "# $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"; }
build() {
  dotnet build "$here/$1" -c Release -v q --nologo -o "$scratch/bin/$2" ${3:-} > "$scratch/build-$2.log" 2>&1 ||
    { echo "build of $1 failed:"; grep -E "error" "$scratch/build-$2.log" | sort -u; exit 1; }
}

build Eval Eval
build AlcHost AlcHost
build NsArrow NsArrow
rm -rf "$scratch/src-NsArrow14" && cp -r "$here/NsArrow" "$scratch/src-NsArrow14" && rm -rf "$scratch/src-NsArrow14/obj"
here="$scratch" build src-NsArrow14 NsArrow14 -p:ArrowVersion=14.0.2
build NsHost NsHost
E="dotnet $scratch/bin/Eval/Eval.dll"

echo "## data: 1M x 10 float64 by DuckDB (default row groups of 122,880 rows, snappy); a 500k-row CSV compressed"
[ -f "$data/wide-1m.parquet" ] || $E gen "$data"
[ -f "$data/csv-500k.csv.zst" ] || /usr/bin/python3 -c "
import zstandard, brotli, gzip
d = open('$data/csv-500k.csv', 'rb').read()
open('$data/csv-500k.csv.zst', 'wb').write(zstandard.ZstdCompressor(level=3).compress(d))
open('$data/csv-500k.csv.br', 'wb').write(brotli.compress(d, quality=5, lgwin=22))
open('$data/csv-500k.csv.gz', 'wb').write(gzip.compress(d, 6, mtime=0))"
[ -f "$data/wide-1m.arrow" ] || $E arrow-write "$data"
ls -l "$data"

echo "## correctness: every Parquet / Arrow sample through each library, against samples.csv"
$E pq-check "$formats"
$E arrow-check "$formats"
echo "## netstandard2.0 builds of Apache.Arrow (23.0.0 and 14.0.2, the one Microsoft.Data.Analysis brings) and ZstdSharp"
dotnet "$scratch/bin/NsHost/NsHost.dll" "$scratch/bin/NsArrow" "$formats"/arrow/* "$formats"/compressed/*.zst
dotnet "$scratch/bin/NsHost/NsHost.dll" "$scratch/bin/NsArrow14" "$formats"/arrow/*
echo "## Microsoft.Data.Analysis 0.23.1 with Apache.Arrow 23.0.0"
dotnet run --project "$here/MdaArrow" -c Release -- "$formats/arrow/wide-f64.arrows"

echo "## ParquetSharp in a module-like AssemblyLoadContext (host without ParquetSharp, like pwsh)"
src="$scratch/bin/Eval"
rid="$(dotnet --info | sed -n 's/^ *RID: *//p' | head -1)"
rm -rf "$scratch/alc-rid" "$scratch/alc-flat"
mkdir -p "$scratch/alc-rid/runtimes/$rid/native" "$scratch/alc-flat"
cp "$src/ParquetSharp.dll" "$src/Apache.Arrow.dll" "$scratch/alc-rid/"
cp "$src/runtimes/$rid/native/ParquetSharpNative".* "$scratch/alc-rid/runtimes/$rid/native/"
cp "$src/ParquetSharp.dll" "$src/Apache.Arrow.dll" "$src/runtimes/$rid/native/ParquetSharpNative".* "$scratch/alc-flat/"
H="dotnet $scratch/bin/AlcHost/AlcHost.dll"
$H "$scratch/alc-rid" "$data/wide-1m.parquet"
$H "$scratch/alc-flat" "$data/wide-1m.parquet"
$H "$scratch/alc-rid" "$data/wide-1m.parquet" resolver

for pass in 1 2; do
  echo "## Parquet, pass $pass: DuckDB (read + loss in SQL) and the readers (read only; read + scalar loss), 1 and 2 threads"
  for k in wide list; do
    load
    SHOWSQL=$([ $pass = 1 ] && echo 1 || echo 0) $E duck "$data/$k-1m.parquet" 1 $k
    LOSS=0 $E pqnet "$data/$k-1m.parquet" $k | tail -1 | sed 's/^/read-only /'
    LOSS=0 $E pqsharp-phys "$data/$k-1m.parquet" $k | tail -1 | sed 's/^/read-only /'
    $E pqnet "$data/$k-1m.parquet" $k | tail -1
    $E pqnet-mem "$data/$k-1m.parquet" $k | tail -1
    $E pqsharp "$data/$k-1m.parquet" $k | tail -1
    $E pqsharp-phys "$data/$k-1m.parquet" $k | tail -1
    $E duck "$data/$k-1m.parquet" 2 $k
    $E pqnet-par "$data/$k-1m.parquet" $k 2 | tail -1
    $E pqsharp-par "$data/$k-1m.parquet" $k 2 | tail -1
  done
done
echo "## Parquet, round robin in one process (one run of each per round: load drifts over all alike)"
$E ab "$data/wide-1m.parquet" wide 15
$E ab "$data/list-1m.parquet" list 15
echo "## Arrow IPC file, 1M x 10 float64 (written by Apache.Arrow from the Parquet values)"
LOSS=0 $E arrow-read "$data/wide-1m.arrow" | tail -1
echo "## decompression of the 97.7 MB CSV (64 KB reads, newlines counted)"
load
for pass in 1 2; do
  for m in zstdsharp zstdnet; do $E zstd "$data/csv-500k.csv.zst" $m | tail -1; done
  $E zstd "$data/csv-500k.csv.gz" gzip | tail -1
  $E zstd "$data/csv-500k.csv.br" brotli | tail -1
done
load
