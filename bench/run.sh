#!/usr/bin/env bash
# Every performance figure of the README in one run on this machine, then one report (Markdown tables, pasted into
# the README's Performance section as printed). Peers (bench/peers/README.md says how each is run):
#   - the C limit (bench/climit.c: each row's max and sum of exp, gcc -O3 -march=native -ffast-math, libmvec exp),
#     in wall and in CPU time;
#   - the engine in memory (bench/CrossEntropy.Bench `engine`, and bench/peers/enginecpu for its CPU time);
#   - NumPy/SciPy (bench/peers/numpy_peer.py, Debian's python3-numpy/python3-scipy, 1 thread) and the exp speed of
#     NumPy and PyTorch on this machine;
#   - PyTorch F.cross_entropy and pandas.read_csv + F.cross_entropy (bench/peers.py, Debian's python3-torch/pandas):
#     the semantic reference, its speed marked with the exp speed it showed here (its ratios depend on its build);
#   - DuckDB (bench/peers/duckdb, NuGet DuckDB.NET.Data.Full): read_csv / read_parquet + the loss in SQL, run for run
#     with Measure-CrossEntropy -Path in one pwsh (bench/peers/side_by_side.ps1);
#   - the module on real pwsh (bench/module.ps1 via `dotnet pwsh`): the Import-Csv pipeline, startup, allocations,
#     peak memory.
# Raw `key=value` lines go to stderr, the report to stdout. Python peers are skipped (and said so) when absent.
#
# usage: bench/run.sh [--repeats N] [--quick] [--big] [--profile] [--no-torch]
#   --quick    3 repeats;  --big  also the 5 GB flat-memory run (writes bench/data/logits_big.csv)
#   --profile  also the -Path stage profile (bench/peers/csvprofile);  --no-torch  skip PyTorch (slow: scalar exp)
set -euo pipefail
cd "$(dirname "$0")/.."
repeats=7
big=0
profile=0
torch=1
while [ $# -gt 0 ]; do
    case "$1" in
        --repeats) repeats=$2; shift ;;
        --quick) repeats=3 ;;
        --big) big=1 ;;
        --profile) profile=1 ;;
        --no-torch) torch=0 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
threads=$(nproc)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
mkdir -p bench/data
csv=bench/data/logits_1m_10.csv
parquet=bench/data/logits_1m_10.parquet
pipe10=bench/data/logits_100k_10.csv
pipe1000=bench/data/logits_20k_1000.csv
pipe10f64=bench/data/logits_100k_10_f64.csv # float64 text (17 digits, as pandas writes a float64 column)

echo "== build (Release): engine bench, module, DuckDB peer, engine CPU timer" >&2
dotnet build -c Release bench/CrossEntropy.Bench/CrossEntropy.Bench.csproj -nologo -v q >/dev/null
dotnet build -c Release src/CrossEntropy.PowerShell/CrossEntropy.PowerShell.csproj -nologo -v q >/dev/null
dotnet build -c Release bench/peers/duckdb/DuckDbPeer.csproj -nologo -v q >/dev/null
dotnet build -c Release bench/peers/enginecpu/EngineCpu.csproj -nologo -v q >/dev/null
[ "$profile" = 1 ] && dotnet build -c Release bench/peers/csvprofile/CsvProfile.csproj -nologo -v q >/dev/null
dotnet tool restore >/dev/null
bench="dotnet bench/CrossEntropy.Bench/bin/Release/net10.0/CrossEntropy.Engine.Bench.dll"
duck=bench/peers/duckdb/bin/Release/net10.0/duckdb-peer
[ -f "$csv" ] || $bench gen --out "$csv" --rows 1000000 --classes 10
[ -f "$parquet" ] || $duck to-parquet --csv "$csv" --out "$parquet" >&2
[ -f "$pipe10" ] || $bench gen --out "$pipe10" --rows 100000 --classes 10
[ -f "$pipe1000" ] || $bench gen --out "$pipe1000" --rows 20000 --classes 1000
[ -f "$pipe10f64" ] || $bench gen --out "$pipe10f64" --rows 100000 --classes 10 --float64
uptime | tee "$out/load_start.txt" >&2

