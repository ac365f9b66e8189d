// Library evaluation for issue 15 (see Program.cs): the small test files through both Parquet libraries, and DuckDB helpers.
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
