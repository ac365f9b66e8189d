// Step 2 of the format-sample generator: the Parquet files (and a CSV cross-check) written by DuckDB.
//
//     /usr/bin/python3 tools/FormatSamples/samples.py write tests/data/formats   # step 1 writes samples.csv
//     dotnet run --project tools/FormatSamples -- tests/data/formats
//
// or all steps at once: bash tools/FormatSamples/generate.sh. The project is not in CrossEntropy.sln, so the normal
// build and tests never restore DuckDB.
//
// DuckDB reads <out>/samples.csv (doubles written with Python's repr), builds the variants in SQL and COPYs each to
// <out>/parquet/*.parquet with ROW_GROUP_SIZE 64 (200 rows: four row groups) and snappy or zstd compression, and the
// wide tables to <out>/csv/*.duckdb.csv. Then it reads every Parquet file back through DuckDB's binary interface and
// checks each value bit for bit against samples.csv as parsed by .NET (float32 files: the double rounded to float),
// and checks the row groups and codecs in parquet_metadata. One thread, so the output is the same on every run.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using DuckDB.NET.Data;

namespace CrossEntropy.FormatSamples
{
    internal static class Program
    {
        private const int K = 5;
        private const int RowGroupSize = 64;
        private static readonly string Logits = string.Join(", ", Enumerable.Range(0, K).Select(c => $"logit_{c}"));
        private static readonly string List = $"[{Logits}]";

