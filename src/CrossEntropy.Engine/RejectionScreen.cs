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
            if (o.Input == InputKind.Logits) return AllFinite(row); // a temperature's overflow of finite logits is rescued, never rejected
            double lo = Vec.Min(row), hi = Vec.Max(row); // NaN when any score is NaN: both tests fail
            return lo >= 0 && hi <= 1;
        }

        // x·0 is ±0 for a finite x and NaN for NaN or ±Infinity, so the sum of them is 0 exactly when every x is finite.
        // Four sums without a branch: this runs once per pipeline row, where a library call costs more than the loop.
        private static bool AllFinite(ReadOnlySpan<double> x)
        {
            double a = 0, b = 0, c = 0, d = 0;
            int k = 0;
            for (; k + 4 <= x.Length; k += 4)
            {
                a += x[k] * 0;
                b += x[k + 1] * 0;
                c += x[k + 2] * 0;
                d += x[k + 3] * 0;
            }
            for (; k < x.Length; k++) a += x[k] * 0;
            return a + b + c + d == 0;
        }
    }
}