echo "== C limit (wall, then process CPU time: bench/peers/cpuclock.h)" >&2
gcc -O3 -march=native -ffast-math -o "$out/climit" bench/climit.c -lm
gcc -O3 -march=native -ffast-math -include bench/peers/cpuclock.h -o "$out/climit_cpu" bench/climit.c -lm
"$out/climit" "$repeats" | tee "$out/climit.txt" >&2
echo "== engine (wall), then engine-cpu and the C limit on the CPU clock right after it" >&2
$bench engine --threads "1,$threads" --repeats "$repeats" | tee "$out/engine.txt" >&2
bench/peers/enginecpu/bin/Release/net10.0/engine-cpu --threads 1 --repeats "$repeats" | sed 's/^engine/engine_cpu/' | tee "$out/enginecpu.txt" >&2
"$out/climit_cpu" "$repeats" | sed 's/^climit/climit_cpu/' | tee "$out/climitcpu.txt" >&2

python=/usr/bin/python3
: > "$out/numpy.txt"
: > "$out/torch.txt"
if [ -x "$python" ] && "$python" -c 'import numpy, scipy' 2>/dev/null; then
    echo "== NumPy / SciPy (1 thread), exp speed of NumPy and PyTorch" >&2
    "$python" bench/peers/numpy_peer.py --repeats "$repeats" | tee "$out/numpy.txt" >&2
else
    echo "(python3-numpy / python3-scipy not installed: no NumPy/SciPy figures)" >&2
fi
if [ "$torch" = 1 ] && [ -x "$python" ] && "$python" -c 'import torch, pandas' 2>/dev/null; then
    echo "== PyTorch F.cross_entropy, pandas.read_csv + F.cross_entropy ($threads threads)" >&2
    "$python" bench/peers.py --threads "$threads" --repeats "$repeats" --csv "$csv" | tee "$out/torch.txt" >&2
else
    echo "(PyTorch skipped: --no-torch, or python3-torch / python3-pandas not installed)" >&2
fi

echo "== Measure-CrossEntropy -Path and DuckDB, run for run in one pwsh (CSV and Parquet)" >&2
dotnet pwsh -NoProfile -NonInteractive -File bench/peers/side_by_side.ps1 -Csv "$csv" -Parquet "$parquet" \
    -Threads "1,$threads" -Repeats "$repeats" | tee "$out/side.txt" >&2
echo "== the module on real pwsh: Import-Csv pipeline, startup, allocations, memory" >&2
memory_args=()
if [ "$big" = 1 ]; then
    bigcsv=bench/data/logits_big.csv
    [ -f "$bigcsv" ] || $bench gen --out "$bigcsv" --rows 45000000 --classes 10
    memory_args=(-MemoryCsv "$bigcsv")
fi
dotnet pwsh -NoProfile -NonInteractive -File bench/module.ps1 -Csv "$csv" -Threads "1,$threads" -PipelineCsv "$pipe10,$pipe1000,$pipe10f64" \
    -Repeats "$repeats" "${memory_args[@]}" | tee "$out/module.txt" >&2
: > "$out/profile.txt"
if [ "$profile" = 1 ]; then
    echo "== -Path profile (stages, 1 thread unless said)" >&2
    bench/peers/csvprofile/bin/Release/net10.0/csv-profile --path "$csv" --repeats "$repeats" \
        --stages chunks,decode,tokenize,parse,rows,run,parallel1,parallel2,engine,mem_sylvan,mem_bytes,mem_swar,swar_run,swar_run2 | tee "$out/profile.txt" >&2
fi
uptime | tee "$out/load_end.txt" >&2

{
    echo "cpu $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //; s/ /_/g') dotnet=$(dotnet --version) threads=$threads repeats=$repeats"
    echo "load_start $(sed 's/.*load average: //; s/,//g' "$out/load_start.txt")"
    echo "load_end $(sed 's/.*load average: //; s/,//g' "$out/load_end.txt")"
} > "$out/machine.txt"
awk -f bench/report.awk "$out/machine.txt" "$out/climit.txt" "$out/engine.txt" "$out/enginecpu.txt" "$out/climitcpu.txt" \
    "$out/numpy.txt" "$out/torch.txt" "$out/side.txt" "$out/module.txt" "$out/profile.txt"