        private static int Main(string[] args)
        {
            if (args.Length != 1)
            {
                Console.Error.WriteLine("usage: dotnet run --project tools/FormatSamples -- <out dir, e.g. tests/data/formats>");
                return 2;
            }
            string outDir = Path.GetFullPath(args[0]);
            string samples = Path.Combine(outDir, "samples.csv");
            if (!File.Exists(samples))
            {
                Console.Error.WriteLine($"{samples} is missing: run step 1 first (tools/FormatSamples/samples.py write)");
                return 2;
            }
            Directory.CreateDirectory(Path.Combine(outDir, "parquet"));
            Directory.CreateDirectory(Path.Combine(outDir, "csv"));
            Sample[] rows = ReadSamples(samples);

            using var db = new DuckDBConnection("Data Source=:memory:");
            db.Open();
            Exec(db, "SET threads = 1");
            Exec(db, "SET preserve_insertion_order = true");
            string columns = "{'id': 'BIGINT', " + string.Join(", ", Enumerable.Range(0, K).Select(c => $"'logit_{c}': 'DOUBLE'")) +
                             ", 'label': 'INTEGER', 'label_name': 'VARCHAR', 'weight': 'DOUBLE'}";
            Exec(db, $"CREATE TABLE s AS SELECT * FROM read_csv('{Sql(samples)}', header = true, columns = {columns}) ORDER BY id");
            CheckSource(db, rows);

            string f32 = string.Join(", ", Enumerable.Range(0, K).Select(c => $"logit_{c}::FLOAT AS logit_{c}"));
            string listF64 = $"{List}::DOUBLE[]";
            string listF32 = $"{List}::FLOAT[]";
            // The damaged lists: K-1 numbers, K+1 numbers, a null element, a null list (0-based ids as in samples.py).
            string Damaged(string list, string type) =>
                $"CASE id WHEN 17 THEN ({list})[1:{K - 1}] WHEN 130 THEN list_append({list}, 0.0::{type}) " +
                $"WHEN 70 THEN [logit_0, logit_1, NULL, logit_3, logit_4]::{type}[] WHEN 150 THEN NULL ELSE {list} END";
            string wideNulls = string.Join(", ", Enumerable.Range(0, K).Select(c =>
                c == 2 ? "CASE id WHEN 5 THEN NULL ELSE logit_2 END AS logit_2" :
                c == 0 ? "CASE id WHEN 100 THEN NULL ELSE logit_0 END AS logit_0" : $"logit_{c}"));

            var files = new (string Name, string Select, string Codec)[]
            {
                ("wide-f64.snappy.parquet", $"id, {Logits}, label, weight", "snappy"),
                ("wide-f64.zstd.parquet", $"id, {Logits}, label, weight", "zstd"),
                ("wide-f32.snappy.parquet", $"id, {f32}, label, weight", "snappy"),
                ("wide-f32.zstd.parquet", $"id, {f32}, label::BIGINT AS label, weight", "zstd"),
                ("wide-f64-names.zstd.parquet", $"id, {Logits}, label_name AS label, weight", "zstd"),
                ("list-f64.snappy.parquet", $"id, {listF64} AS logits, label, weight", "snappy"),
                ("list-f32.zstd.parquet", $"id, {listF32} AS logits, label, weight", "zstd"),
                ("list-f32-names.snappy.parquet", $"id, {listF32} AS logits, label_name AS label, weight", "snappy"),
                ("list-f64-array5.zstd.parquet", $"id, {List}::DOUBLE[{K}] AS logits, label, weight", "zstd"),
                ("dirty-wide-f64.snappy.parquet", $"id, {wideNulls}, label, weight", "snappy"),
                ("dirty-list-f64.snappy.parquet", $"id, {Damaged(listF64, "DOUBLE")} AS logits, label, weight", "snappy"),
                ("dirty-list-f32.zstd.parquet", $"id, {Damaged(listF32, "FLOAT")} AS logits, label", "zstd"),
            };
            foreach (var (name, select, codec) in files)
            {
                string path = Path.Combine(outDir, "parquet", name);
                // DuckDB flushes a row group once the rows it has buffered reach ROW_GROUP_SIZE, checked per chunk
                // it receives (up to 2048 rows): one SELECT per row group hands it chunks of 64 rows.
                string groups = string.Join(" UNION ALL ", Enumerable.Range(0, (rows.Length + RowGroupSize - 1) / RowGroupSize)
                    .Select(g => $"(SELECT {select} FROM s WHERE id // {RowGroupSize} = {g} ORDER BY id)"));
                Exec(db, $"COPY ({groups}) TO '{Sql(path)}' " +
                         $"(FORMAT parquet, COMPRESSION {codec}, ROW_GROUP_SIZE {RowGroupSize})");
                CheckParquet(db, path, codec, rows, name.Contains("f32"), name.Contains("names"));
                Console.WriteLine($"parquet/{name}: {new FileInfo(path).Length} bytes, checked");
            }
            WriteEdges(db, Path.Combine(outDir, "parquet", "dirty-edges-wide-f64.snappy.parquet"));
            Exec(db, $"COPY (SELECT id, {Logits}, label, weight FROM s ORDER BY id) TO " +
                     $"'{Sql(Path.Combine(outDir, "csv", "wide-f64.duckdb.csv"))}' (FORMAT csv, HEADER true)");
            Exec(db, $"COPY (SELECT id, {f32}, label FROM s ORDER BY id) TO " +
                     $"'{Sql(Path.Combine(outDir, "csv", "wide-f32.duckdb.csv"))}' (FORMAT csv, HEADER true)");
            Console.WriteLine($"csv/wide-f64.duckdb.csv, csv/wide-f32.duckdb.csv written by DuckDB {Scalar(db, "SELECT version()")}");
            return 0;
        }

