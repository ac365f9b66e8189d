using System;
using System.Collections;
using System.Collections.Generic;
using System.Reflection;
using CrossEntropy.Data.Records;
using Microsoft.Data.Analysis;

namespace CrossEntropy.Input
{
    /// <summary>
    /// Reads a Microsoft.Data.Analysis DataFrame row by row as records: its column names are the header and each
    /// cell's .NET value (double, float, long, string, null...) goes through <see cref="ObjectRecord"/>, so numbers
    /// and labels parse exactly as pipeline objects do. A DataFrame is not IEnumerable, so PowerShell passes it
    /// down the pipeline whole and it arrives as one InputObject: one source.
    /// </summary>
    internal sealed class DataFrameRecords
    {
        public const string SourceName = "DataFrame";
        private const string FrameTypeName = "Microsoft.Data.Analysis.DataFrame";

        private readonly Func<int, long, object?> _cell;
        private readonly int _columns;
        private readonly ObjectRecord _record;

        private DataFrameRecords(IReadOnlyList<string> header, long rows, Func<int, long, object?> cell, bool decimalComma)
        {
            _cell = cell;
            _columns = header.Count;
            RowCount = rows;
            _record = new ObjectRecord(SourceName, header, decimalComma);
        }

        /// <summary>The header, as a source for schema resolution.</summary>
        public ISourceHeader Source => _record;

        /// <summary>Rows in the frame.</summary>
        public long RowCount { get; }

        /// <summary>True for a DataFrame of any copy of Microsoft.Data.Analysis (ours, or one loaded by someone else).</summary>
        public static bool IsFrame(object o) => o is DataFrame || o.GetType().FullName == FrameTypeName;

        public static DataFrameRecords Open(object frame, bool decimalComma)
        {
            if (frame is DataFrame df)
            {
                var names = new List<string>();
                foreach (DataFrameColumn c in df.Columns) names.Add(c.Name);
                return new DataFrameRecords(names, df.Rows.Count, (c, r) => df.Columns[c][r], decimalComma);
            }
            // A DataFrame from another load of the library (pwsh loads ours in the module's own load context, so a
            // frame the user made with their own copy is a different type): the same members, read by reflection.
            var columns = new List<object>();
            foreach (object c in (IEnumerable)Get(frame, "Columns")!) columns.Add(c);
            var header = columns.ConvertAll(c => (string)Get(c, "Name")!);
            long rows = Convert.ToInt64(Get(Get(frame, "Rows")!, "Count"), System.Globalization.CultureInfo.InvariantCulture);
            PropertyInfo[] indexers = columns.ConvertAll(c => c.GetType().GetProperty("Item", new[] { typeof(long) })!).ToArray();
            return new DataFrameRecords(header, rows, (c, r) => indexers[c].GetValue(columns[c], new object[] { r }), decimalComma);
        }

        /// <summary>Fills the shared record from row <paramref name="row"/> (0-based) and returns it.</summary>
        public IRecord Read(long row)
        {
            _record.Clear();
            for (int c = 0; c < _columns; c++) _record.Set(c, _cell(c, row));
            return _record;
        }

        private static object? Get(object o, string property) => o.GetType().GetProperty(property)?.GetValue(o);
    }
}
