#!/usr/bin/env bash
# The peers of performance issue 18, side by side in one session: the C limit, the engine in memory, NumPy/SciPy,
# PyTorch's exp speed, Measure-CrossEntropy -Path on real pwsh, and DuckDB over the same CSV and its Parquet copy
# (in its own process, and run for run with -Path in one pwsh: bench/peers/side_by_side.ps1), then the -Path profile.
# Prints every raw line, then one table of times and the issue's ratios. See bench/peers/README.md.
#
# usage: bench/peers/run.sh [--repeats N] [--skip-profile]
#   Needs: the .NET SDK (restores DuckDB.NET.Data.Full from NuGet), gcc, Debian's python3-numpy / python3-scipy
#   (python3-torch for the exp line); NumPy/torch lines are skipped when absent.
set -euo pipefail
cd "$(dirname "$0")/../.."
repeats=5
profile=1
while [ $# -gt 0 ]; do
    case "$1" in
        --repeats) repeats=$2; shift ;;
        --skip-profile) profile=0 ;;
    esac
    shift
done
out=$(mktemp -d)
mkdir -p bench/data
csv=bench/data/logits_1m_10.csv
parquet=bench/data/logits_1m_10.parquet

echo "== build (Release): engine bench, module, DuckDB peer, -Path profile" >&2
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
uptime >&2

echo "== C limit (wall, then process CPU time: bench/peers/cpuclock.h)" >&2
gcc -O3 -march=native -ffast-math -o "$out/climit" bench/climit.c -lm
gcc -O3 -march=native -ffast-math -include bench/peers/cpuclock.h -o "$out/climit_cpu" bench/climit.c -lm
"$out/climit" "$repeats" | tee "$out/climit.txt" >&2
"$out/climit_cpu" "$repeats" | sed 's/^climit/climit_cpu/' | tee "$out/climitcpu.txt" >&2
echo "== engine" >&2
$bench engine --threads 1,2 --repeats "$repeats" | tee "$out/engine.txt" >&2
echo "== engine, with CPU time (engine-cpu), then the C limit in CPU time again right after it" >&2
bench/peers/enginecpu/bin/Release/net10.0/engine-cpu --threads 1,2 --repeats "$repeats" | sed 's/^engine/engine_cpu/' | tee "$out/enginecpu.txt" >&2
"$out/climit_cpu" "$repeats" | sed 's/^climit/climit_cpu/' | tee "$out/climitcpu2.txt" >&2
python=/usr/bin/python3
if [ -x "$python" ] && "$python" -c 'import numpy, scipy' 2>/dev/null; then
    echo "== NumPy / SciPy (1 thread), torch exp" >&2
    "$python" bench/peers/numpy_peer.py --repeats "$repeats" | tee "$out/numpy.txt" >&2
else
    echo "(python3-numpy / python3-scipy not installed: no NumPy lines)" >&2
    : > "$out/numpy.txt"
fi
echo "== Measure-CrossEntropy -Path (real pwsh)" >&2
dotnet pwsh -NoProfile -NonInteractive -File bench/module.ps1 -Csv "$csv" -Threads 1,2 -Repeats "$repeats" | grep '^module_csv' | tee "$out/module.txt" >&2
echo "== DuckDB (its own process; the read alone too)" >&2
$duck csv --path "$csv" --threads 1,2 --repeats "$repeats" --sql wide | tee "$out/duckdb.txt" >&2
$duck parquet --path "$parquet" --threads 1,2 --repeats "$repeats" --sql wide --no-read | tee -a "$out/duckdb.txt" >&2
echo "== -Path and DuckDB run for run in one pwsh (the ratios the table reports)" >&2
dotnet pwsh -NoProfile -NonInteractive -File bench/peers/side_by_side.ps1 -Csv "$csv" -Parquet "$parquet" -Threads 1,2 -Repeats "$repeats" | tee "$out/side.txt" >&2
if [ "$profile" = 1 ]; then
    echo "== -Path profile (stages, 1 thread unless said)" >&2
    bench/peers/csvprofile/bin/Release/net10.0/csv-profile --path "$csv" --repeats "$repeats" \
        --stages chunks,decode,tokenize,parse,rows,run,parallel1,parallel2,engine,mem_sylvan,mem_bytes,mem_swar,swar_run,swar_run2 | tee "$out/profile.txt" >&2