        // The cells a reader must handle one by one, scattered over the four row groups (0-based ids): NaN and
        // infinite logits, a null logit, labels out of range, the ignore index, negative and null labels, class names
        // unknown, null, empty or with a leading space, weights negative, NaN, null or infinite, and a group column
        // (site) with a null. For tests that compare ways of reading the same file; no expected dataset of its own.
        private static void WriteEdges(DuckDBConnection db, string path)
        {
            string select = "id, " +
                "CASE id WHEN 9 THEN 'nan'::DOUBLE WHEN 140 THEN '-inf'::DOUBLE ELSE logit_0 END AS logit_0, " +
                "CASE id WHEN 90 THEN NULL WHEN 12 THEN 'inf'::DOUBLE ELSE logit_1 END AS logit_1, logit_2, logit_3, logit_4, " +
                "CASE id WHEN 20 THEN 7 WHEN 30 THEN -100 WHEN 31 THEN -100 WHEN 130 THEN -100 WHEN 40 THEN -1 WHEN 50 THEN NULL " +
                "WHEN 199 THEN 5 ELSE label END AS label, " +
                "CASE id WHEN 80 THEN 'fox' WHEN 81 THEN NULL WHEN 82 THEN ' ' || label_name WHEN 83 THEN '' WHEN 150 THEN '3' " +
                "ELSE label_name END AS label_name, " +
                "CASE id WHEN 60 THEN -1.0 WHEN 61 THEN 'nan'::DOUBLE WHEN 62 THEN NULL WHEN 63 THEN 'inf'::DOUBLE WHEN 160 THEN 0.0 " +
                "ELSE weight END AS weight, " +
                "CASE WHEN id = 70 THEN NULL WHEN id % 3 = 0 THEN 'a' WHEN id % 3 = 1 THEN 'b' ELSE 'c' END AS site";
            string groups = string.Join(" UNION ALL ", Enumerable.Range(0, 4)
                .Select(g => $"(SELECT {select} FROM s WHERE id // {RowGroupSize} = {g} ORDER BY id)"));
            Exec(db, $"COPY ({groups}) TO '{Sql(path)}' (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE {RowGroupSize})");
            long rows = Convert.ToInt64(Scalar(db, $"SELECT count(*) FROM read_parquet('{Sql(path)}')"), CultureInfo.InvariantCulture);
            long nans = Convert.ToInt64(Scalar(db, $"SELECT count(*) FROM read_parquet('{Sql(path)}') WHERE isnan(logit_0)"), CultureInfo.InvariantCulture);
            long nulls = Convert.ToInt64(Scalar(db, $"SELECT count(*) FROM read_parquet('{Sql(path)}') WHERE label IS NULL OR weight IS NULL " +
                                                     "OR logit_1 IS NULL OR site IS NULL OR label_name IS NULL"), CultureInfo.InvariantCulture);
            long groupCount = Convert.ToInt64(Scalar(db, $"SELECT count(DISTINCT row_group_id) FROM parquet_metadata('{Sql(path)}')"), CultureInfo.InvariantCulture);
            if (rows != 200 || nans != 1 || nulls != 5 || groupCount != 4)
                throw new InvalidOperationException($"{Path.GetFileName(path)}: {rows} rows, {nans} NaN, {nulls} rows with nulls, {groupCount} row groups");
            Console.WriteLine($"parquet/{Path.GetFileName(path)}: {new FileInfo(path).Length} bytes, checked");
        }

        private sealed record Sample(long Id, double[] Logits, int Label, string Name, double Weight);

