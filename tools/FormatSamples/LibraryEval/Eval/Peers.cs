// Library evaluation for issue 15 (see Program.cs): the round robin, the DuckDB peer and the decompressors.
using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using Apache.Arrow;
using Apache.Arrow.Types;
using Array = System.Array;
using Apache.Arrow.Ipc;
using DuckDB.NET.Data;

static partial class P
{
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
}
