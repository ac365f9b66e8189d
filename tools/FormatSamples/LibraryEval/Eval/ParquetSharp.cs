// Library evaluation for issue 15 (see Program.cs): ParquetSharp readers.
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
}
