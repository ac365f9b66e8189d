using System;
using System.Collections;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using CrossEntropy.Data.Formats;

namespace CrossEntropy.Input
{
    /// <summary>
    /// -Target given with -Path/-LiteralPath: the labels (or soft targets) of a lone .npy of scores, which holds no
    /// labels of its own. A class index per row (an integer, or its text), a class name of -Class, or a distribution per
    /// row; the same wording as -Logit with -Target for a mix.
    /// </summary>
    internal static class FileTargets
    {
        /// <summary>The targets as the file reader takes them; throws <see cref="ArgumentException"/> naming a value that is none.</summary>
        public static GivenTargets Of(object[] targets, string[]? classes)
        {
            object?[] items = targets.Select(Unwrap).ToArray();
            if (items.Any(IsList))
            {
                if (!items.All(IsList)) throw new ArgumentException("Give either labels or a list of target distributions, not a mix.");
                double[][] rows = items.Select(r => ((IList)r!).Cast<object?>().Select(v => Number(Unwrap(v))).ToArray()).ToArray();
                int width = rows[0].Length;
                if (rows.Any(r => r.Length != width)) throw new ArgumentException("Every target distribution must have the same number of values.");
                return GivenTargets.Distributions(rows, width);
            }
            return GivenTargets.Labels(items.Select(l => Label(l, classes)).ToArray());
        }

        private static long Label(object? value, string[]? classes)
        {
            switch (value)
            {
                case bool b: return b ? 1 : 0;
                case sbyte or byte or short or ushort or int or uint or long: return Convert.ToInt64(value, CultureInfo.InvariantCulture);
                case float or double or decimal:
                    double d = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                    if (d == Math.Floor(d) && Math.Abs(d) < int.MaxValue) return (long)d;
                    break;
            }
            string text = Convert.ToString(value, CultureInfo.InvariantCulture)?.Trim() ?? "";
            int named = classes == null ? -1 : Array.IndexOf(classes, text);
            if (named >= 0) return named;
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long index)) return index;
            throw new ArgumentException($"-Target value '{text}' is not a class index{(classes == null ? "" : " or a class of -Class")}: a .npy of scores is labelled by class index (or by the names -Class gives).");
        }

        private static double Number(object? value)
        {
            try
            {
                return Convert.ToDouble(value, CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is FormatException || e is InvalidCastException || e is OverflowException)
            {
                throw new ArgumentException($"-Target value '{Convert.ToString(value, CultureInfo.InvariantCulture)}' is not a number.", e);
            }
        }

        private static bool IsList(object? o) => o is IList && !(o is string);

        private static object? Unwrap(object? o) => o is PSObject ps ? ps.BaseObject : o;
    }
}
