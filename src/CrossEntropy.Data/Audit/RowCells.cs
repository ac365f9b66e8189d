using System.Collections.Generic;
using System.Linq;

namespace CrossEntropy.Data
{
    /// <summary>
    /// The cells of a few rows of a file, fetched by row number in one sequential pass that stops after the last
    /// wanted row. Files are computed in parallel chunks that carry no per-row handle, so a ranking that wants to show
    /// its rows (Find-NoisyLabel, the report) reads them back here rather than keeping every row's text.
    /// </summary>
    public static class RowCells
    {
        /// <summary>Row number (1-based, as the run numbers them) → cells in header order.</summary>
        public static Dictionary<long, string?[]> Read(string path, CsvOptions options, IEnumerable<long> rows)
        {
            var want = new HashSet<long>(rows);
            var result = new Dictionary<long, string?[]>();
            if (want.Count == 0) return result;
            long last = want.Max(), row = 0;
            CsvFile file = CsvFile.Open(path, options);
            int columns = file.Columns.Count;
            foreach (CsvChunk chunk in file.Chunks())
            {
                using CsvRecordSource records = file.ReadChunk(chunk);
                while (records.Read())
                {
                    if (want.Contains(++row))
                    {
                        var cells = new string?[columns];
                        for (int c = 0; c < columns; c++) cells[c] = records.HasField(c) ? records.GetText(c) : null;
                        result[row] = cells;
                    }
                    if (row >= last) return result;
                }
            }
            return result;
        }
    }
}