        private static Sample[] ReadSamples(string path)
        {
            string[] lines = File.ReadAllLines(path);
            return lines.Skip(1).Select(l =>
            {
                string[] f = l.Split(',');
                double[] x = f.Skip(1).Take(K).Select(v => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();
                return new Sample(long.Parse(f[0], CultureInfo.InvariantCulture), x, int.Parse(f[1 + K], CultureInfo.InvariantCulture),
                    f[2 + K], double.Parse(f[3 + K], NumberStyles.Float, CultureInfo.InvariantCulture));
            }).ToArray();
        }

        /// <summary>DuckDB's CSV parse of samples.csv equals .NET's, bit for bit (two independent parsers).</summary>
        private static void CheckSource(DuckDBConnection db, Sample[] rows)
        {
            using var cmd = db.CreateCommand();
            cmd.CommandText = $"SELECT id, {Logits}, label, weight FROM s ORDER BY id";
            using var r = cmd.ExecuteReader();
            int i = 0;
            while (r.Read())
            {
                Sample s = rows[i++];
                for (int c = 0; c < K; c++) Same($"samples.csv row {s.Id} logit_{c}", r.GetDouble(1 + c), s.Logits[c]);
                Same($"samples.csv row {s.Id} weight", r.GetDouble(2 + K), s.Weight);
            }
            if (i != rows.Length) throw new InvalidOperationException($"DuckDB read {i} rows of samples.csv, not {rows.Length}");
        }

        private static void CheckParquet(DuckDBConnection db, string path, string codec, Sample[] rows, bool f32, bool names)
        {
            string file = Path.GetFileName(path);
            using (var cmd = db.CreateCommand())
            {
                cmd.CommandText = $"SELECT count(DISTINCT row_group_id), max(row_group_num_rows), min(compression), max(compression) " +
                                  $"FROM parquet_metadata('{Sql(path)}')";
                using var r = cmd.ExecuteReader();
                r.Read();
                long groups = r.GetInt64(0), largest = r.GetInt64(1);
                string lo = r.GetString(2), hi = r.GetString(3);
                int want = (rows.Length + RowGroupSize - 1) / RowGroupSize;
                if (groups != want || largest != RowGroupSize || !lo.Equals(codec, StringComparison.OrdinalIgnoreCase) || lo != hi)
                    throw new InvalidOperationException($"{file}: {groups} row groups of at most {largest} rows, codecs {lo}..{hi}");
            }
            using (var cmd = db.CreateCommand())
            {
                cmd.CommandText = $"SELECT * FROM read_parquet('{Sql(path)}')";
                using var r = cmd.ExecuteReader();
                int logits = Ordinal(r, "logits"), label = r.GetOrdinal("label");
                int i = 0;
                while (r.Read())
                {
                    Sample s = rows[i++];
                    if (r.GetInt64(r.GetOrdinal("id")) != s.Id) throw new InvalidOperationException($"{file}: row order");
                    double?[] got;
                    if (logits >= 0)
                    {
                        if (r.IsDBNull(logits)) got = Array.Empty<double?>();
                        else if (f32) got = r.GetFieldValue<List<float?>>(logits).Select(v => (double?)v).ToArray();
                        else got = r.GetFieldValue<List<double?>>(logits).ToArray();
                    }
                    else
                    {
                        got = Enumerable.Range(0, K).Select(c =>
                        {
                            int o = r.GetOrdinal($"logit_{c}");
                            return r.IsDBNull(o) ? (double?)null : f32 ? r.GetFloat(o) : r.GetDouble(o);
                        }).ToArray();
                    }
                    bool damaged = file.StartsWith("dirty", StringComparison.Ordinal);
                    if (got.Length != K || got.Any(v => v is null))
                    {
                        bool expected = damaged && (logits >= 0 ? s.Id is 17 or 130 or 70 or 150 : s.Id is 5 or 100);
                        if (!expected) throw new InvalidOperationException($"{file}: row {s.Id} damaged unexpectedly");
                        if (s.Id == 130 && got.Length != K + 1) throw new InvalidOperationException($"{file}: row 130");
                    }
                    for (int c = 0; c < Math.Min(K, got.Length); c++)
                    {
                        if (got[c] is not double v) continue;
                        double want = f32 ? (double)(float)s.Logits[c] : s.Logits[c];
                        Same($"{file} row {s.Id} class {c}", v, want);
                    }
                    if (names ? r.GetString(label) != s.Name : Convert.ToInt64(r.GetValue(label), CultureInfo.InvariantCulture) != s.Label)
                        throw new InvalidOperationException($"{file}: row {s.Id} label");
                    int w = Ordinal(r, "weight");
                    if (w >= 0) Same($"{file} row {s.Id} weight", r.GetDouble(w), s.Weight);
                }
                if (i != rows.Length) throw new InvalidOperationException($"{file}: {i} rows");
            }
        }

        private static int Ordinal(DuckDBDataReader r, string name)
        {
            for (int i = 0; i < r.FieldCount; i++) if (r.GetName(i) == name) return i;
            return -1;
        }

        private static void Same(string what, double got, double want)
        {
            if (BitConverter.DoubleToInt64Bits(got) != BitConverter.DoubleToInt64Bits(want))
                throw new InvalidOperationException($"{what}: stored {got:R}, samples.csv has {want:R}");
        }

        private static string Sql(string path) => path.Replace("'", "''", StringComparison.Ordinal);

        private static void Exec(DuckDBConnection db, string sql)
        {
            using var cmd = db.CreateCommand();
            cmd.CommandText = sql;
            cmd.ExecuteNonQuery();
        }

        private static object? Scalar(DuckDBConnection db, string sql)
        {
            using var cmd = db.CreateCommand();
            cmd.CommandText = sql;
            return cmd.ExecuteScalar();
        }
    }
}
