using System;
using System.IO;
using System.Linq;
using System.Text;
using Apache.Arrow;
using Apache.Arrow.Ipc;

public static class Reader
{
    // Reads an Arrow IPC file or stream with the netstandard2.0 build of Apache.Arrow: list<float|double> logits or
    // wide columns, int or dictionary labels. Returns a summary: batches, rows, sum of the logits as double.
    public static string Read(string path)
    {
        using (var s = File.OpenRead(path))
        using (var r = path.EndsWith(".arrows") ? new ArrowStreamReader(s) : new ArrowFileReader(s))
        {
            int batches = 0, rows = 0, bad = 0; double sum = 0; long labels = 0;
            RecordBatch b;
            while ((b = r.ReadNextRecordBatch()) != null)
            {
                using (b)
                {
                    batches++;
                    var label = b.Column("label");
                    for (int i = 0; i < b.Length; i++, rows++)
                    {
                        if (label is DictionaryArray d) labels += ((Int32Array)d.Indices).GetValue(i).Value;
                        else if (label is Int32Array i32) labels += i32.GetValue(i).Value;
                        else labels += ((Int64Array)label).GetValue(i).Value;
                        if (b.Schema.FieldsList.Any(x => x.Name == "logits"))   // GetFieldIndex throws on 14.0.2
                        {
                            var l = (ListArray)b.Column("logits");
                            if (l.IsNull(i)) { bad++; continue; }
                            var v = l.GetSlicedValues(i);
                            for (int j = 0; j < v.Length; j++)
                            {
                                double? x = v is FloatArray f ? f.GetValue(j) : ((DoubleArray)v).GetValue(j);
                                if (x == null) bad++; else sum += x.Value;
                            }
                        }
                        else for (int c = 0; c < 5; c++)
                        {
                            var col = b.Column("logit_" + c);
                            sum += col is FloatArray f ? f.GetValue(i).Value : ((DoubleArray)col).GetValue(i).Value;
                        }
                    }
                }
            }
            return $"{Path.GetFileName(path)}: {batches} batches, {rows} rows, label sum {labels}, logit sum {sum:R}, {bad} null/damaged cells";
        }
    }

    public static long Zstd(string path)
    {
        using (var s = new ZstdSharp.DecompressionStream(File.OpenRead(path)))
        {
            var buf = new byte[65536]; long n = 0; int k;
            while ((k = s.Read(buf, 0, buf.Length)) > 0) n += k;
            return n;
        }
    }
}
