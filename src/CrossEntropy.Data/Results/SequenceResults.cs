using System;
using System.Collections.Generic;
using CrossEntropy.Data.Runs;
using CrossEntropy.Engine;

namespace CrossEntropy.Data.Results
{
    /// <summary>
    /// Token-level figures (Measure-CrossEntropy -SequenceColumn): rows are tokens, and each sequence's sums are the
    /// run's per-group sums, so they merge across chunks and files like any group's. Sequences come in the order
    /// their id first appears.
    /// </summary>
    internal static class SequenceResults
    {
        private static readonly double Ln2 = Math.Log(2.0);

        /// <summary>
        /// The summary over every token (Loss as PyTorch's mean over the flattened batch) with the sequence figures:
        /// SequenceLoss is the unweighted mean of the sequences' own mean losses, skipping sequences with no
        /// contributing token (all padding, or a total weight of 0), which are counted in EmptySequences.
        /// </summary>
        public static LossSummary Summary(LossRun run, Reduction reduction, string source)
        {
            LossSummary s = LossResults.Summary(run.Total, run.Schema, run.Plan.Options, reduction, source, null);
            double sum = 0;
            long used = 0;
            IReadOnlyList<LossAccumulator> sequences = run.Sums.Groups;
            foreach (LossAccumulator q in sequences)
            {
                if (!(q.WeightSum > 0)) continue;
                sum += q.Mean;
                used++;
            }
            s.SequenceLoss = used > 0 ? sum / used : double.NaN;
            s.Sequences = sequences.Count;
            s.EmptySequences = sequences.Count - used;
            s.Tokens = run.Total.Used;
            s.BitsPerToken = run.Total.CrossEntropyMean / Ln2;
            return s;
        }

        /// <summary>One object per sequence, in the order the ids first appear.</summary>
        public static IEnumerable<SequenceSummary> PerSequence(LossRun run, string source)
        {
            IReadOnlyList<LossAccumulator> sequences = run.Sums.Groups;
            for (int g = 0; g < sequences.Count; g++)
            {
                LossAccumulator q = sequences[g];
                yield return new SequenceSummary
                {
                    Sequence = run.GroupNames[g],
                    Tokens = q.Used,
                    Ignored = q.Ignored,
                    Loss = q.Mean,
                    Perplexity = Math.Exp(q.CrossEntropyMean),
                    BitsPerToken = q.CrossEntropyMean / Ln2,
                    Accuracy = q.Accuracy,
                    Source = source,
                };
            }
        }
    }
}
