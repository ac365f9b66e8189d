using System.Linq;
using CrossEntropy.Engine;

namespace CrossEntropy.Data.Results
{
    /// <summary>Find-NoisyLabel's class thresholds, built from their sums (a run's, or merged parts'): the one place they are made.</summary>
    internal static class NoisyLabelResults
    {
        /// <summary>t_y = Σ q_y / n_y per class (NaN without rows), with the sums it is made of.</summary>
        public static ClassThresholds Thresholds(string[] classes, long[] counts, double[] sums, RowCounts rows, string input, string target, string options, string source) => new ClassThresholds
        {
            Classes = (string[])classes.Clone(),
            Thresholds = counts.Select((n, c) => n > 0 ? sums[c] / n : double.NaN).ToArray(),
            ClassCounts = (long[])counts.Clone(),
            LabelProbabilitySums = (double[])sums.Clone(),
            Count = rows.Read,
            Used = rows.Used,
            Ignored = rows.Ignored,
            Rejected = rows.Rejected,
            Input = input,
            Target = target,
            Options = options,
            Source = source,
        };
    }
}
