using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using DuckDB.NET.Data;

namespace CrossEntropy.Bench.Peers
{
    /// <summary>
    /// DuckDB as a peer of Measure-CrossEntropy -Path (performance issue 18): read_csv / read_parquet of a prediction
    /// file (header logit_0..logit_{C-1},label) plus the mean cross-entropy in SQL, with a max shift before exp so the
    /// loss is exact (log-sum-exp), timed at each thread count. Prints one line per figure:
    ///   duckdb_csv shape=1000000x10 threads=1 sql=wide ms=... loss=... connection=reused
    ///   duckdb_csv_read shape=1000000x10 threads=1 ms=... read_fraction=...
    /// Each repeat is a fresh query (DuckDB keeps no result cache); the in-memory database and its connection are
    /// reused across the repeats of one thread count unless --fresh-connection is given (then each repeat opens a new
    /// in-memory database, and the open is timed too). The file is in the OS page cache after the warm-up, as it is
    /// for the module's own benchmark.
    /// </summary>
    internal static class Program
    {
        private const string Usage =
            "usage: duckdb-peer csv --path F [--threads 1,2] [--repeats 5] [--sql wide|widepick|list|unpivot|all] [--auto] [--expect LOSS] [--fresh-connection] [--no-read]\n" +
            "       duckdb-peer parquet --path P [same options]\n" +
            "       duckdb-peer to-parquet --csv F --out P   (logits as DOUBLE, label as INTEGER)\n" +
            "       duckdb-peer sql --path F [--parquet] [--sql wide|widepick|list|unpivot] [--auto]   (prints the query; bench/peers/side_by_side.ps1 runs it)";

        private static int Main(string[] args)
        {
            if (args.Length == 0)
            {
                Console.Error.WriteLine(Usage);
                return 2;
            }
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            try
            {
                switch (args[0])
                {
                    case "csv":
                    case "parquet":
                        return Time(args[0], args[1..]);
                    case "to-parquet":
                        return ToParquet(args[1..]);
                    case "sql":
                        var f = Source.For(Arg(args, "--path") ?? throw new ArgumentException("--path F"), args.Contains("--auto"), parquet: args.Contains("--parquet"));
                        Console.WriteLine(LossSql(f, Arg(args, "--sql") ?? "wide"));
                        return 0;
                    default:
                        Console.Error.WriteLine(Usage);
                        return 2;
                }
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine(e.Message);
                Console.Error.WriteLine(Usage);
                return 2;
            }
        }

        /// <summary>A file as a DuckDB table function, with its columns.</summary>
        private sealed class Source
        {
            public string From = "";
            public string[] Logits = Array.Empty<string>();
            public string Label = "label";
            public string Path = "";

            public static Source For(string path, bool auto, bool parquet)
            {
                string quoted = "'" + path.Replace("'", "''") + "'";
                string[] columns;
                if (parquet)
                {
                    using DuckDBConnection c = OpenConnection(1);
                    columns = Query(c, $"SELECT name FROM parquet_schema({quoted}) WHERE num_children IS NULL OR num_children = 0")
                        .Select(r => (string)r[0]).ToArray();
                }
                else
                {
                    using var reader = new StreamReader(path);
                    columns = (reader.ReadLine() ?? throw new ArgumentException($"{path} is empty")).Split(',');
                }
                var s = new Source { Path = path };
                s.Logits = columns.Where(c => c.StartsWith("logit_", StringComparison.Ordinal)).ToArray();
                s.Label = columns.Contains("label") ? "label" : throw new ArgumentException($"{path} has no label column");
                if (parquet) s.From = $"read_parquet({quoted})";
                else if (auto) s.From = $"read_csv({quoted})"; // what a user types: the sniffer picks dialect and types
                else
                {
                    // Types and dialect given: no sniffing, every logit parsed as DOUBLE.
                    string types = string.Join(", ", columns.Select(c => $"'{c}': '{(c == "label" ? "INTEGER" : "DOUBLE")}'"));
                    s.From = $"read_csv({quoted}, header = true, delim = ',', quote = '\"', auto_detect = false, columns = {{{types}}})";
                }
                return s;
            }
        }

