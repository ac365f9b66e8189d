using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CrossEntropy.Data.Records;
using CrossEntropy.Data.Schemas;

namespace CrossEntropy.Data.Formats
{
    /// <summary>
    /// List-valued columns (a JSON array, a Parquet/Arrow list, an array property of a pipeline object) read as a row's
    /// scores or soft targets. The list column chosen for scores (-LogitColumn/-ProbabilityColumn naming it, else
    /// <c>logits</c>, then <c>probabilities</c>/<c>probs</c>) and for soft targets (-TargetColumn naming it, else
    /// <c>targets</c>) is spread into K cells named <c>logits[0]</c>..<c>logits[K-1]</c>, so the schema, the cell reader
    /// and row accounting treat them exactly as scalar columns; K is -Class's count, else the first row's length.
    /// A row whose list has another length (or is null) is rejected with the column named.
    /// </summary>
    internal sealed class ListColumns
    {
        private static readonly string[] LogitDefaults = { "logits" };
        private static readonly string[] ProbabilityDefaults = { "probabilities", "probs" };
        private static readonly string[] TargetDefaults = { "targets" };

        // Per raw column: its first expanded ordinal, and its width (0: a scalar, one cell).
        private readonly int[] _start;
        private readonly int[] _width;
        private readonly string[] _raw;

        private ListColumns(IReadOnlyList<string> raw, int[] width)
        {
            _raw = raw.ToArray();
            _width = width;
            _start = new int[raw.Count];
            var header = new List<string>();
            for (int c = 0; c < raw.Count; c++)
            {
                _start[c] = header.Count;
                if (width[c] == 0) header.Add(raw[c]);
                else for (int k = 0; k < width[c]; k++) header.Add(ElementName(raw[c], k));
            }
            Header = header;
        }

        /// <summary>The header the schema sees: scalar columns as they are, each spread list as its K cells.</summary>
        public IReadOnlyList<string> Header { get; }

        /// <summary>The column options with the spread lists named (and -Class defaulting to 0..K-1).</summary>
        public ColumnOptions Options { get; private set; } = new ColumnOptions();

        /// <summary>True when some list column is spread.</summary>
        public bool Spreads => _width.Any(w => w > 0);

        /// <summary>The name of element <paramref name="k"/> of list column <paramref name="column"/>.</summary>
        public static string ElementName(string column, int k) => column + "[" + k.ToString(CultureInfo.InvariantCulture) + "]";

        /// <summary>
        /// Plans the spread for raw columns <paramref name="raw"/>; <paramref name="listLength"/> gives a raw column's list
        /// length in the first row (-1: not a list).
        /// </summary>
        public static ListColumns Plan(IReadOnlyList<string> raw, Func<int, int> listLength, ColumnOptions? given)
        {
            ColumnOptions o = given ?? new ColumnOptions();
            var width = new int[raw.Count];
            int Find(string[]? names)
            {
                if (names == null || names.Length != 1) return -1;
                for (int c = 0; c < raw.Count; c++)
                    if (string.Equals(raw[c].Trim(), names[0].Trim(), StringComparison.OrdinalIgnoreCase) && listLength(c) >= 0) return c;
                return -1;
            }
            bool scoresNamed = o.LogitColumn != null || o.ProbabilityColumn != null;
            int logits = o.LogitColumn != null ? Find(o.LogitColumn) : scoresNamed ? -1 : Find(LogitDefaults);
            int probs = o.ProbabilityColumn != null ? Find(o.ProbabilityColumn)
                : scoresNamed || logits >= 0 ? -1 : FirstOf(ProbabilityDefaults, Find);
            int scores = logits >= 0 ? logits : probs;
            int targets = o.TargetColumn != null ? Find(o.TargetColumn) : scores >= 0 ? Find(TargetDefaults) : -1;
            int k = o.Class != null && o.Class.Length > 1 ? o.Class.Length : scores >= 0 ? listLength(scores) : targets >= 0 ? listLength(targets) : 0;
            if (scores >= 0) width[scores] = Math.Max(k, 1);
            if (targets >= 0) width[targets] = Math.Max(k, 1);
            var plan = new ListColumns(raw, width);
            plan.Options = plan.Adjust(o, logits, probs, targets, k);
            return plan;
        }

        private static int FirstOf(string[] names, Func<string[], int> find)
        {
            foreach (string n in names)
            {
                int c = find(new[] { n });
                if (c >= 0) return c;
            }
            return -1;
        }

        private ColumnOptions Adjust(ColumnOptions o, int logits, int probs, int targets, int k)
        {
            if (logits < 0 && probs < 0 && targets < 0) return o;
            string[]? Cells(int raw) => raw < 0 ? null : Enumerable.Range(0, _width[raw]).Select(i => Header[_start[raw] + i]).ToArray();
            return new ColumnOptions
            {
                LogitColumn = Cells(logits) ?? o.LogitColumn,
                ProbabilityColumn = Cells(probs) ?? o.ProbabilityColumn,
                TargetColumn = Cells(targets) ?? o.TargetColumn,
                LabelColumn = o.LabelColumn,
                Class = o.Class ?? Enumerable.Range(0, k).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray(),
                SampleWeightColumn = o.SampleWeightColumn,
                GroupBy = o.GroupBy,
                IdColumn = o.IdColumn,
                LabelOptional = o.LabelOptional,
                MultiLabel = o.MultiLabel,
            };
        }

        /// <summary>The expanded ordinal of raw column <paramref name="raw"/> (its first cell for a list).</summary>
        public int Ordinal(int raw) => _start[raw];

        /// <summary>The list width of raw column <paramref name="raw"/>; 0 for a scalar column.</summary>
        public int Width(int raw) => _width[raw];

        /// <summary>
        /// Puts raw column <paramref name="raw"/>'s value into <paramref name="record"/>: a scalar as one cell, a spread
        /// list as its K cells (a list of another length, or none, makes the row's <see cref="ObjectRecord.ShapeProblem"/>).
        /// </summary>
        public void Set(ObjectRecord record, int raw, object? value)
        {
            int width = _width[raw], at = _start[raw];
            if (width == 0)
            {
                record.Set(at, value);
                return;
            }
            if (value is IList list && !(value is string))
            {
                if (list.Count != width)
                {
                    record.ShapeProblem ??= LengthProblem(raw, list.Count);
                    return;
                }
                for (int k = 0; k < width; k++) record.Set(at + k, list[k]);
                return;
            }
            record.ShapeProblem ??= value == null
                ? $"column '{_raw[raw]}' holds no list (null); it needs {width} numbers"
                : $"column '{_raw[raw]}' holds '{Text(value)}', not a list of {width} numbers";
        }

        /// <summary>Why a list of <paramref name="count"/> numbers in raw column <paramref name="raw"/> is the wrong length.</summary>
        public string LengthProblem(int raw, int count) =>
            $"column '{_raw[raw]}' holds a list of {count} numbers, not {_width[raw]}";

        private static string Text(object value) =>
            value is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : value.ToString() ?? "";
    }
}
