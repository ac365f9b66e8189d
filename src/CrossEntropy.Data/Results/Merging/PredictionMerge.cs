using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using CrossEntropy.Data.Checks;

namespace CrossEntropy.Data.Results.Merging
{
    /// <summary>Merges Test-Prediction reports: counts and problem counts add up; the first problems are kept in input order.</summary>
    internal static class PredictionMerge
    {
        /// <summary>The report one run over every result's sources gives.</summary>
        public static PredictionReport Merge(IReadOnlyList<MergeInput<PredictionReport>> results)
        {
            MergeInput<PredictionReport> first = results[0];
            foreach (MergeInput<PredictionReport> r in results)
            {
                MergeChecks.Counts(r, r.Result.Count, r.Result.Used, r.Result.Ignored, r.Result.Rejected);
                MergeChecks.Same(first, OptionsText.Number(first.Result.Tolerance), r, OptionsText.Number(r.Result.Tolerance),
                    "the probability-sum tolerance (-Tolerance)");
            }
            var problemCounts = new OrderedDictionary(StringComparer.OrdinalIgnoreCase);
            foreach (MergeInput<PredictionReport> r in results)
            {
                foreach (DictionaryEntry e in r.Result.ProblemCounts)
                {
                    long n = Convert.ToInt64(e.Value, System.Globalization.CultureInfo.InvariantCulture);
                    problemCounts[e.Key] = problemCounts.Contains(e.Key) ? checked((long)problemCounts[e.Key]! + n) : n;
                }
            }
            long problems = MergeSums.Count(results, r => r.ProblemCount);
            return new PredictionReport
            {
                Passed = problems == 0 && results.All(r => r.Result.Passed),
                Count = MergeSums.Count(results, r => r.Count),
                Used = MergeSums.Count(results, r => r.Used),
                Ignored = MergeSums.Count(results, r => r.Ignored),
                Rejected = MergeSums.Count(results, r => r.Rejected),
                ProblemCount = problems,
                ProblemCounts = problemCounts,
                Problems = results.SelectMany(r => r.Result.Problems).Take(PredictionValidation.DefaultShownProblems).ToArray(),
                Files = results.SelectMany(r => r.Result.Files).ToArray(),
                Tolerance = first.Result.Tolerance,
            };
        }
    }
}