        private static int Time(string format, string[] args)
        {
            string path = Arg(args, "--path") ?? throw new ArgumentException("--path F");
            int repeats = int.Parse(Arg(args, "--repeats") ?? "5", CultureInfo.InvariantCulture);
            int[] threads = (Arg(args, "--threads") ?? "1,2").Split(',').Select(int.Parse).ToArray();
            string sqlArg = Arg(args, "--sql") ?? "auto";
            bool fresh = args.Contains("--fresh-connection");
            bool auto = args.Contains("--auto");
            double? expect = Arg(args, "--expect") is string e ? double.Parse(e, CultureInfo.InvariantCulture) : null;
            Source src = Source.For(path, auto, format == "parquet");
            int classes = src.Logits.Length;
            // The fastest correct query (measured, bench/peers/README.md): unrolled columns at any width here.
            string[] variants = sqlArg == "all" ? new[] { "wide", "widepick", "list", "unpivot" } : sqlArg == "auto" ? new[] { "wide" } : sqlArg.Split(',');
            string name = "duckdb_" + format + (auto ? "_auto" : "");
            foreach (int t in threads)
            {
                using DuckDBConnection shared = OpenConnection(t);
                long rows = 0;
                double readMs = double.NaN, readCpu = double.NaN;
                if (!args.Contains("--no-read"))
                {
                    // The read alone: every column parsed (summed, so none can be skipped), nothing else computed.
                    string readSql = $"SELECT count(*), {string.Join(", ", src.Logits.Append(src.Label).Select(c => $"sum(\"{c}\")"))} FROM {src.From}";
                    readMs = Median(repeats, fresh, shared, t, readSql, out object[] r, out readCpu);
                    rows = Convert.ToInt64(r[0], CultureInfo.InvariantCulture);
                }
                foreach (string v in variants)
                {
                    double ms = Median(repeats, fresh, shared, t, LossSql(src, v), out object[] r, out double cpu);
                    rows = Convert.ToInt64(r[0], CultureInfo.InvariantCulture);
                    double loss = Convert.ToDouble(r[1], CultureInfo.InvariantCulture);
                    double mb = new FileInfo(path).Length / 1e6;
                    string check = expect is double x ? $" rel_err_vs_expected={Math.Abs(loss - x) / Math.Abs(x):G3}" : "";
                    Console.WriteLine($"{name} shape={rows}x{classes} threads={t} sql={v} ms={ms:F2} cpu_ms={cpu:F0} mb_per_s={mb / (ms / 1000):F1} mb_per_cpu_s={mb / (cpu / 1000):F1} loss={loss:R}{check} connection={(fresh ? "fresh" : "reused")}");
                    if (!double.IsNaN(readMs))
                        Console.WriteLine($"{name}_read shape={rows}x{classes} threads={t} ms={readMs:F2} cpu_ms={readCpu:F0} read_fraction={readMs / ms:F2} sql={v}");
                }
                Console.Out.Flush();
            }
            return 0;
        }

        /// <summary>
        /// The mean cross-entropy, exact (max-shifted log-sum-exp): loss_i = m_i + ln Σ_c exp(x_ic − m_i) − x_i,label.
        /// wide: one expression over the columns (greatest, a balanced tree of exp terms, CASE for the label's logit);
        /// widepick: the same with the label's logit taken from a list (list_extract) instead of the CASE;
        /// list: the row as a list (list_max, list_transform/list_sum, list_extract);
        /// unpivot: one row per cell (UNPIVOT, GROUP BY row, joined back to the row's max).
        /// </summary>
        private static string LossSql(Source s, string variant)
        {
            string[] x = s.Logits.Select(c => $"\"{c}\"").ToArray();
            string label = $"\"{s.Label}\"";
            switch (variant)
            {
                case "wide":
                {
                    string exps = Balanced(x.Select(c => $"exp({c} - m)").ToArray(), "+");
                    string picked = "CASE " + label + " " + string.Join(" ", x.Select((c, i) => $"WHEN {i} THEN {c}")) + " END";
                    return $"SELECT count(*), avg(m + ln({exps}) - xl) FROM (SELECT greatest({string.Join(", ", x)}) AS m, {picked} AS xl, * FROM {s.From})";
                }
                case "widepick":
                {
                    // As wide, the label's logit picked from a list instead of a CASE of C branches.
                    string exps = Balanced(x.Select(c => $"exp({c} - m)").ToArray(), "+");
                    return $"SELECT count(*), avg(m + ln({exps}) - xl) FROM (SELECT greatest({string.Join(", ", x)}) AS m, " +
                        $"list_extract([{string.Join(", ", x)}], {label} + 1) AS xl, * FROM {s.From})";
                }
                case "list":
                    return $"SELECT count(*), avg(m + ln(list_sum(list_transform(v, e -> exp(e - m)))) - v[{label} + 1]) " +
                        $"FROM (SELECT list_max(v) AS m, v, {label} FROM (SELECT [{string.Join(", ", x)}] AS v, {label} FROM {s.From}))";
                case "unpivot":
                    return "WITH t AS (SELECT row_number() OVER () AS rid, * FROM " + s.From + "), " +
                        $"u AS (UNPIVOT t ON {string.Join(", ", x)} INTO NAME k VALUE x), " +
                        "m AS (SELECT rid, max(x) AS m FROM u GROUP BY rid), " +
                        $"r AS (SELECT u.rid, any_value(m.m) AS m, sum(exp(u.x - m.m)) AS s, max(CASE WHEN u.k = 'logit_' || u.{label} THEN u.x END) AS xl " +
                        "FROM u JOIN m ON u.rid = m.rid GROUP BY u.rid) " +
                        "SELECT count(*), avg(m + ln(s) - xl) FROM r";
                default:
                    throw new ArgumentException($"unknown --sql {variant}");
            }
        }

        // a + b + ... as a balanced tree: DuckDB's expression depth limit (1000) stops a left-deep sum of 1000 terms.
        private static string Balanced(string[] terms, string op)
        {
            if (terms.Length == 1) return terms[0];
            int half = terms.Length / 2;
            return $"({Balanced(terms[..half], op)} {op} {Balanced(terms[half..], op)})";
        }

        private static int ToParquet(string[] args)
        {
            string csv = Arg(args, "--csv") ?? throw new ArgumentException("--csv F");
            string output = Arg(args, "--out") ?? throw new ArgumentException("--out P");
            Source src = Source.For(csv, auto: false, parquet: false);
            using DuckDBConnection c = OpenConnection(Environment.ProcessorCount);
            var sw = Stopwatch.StartNew();
            Execute(c, $"COPY (SELECT * FROM {src.From}) TO '{output.Replace("'", "''")}' (FORMAT parquet)");
            Console.WriteLine($"to_parquet csv={csv} out={output} bytes={new FileInfo(output).Length} ms={sw.Elapsed.TotalMilliseconds:F0}");
            return 0;
        }

        private static DuckDBConnection OpenConnection(int threads)
        {
            var c = new DuckDBConnection("DataSource=:memory:");
            c.Open();
            Execute(c, $"SET threads = {threads}");
            return c;
        }

        private static void Execute(DuckDBConnection c, string sql)
        {
            using DuckDBCommand cmd = c.CreateCommand();
            cmd.CommandText = sql;
            cmd.ExecuteNonQuery();
        }

        private static List<object[]> Query(DuckDBConnection c, string sql)
        {
            using DuckDBCommand cmd = c.CreateCommand();
            cmd.CommandText = sql;
            using var reader = cmd.ExecuteReader();
            var rows = new List<object[]>();
            while (reader.Read())
            {
                var row = new object[reader.FieldCount];
                reader.GetValues(row);
                rows.Add(row);
            }
            return rows;
        }

        /// <summary>
        /// Median wall time of the query over <paramref name="repeats"/> runs, after one warm-up run, and the median
        /// process CPU time (all threads; less disturbed than wall time on a shared machine).
        /// </summary>
        private static double Median(int repeats, bool fresh, DuckDBConnection shared, int threads, string sql, out object[] first, out double cpuMs)
        {
            first = Run();
            var times = new double[repeats];
            var cpu = new double[repeats];
            using Process self = Process.GetCurrentProcess();
            for (int i = 0; i < repeats; i++)
            {
                self.Refresh();
                TimeSpan c0 = self.TotalProcessorTime;
                var sw = Stopwatch.StartNew();
                Run();
                times[i] = sw.Elapsed.TotalMilliseconds;
                self.Refresh();
                cpu[i] = (self.TotalProcessorTime - c0).TotalMilliseconds;
            }
            Array.Sort(times);
            Array.Sort(cpu);
            cpuMs = cpu[repeats / 2];
            return times[repeats / 2];

            object[] Run()
            {
                if (!fresh) return Query(shared, sql)[0];
                using DuckDBConnection c = OpenConnection(threads);
                return Query(c, sql)[0];
            }
        }

        private static string? Arg(string[] args, string name)
        {
            int i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }
    }
}
