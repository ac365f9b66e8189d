using System;
using System.Collections.Generic;
using System.Linq;
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
        public static LossSummary Summary(LossRun run, Reduction reduction, string source) =>
            WithSequences(LossResults.Summary(run.Total, run.Schema, run.Plan.Options, reduction, source, null), run.GroupNames, run.Sums.Groups, run.Total);

        /// <summary>
        /// <paramref name="s"/> with the sequence figures of <paramref name="sequences"/> (named by <paramref name="ids"/>)
        /// and their sums as plain data, in ordinal order of the ids, so a merge can add them sequence by sequence.
        /// SequenceLoss sums the means exactly, so it does not depend on the order the sequences came in.
        /// </summary>
        public static LossSummary WithSequences(LossSummary s, IReadOnlyList<string> ids, IReadOnlyList<LossAccumulator> sequences, LossAccumulator total)
        {
            var mean = new ExactSum();
            long used = 0;
            foreach (LossAccumulator q in sequences)
            {
                if (!(q.WeightSum > 0)) continue;
                mean.Add(q.Mean);
                used++;
            }
            s.SequenceLoss = used > 0 ? mean.Value / used : double.NaN;
            s.Sequences = sequences.Count;
            s.EmptySequences = sequences.Count - used;
            s.Tokens = total.Used;
            s.BitsPerToken = total.CrossEntropyMean / Ln2;
            int[] order = Enumerable.Range(0, sequences.Count).OrderBy(g => ids[g], StringComparer.Ordinal).ToArray();
            s.SequenceIds = order.Select(g => ids[g]).ToArray();
            s.SequenceLossSums = order.Select(g => sequences[g].LossSum).ToArray();
            s.SequenceWeightSums = order.Select(g => sequences[g].WeightSum).ToArray();
            s.SequenceZLossSums = order.Select(g => sequences[g].ZLossSum).ToArray();
            s.SequenceSampleWeightSums = order.Select(g => sequences[g].SampleWeightSum).ToArray();
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
