// Library evaluation for issue 15 (see Program.cs): Arrow IPC checks, writer and reader.
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
}