fi
uptime >&2

bytes=$(stat -c %s "$csv")
awk -v bytes="$bytes" '
function val(line, key,    m) { if (match(line, key "=[0-9.]+")) { return substr(line, RSTART + length(key) + 1, RLENGTH - length(key) - 1) } return "" }
function ratio(a, b) { return (a == "" || b == "" || b + 0 == 0) ? "-" : sprintf("%.2fx", a / b) }
FILENAME ~ /climitcpu2/ { ccpu2[$2] = val($0, "forward_ms"); next }
FILENAME ~ /climitcpu/ { ccpu[$2] = val($0, "forward_ms"); next }
FILENAME ~ /enginecpu/ && $4 == "threads=1" { ec1f[$2] = val($0, "forward_cpu_ms"); ec1b[$2] = val($0, "forward_backward_cpu_ms"); next }
FILENAME ~ /enginecpu/ && $4 == "threads=2" { ec2f[$2] = val($0, "forward_cpu_ms"); next }
FILENAME ~ /climit/ { c[$2] = val($0, "forward_ms") }
FILENAME ~ /side/ { t = val($0, "threads"); sp[t] = val($0, "path_ms"); spc[t] = val($0, "path_cpu_ms"); sdc[t] = val($0, "duckdb_csv_ms"); sdp[t] = val($0, "duckdb_parquet_ms")
    scr[t] = val($0, "csv_ratio"); scrc[t] = val($0, "csv_cpu_ratio"); spr[t] = val($0, "parquet_ratio"); score[t] = val($0, "path_mb_per_s_per_core"); sload[t] = val($0, "load") }
