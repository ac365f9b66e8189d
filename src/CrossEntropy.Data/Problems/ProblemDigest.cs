using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using CrossEntropy.Data.Schemas;

namespace CrossEntropy.Data.Problems
{
    /// <summary>
    /// Keeps one systematic mistake from becoming one error per row: of the rejected rows that share a source, a kind,
    /// a column and a reason, the first <see cref="ShownPerReason"/> are written and the rest counted, then summed up
    /// in one line at the end of the run ("... and 58 more rows like these (rows 4 to 61) ...") with a hint where the
    /// cause is clear. Every row is still counted in the summary's Rejected.
    /// </summary>
    internal sealed class ProblemDigest
    {
        /// <summary>Rows written per reason before the rest are only counted.</summary>
        public const int ShownPerReason = 3;
        private const int KeptValues = 64;

        private readonly Dictionary<string, Entry> _entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
        private readonly List<Entry> _order = new List<Entry>();

        /// <summary>Counts <paramref name="problem"/>; true when it is to be written in full.</summary>
        public bool Admit(Problem problem)
        {
            if (problem.Row <= 0) return true; // a source's own problem is always written
            string key = string.Join("\u0001", problem.Source, problem.Kind.ToString(), problem.Column ?? "", WithoutDigits(problem.Reason));
            if (!_entries.TryGetValue(key, out Entry? e))
            {
                e = new Entry(problem);
                _entries.Add(key, e);
                _order.Add(e);
            }
            if (problem.Value != null && e.Values.Count < KeptValues) e.Values.Add(problem.Value.Trim());
            if (e.Shown < ShownPerReason)
            {
                e.Shown++;
                return true;
            }
            if (e.More == 0) e.FirstMore = problem.Row;
            e.More++;
            e.LastMore = problem.Row;
            return false;
        }

        /// <summary>
        /// The closing lines of a run (its rows read through <paramref name="schema"/>): an error per reason with rows
        /// left out (Error true), a warning per reason that was written in full but has a hint; then starts afresh.
        /// </summary>
        public List<(string Text, bool Error)> EndRun(Schema schema)
        {
            var lines = new List<(string, bool)>();
            foreach (Entry e in _order)
            {
                string hint = ProblemHints.For(e.First, e.Values, schema);
                if (e.More > 0)
                {
                    var sb = new StringBuilder();
                    sb.Append(Printable.Of(e.First.Source)).Append(": ... and ").Append(e.More.ToString(CultureInfo.InvariantCulture))
                      .Append(e.More == 1 ? " more row" : " more rows").Append(" rejected like the ").Append(e.Shown.ToString(CultureInfo.InvariantCulture))
                      .Append(" above (").Append(e.More == 1 ? "row " + e.FirstMore.ToString(CultureInfo.InvariantCulture)
                          : string.Format(CultureInfo.InvariantCulture, "rows {0} to {1}", e.FirstMore, e.LastMore)).Append(')');
                    if (e.First.Column != null) sb.Append(", column '").Append(Printable.Of(e.First.Column)).Append('\'');
                    sb.Append(": ").Append(Printable.Of(e.First.Reason.TrimEnd('.'))).Append('.');
                    if (hint.Length > 0) sb.Append(' ').Append(hint);
                    lines.Add((sb.ToString(), true));
                }
                else if (hint.Length > 0)
                {
                    lines.Add(($"{Printable.Of(e.First.Source)}: {hint}", false));
                }
            }
            _order.Clear();
            _entries.Clear();
            return lines;
        }

        // "target 7 is outside 0..2" and "target 9 is outside 0..2" are one reason.
        private static string WithoutDigits(string reason)
        {
            var sb = new StringBuilder(reason.Length);
            foreach (char ch in reason) sb.Append(ch >= '0' && ch <= '9' ? '#' : ch);
            return sb.ToString();
        }

        private sealed class Entry
        {
            public Entry(Problem first) => First = first;
            public Problem First { get; }
            public HashSet<string> Values { get; } = new HashSet<string>(StringComparer.Ordinal);
            public long Shown { get; set; }
            public long More { get; set; }
            public long FirstMore { get; set; }
            public long LastMore { get; set; }
        }
    }
}
