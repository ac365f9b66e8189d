using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using CrossEntropy.Data.Csv;
using CrossEntropy.Data.Problems;
using CrossEntropy.Engine.Audit;

namespace CrossEntropy.Output
{
    /// <summary>
    /// The cells of ranked rows (Find-NoisyLabel, the report), in header order: kept with the row (pipeline, DataFrame
    /// and array rows), or read back from the file by row number. A row whose file cannot be read again gets a
    /// warning and no cells.
    /// </summary>
    internal static class RankedCells
    {
        public static Dictionary<NoisyLabelCandidate, string?[]> Of(Cmdlet cmdlet, CsvOptions csv, IReadOnlyList<NoisyLabelCandidate> rows, IReadOnlyList<string> columns)
        {
            var cells = new Dictionary<NoisyLabelCandidate, string?[]>();
            foreach (NoisyLabelCandidate row in rows)
            {
                if (row.Tag is string?[] kept) cells[row] = kept;
                else if (row.Tag is PSObject obj) cells[row] = ObjectCells(obj, columns);
            }
            foreach (IGrouping<string, NoisyLabelCandidate> file in rows.Where(r => r.Tag is string).GroupBy(r => (string)r.Tag!))
            {
                try
                {
                    Dictionary<long, string?[]> read = RowCells.Read(file.Key, csv, file.Select(r => r.RowNumber), columns);
                    foreach (NoisyLabelCandidate row in file)
                        if (read.TryGetValue(row.RowNumber, out string?[]? c)) cells[row] = c;
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is InputException)
                {
                    cmdlet.WriteWarning($"{file.Key}: the ranked rows' cells could not be read again: {e.Message}");
                }
            }
            return cells;
        }

        // A pipeline object's values by column name (the pipeline reader looks up only the columns the schema uses).
        private static string?[] ObjectCells(PSObject obj, IReadOnlyList<string> columns)
        {
            var cells = new string?[columns.Count];
            for (int c = 0; c < columns.Count; c++)
            {
                object? v = obj.BaseObject is System.Collections.IDictionary d ? d[columns[c]] : obj.Properties[columns[c]]?.Value;
                if (v is PSObject ps) v = ps.BaseObject;
                cells[c] = v is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : v?.ToString();
            }
            return cells;
        }
    }
}