FILENAME ~ /engine/ && $4 == "threads=1" { e1f[$2] = val($0, "forward_ms"); e1b[$2] = val($0, "forward_backward_ms") }
FILENAME ~ /engine/ && $4 == "threads=2" { e2f[$2] = val($0, "forward_ms"); e2b[$2] = val($0, "forward_backward_ms") }
FILENAME ~ /numpy/ && $1 == "numpy" && $2 == "exp" { npexp = val($0, "exp_ns_per_element") }
FILENAME ~ /numpy/ && $1 == "torch" && $2 == "exp" && $3 == "dtype=float64" && $4 ~ /^exp_ns/ { texp = val($0, "exp_ns_per_element") }
FILENAME ~ /numpy/ && $1 == "torch" && $2 == "log_softmax" { tls = val($0, "ns_per_element") }
FILENAME ~ /numpy/ && $1 == "numpy" && $2 ~ /^shape=/ { sh = substr($2, 7); impl = substr($3, 6); nf[sh, impl] = val($0, "forward_ms"); nb[sh, impl] = val($0, "forward_backward_ms") }
FILENAME ~ /module/ { m[val($0, "threads")] = val($0, "ms") }
FILENAME ~ /duckdb/ && $1 == "duckdb_csv" { dc[val($0, "threads")] = val($0, "ms") }
FILENAME ~ /duckdb/ && $1 == "duckdb_csv_read" { dcr[val($0, "threads")] = val($0, "ms") }
FILENAME ~ /duckdb/ && $1 == "duckdb_parquet" { dp[val($0, "threads")] = val($0, "ms") }
FILENAME ~ /profile/ { st[substr($2, 7)] = val($0, "ms"); stc[substr($2, 7)] = val($0, "cpu_ms") }
END {
    printf "\nIn memory, float64, median ms (engine and C: this run; NumPy/SciPy: 1 thread)\n"
    printf "%-12s %8s %8s %9s %9s %8s %8s %9s %9s %9s %9s %9s\n", "shape", "C 1thr", "C cpu", "engine/1", "eng/1 f+b", "engine/2", "vs C/1", "vs C per", "f+b/fwd", "scipy", "numpy", "numpy blk"
    n = split("1000000x10 100000x1000 2000x50000", shapes, " ")
    for (i = 1; i <= n; i++) {
        s = shapes[i]
        printf "%-12s %8s %8s %9s %9s %8s %8s %9s %9s %9s %9s %9s\n", s, c[s], ccpu[s], e1f[s], e1b[s], e2f[s], ratio(e1f[s], c[s]),
            ratio(e2f[s] * 2, c[s]), ratio(e1b[s], e1f[s]), nf[s, "scipy"], nf[s, "numpy"], nf[s, "numpy_blocked"]
    }
    printf "CPU time (ms; engine-cpu, then climit on the CPU clock right after it):\n"
    printf "%-12s %8s %9s %9s %9s %12s\n", "shape", "C cpu", "engine", "vs C", "f+b/fwd", "2thr vs C/thr"
    for (i = 1; i <= n; i++) {
        s = shapes[i]
        printf "%-12s %8s %9s %9s %9s %12s\n", s, ccpu2[s], ec1f[s], ratio(ec1f[s], ccpu2[s]), ratio(ec1b[s], ec1f[s]), ratio(ec2f[s], ccpu2[s])
    }
    printf "(targets: engine within 1.2x of C per thread, forward+gradient within 1.5x of forward)\n"
    if (npexp != "") printf "exp, float64, 1 thread: NumPy %s ns/element, PyTorch %s ns/element, PyTorch log_softmax %s ns/element (torch figures depend on the build)\n", npexp, texp == "" ? "-" : texp, tls == "" ? "-" : tls
    mb = bytes / 1e6
    printf "\n1,000,000 x 10 CSV (%.1f MB), median ms\n", mb
    printf "separate processes: %-8s %10s %12s %10s %10s %10s %12s\n", "threads", "-Path", "MB/s/core", "DuckDB csv", "csv read", "parquet", "DuckDB/-Path"
    for (t = 1; t <= 2; t++)
        printf "                    %-8s %10s %12s %10s %10s %10s %12s\n", t, m[t], m[t] == "" ? "-" : sprintf("%.0f", mb / (m[t] / 1000) / t), dc[t], dcr[t], dp[t], ratio(dc[t], m[t])
    printf "run for run, one pwsh: %-5s %10s %12s %10s %10s %12s %12s %14s %6s\n", "threads", "-Path", "MB/s/core", "DuckDB csv", "parquet", "csv/-Path", "(CPU time)", "parquet/-Path", "load"
    for (t = 1; t <= 2; t++)
        printf "                       %-5s %10s %12s %10s %10s %12s %12s %14s %6s\n", t, sp[t], score[t], sdc[t], sdp[t], scr[t] == "" ? "-" : scr[t] "x", scrc[t] == "" ? "-" : scrc[t] "x", spr[t] == "" ? "-" : spr[t] "x", sload[t]
    printf "(targets: -Path at least 3x faster than DuckDB at 1 and 2 threads, at least 500 MB/s per core)\n"
    if (stc["run"] != "") {
        printf "\n-Path pieces at 1 thread, process CPU ms (differences of cumulative stages; see bench/peers/README.md): read %s, UTF-8 decode %d, Sylvan tokenise %d, NumberText %d, RowReader %d, engine %d, ParallelFile %d (total %s); engine alone %s\n",
            stc["chunks"], stc["decode"] - stc["chunks"], stc["tokenize"] - stc["decode"], stc["parse"] - stc["tokenize"], stc["rows"] - stc["parse"],
            stc["run"] - stc["rows"], stc["parallel1"] - stc["run"], stc["parallel1"], stc["engine"]
        printf "parsers on in-memory chunks, CPU ms: Sylvan + NumberText %s, UTF-8 byte parser %s, SWAR byte parser %s; SWAR parser + engine from the file %s (1 thread), %s wall ms on 2 threads\n",
            stc["mem_sylvan"], stc["mem_bytes"], stc["mem_swar"], stc["swar_run"], st["swar_run2"]
    }
}' "$out/climitcpu2.txt" "$out/climitcpu.txt" "$out/enginecpu.txt" "$out/climit.txt" "$out/engine.txt" "$out/numpy.txt" "$out/module.txt" "$out/duckdb.txt" "$out/side.txt" $( [ "$profile" = 1 ] && echo "$out/profile.txt" )
rm -rf "$out"
