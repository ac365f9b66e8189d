using System;
using CrossEntropy.Engine.Kernels;

namespace CrossEntropy.Engine
{
    /// <summary>
    /// Says, before a block is computed, that <see cref="LossEngine.Compute(RowBlock, BlockResult)"/> will surely not
    /// reject a row, so that a caller need not keep what a rejection would name (a pipeline row's object: a block of
    /// them held until the block is computed outlives young-generation collections, which then cost more than reading
    /// the rows). Conservative, never the other way round: true only for class-index targets without the training-loss
    /// options, whose label is ignored, or in range with every score finite (logits) or in [0, 1] (probabilities) —
    /// rows that <see cref="LossEngine"/>, <see cref="LogProbabilities"/> and the index kernel all compute.
    /// </summary>
    internal static class RejectionScreen
    {
        /// <summary>True when computing row <paramref name="i"/> of <paramref name="block"/> under <paramref name="o"/> cannot reject it.</summary>
        public static bool CannotReject(LossOptions o, RowBlock block, int i)
        {
            if (o.Target != TargetKind.ClassIndex || o.HasTrainingLoss || block.Classes != o.Classes) return false;
            int y = block.Labels[i];
            if (o.IgnoreIndex == y) return true;
            if ((uint)y >= (uint)o.Classes) return false;
            ReadOnlySpan<double> row = block.Row(i);
            double lo = Vec.Min(row), hi = Vec.Max(row); // NaN when any score is NaN: both tests below fail
            return o.Input == InputKind.Logits
                ? lo >= -double.MaxValue && hi <= double.MaxValue // finite: a temperature's overflow is rescued, never rejected
                : lo >= 0 && hi <= 1;
        }
    }
}
