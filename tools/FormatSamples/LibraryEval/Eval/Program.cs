// Library evaluation for issue 15: the measurements in tests/data/formats/LIBRARIES.md. Run through run.sh beside
// this folder; each mode is one measurement (see run.sh for the command lines).
using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using Apache.Arrow;
using Apache.Arrow.Types;
using Array = System.Array;
using Apache.Arrow.Ipc;
using DuckDB.NET.Data;

static class P
{
    const int K = 10;

    static async Task<int> Main(string[] a)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        switch (a[0])
        {
            case "gen": Gen(a[1]); break;
            case "pqnet": await Bench(a[0] + " " + a[2], () => PqNet(a[1], a[2] == "list")); break;
            case "pqnet-mem": await Bench(a[0] + " " + a[2], () => PqNetMem(a[1], a[2] == "list")); break;
            case "pqnet-par": await Bench(a[0] + " " + a[2] + " x" + a[3], () => Task.FromResult(Par(a[1], int.Parse(a[3]), (p, g) => PqNetGroup(p, g, a[2] == "list").GetAwaiter().GetResult()))); break;
            case "pqsharp-par": await Bench(a[0] + " " + a[2] + " x" + a[3], () => Task.FromResult(Par(a[1], int.Parse(a[3]), (p, g) => PqSharpGroup(p, g, a[2] == "list")))); break;
            case "pqsharp": await Bench(a[0] + " " + a[2], () => Task.FromResult(PqSharpLogical(a[1], a[2] == "list"))); break;
            case "pqsharp-phys": await Bench(a[0] + " " + a[2], () => Task.FromResult(PqSharpPhysical(a[1], a[2] == "list"))); break;
            case "ab": await AB(a[1], a[2] == "list", int.Parse(a[3])); break;
            case "duck": DuckLoss(a[1], int.Parse(a[2]), a[3] == "list"); break;
            case "zstd": await Bench("zstd " + a[2], () => Task.FromResult(Decompress(a[1], a[2]))); break;
            case "arrow-check": ArrowCheck(a[1]); break;
            case "arrow-write": ArrowWrite(a[1]); break;
            case "arrow-read": await Bench("arrow-read", () => Task.FromResult(ArrowRead(a[1]))); break;
            case "pq-check": await PqCheck(a[1]); break;
            default: Console.Error.WriteLine("?"); return 2;
        }
        return 0;
    }

    // ------------------------------------------------------------ harness: 1 warm-up, 5 timed, median
    static async Task Bench(string name, Func<Task<double>> run)
    {
        double check = await run();
        var times = new List<double>();
        var allocs = new List<long>();
        var cpus = new List<double>();
        int runs = int.Parse(Environment.GetEnvironmentVariable("RUNS") ?? "5");
        for (int i = 0; i < runs; i++)
        {
            GC.Collect(); GC.WaitForPendingFinalizers(); GC.Collect();
            long a0 = GC.GetTotalAllocatedBytes(true);
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            double c = await run();
            sw.Stop();
            cpus.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMilliseconds);
            allocs.Add(GC.GetTotalAllocatedBytes(true) - a0);
            times.Add(sw.Elapsed.TotalMilliseconds);
            if (c != check) throw new Exception("nondeterministic");
        }
        times.Sort(); cpus.Sort();
        Console.WriteLine($"{name}: min {times[0]:F0} ms, median {times[runs / 2]:F0} ms (of {runs}), cpu min {cpus[0]:F0} ms, allocated {allocs.Min() / 1048576.0:F1} MB/run, " +
                          $"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576} MB, check {check:R}");
    }

    // ------------------------------------------------------------ the loss over what was read (a plain scalar loop, to compare with DuckDB)
    static readonly bool NoLoss = Environment.GetEnvironmentVariable("LOSS") == "0";

    static double Loss(double[][] cols, int[] label, int n)
    {
        if (NoLoss) { double t = 0; for (int c = 0; c < K; c++) t += cols[c][n / 2]; return t + label[n - 1]; }
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            double m = cols[0][i];
            for (int c = 1; c < K; c++) m = Math.Max(m, cols[c][i]);
            double e = 0;
            for (int c = 0; c < K; c++) e += Math.Exp(cols[c][i] - m);
            s += m + Math.Log(e) - cols[label[i]][i];
        }
        return s;
    }

    static double LossRows(double[] flat, int[] label, int n)
    {
        if (NoLoss) { double t = 0; for (int c = 0; c < K; c++) t += flat[n / 2 * K + c]; return t + label[n - 1]; }
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            var r = new ReadOnlySpan<double>(flat, i * K, K);
            double m = r[0];
            for (int c = 1; c < K; c++) m = Math.Max(m, r[c]);
            double e = 0;
            for (int c = 0; c < K; c++) e += Math.Exp(r[c] - m);
            s += m + Math.Log(e) - r[label[i]];
        }
        return s;
    }

    // ------------------------------------------------------------ data
    static void Gen(string dir)
    {
        Directory.CreateDirectory(dir);
        using var db = new DuckDBConnection("Data Source=:memory:");
        db.Open();
        Exec(db, "SET threads = 2");
        Exec(db, "SELECT setseed(0.15)");
        string cols = string.Join(", ", Enumerable.Range(0, K).Select(c => $"(random() * 6 - 3)::DOUBLE AS logit_{c}"));
        Exec(db, $"CREATE TABLE t AS SELECT i AS id, {cols}, (i * 7919 % {K})::INTEGER AS label FROM range(1000000) r(i)");
        string logits = string.Join(", ", Enumerable.Range(0, K).Select(c => $"logit_{c}"));
        Exec(db, $"COPY (SELECT {logits}, label FROM t ORDER BY id) TO '{dir}/wide-1m.parquet' (FORMAT parquet)");
        Exec(db, $"COPY (SELECT [{logits}]::DOUBLE[] AS logits, label FROM t ORDER BY id) TO '{dir}/list-1m.parquet' (FORMAT parquet)");
        Exec(db, $"COPY (SELECT {logits}, label FROM t WHERE id < 500000 ORDER BY id) TO '{dir}/csv-500k.csv' (FORMAT csv, HEADER true)");
        Console.WriteLine(Scalar(db, $"SELECT count(*)::VARCHAR || ' row groups, ' || max(row_group_num_rows) || ' rows max, ' || any_value(compression) FROM (SELECT DISTINCT row_group_id, row_group_num_rows, compression FROM parquet_metadata('{dir}/wide-1m.parquet'))"));
    }

    // ------------------------------------------------------------ Parquet.Net
    static async Task<double> PqNet(string path, bool list)
    {
        await using var reader = await Parquet.ParquetReader.CreateAsync(path);
        var fields = reader.Schema.GetDataFields();
        double total = 0;
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using var rg = reader.OpenRowGroupReader(g);
            int n = (int)rg.RowCount;
            int[] label = new int[n];
            var lf = fields.First(f => f.Name == "label");
            using (var raw = (Parquet.Data.RawColumnData<int>)await rg.ReadRawColumnDataBaseAsync(lf))
            {
                raw.Values.CopyTo(label);
            }
            if (!list)
            {
                var cols = new double[K][];
                for (int c = 0; c < K; c++)
                {
                    cols[c] = new double[n];
                    using var raw = (Parquet.Data.RawColumnData<double>)await rg.ReadRawColumnDataBaseAsync(fields.First(f => f.Name == $"logit_{c}"));
                    if (raw.Values.Length != n) throw new Exception("nulls?");
                    raw.Values.CopyTo(cols[c]);
                }
                total += Loss(cols, label, n);
            }
            else
            {
                var f = fields.First(x => x.Name == "element" || x.Path.ToString().Contains("logits"));
                using var raw = (Parquet.Data.RawColumnData<double>)await rg.ReadRawColumnDataBaseAsync(f);
                // DuckDB list: rep level 0 starts a row; every row here has K non-null elements
                var flat = new double[n * K];
                if (raw.Values.Length != n * K) throw new Exception($"{raw.Values.Length} values");
                raw.Values.CopyTo(flat);
                var rep = raw.RepetitionLevels;
                int rows = 0;
                foreach (int r in rep) if (r == 0) rows++;
                if (rows != n) throw new Exception("rows");
                total += LossRows(flat, label, n);
            }
        }
        return total;
    }

    // Parquet.Net with caller-owned buffers (ReadRawAsync: values + definition/repetition levels), reused across row groups
    static async Task<double> PqNetMem(string path, bool list)
    {
        await using var fs = Environment.GetEnvironmentVariable("BIGBUF") == "1"
            ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan)
            : new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.None);
        await using var reader = await Parquet.ParquetReader.CreateAsync(fs);
        var fields = reader.Schema.GetDataFields();
        double total = 0;
        int cap = 0;
        double[][] cols = new double[K][];
        double[] flat = [];
        int[] label = [], def = [], rep = [];
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using var rg = reader.OpenRowGroupReader(g);
            int n = (int)rg.RowCount;
            if (n > cap)
            {
                cap = n;
                for (int c = 0; c < K; c++) cols[c] = new double[n];
                label = new int[n];
                flat = list ? new double[n * K] : [];
                def = new int[list ? n * K : n];
                rep = new int[list ? n * K : n];
            }
            var lf = fields.First(f => f.Name == "label");
            await rg.ReadRawAsync<int>(lf, label.AsMemory(0, n), def.AsMemory(0, n), null);
            if (!list)
            {
                for (int c = 0; c < K; c++)
                    await rg.ReadRawAsync<double>(fields.First(f => f.Name == $"logit_{c}"), cols[c].AsMemory(0, n), def.AsMemory(0, n), null);
                total += Loss(cols, label, n);
            }
            else
            {
                var f = fields.First(x => x.Path.ToString().Contains("logits"));
                await rg.ReadRawAsync<double>(f, flat.AsMemory(0, n * K), def.AsMemory(0, n * K), rep.AsMemory(0, n * K));
                total += LossRows(flat, label, n);
            }
        }
        return total;
    }

    // Row groups in parallel: each task opens its own reader (neither library shares one reader across threads)
    static double Par(string path, int threads, Func<string, int, double> group)
    {
        int groups;
        using (var f = new ParquetSharp.ParquetFileReader(path)) groups = f.FileMetaData.NumRowGroups;
        var results = new double[groups];
        Parallel.For(0, groups, new ParallelOptions { MaxDegreeOfParallelism = threads }, g => results[g] = group(path, g));
        return results.Sum();
    }

    static async Task<double> PqNetGroup(string path, int g, bool list)
    {
        await using var reader = await Parquet.ParquetReader.CreateAsync(path);
        var fields = reader.Schema.GetDataFields();
        using var rg = reader.OpenRowGroupReader(g);
        int n = (int)rg.RowCount;
        var label = new int[n];
        var def = new int[list ? n * K : n];
        await rg.ReadRawAsync<int>(fields.First(f => f.Name == "label"), label.AsMemory(), def.AsMemory(0, n), null);
        if (!list)
        {
            var cols = new double[K][];
            for (int c = 0; c < K; c++)
            {
                cols[c] = new double[n];
                await rg.ReadRawAsync<double>(fields.First(f => f.Name == $"logit_{c}"), cols[c].AsMemory(), def.AsMemory(0, n), null);
            }
            return Loss(cols, label, n);
        }
        var flat = new double[n * K];
        var rep = new int[n * K];
        await rg.ReadRawAsync<double>(fields.First(x => x.Path.ToString().Contains("logits")), flat.AsMemory(), def.AsMemory(), rep.AsMemory());
        return LossRows(flat, label, n);
    }

    static double PqSharpGroup(string path, int g, bool list)
    {
        using var file = new ParquetSharp.ParquetFileReader(path);
        using var rg = file.RowGroup(g);
        int n = checked((int)rg.MetaData.NumRows);
        var label = new int[n];
        var def = new short[list ? n * K : n];
        var rep = new short[list ? n * K : n];
        using (var lr = (ParquetSharp.ColumnReader<int>)rg.Column(list ? 1 : K))
        {
            long got = 0;
            while (got < n) { lr.ReadBatch(n - got, def.AsSpan((int)got), default, label.AsSpan((int)got), out long v); got += v; if (v == 0) break; }
        }
        if (!list)
        {
            var cols = new double[K][];
            for (int c = 0; c < K; c++)
            {
                cols[c] = new double[n];
                using var r = (ParquetSharp.ColumnReader<double>)rg.Column(c);
                long got = 0;
                while (got < n) { r.ReadBatch(n - got, def.AsSpan((int)got), default, cols[c].AsSpan((int)got), out long v); got += v; if (v == 0) break; }
            }
            return Loss(cols, label, n);
        }
        var flat = new double[n * K];
        using (var r = (ParquetSharp.ColumnReader<double>)rg.Column(0))
        {
            long levels = 0, values = 0;
            while (r.HasNext)
            {
                long l = r.ReadBatch(n * K - levels, def.AsSpan((int)levels), rep.AsSpan((int)levels), flat.AsSpan((int)values), out long v);
                levels += l; values += v;
            }
        }
        return LossRows(flat, label, n);
    }

    // ------------------------------------------------------------ ParquetSharp
    static double PqSharpLogical(string path, bool list)
    {
        using var file = new ParquetSharp.ParquetFileReader(path);
        int groups = file.FileMetaData.NumRowGroups;
        double total = 0;
        var schema = file.FileMetaData.Schema;
        for (int g = 0; g < groups; g++)
        {
            using var rg = file.RowGroup(g);
            int n = checked((int)rg.MetaData.NumRows);
            int labelCol = list ? 1 : K;
            var label = new int[n];
            using (var lr = rg.Column(labelCol).LogicalReader<int?>())
            {
                var tmp = new int?[n];
                lr.ReadBatch(tmp);
                for (int i = 0; i < n; i++) label[i] = tmp[i]!.Value;
            }
            if (!list)
            {
                var cols = new double[K][];
                var tmp = new double?[n];
                for (int c = 0; c < K; c++)
                {
                    cols[c] = new double[n];
                    using var r = rg.Column(c).LogicalReader<double?>();
                    r.ReadBatch(tmp);
                    for (int i = 0; i < n; i++) cols[c][i] = tmp[i]!.Value;
                }
                total += Loss(cols, label, n);
            }
            else
            {
                using var r = rg.Column(0).LogicalReader<double?[]>();
                var rows = new double?[n][];
                r.ReadBatch(rows);
                var flat = new double[n * K];
                for (int i = 0; i < n; i++) for (int c = 0; c < K; c++) flat[i * K + c] = rows[i][c]!.Value;
                total += LossRows(flat, label, n);
            }
        }
        return total;
    }

    static double PqSharpPhysical(string path, bool list)
    {
        using var file = new ParquetSharp.ParquetFileReader(path);
        int groups = file.FileMetaData.NumRowGroups;
        double total = 0;
        for (int g = 0; g < groups; g++)
        {
            using var rg = file.RowGroup(g);
            int n = checked((int)rg.MetaData.NumRows);
            int labelCol = list ? 1 : K;
            var label = new int[n];
            var def = new short[list ? n * K : n];
            var rep = new short[list ? n * K : n];
            using (var lr = (ParquetSharp.ColumnReader<int>)rg.Column(labelCol))
            {
                long got = 0;
                while (got < n) { lr.ReadBatch(n - got, def.AsSpan((int)got), default, label.AsSpan((int)got), out long v); got += v; if (v == 0) break; }
            }
            if (!list)
            {
                var cols = new double[K][];
                for (int c = 0; c < K; c++)
                {
                    cols[c] = new double[n];
                    using var r = (ParquetSharp.ColumnReader<double>)rg.Column(c);
                    long got = 0;
                    while (got < n) { r.ReadBatch(n - got, def.AsSpan((int)got), default, cols[c].AsSpan((int)got), out long v); got += v; if (v == 0) break; }
                    if (got != n) throw new Exception("nulls?");
                }
                total += Loss(cols, label, n);
            }
            else
            {
                var flat = new double[n * K];
                using var r = (ParquetSharp.ColumnReader<double>)rg.Column(0);
                long levels = 0, values = 0;
                while (r.HasNext)
                {
                    long l = r.ReadBatch(n * K - levels, def.AsSpan((int)levels), rep.AsSpan((int)levels), flat.AsSpan((int)values), out long v);
                    levels += l; values += v;
                }
                if (values != (long)n * K) throw new Exception($"{values} values");
                total += LossRows(flat, label, n);
            }
        }
        return total;
    }

    // Round robin in one process: DuckDB (threads=1, read + loss in SQL), then each reader (read + scalar loss, and read
    // only), one run each per round, so that the machine's load drifts over all of them alike. min and median per entry.
    static async Task AB(string path, bool list, int rounds)
    {
        using var db = new DuckDBConnection("Data Source=:memory:");
        db.Open();
        Exec(db, "SET threads = 1");
        string sql = list
            ? $"SELECT avg(m + ln(list_sum(list_transform(logits, x -> exp(x - m)))) - logits[label + 1]) FROM (SELECT logits, label, list_max(logits) AS m FROM read_parquet('{path}'))"
            : $"SELECT avg(m + ln({string.Join(" + ", Enumerable.Range(0, K).Select(c => $"exp(logit_{c} - m)"))}) - CASE label {string.Join(" ", Enumerable.Range(0, K).Select(c => $"WHEN {c} THEN logit_{c}"))} END) FROM (SELECT *, greatest({string.Join(", ", Enumerable.Range(0, K).Select(c => $"logit_{c}"))}) AS m FROM read_parquet('{path}'))";
        var entries = new (string Name, Func<Task<double>> Run)[]
        {
            ("duckdb threads=1, read + loss", () => Task.FromResult(Convert.ToDouble(Scalar(db, sql)))),
            ("Parquet.Net ReadRawColumnDataBaseAsync, read + loss", () => PqNet(path, list)),
            ("Parquet.Net ReadRawAsync (own buffers), read + loss", () => PqNetMem(path, list)),
            ("ParquetSharp ColumnReader<double>, read + loss", () => Task.FromResult(PqSharpPhysical(path, list))),
            ("ParquetSharp LogicalReader, read + loss", () => Task.FromResult(PqSharpLogical(path, list))),
            ("scalar loss alone (on arrays in memory)", () => Task.FromResult(LossOnly(list))),
        };
        string? only = Environment.GetEnvironmentVariable("ONLY");
        if (only != null) entries = only.Split(',').Select(x => entries[int.Parse(x)]).ToArray();
        var times = entries.Select(_ => new List<double>()).ToArray();
        foreach (var e in entries) await e.Run();
        for (int r = 0; r < rounds; r++)
            for (int i = 0; i < entries.Length; i++)
            {
                GC.Collect();
                var sw = Stopwatch.StartNew();
                await entries[i].Run();
                times[i].Add(sw.Elapsed.TotalMilliseconds);
            }
        Console.WriteLine($"# {(list ? "list<double>[10]" : "wide 10 x DOUBLE")}, 1M rows, {rounds} rounds, load {File.ReadAllText("/proc/loadavg").Trim()}");
        for (int i = 0; i < entries.Length; i++)
        {
            times[i].Sort();
            Console.WriteLine($"{entries[i].Name}: min {times[i][0]:F0} ms, median {times[i][rounds / 2]:F0} ms");
        }
    }

    static double[][]? _lossCols; static int[]? _lossLabel; static double[]? _lossFlat;
    static double LossOnly(bool list)
    {
        const int n = 1_000_000;
        if (_lossLabel == null)
        {
            var rng = new Random(1);
            _lossCols = Enumerable.Range(0, K).Select(_ => Enumerable.Range(0, n).Select(_ => rng.NextDouble() * 6 - 3).ToArray()).ToArray();
            _lossLabel = Enumerable.Range(0, n).Select(i => i % K).ToArray();
            _lossFlat = new double[n * K];
            for (int i = 0; i < n; i++) for (int c = 0; c < K; c++) _lossFlat[i * K + c] = _lossCols[c][i];
        }
        return list ? LossRows(_lossFlat!, _lossLabel, n) : Loss(_lossCols!, _lossLabel, n);
    }

    // ------------------------------------------------------------ DuckDB peer
    static void DuckLoss(string path, int threads, bool list)
    {
        using var db = new DuckDBConnection("Data Source=:memory:");
        db.Open();
        Exec(db, $"SET threads = {threads}");
        string sql;
        if (!list)
        {
            string cols = string.Join(", ", Enumerable.Range(0, K).Select(c => $"logit_{c}"));
            string sumExp = string.Join(" + ", Enumerable.Range(0, K).Select(c => $"exp(logit_{c} - m)"));
            string pick = "CASE label " + string.Join(" ", Enumerable.Range(0, K).Select(c => $"WHEN {c} THEN logit_{c}")) + " END";
            sql = $"SELECT avg(m + ln({sumExp}) - {pick}) FROM (SELECT *, greatest({cols}) AS m FROM read_parquet('{path}'))";
        }
        else
        {
            sql = $"SELECT avg(m + ln(list_sum(list_transform(logits, x -> exp(x - m)))) - logits[label + 1]) " +
                  $"FROM (SELECT logits, label, list_max(logits) AS m FROM read_parquet('{path}'))";
        }
        if (Environment.GetEnvironmentVariable("SHOWSQL") == "1") Console.WriteLine(sql);
        Scalar(db, sql);
        var times = new List<double>();
        var cpus = new List<double>();
        object? v = null;
        int runs = int.Parse(Environment.GetEnvironmentVariable("RUNS") ?? "5");
        for (int i = 0; i < runs; i++)
        {
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            v = Scalar(db, sql);
            times.Add(sw.Elapsed.TotalMilliseconds);
            cpus.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMilliseconds);
        }
        times.Sort(); cpus.Sort();
        Console.WriteLine($"duckdb {(list ? "list" : "wide")} threads={threads}: min {times[0]:F0} ms, median {times[runs / 2]:F0} ms (of {runs}), cpu min {cpus[0]:F0} ms, mean loss {v:R}");
    }

    // ------------------------------------------------------------ compression
    static double Decompress(string path, string how)
    {
        using var file = File.OpenRead(path);
        Stream s = how switch
        {
            "zstdsharp" => new ZstdSharp.DecompressionStream(file),
            "zstdnet" => new ZstdNet.DecompressionStream(file),
            "gzip" => new GZipStream(file, CompressionMode.Decompress),
            "brotli" => new BrotliStream(file, CompressionMode.Decompress),
            _ => throw new ArgumentException(how),
        };
        using (s)
        {
            var buf = new byte[1 << 16];
            long total = 0, lines = 0;
            int r;
            while ((r = s.Read(buf, 0, buf.Length)) > 0)
            {
                total += r;
                lines += buf.AsSpan(0, r).Count((byte)'\n');
            }
            return total * 1e6 + lines;
        }
    }

    // ------------------------------------------------------------ Arrow
    static void ArrowCheck(string formats)
    {
        var rows = File.ReadAllLines(Path.Combine(formats, "samples.csv")).Skip(1).Select(l => l.Split(',')).ToArray();
        string[] classes = { "ant", "bee", "cat", "dog", "eel" };
        foreach (string f in Directory.GetFiles(Path.Combine(formats, "arrow")).OrderBy(x => x))
        {
            using var stream = File.OpenRead(f);
            bool isFile = !f.EndsWith(".arrows");
            using var reader = isFile ? new ArrowFileReader(stream) : new ArrowStreamReader(stream);
            int batches = 0, row = 0, rejected = 0;
            var types = new List<string>();
            RecordBatch b;
            while ((b = reader.ReadNextRecordBatch()) != null)
            {
                using (b)
                {
                    batches++;
                    if (batches == 1) types.AddRange(b.Schema.FieldsList.Select(x => $"{x.Name}:{x.DataType.Name}"));
                    var label = b.Column("label");
                    for (int i = 0; i < b.Length; i++, row++)
                    {
                        string[] src = rows[row];
                        int want = int.Parse(src[1 + 5]);
                        int got = label switch
                        {
                            Int32Array x => x.GetValue(i)!.Value,
                            Int64Array x => (int)x.GetValue(i)!.Value,
                            DictionaryArray d => Array.IndexOf(classes, ((StringArray)d.Dictionary).GetString(((Int32Array)d.Indices).GetValue(i)!.Value)),
                            _ => throw new Exception(label.GetType().Name),
                        };
                        if (got != want) throw new Exception($"{f} row {row} label");
                        double?[] v;
                        if (b.Schema.GetFieldIndex("logits") >= 0)
                        {
                            var l = (ListArray)b.Column("logits");
                            if (l.IsNull(i)) { rejected++; continue; }
                            var slice = l.GetSlicedValues(i);
                            v = slice switch
                            {
                                FloatArray fa => fa.Select(x => (double?)x).ToArray(),
                                DoubleArray da => da.ToArray(),
                                _ => throw new Exception(slice.GetType().Name),
                            };
                        }
                        else
                        {
                            v = Enumerable.Range(0, 5).Select(c => b.Column($"logit_{c}") switch
                            {
                                FloatArray fa => (double?)fa.GetValue(i),
                                DoubleArray da => da.GetValue(i),
                                var x => throw new Exception(x.GetType().Name),
                            }).ToArray();
                        }
                        if (v.Length != 5 || v.Any(x => x is null)) { rejected++; continue; }
                        bool f32 = f.Contains("f32");
                        for (int c = 0; c < 5; c++)
                        {
                            double s = double.Parse(src[1 + c], CultureInfo.InvariantCulture);
                            double w = f32 ? (float)s : s;
                            if (BitConverter.DoubleToInt64Bits(w) != BitConverter.DoubleToInt64Bits(v[c]!.Value)) throw new Exception($"{f} row {row} c {c}");
                        }
                    }
                }
            }
            Console.WriteLine($"{Path.GetFileName(f)}: {(isFile ? "file" : "stream")}, {batches} batches, {row} rows, {rejected} damaged rows, values bit-identical; {string.Join(", ", types)}");
        }
    }

    static void ArrowWrite(string dir)
    {
        // 1M x 10 float64 wide and list<double> IPC files from the wide Parquet values (ParquetSharp reads them)
        using var file = new ParquetSharp.ParquetFileReader(Path.Combine(dir, "wide-1m.parquet"));
        var schemaWide = new Schema.Builder();
        for (int c = 0; c < K; c++) schemaWide.Field(f => f.Name($"logit_{c}").DataType(DoubleType.Default).Nullable(false));
        schemaWide.Field(f => f.Name("label").DataType(Int32Type.Default).Nullable(false));
        var sw = schemaWide.Build();
        using var outStream = File.Create(Path.Combine(dir, "wide-1m.arrow"));
        using var writer = new ArrowFileWriter(outStream, sw);
        for (int g = 0; g < file.FileMetaData.NumRowGroups; g++)
        {
            using var rg = file.RowGroup(g);
            int n = (int)rg.MetaData.NumRows;
            var arrays = new List<IArrowArray>();
            for (int c = 0; c <= K; c++)
            {
                if (c < K)
                {
                    using var r = rg.Column(c).LogicalReader<double?>();
                    var vals = r.ReadAll(n);
                    arrays.Add(new DoubleArray.Builder().AppendRange(vals.Select(x => x!.Value)).Build());
                }
                else
                {
                    using var r = rg.Column(c).LogicalReader<int?>();
                    arrays.Add(new Int32Array.Builder().AppendRange(r.ReadAll(n).Select(x => x!.Value)).Build());
                }
            }
            writer.WriteRecordBatch(new RecordBatch(sw, arrays, n));
        }
        writer.WriteEnd();
        Console.WriteLine($"wide-1m.arrow {outStream.Length / 1048576} MB");
    }

    static double ArrowRead(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new ArrowFileReader(stream);
        double total = 0;
        RecordBatch b;
        while ((b = reader.ReadNextRecordBatch()) != null)
        {
            using (b)
            {
                int n = b.Length;
                var cols = new double[K][];
                for (int c = 0; c < K; c++) cols[c] = ((DoubleArray)b.Column(c)).Values.ToArray();
                var label = ((Int32Array)b.Column(K)).Values.ToArray();
                total += Loss(cols, label, n);
            }
        }
        return total;
    }

    // ------------------------------------------------------------ the small test files through both Parquet libraries
    static async Task PqCheck(string formats)
    {
        var rows = File.ReadAllLines(Path.Combine(formats, "samples.csv")).Skip(1).Select(l => l.Split(',')).ToArray();
        foreach (string f in Directory.GetFiles(Path.Combine(formats, "parquet")).OrderBy(x => x))
        {
            bool f32 = f.Contains("f32");
            // Parquet.Net: logits (wide or list), nullable
            await using var reader = await Parquet.ParquetReader.CreateAsync(f);
            var fields = reader.Schema.GetDataFields();
            int netRows = 0, netBad = 0;
            for (int g = 0; g < reader.RowGroupCount; g++)
            {
                using var rg = reader.OpenRowGroupReader(g);
                int n = (int)rg.RowCount;
                var wide = fields.Where(x => x.Name.StartsWith("logit_")).ToArray();
                var perRow = new List<double?>[n];
                for (int i = 0; i < n; i++) perRow[i] = new List<double?>();
                if (wide.Length > 0)
                {
                    foreach (var df in wide)
                    {
                        if (f32) { using var raw = (Parquet.Data.RawColumnData<float>)await rg.ReadRawColumnDataBaseAsync(df); var nv = raw.NullableValues.ToArray(); for (int i = 0; i < n; i++) perRow[i].Add(nv[i]); }
                        else { using var raw = (Parquet.Data.RawColumnData<double>)await rg.ReadRawColumnDataBaseAsync(df); var nv = raw.NullableValues.ToArray(); for (int i = 0; i < n; i++) perRow[i].Add(nv[i]); }
                    }
                }
                else
                {
                    var df = fields.First(x => x.Path.ToString().Contains("logits"));
                    int maxDef = df.MaxDefinitionLevel;
                    RawColumnDataAny raw = f32 ? RawColumnDataAny.Of((Parquet.Data.RawColumnData<float>)await rg.ReadRawColumnDataBaseAsync(df)) : RawColumnDataAny.Of((Parquet.Data.RawColumnData<double>)await rg.ReadRawColumnDataBaseAsync(df));
                    int row = -1, vi = 0;
                    for (int k = 0; k < raw.Def.Length; k++)
                    {
                        if (raw.Rep[k] == 0) { row++; if (raw.Def[k] == 0) { perRow[row] = null!; continue; } }
                        if (raw.Def[k] == maxDef) perRow[row].Add(raw.Values[vi++]);
                        else if (raw.Def[k] == maxDef - 1) perRow[row].Add(null);
                        // lower: empty list
                    }
                    raw.Dispose();
                }
                for (int i = 0; i < n; i++, netRows++)
                {
                    var v = perRow[i];
                    if (v == null || v.Count != 5 || v.Any(x => x is null)) { netBad++; continue; }
                    for (int c = 0; c < 5; c++)
                    {
                        double s = double.Parse(rows[netRows][1 + c], CultureInfo.InvariantCulture);
                        if (BitConverter.DoubleToInt64Bits(f32 ? (float)s : s) != BitConverter.DoubleToInt64Bits(v[c]!.Value)) throw new Exception($"{f} row {netRows}");
                    }
                }
            }
            // ParquetSharp logical reader: the same rows
            int sharpBad = 0, sharpRows = 0;
            using (var file = new ParquetSharp.ParquetFileReader(f))
            {
                for (int g = 0; g < file.FileMetaData.NumRowGroups; g++)
                {
                    using var rg = file.RowGroup(g);
                    int n = (int)rg.MetaData.NumRows;
                    int cols = file.FileMetaData.NumColumns;
                    var names = Enumerable.Range(0, cols).Select(c => file.FileMetaData.Schema.Column(c).Path.ToDotString()).ToArray();
                    var perRow = new double?[n][];
                    int li = Array.FindIndex(names, x => x.StartsWith("logits"));
                    if (li >= 0)
                    {
                        if (f32) { using var r = rg.Column(li).LogicalReader<float?[]>(); var x = r.ReadAll(n); for (int i = 0; i < n; i++) perRow[i] = x[i]?.Select(v => (double?)v).ToArray()!; }
                        else { using var r = rg.Column(li).LogicalReader<double?[]>(); var x = r.ReadAll(n); for (int i = 0; i < n; i++) perRow[i] = x[i]!; }
                    }
                    else
                    {
                        for (int i = 0; i < n; i++) perRow[i] = new double?[5];
                        for (int c = 0; c < 5; c++)
                        {
                            int ci = Array.IndexOf(names, $"logit_{c}");
                            if (f32) { using var r = rg.Column(ci).LogicalReader<float?>(); var x = r.ReadAll(n); for (int i = 0; i < n; i++) perRow[i][c] = x[i]; }
                            else { using var r = rg.Column(ci).LogicalReader<double?>(); var x = r.ReadAll(n); for (int i = 0; i < n; i++) perRow[i][c] = x[i]; }
                        }
                    }
                    for (int i = 0; i < n; i++, sharpRows++)
                    {
                        var v = perRow[i];
                        if (v == null || v.Length != 5 || v.Any(x => x is null)) { sharpBad++; continue; }
                        for (int c = 0; c < 5; c++)
                        {
                            double s = double.Parse(rows[sharpRows][1 + c], CultureInfo.InvariantCulture);
                            if (BitConverter.DoubleToInt64Bits(f32 ? (float)s : s) != BitConverter.DoubleToInt64Bits(v[c]!.Value)) throw new Exception($"{f} row {sharpRows}");
                        }
                    }
                }
            }
            Console.WriteLine($"{Path.GetFileName(f)}: {reader.RowGroupCount} row groups; Parquet.Net {netRows} rows ({netBad} damaged), ParquetSharp {sharpRows} rows ({sharpBad} damaged); values bit-identical");
        }
    }

    sealed class RawColumnDataAny : IDisposable
    {
        public int[] Def = [], Rep = []; public double[] Values = []; IDisposable? _d;
        public static RawColumnDataAny Of(Parquet.Data.RawColumnData<float> r) => new() { Def = r.DefinitionLevels.ToArray(), Rep = r.RepetitionLevels.ToArray(), Values = r.Values.ToArray().Select(x => (double)x).ToArray(), _d = r };
        public static RawColumnDataAny Of(Parquet.Data.RawColumnData<double> r) => new() { Def = r.DefinitionLevels.ToArray(), Rep = r.RepetitionLevels.ToArray(), Values = r.Values.ToArray(), _d = r };
        public void Dispose() => _d?.Dispose();
    }

    static void Exec(DuckDBConnection db, string sql) { using var c = db.CreateCommand(); c.CommandText = sql; c.ExecuteNonQuery(); }
    static object? Scalar(DuckDBConnection db, string sql) { using var c = db.CreateCommand(); c.CommandText = sql; return c.ExecuteScalar(); }
}
