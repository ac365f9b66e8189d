using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using Microsoft.Data.Analysis;

namespace CrossEntropy.Output
{
    /// <summary>
    /// Turns output objects (per-row or per-bin) into one Microsoft.Data.Analysis DataFrame: a column per property of
    /// the first object (note properties included), typed by its values — double, long, bool, else string; arrays
    /// (such as Probabilities) are left out because a DataFrame cell holds one value.
    /// </summary>
    internal static class DataFrameOutput
    {
        public static DataFrame From(IReadOnlyList<object> items)
        {
            var frame = new DataFrame();
            if (items.Count == 0) return frame;
            List<PSObject> rows = items.Select(PSObject.AsPSObject).ToList();
            foreach (PSPropertyInfo p in rows[0].Properties)
            {
                object?[] values = rows.Select(r => Unwrap(r.Properties[p.Name]?.Value)).ToArray();
                DataFrameColumn? column = Column(p.Name, values);
                if (column != null) frame.Columns.Add(column);
            }
            return frame;
        }

        private static DataFrameColumn? Column(string name, object?[] values)
        {
            object? first = values.FirstOrDefault(v => v != null);
            switch (first)
            {
                case double _:
                case float _:
                    return new DoubleDataFrameColumn(name, values.Select(v => v == null ? (double?)null : Convert.ToDouble(v, CultureInfo.InvariantCulture)));
                case long _:
                case int _:
                    return new Int64DataFrameColumn(name, values.Select(v => v == null ? (long?)null : Convert.ToInt64(v, CultureInfo.InvariantCulture)));
                case bool _:
                    return new BooleanDataFrameColumn(name, values.Select(v => (bool?)v));
                case IList _ when !(first is string):
                    return null;
                default:
                    return new StringDataFrameColumn(name, values.Select(Text));
            }
        }

        private static string? Text(object? v) => v switch
        {
            null => null,
            string s => s,
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => v.ToString(),
        };

        private static object? Unwrap(object? v) => v is PSObject ps ? ps.BaseObject : v;
    }
}
