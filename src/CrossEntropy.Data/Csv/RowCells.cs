using System.Collections.Generic;
using System.Linq;
using CrossEntropy.Data.Sources;

namespace CrossEntropy.Data.Csv
{
    /// <summary>
    /// The cells of a few rows of a file, fetched by row number in one sequential pass that stops after the last
    /// wanted row. Files are computed in parallel chunks that carry no per-row handle, so a ranking that wants to show
    /// its rows (Find-NoisyLabel, the report) reads them back here rather than keeping every row's text.
    /// </summary>
    internal static class RowCells
    {
        /// <summary>
        /// Row number (1-based, as the run numbers them) → the cells of <paramref name="columns"/>, found by name
        /// (case-insensitively, as the schema maps them), so files combined into one run line up even when their
        /// columns are in another order; a column the file lacks gives null. <paramref name="chunkBytes"/>: as the file is
        /// read for a run (tests make it small, to cross chunks).
        /// </summary>
        public static Dictionary<long, string?[]> Read(string path, CsvOptions options, IEnumerable<long> rows, IReadOnlyList<string> columns,
            int chunkBytes = CsvFile.DefaultChunkBytes)
        {
            var want = new HashSet<long>(rows);
            var result = new Dictionary<long, string?[]>();
            if (want.Count == 0) return result;
            long last = want.Max(), row = 0;
            CsvFile file = CsvFile.Open(path, options);
            // The file's first column of each (trimmed, case-insensitive) name: one pass, however wide the header.
            var ordinal = new Dictionary<string, int>(System.StringComparer.OrdinalIgnoreCase);
            for (int k = file.Columns.Count - 1; k >= 0; k--) ordinal[file.Columns[k].Trim()] = k;
            var at = new int[columns.Count];
            for (int c = 0; c < at.Length; c++) at[c] = ordinal.TryGetValue(columns[c].Trim(), out int k) ? k : -1;
            char[] buffer = file.NewReadBuffer();
            foreach (FileChunk chunk in file.Chunks(chunkBytes))
            {
                // The chunk's pooled buffer goes back once its cells are copied out, so the next chunk reuses it: a wide
                // file's chunks are megabytes each, and fresh ones cost more (zeroing, page faults, GC) than reading them.
                try
                {
                    using IRecordCursor records = file.ReadChunk(chunk, buffer);
                    while (records.Read())
                    {
                        if (want.Contains(++row))
                        {
                            var cells = new string?[at.Length];
                            for (int c = 0; c < at.Length; c++) cells[c] = at[c] >= 0 && records.HasField(at[c]) ? records.GetText(at[c]) : null;
                            result[row] = cells;
                        }
                        if (row >= last) return result;
                    }
                }
                finally
                {
                    chunk.Release();
                }
            }
            return result;
        }
    }
}
