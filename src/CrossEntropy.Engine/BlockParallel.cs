using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;

namespace CrossEntropy.Engine
{
    /// <summary>
    /// Runs the engine over blocks already in memory on several threads. Each block is summed alone and the sums are
    /// merged in block order, so the answer is the same, bit for bit, for any thread count.
    /// </summary>
    internal static class BlockParallel
    {
        // Workers' result buffers, kept from call to call on one engine as the module's BlockPool keeps them from block
        // to block: a result is a few hundred KB to a few MB of large-object arrays, and allocating them on every call
        // (page faults, clearing) cost the 1,000,000 × 10 forward pass about a fifth of its time.
        private static readonly ConditionalWeakTable<LossEngine, ConcurrentBag<BlockResult>> Spare = new ConditionalWeakTable<LossEngine, ConcurrentBag<BlockResult>>();

        /// <summary>Forward pass over every block, each thread reusing one result buffer.</summary>
        public static LossAccumulator Forward(LossEngine engine, IReadOnlyList<RowBlock> blocks, int threads)
        {
            var partial = new LossAccumulator[blocks.Count];
            int capacity = 0;
            foreach (RowBlock b in blocks) capacity = Math.Max(capacity, b.Capacity);
            ConcurrentBag<BlockResult> spare = Spare.GetOrCreateValue(engine);
            Parallel.For(0, blocks.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) },
                () => (Result: Take(engine, spare, capacity), Sums: engine.CreateAccumulator()),
                (b, _, local) =>
                {
                    engine.Compute(blocks[b], local.Result);
                    local.Sums.AddBlock(blocks[b], local.Result);
                    partial[b] = local.Sums.Drain();
                    return local;
                },
                local => spare.Add(local.Result));
            return Merge(engine, partial);
        }

        private static BlockResult Take(LossEngine engine, ConcurrentBag<BlockResult> spare, int capacity) =>
            spare.TryTake(out BlockResult? result) && result.Capacity >= capacity ? result : engine.CreateResult(capacity);

        /// <summary>Forward pass over every block; per-block results are kept in <paramref name="results"/>.</summary>
        public static LossAccumulator Forward(LossEngine engine, IReadOnlyList<RowBlock> blocks, IReadOnlyList<BlockResult> results, int threads) =>
            Run(engine, blocks, results, threads, (block, result) => engine.Compute(block, result, keepExponentials: true));

        private static LossAccumulator Run(LossEngine engine, IReadOnlyList<RowBlock> blocks, IReadOnlyList<BlockResult> results, int threads,
            Action<RowBlock, BlockResult> compute)
        {
            if (results.Count < blocks.Count) throw new ArgumentException("One result buffer per block is needed.", nameof(results));
            var partial = new LossAccumulator[blocks.Count];
            Parallel.For(0, blocks.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) },
                engine.CreateAccumulator,
                (b, _, sums) =>
                {
                    compute(blocks[b], results[b]);
                    sums.AddBlock(blocks[b], results[b]);
                    partial[b] = sums.Drain();
                    return sums;
                },
                _ => { });
            return Merge(engine, partial);
        }

        /// <summary>
        /// Forward pass, then every row's gradient of the reduced loss (mean: divided by the total weight, known only
        /// after the forward pass) into each result's <see cref="BlockResult.Gradient"/>.
        /// </summary>
        public static LossAccumulator ForwardBackward(LossEngine engine, IReadOnlyList<RowBlock> blocks, IReadOnlyList<BlockResult> results,
            int threads, Reduction reduction = Reduction.Mean)
        {
            if (engine.FusesGradient)
            {
                // Wide rows: the gradient is written with the forward pass, while each row is in cache, using the mean's
                // normaliser as it will come out if every row with a valid label is used. The forward pass then says
                // what it is; if not those bits (a row was rejected), the gradient is computed again the usual way.
                double predicted = reduction == Reduction.Mean ? PredictedWeightSum(engine.Options, blocks) : 1.0;
                LossAccumulator fused = Run(engine, blocks, results, threads, (block, result) => engine.ComputeWithGradient(block, result, predicted));
                double actual = reduction == Reduction.Mean ? fused.WeightSum : 1.0;
                if (BitConverter.DoubleToInt64Bits(actual) == BitConverter.DoubleToInt64Bits(predicted)) return fused;
            }
            LossAccumulator total = Forward(engine, blocks, results, threads);
            double normaliser = reduction == Reduction.Mean ? total.WeightSum : 1.0;
            Parallel.For(0, blocks.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) },
                b => GradientKernel.Compute(engine.Options, blocks[b], results[b], normaliser));
            return total;
        }

        // The mean's denominator as the accumulators will sum it if every row with a valid label is used: per block
        // Σ sample weight × w[y] from 0 in row order (LossAccumulator.Add and AddBlock), then the blocks in order (Merge).
        private static double PredictedWeightSum(LossOptions o, IReadOnlyList<RowBlock> blocks)
        {
            double total = 0;
            foreach (RowBlock block in blocks)
            {
                double sum = 0;
                for (int i = 0; i < block.Count; i++)
                {
                    int y = block.Labels[i];
                    if (y == o.IgnoreIndex || (uint)y >= (uint)o.Classes) continue;
                    sum += block.SampleWeight(i) * o.WeightOf(y);
                }
                total += sum;
            }
            return total;
        }

        // In block order, so floating-point sums associate the same way for any thread count.
        private static LossAccumulator Merge(LossEngine engine, LossAccumulator[] partial)
        {
            LossAccumulator total = engine.CreateAccumulator();
            foreach (LossAccumulator a in partial) total.Merge(a);
            return total;
        }
    }
}
