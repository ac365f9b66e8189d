using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;

namespace CrossEntropy.Input
{
    /// <summary>
    /// Explicit arrays given as parameters (-Logit 2.0,1.0,0.1 -Target 0) turned into records with a synthetic
    /// header (logit_&lt;class&gt; or p_&lt;class&gt;, then label or y_&lt;class&gt;), so they take the same path as files.
    /// A flat list is one row; a list of lists is one row per inner list; a flat list of N scores with N labels
    /// (N &gt; 1) is N binary rows, and of N·K scores with N labels N rows of K (what `-Logit $rows.logits` passes).
    /// </summary>
    internal sealed class ArrayInput
    {
        public const string SourceName = "arguments";

        private ArrayInput(List<string> header, List<object?[]> rows)
        {
            Header = header;
            Rows = rows;
        }

        public List<string> Header { get; }
        public List<object?[]> Rows { get; }

        public static ArrayInput Build(object[] scores, object[]? targets, bool probabilities, string[]? classes)
        {
            object?[] items = scores.Select(Unwrap).ToArray();
            object?[]? labels = targets?.Select(Unwrap).ToArray();
            List<object?[]> scoreRows;
            if (items.Any(IsList))
            {
                if (!items.All(IsList)) throw new ArgumentException("Give either one row of scores or a list of rows, not a mix.");
                scoreRows = items.Select(r => ((IList)r!).Cast<object?>().Select(Unwrap).ToArray()).ToList();
            }
            else if (labels != null && labels.Length > 1 && labels.Length == items.Length && !labels.Any(IsList))
            {
                scoreRows = items.Select(v => new[] { v }).ToList(); // N scores with N labels: N binary rows
            }
            else if (labels != null && labels.Length > 1 && items.Length % labels.Length == 0 && !labels.Any(IsList)
                && (classes == null || classes.Length == items.Length / labels.Length))
            {
                // N·K scores with N labels: N rows of K. `-Logit $rows.logits` arrives so, as member enumeration
                // flattens the rows' arrays into one list.
                int perRow = items.Length / labels.Length;
                scoreRows = Enumerable.Range(0, labels.Length).Select(r => items.Skip(r * perRow).Take(perRow).ToArray()).ToList();
            }
            else
            {
                scoreRows = new List<object?[]> { items };
            }

            int width = scoreRows[0].Length;
            if (scoreRows.Any(r => r.Length != width))
                throw new ArgumentException("Every row of scores must have the same number of values.");
            string prefix = probabilities ? "p_" : "logit_";
            string[] names = classes != null && classes.Length == width
                ? classes
                : Enumerable.Range(0, width).Select(c => c.ToString(CultureInfo.InvariantCulture)).ToArray();
            var header = names.Select(n => prefix + n).ToList();

            var rows = new List<object?[]>();
            object?[][]? targetRows = labels == null ? null : TargetRows(labels, scoreRows.Count, width);
            if (targetRows != null)
            {
                if (targetRows[0].Length > 1) header.AddRange(names.Select(n => "y_" + n));
                else header.Add("label");
            }
            for (int r = 0; r < scoreRows.Count; r++)
                rows.Add(targetRows == null ? scoreRows[r] : scoreRows[r].Concat(targetRows[r]).ToArray());
            return new ArrayInput(header, rows);
        }

        // Labels: one scalar per row. Soft targets: one list per row, or a flat list of C values for a single row.
        private static object?[][] TargetRows(object?[] labels, int rowCount, int width)
        {
            object?[][] result;
            if (labels.Any(IsList))
            {
                if (!labels.All(IsList)) throw new ArgumentException("Give either labels or a list of target distributions, not a mix.");
                result = labels.Select(l => ((IList)l!).Cast<object?>().Select(Unwrap).ToArray()).ToArray();
                if (result.Any(t => t.Length != width))
                    throw new ArgumentException($"A soft target needs one value per class ({width}).");
            }
            else if (rowCount == 1 && labels.Length > 1 && labels.Length == width)
                result = new[] { labels };
            else
                result = labels.Select(l => new[] { l }).ToArray();
            if (result.Length != rowCount)
                throw new ArgumentException($"There are {rowCount} rows of scores but {result.Length} targets.");
            return result;
        }

        private static bool IsList(object? o) => o is IList && !(o is string);

        private static object? Unwrap(object? o) => o is PSObject ps ? ps.BaseObject : o;
    }
}
