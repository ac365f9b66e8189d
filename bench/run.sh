#!/usr/bin/env bash
# Benchmarks the module against what a user would pick instead, in one run on this machine, and prints one table of
# times and ratios. Peers: a C loop that only finds each row's max and sums exp (the least an exact forward pass
# must do; gcc -O3 -march=native -ffast-math, glibc's libmvec exp), PyTorch CPU, pandas.read_csv + F.cross_entropy
# (Debian's python3-torch / python3-pandas; skipped when absent).
#
# usage: bench/run.sh [--quick] [--big]
#   --quick  fewer repeats;  --big  also the 5 GB flat-memory run (writes bench/data/logits_big.csv)
set -euo pipefail
cd "$(dirname "$0")/.."
repeats=7
big=0
for a in "$@"; do
    case "$a" in
        --quick) repeats=3 ;;
        --big) big=1 ;;
    esac
done
threads=$(nproc)
out=$(mktemp -d)
mkdir -p bench/data

dotnet build -c Release bench/CrossEntropy.Bench/CrossEntropy.Bench.csproj -nologo -v q >/dev/null
bench="dotnet bench/CrossEntropy.Bench/bin/Release/net10.0/CrossEntropy.Engine.Bench.dll"
csv=bench/data/logits_1m_10.csv
[ -f "$csv" ] || $bench gen --out "$csv" --rows 1000000 --classes 10

echo "== C limit" >&2
gcc -O3 -march=native -ffast-math -o "$out/climit" bench/climit.c -lm
"$out/climit" "$repeats" | tee "$out/climit.txt" >&2
echo "== engine" >&2
$bench engine --threads "1,$threads" --repeats "$repeats" | tee "$out/engine.txt" >&2
echo "== module, on real pwsh (dotnet pwsh: the pinned PowerShell tool)" >&2
dotnet tool restore >/dev/null
pipe10=bench/data/logits_100k_10.csv
pipe1000=bench/data/logits_20k_1000.csv
[ -f "$pipe10" ] || $bench gen --out "$pipe10" --rows 100000 --classes 10
[ -f "$pipe1000" ] || $bench gen --out "$pipe1000" --rows 20000 --classes 1000
memory_args=()
if [ "$big" = 1 ]; then
    bigcsv=bench/data/logits_big.csv
    [ -f "$bigcsv" ] || $bench gen --out "$bigcsv" --rows 45000000 --classes 10
    memory_args=(-MemoryCsv "$bigcsv")
fi
dotnet pwsh -NoProfile -NonInteractive -File bench/module.ps1 -Csv "$csv" -PipelineCsv "$pipe10,$pipe1000" \
    -Threads "1,$threads" -Repeats "$repeats" "${memory_args[@]}" | tee "$out/module.txt" >&2
python=/usr/bin/python3
if [ -x "$python" ] && "$python" -c 'import torch, pandas' 2>/dev/null; then
    echo "== PyTorch, pandas" >&2
    "$python" bench/peers.py --threads "$threads" --repeats "$repeats" --csv "$csv" | tee "$out/peers.txt" >&2
else
    echo "(python3-torch / python3-pandas not installed: PyTorch and pandas columns are empty)" >&2
    : > "$out/peers.txt"
fi

# The table (plain awk: no Python needed for the report itself).
awk -v threads="$threads" '
function val(line, key,    m) { if (match(line, key "=[0-9.]+")) { return substr(line, RSTART + length(key) + 1, RLENGTH - length(key) - 1) } return "" }
FILENAME ~ /climit/ { c[$2] = val($0, "forward_ms") }
FILENAME ~ /engine/ && $4 == "threads=1" { e1f[$2] = val($0, "forward_ms"); e1b[$2] = val($0, "forward_backward_ms") }
FILENAME ~ /engine/ && $4 == "threads=" threads { enf[$2] = val($0, "forward_ms"); enb[$2] = val($0, "forward_backward_ms") }
FILENAME ~ /peers/ && $1 == "torch" && $3 == "float64" { tf[$2] = val($0, "forward_ms"); tb[$2] = val($0, "forward_backward_ms") }
FILENAME ~ /peers/ && $1 == "torch" && $3 == "float32" { tf32[$2] = val($0, "forward_ms"); tb32[$2] = val($0, "forward_backward_ms") }
FILENAME ~ /peers/ && $1 == "pandas_torch" { pandas = val($0, "ms") }
FILENAME ~ /module/ && $1 == "module_csv" && $2 == "threads=1" { csv1 = val($0, "ms") }
FILENAME ~ /module/ && $1 == "module_csv" && $2 == "threads=" threads { csvn = val($0, "ms") }
FILENAME ~ /module/ && $1 == "pipeline" { pipe[++np] = sprintf("Import-Csv | Measure-CrossEntropy, %s classes, %s rows: %s ms vs Import-Csv | Out-Null %s ms = %sx", val($0, "classes"), val($0, "rows"), val($0, "import_csv_measure_ms"), val($0, "import_csv_ms"), val($0, "ratio")) }
FILENAME ~ /module/ && $1 == "alloc" { alloc[++na] = $0 }
FILENAME ~ /module/ && $1 == "startup" { startup = sprintf("Import-Module %s ms, first Measure-CrossEntropy call %s ms (fresh pwsh)", val($0, "import_module_ms"), val($0, "first_call_ms")) }
FILENAME ~ /module/ && $1 == "memory" { memory = $0 }
function ratio(a, b) { return (a == "" || b == "" || b + 0 == 0) ? "-" : sprintf("%.2fx", a / b) }
END {
    printf "\nEngine in memory, float64, median ms (%d threads where not said)\n", threads
    printf "%-13s %9s %9s %9s %11s %11s %10s %10s %12s\n", "shape", "C limit", "engine/1", "engine", "torch fwd", "torch f+b", "fwd vs", "f+b vs", "fwd vs C";
    printf "%-13s %9s %9s %9s %11s %11s %10s %10s %12s\n", "", "1 thread", "fwd", "fwd/f+b", "", "", "torch", "torch", "per thread";
    n = split("1000000x10 100000x1000 2000x50000", shapes, " ")
    for (i = 1; i <= n; i++) {
        sh = shapes[i]
        printf "%-13s %9s %9s %4s/%-4s %11s %11s %10s %10s %12s\n", sh, c[sh], e1f[sh], enf[sh], enb[sh], tf[sh], tb[sh],
            ratio(tf[sh], enf[sh]), ratio(tb[sh], enb[sh]), ratio(enf[sh] * threads, c[sh])
    }
    if (tf32["1000000x10"] != "") printf "(torch float32 fwd / f+b: 1Mx10 %s/%s, 100kx1000 %s/%s, 2kx50k %s/%s ms; the engine is float64 only)\n",
        tf32["1000000x10"], tb32["1000000x10"], tf32["100000x1000"], tb32["100000x1000"], tf32["2000x50000"], tb32["2000x50000"]
    printf "\nMeasure-CrossEntropy -Path 1,000,000 x 10 CSV: %s ms on 1 thread, %s ms on %d; pandas.read_csv + F.cross_entropy %s ms: %s faster\n",
        csv1, csvn, threads, pandas == "" ? "-" : pandas, ratio(pandas, csvn)
    printf "Real pwsh 7.6.9:\n"
    for (i = 1; i <= np; i++) print "  " pipe[i]
    print "  " startup
    for (i = 1; i <= na; i++) print alloc[i]
    if (memory != "") print memory
}' "$out/climit.txt" "$out/engine.txt" "$out/peers.txt" "$out/module.txt"
rm -rf "$out"
