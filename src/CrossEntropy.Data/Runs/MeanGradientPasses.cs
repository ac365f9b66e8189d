using CrossEntropy.Data.Problems;
using CrossEntropy.Data.Sources;

namespace CrossEntropy.Data.Runs
{
    /// <summary>
    /// The gradient of the mean over a file in two passes: the first sums the weights and keeps nothing, the second
    /// writes each block's gradient divided by that total as it goes. Memory stays flat (keeping every block until the
    /// total was known took about the file's size again: 1.4 GB for a 1 GB file). Pipeline rows cannot be read twice:
    /// they still wait in memory.
    /// </summary>
    internal static class MeanGradientPasses
    {
        /// <summary>
        /// The run that should read <paramref name="file"/>: <paramref name="run"/> itself, or — for the gradient of
        /// the mean, before any row — a run writing to <paramref name="sink"/> that knows the file's total weight from a
        /// first pass (made here, on <paramref name="reading"/>'s threads).
        /// </summary>
        public static LossRun ForFile(LossRun run, IChunkedFile file, FileReading reading, IRunSink sink)
        {
            if (!run.Plan.WaitsForTotal || run.Total.Read > 0) return run;
            var first = new LossRun(run.Plan.SumsOnly(), NoSink.Instance);
            ParallelFile.Run(file, first, reading);
            first.Finish();
            // An overflowed total (weights near 1e308) gives NaN gradients rather than a silent 0, as in one pass.
            bool overflow = first.Total.WeightsOverflow;
            return new LossRun(run.Plan.WithTotal(overflow ? double.NaN : first.Total.WeightSum, overflow ? double.NaN : first.Total.SampleWeightSum), sink)
            {
                CurrentFile = run.CurrentFile,
                CurrentSource = run.CurrentSource,
            };
        }

        // The first pass's rows and problems go nowhere: the second pass reports them.
        private sealed class NoSink : IRunSink
        {
            public static readonly NoSink Instance = new NoSink();

            public void Rows(in RowOutcomes rows)
            {
            }

            public void Problem(Problem problem)
            {
            }
        }
    }
}
