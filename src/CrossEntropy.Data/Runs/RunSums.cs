using System.Collections.Generic;
using CrossEntropy.Engine;

namespace CrossEntropy.Data.Runs
{
    /// <summary>
    /// Everything a run sums, overall and per group, as mergeable accumulators: a chunk's sums are merged into its
    /// run's in file order, so the figures are the same for any thread count.
    /// </summary>
    internal sealed class RunSums
    {
        /// <summary>Examples of off-sum probability rows kept (their row numbers).</summary>
        public const int OffSumExamplesKept = 10;

        private readonly RunPlan _plan;
        private readonly List<LossAccumulator> _groups = new List<LossAccumulator>();
        private readonly List<long> _offSumExamples = new List<long>();

        /// <summary>Empty sums for <paramref name="plan"/>.</summary>
        public RunSums(RunPlan plan)
        {
            _plan = plan;
            Total = plan.NewAccumulator();
        }

        /// <summary>Sums over every row.</summary>
        public LossAccumulator Total { get; }
        /// <summary>Sums per group, indexed like the reader's group names (a group whose rows all failed to read still counts them).</summary>
        public IReadOnlyList<LossAccumulator> Groups => _groups;
        /// <summary>Probability rows that do not sum to 1 within the tolerance.</summary>
        public long OffSumRows { get; private set; }
        /// <summary>The first few of those rows' numbers.</summary>
        public IReadOnlyList<long> OffSumExamples => _offSumExamples;

        /// <summary>Sums of group <paramref name="g"/> (made when first asked for).</summary>
        public LossAccumulator GroupOf(int g)
        {
            while (_groups.Count <= g) _groups.Add(_plan.NewAccumulator());
            return _groups[g];
        }

        /// <summary>Counts a probability row that does not sum to 1.</summary>
        public void AddOffSum(long row)
        {
            OffSumRows++;
            if (_offSumExamples.Count < OffSumExamplesKept) _offSumExamples.Add(row);
        }

        /// <summary>Adds a chunk's sums: its group g is this run's <paramref name="groupMap"/>[g]; its rows start after <paramref name="rowOffset"/>.</summary>
        public void Merge(RunSums chunk, int[] groupMap, long rowOffset)
        {
            Total.Merge(chunk.Total);
            for (int g = 0; g < chunk._groups.Count; g++) GroupOf(groupMap[g]).Merge(chunk._groups[g]);
            OffSumRows += chunk.OffSumRows;
            foreach (long row in chunk._offSumExamples)
                if (_offSumExamples.Count < OffSumExamplesKept) _offSumExamples.Add(row + rowOffset);
        }

        /// <summary>Forgets everything (a chunk's sums, once merged).</summary>
        public void Clear()
        {
            Total.Clear();
            _groups.Clear();
            OffSumRows = 0;
            _offSumExamples.Clear();
        }
    }
}
