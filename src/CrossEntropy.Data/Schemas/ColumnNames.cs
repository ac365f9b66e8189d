using System;
using System.Collections.Generic;

namespace CrossEntropy.Data.Schemas
{
    /// <summary>The near miss of a column name that is not in a header: the hint in "... not in the header (did you mean 'label'?)".</summary>
    internal static class ColumnNames
    {
        /// <summary>
        /// The one column of <paramref name="columns"/> closest to <paramref name="name"/>: equal once case, '_', '-',
        /// '.' and spaces are ignored, else within two edits (one for names of four letters or fewer); null when there
        /// is none, or no single best one. Runs only on the error path.
        /// </summary>
        public static string? NearestTo(string name, IReadOnlyList<string> columns)
        {
            string wanted = Squeeze(name);
            if (wanted.Length == 0) return null;
            int limit = wanted.Length <= 4 ? 1 : 2;
            string? best = null;
            int bestDistance = int.MaxValue, atBest = 0;
            foreach (string column in columns)
            {
                string have = Squeeze(column);
                if (Math.Abs(have.Length - wanted.Length) > limit) continue;
                int d = have == wanted ? 0 : Distance(wanted, have, limit);
                if (d > limit || d > bestDistance) continue;
                if (d < bestDistance) atBest = 0;
                best = column;
                bestDistance = d;
                atBest++;
            }
            return atBest == 1 ? best : null;
        }

        private static string Squeeze(string s)
        {
            var chars = new List<char>(s.Length);
            foreach (char ch in s)
                if (ch != '_' && ch != '-' && ch != '.' && !char.IsWhiteSpace(ch)) chars.Add(char.ToLowerInvariant(ch));
            return new string(chars.ToArray());
        }

        // Optimal string alignment distance (Levenshtein with adjacent swaps), cut off above limit.
        private static int Distance(string a, string b, int limit)
        {
            var d = new int[a.Length + 1, b.Length + 1];
            for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
            for (int j = 0; j <= b.Length; j++) d[0, j] = j;
            for (int i = 1; i <= a.Length; i++)
            {
                int rowMin = int.MaxValue;
                for (int j = 1; j <= b.Length; j++)
                {
                    int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    int v = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                    if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) v = Math.Min(v, d[i - 2, j - 2] + 1);
                    d[i, j] = v;
                    rowMin = Math.Min(rowMin, v);
                }
                if (rowMin > limit) return limit + 1;
            }
            return d[a.Length, b.Length];
        }
    }
}
