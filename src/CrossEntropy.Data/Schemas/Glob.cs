using System;

namespace CrossEntropy.Data.Schemas
{
    /// <summary>Case-insensitive * and ? matching of column names (PowerShell's wildcard rules without [ranges]).</summary>
    internal static class Glob
    {
        private static readonly char[] Wildcards = { '*', '?' };

        public static bool HasWildcard(string pattern) => pattern.IndexOfAny(Wildcards) >= 0;

        public static bool IsMatch(string text, string pattern) => Match(text.AsSpan(), pattern.AsSpan());

        private static bool Match(ReadOnlySpan<char> t, ReadOnlySpan<char> p)
        {
            // Iterative matcher with single-star backtracking: linear for the patterns column names use.
            int ti = 0, pi = 0, star = -1, mark = 0;
            while (ti < t.Length)
            {
                if (pi < p.Length && (p[pi] == '?' || char.ToUpperInvariant(p[pi]) == char.ToUpperInvariant(t[ti])))
                {
                    ti++;
                    pi++;
                }
                else if (pi < p.Length && p[pi] == '*')
                {
                    star = pi++;
                    mark = ti;
                }
                else if (star >= 0)
                {
                    pi = star + 1;
                    ti = ++mark;
                }
                else return false;
            }
            while (pi < p.Length && p[pi] == '*') pi++;
            return pi == p.Length;
        }
    }
}
