#!/usr/bin/env bash
# Issue 18 item 1 on a shared machine: the C limit and one or more builds of engine-cpu, alternating round by round
# (each line a median of --repeats runs), one thread, then the median over the rounds of each figure in CPU time and
# the ratios the issue asks for (engine / C limit, forward+gradient / forward).
#
# usage: bench/peers/engine_ab.sh ROUNDS DIR [DIR ...]
#   DIR: a folder holding an engine-cpu build, e.g. a copy of bench/peers/enginecpu/bin/Release/net10.0 made before a
#   change, and the current one: the builds alternate within each round, so load hits them alike.
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=$1; shift
out=$(mktemp -d)
gcc -O3 -march=native -ffast-math -include bench/peers/cpuclock.h -o "$out/climit_cpu" bench/climit.c -lm
for r in $(seq 1 "$rounds"); do
    echo "# round $r $(uptime)"
    "$out/climit_cpu" 5 | sed 's/^climit/climit_cpu/'
    for d in "$@"; do
        for s in 1000000x10 100000x1000 2000x50000; do
            "$d/engine-cpu" --threads 1 --repeats 5 --shape "$s" | sed "s#^engine#engine[$d]#"
        done
    done
done | tee "$out/lines.txt"
echo "# end $(uptime)"
/usr/bin/python3 - "$out/lines.txt" <<'PY'
import collections, re, statistics, sys
d = collections.defaultdict(list)
for line in open(sys.argv[1]):
    m = re.match(r'(climit_cpu|engine\[[^\]]+\]) (\S+) ', line)
    if not m:
        continue
    who, shape = m.groups()
    if who == 'climit_cpu':
        d[who, shape, 'f'].append(float(re.search(r'forward_ms=([\d.]+)', line).group(1)))
    else:
        d[who, shape, 'f'].append(float(re.search(r'forward_cpu_ms=([\d.]+)', line).group(1)))
        d[who, shape, 'fb'].append(float(re.search(r'forward_backward_cpu_ms=([\d.]+)', line).group(1)))
builds = sorted({k[0] for k in d if k[0] != 'climit_cpu'})
print('CPU ms, median over the rounds; vs C = forward / C limit; f+b/fwd = forward+gradient / forward')
for shape in ['1000000x10', '100000x1000', '2000x50000']:
    c = statistics.median(d['climit_cpu', shape, 'f'])
    print(f'{shape:12s} C limit {c:7.1f}')
    for b in builds:
        f, fb = statistics.median(d[b, shape, 'f']), statistics.median(d[b, shape, 'fb'])
        print(f'  {b:40s} forward {f:7.1f}  vs C {f / c:.2f}x  f+b {fb:7.1f}  f+b/fwd {fb / f:.2f}x')
PY
rm -rf "$out"
