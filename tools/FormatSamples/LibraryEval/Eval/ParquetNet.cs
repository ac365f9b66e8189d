// Library evaluation for issue 15 (see Program.cs): the data generator, Parquet.Net readers and the row-group-parallel drivers.
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
}
