# bench/run.sh's report: reads the raw `key=value` lines of one run and prints Markdown tables (pasted into the
# README's Performance section as printed). Plain awk, so the report needs no Python.
function val(line, key) { if (match(line, "(^| )" key "=[-0-9.e]+")) { s = substr(line, RSTART, RLENGTH); sub(/^ /, "", s); return substr(s, length(key) + 2) } return "" }
function word(line, key) { if (match(line, "(^| )" key "=[^ ]+")) { s = substr(line, RSTART, RLENGTH); sub(/^ /, "", s); return substr(s, length(key) + 2) } return "" }
function ratio(a, b) { return (a == "" || b == "" || a == "nan" || b + 0 == 0) ? "–" : sprintf("%.2f×", a / b) }
function ms(x) { return (x == "" || x == "nan") ? "–" : sprintf("%.1f", x) }
FILENAME ~ /machine/ && $1 == "cpu" { cpu = $2; gsub(/_/, " ", cpu); dotnet = val($0, "dotnet"); threads = val($0, "threads"); repeats = val($0, "repeats") }
FILENAME ~ /machine/ && $1 == "load_start" { load0 = $2 }
FILENAME ~ /machine/ && $1 == "load_end" { load1 = $2 }
FILENAME ~ /climitcpu/ { ccpu[$2] = val($0, "forward_ms"); next }
FILENAME ~ /climit/ { c[$2] = val($0, "forward_ms") }
FILENAME ~ /enginecpu/ { ecf[$2] = val($0, "forward_cpu_ms"); ecb[$2] = val($0, "forward_backward_cpu_ms"); next }
FILENAME ~ /engine/ && $4 == "threads=1" { e1f[$2] = val($0, "forward_ms"); e1b[$2] = val($0, "forward_backward_ms") }
FILENAME ~ /engine/ && $4 == "threads=" threads { enf[$2] = val($0, "forward_ms"); enb[$2] = val($0, "forward_backward_ms") }
FILENAME ~ /numpy/ && $1 == "numpy" && $2 == "exp" { npexp = val($0, "exp_ns_per_element") }
FILENAME ~ /numpy/ && $1 == "torch" && $2 == "exp" && $3 == "dtype=float64" && $4 ~ /^exp_ns/ { texp = val($0, "exp_ns_per_element"); tver = $0; sub(/.*torch=/, "", tver); sub(/ .*/, "", tver) }
FILENAME ~ /numpy/ && $1 == "numpy" && $2 ~ /^shape=/ { sh = substr($2, 7); impl = substr($3, 6); nf[sh, impl] = val($0, "forward_ms"); nb[sh, impl] = val($0, "forward_backward_ms") }
FILENAME ~ /torch/ && $1 == "torch" && $3 == "float64" { tf[$2] = val($0, "forward_ms"); tb[$2] = val($0, "forward_backward_ms") }
FILENAME ~ /torch/ && $1 == "pandas_torch" { pandas = val($0, "ms") }
FILENAME ~ /side/ { k = val($0, "threads"); f = $2; sub(/format=/, "", f); key = f SUBSEP k; fmt[f] = 1
    sp[key] = val($0, "path_ms"); spc[key] = val($0, "path_cpu_ms"); sd[key] = val($0, "duckdb_ms"); sdc[key] = val($0, "duckdb_cpu_ms")
    sr[key] = val($0, "ratio"); src[key] = val($0, "cpu_ratio"); smb[key] = val($0, "path_mb_per_s_per_core"); smbc[key] = val($0, "path_mb_per_cpu_s")
    sload[key] = val($0, "load"); size[f] = val($0, "mb") }
