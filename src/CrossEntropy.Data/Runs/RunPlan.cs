using System;
using CrossEntropy.Data.Schemas;
using CrossEntropy.Engine;

namespace CrossEntropy.Data.Runs
{
    /// <summary>What a run computes for each block.</summary>
    internal enum RunMode
    {
        /// <summary>Losses and their sums (Measure-CrossEntropy, the audits).</summary>
        Loss,
        /// <summary>Probabilities or log-probabilities per row (Get-Softmax; audits of rows without labels).</summary>
        Softmax,
        /// <summary>Losses, sums and per-row gradients (Get-LossGradient).</summary>
        Gradient,
    }

    /// <summary>
    /// What a run computes, fixed before its first row and shared, read-only, by the run and its chunks: the schema,
    /// the engine with its options, the mode and what the mode needs.
    /// </summary>
    internal sealed class RunPlan
    {
        /// <summary>Rows per block at most: big enough to amortise calls, small enough to stay in cache.</summary>
        public const int DefaultBlockSize = 1024;

        /// <summary>A plan over rows shaped by <paramref name="schema"/> (block size 0: <see cref="BlockRowsFor"/>).</summary>
        public RunPlan(Schema schema, LossOptions options, RunMode mode = RunMode.Loss, int blockSize = 0)
        {
            Schema = schema;
            Engine = new LossEngine(options);
            Mode = mode;
            BlockSize = blockSize > 0 ? blockSize : BlockRowsFor(options.Classes);
        }

        /// <summary>Rows per block for <paramref name="classes"/> scores a row: about 32K doubles a block (cache-sized), 1 to 1024 rows.</summary>
        public static int BlockRowsFor(int classes) => Math.Max(1, Math.Min(DefaultBlockSize, 32768 / Math.Max(1, classes)));

        /// <summary>The mapping rows are read through.</summary>
        public Schema Schema { get; }
        /// <summary>The engine and its options.</summary>
        public LossEngine Engine { get; }
        /// <summary>The loss definition.</summary>
        public LossOptions Options => Engine.Options;
        /// <summary>What each block computes.</summary>
        public RunMode Mode { get; }
        /// <summary>Rows per block.</summary>
        public int BlockSize { get; }

        /// <summary>The sink gets every computed row (Measure-CrossEntropy -Reduction None, Get-Softmax, ...).</summary>
        public bool PerRowOutput { get; init; }
        /// <summary>Softmax mode: log-probabilities instead of probabilities.</summary>
        public bool LogProbabilities { get; init; }
        /// <summary>
        /// Gradient mode: the reduction's normaliser if known up front (1 for Sum). Null (the mean) keeps every block
        /// until the run finishes and knows the total weight.
        /// </summary>
        public double? GradientNormaliser { get; init; }
        /// <summary>Gradient mode: the z-loss part's normaliser (Σ sample weight of the used rows); NaN: the same as <see cref="GradientNormaliser"/>.</summary>
        public double ZNormaliser { get; init; } = double.NaN;
        /// <summary>Gradient mode: cap on each row's gradient L2 norm (0: none).</summary>
        public double ClipNorm { get; init; }

        /// <summary>Gradient of the mean: blocks wait for the total weight.</summary>
        public bool WaitsForTotal => Mode == RunMode.Gradient && GradientNormaliser == null;

        /// <summary>Gradient of the mean whose total weight a first pass over the file found (<see cref="WithTotal"/>).</summary>
        public bool TotalFromFirstPass { get; private init; }

        /// <summary>
        /// This gradient-of-the-mean plan with the total weight (and the used rows' sample weight, the z-loss part's
        /// normaliser) known: blocks are computed and written as they come, and nothing waits.
        /// </summary>
        public RunPlan WithTotal(double totalWeight, double totalSampleWeight) => new RunPlan(Schema, Options, Mode, BlockSize)
        {
            PerRowOutput = PerRowOutput,
            LogProbabilities = LogProbabilities,
            GradientNormaliser = totalWeight,
            ZNormaliser = totalSampleWeight,
            ClipNorm = ClipNorm,
            TotalFromFirstPass = true,
        };

        /// <summary>The plan of a first pass that only sums (losses and weights, no output) the rows this plan reads.</summary>
        public RunPlan SumsOnly() => new RunPlan(Schema, Options, RunMode.Loss, BlockSize);

        /// <summary>Buckets per-class sums have: two for binary (labels 0 and 1), else one per score column.</summary>
        public LossAccumulator NewAccumulator() => Engine.CreateAccumulator();
    }
}