FILENAME ~ /module/ && $1 == "pipeline" { pipe[++np] = $0 }
FILENAME ~ /module/ && $1 == "alloc" { alloc[++na] = $0 }
FILENAME ~ /module/ && $1 == "startup" { startup = $0 }
FILENAME ~ /module/ && $1 == "memory" { memory = $0 }
FILENAME ~ /profile/ { st[substr($2, 7)] = val($0, "ms"); stc[substr($2, 7)] = val($0, "cpu_ms") }
END {
    shapeLabel["1000000x10"] = "1,000,000 × 10"; shapeLabel["100000x1000"] = "100,000 × 1,000"; shapeLabel["2000x50000"] = "2,000 × 50,000"
    printf "Measured by `bash bench/run.sh` on %s, .NET %s, %s threads, medians of %s; load average %s at the start, %s at the end.\n\n", cpu, dotnet, threads, repeats, load0, load1
    print "**Engine in memory**, float64, mean loss (ms). The C limit is one thread; engine ratios are per thread (time × threads / C)."
    print "CPU columns are process CPU time (engine-cpu, then the C limit on the CPU clock right after it). Targets (issue 18): forward within 1.2× of C per thread, forward + gradient within 1.5× of forward.\n"
    printf "| shape | C limit | engine, 1 thread | vs C | CPU vs C | fwd + grad | fwd + grad / fwd | engine, %s threads | per thread vs C | NumPy | SciPy | PyTorch fwd / fwd + grad |\n", threads
    print "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    n = split("1000000x10 100000x1000 2000x50000", shapes, " ")
    for (i = 1; i <= n; i++) {
        s = shapes[i]; label = shapeLabel[s]
        printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s / %s |\n", label, ms(c[s]), ms(e1f[s]), ratio(e1f[s], c[s]), ratio(ecf[s], ccpu[s]),
            ms(e1b[s]), ratio(e1b[s], e1f[s]), ms(enf[s]), ratio(enf[s] * threads, c[s]), ms(nf[s, "numpy"]), ms(nf[s, "scipy"]), ms(tf[s]), ms(tb[s])
    }
    if (npexp != "") printf "\nexp on float64, one thread, on this machine: NumPy %s ns an element, PyTorch %s %s ns (%s NumPy's). PyTorch's times above are as fast as its exp allows on this build; a pip-installed torch with a vector exp would be several times faster, so only its results, not its speed, are a reference.\n",
        npexp, tver, texp == "" ? "–" : texp, texp == "" ? "–" : sprintf("%.0f×", texp / npexp)
    print "\n**Files**: `Measure-CrossEntropy -Path` against DuckDB (`read_csv` / `read_parquet` + the loss in SQL), run for run in one pwsh; ratio = DuckDB time / `-Path` time (above 1: `-Path` is faster). Targets: CSV at least 3× DuckDB at 1 and 2 threads and 500 MB/s per core (issue 18); Parquet at least 1× (issue 15).\n"
    print "| file | threads | `-Path` ms | `-Path` CPU ms | MB/s per core | MB per CPU-s | DuckDB ms | DuckDB / `-Path` | in CPU time | load |"
    print "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    split("csv parquet", formats, " ")
    for (j = 1; j <= 2; j++) for (t = 1; t <= threads; t++) {
        f = formats[j]
        key = f SUBSEP t
        if (sp[key] == "") continue
        printf "| %s 1M × 10 (%s MB) | %d | %s | %s | %s | %s | %s | %s× | %s× | %s |\n", f, size[f], t, sp[key], spc[key], smb[key], smbc[key], sd[key], sr[key], src[key], sload[key]
    }
    if (pandas != "") printf "\npandas.read_csv + F.cross_entropy on the same CSV (%s threads): %s ms, %s the time of `-Path` on %s threads.\n", threads, ms(pandas), ratio(pandas, sp["csv" SUBSEP threads]), threads
    print "\n**Pipeline on real pwsh** (`Import-Csv F | Measure-CrossEntropy` against `Import-Csv F | Out-Null`, side by side; target at most 1.3×):\n"
    print "| classes | rows | logits written as | Import-Csv \\| Out-Null ms | Import-Csv \\| Measure-CrossEntropy ms | ratio (run for run) | µs a row over Import-Csv | load |"
    print "| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |"
    for (i = 1; i <= np; i++)
        printf "| %s | %s | %s | %s | %s | %.2f× | %.2f | %s |\n", val(pipe[i], "classes"), val(pipe[i], "rows"), word(pipe[i], "numbers"), ms(val(pipe[i], "import_csv_ms")), ms(val(pipe[i], "import_csv_measure_ms")), val(pipe[i], "ratio"), val(pipe[i], "measure_us_per_row"), val(pipe[i], "load")
    if (startup != "") printf "\nImport-Module %s ms, first Measure-CrossEntropy call %s ms (fresh pwsh).\n", ms(val(startup, "import_module_ms")), ms(val(startup, "first_call_ms"))
    if (na > 0) { print "\nBytes allocated per output row:"; for (i = 1; i <= na; i++) { a = alloc[i]; sub(/^alloc /, "", a); print "- " a } }
    if (memory != "") printf "\nFlat memory: a %s MB file (%s rows) in %s s, peak working set %s MB (%s MB before Import-Module).\n",
        val(memory, "file_mb"), val(memory, "rows"), val(memory, "seconds"), val(memory, "peak_working_set_mb"), val(memory, "peak_before_import_mb")
    if (stc["run"] != "")
        printf "\n`-Path` stages at 1 thread, CPU ms (bench/peers/csvprofile): read %s, UTF-8 decode %d, tokenise %d, numbers %d, rows %d, engine %d, total %s.\n",
            stc["chunks"], stc["decode"] - stc["chunks"], stc["tokenize"] - stc["decode"], stc["parse"] - stc["tokenize"], stc["rows"] - stc["parse"], stc["run"] - stc["rows"], stc["parallel1"]
}
