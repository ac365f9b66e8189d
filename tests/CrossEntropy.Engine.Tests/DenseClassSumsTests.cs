using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace CrossEntropy.Engine.Tests
{
    /// <summary>
    /// LossAccumulator.AddBlock's common case (no sample weights), which sums up to 256 classes in a dense table, against
    /// the loop it had for every class count (kept here as the reference): per block the totals from 0 in row order,
    /// then added to the accumulator's; each class's sums going on from the table's own in row order. To the bit, over
    /// several blocks into one accumulator (so classes already touched go on), and through Drain and Merge; on random
    /// statuses and values with NaN, ±Infinity, -0 and true classes out of range; 1 to 20 classes and either side of 256.
    /// And the engine's forward pass over blocks at 1, 2 and 3 threads, against the tile path's per-row figures summed the
    /// old way.
    /// </summary>
    public class DenseClassSumsTests
    {
        private static readonly double[] Odd = { double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, 0.0, 1e308, -1e308 };

        private static BlockResult RandomResult(Random rng, int classes, int rows)
        {
            var r = new BlockResult(rows, classes) { Count = rows };
            for (int i = 0; i < rows; i++)
            {
                int kind = rng.Next(10);
                r.Status[i] = kind == 0 ? RowStatus.Ignored : kind == 1 ? RowStatus.Rejected : RowStatus.Used;
                r.Loss[i] = rng.Next(12) == 0 ? Odd[rng.Next(Odd.Length)] : rng.NextDouble() * 4;
                r.Norm[i] = rng.Next(12) == 0 ? Odd[rng.Next(Odd.Length)] : rng.NextDouble() * 2;
                r.Correct[i] = rng.Next(12) == 0 ? Odd[rng.Next(Odd.Length)] : rng.Next(2);
                r.TopKCorrect[i] = rng.Next(2) == 0;
                r.TrueClass[i] = rng.Next(15) == 0 ? rng.Next(-2, classes + 2) : rng.Next(classes);
            }
            return r;
        }

        // AddBlock's common-case loop as it was for every class count.
        private static void ReferenceAdd(ref LossSums totals, ClassSums[] perClass, BlockResult r)
        {
            double loss = 0, weight = 0, correct = 0, topK = 0;
            long used = 0;
            for (int i = 0; i < r.Count; i++)
            {
                switch (r.Status[i])
                {
                    case RowStatus.Ignored: totals.Counts.Ignored++; continue;
                    case RowStatus.Rejected: totals.Counts.Rejected++; continue;
                }
                double l = r.Loss[i], w = r.Norm[i], ok = r.Correct[i];
                used++;
                loss += l;
                weight += w;
                correct += ok;
                if (r.TopKCorrect[i]) topK++;
                int c = r.TrueClass[i];
                if (c < 0 || c >= perClass.Length) continue;
                ref ClassSums t = ref perClass[c];
                t.Count++;
                t.LossSum += l;
                t.WeightSum += w;
                t.CorrectSum += ok;
                t.SampleWeightSum += 1;
            }
            totals.Counts.Used += used;
            totals.LossSum += loss;
            totals.WeightSum += weight;
            totals.CorrectSum += correct;
            totals.TopKCorrectSum += topK;
            totals.SampleWeightSum += used;
        }

        private static void AssertSame(in LossSums expected, ClassSums[] expectedPerClass, LossAccumulator actual, string what)
        {
            Assert.True(expected.Counts.Used == actual.Used && expected.Counts.Ignored == actual.Ignored && expected.Counts.Rejected == actual.Rejected, what);
            Assert.True(Same(expected.LossSum, actual.LossSum) && Same(expected.WeightSum, actual.WeightSum) && Same(expected.CorrectSum, actual.CorrectSum) &&
                Same(expected.TopKCorrectSum, actual.TopKCorrectSum) && Same(expected.SampleWeightSum, actual.SampleWeightSum) &&
                Same(expected.ZLossSum, actual.ZLossSum), what);
            for (int c = 0; c < expectedPerClass.Length; c++)
            {
                ClassSums e = expectedPerClass[c], a = actual.ClassAt(c);
                Assert.True(e.Count == a.Count && Same(e.LossSum, a.LossSum) && Same(e.WeightSum, a.WeightSum) && Same(e.CorrectSum, a.CorrectSum) &&
                    Same(e.SampleWeightSum, a.SampleWeightSum), FormattableString.Invariant($"{what}, class {c}"));
            }
        }

        private static bool Same(double a, double b) => BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b);

        [Fact]
        public void AddBlockSumsAsTheGeneralLoop()
        {
            var rng = new Random(2607);
            foreach (int classes in Enumerable.Range(1, 20).Concat(new[] { 255, 256, 257, 300 }))
            {
                for (int run = 0; run < 3; run++)
                {
                    var blocks = Enumerable.Range(0, 1 + rng.Next(4)).Select(_ => RandomResult(rng, classes, rng.Next(0, 90))).ToList();
                    var totals = new LossSums();
                    var perClass = new ClassSums[classes];
                    var kept = new LossAccumulator(classes);
                    var merged = new LossAccumulator(classes);
                    var drained = new LossAccumulator(classes);
                    foreach (BlockResult r in blocks)
                    {
                        ReferenceAdd(ref totals, perClass, r);
                        kept.AddBlock(new RowBlock(Math.Max(1, r.Count), classes), r);
                        drained.AddBlock(new RowBlock(Math.Max(1, r.Count), classes), r);
                        merged.Merge(drained.Drain());
                    }
                    string what = FormattableString.Invariant($"{classes} classes, run {run}, {blocks.Count} blocks");
                    AssertSame(totals, perClass, kept, what);
                    // Through Drain and Merge each block's sums start from 0 and are added after: the reference per block.
                    var mergedTotals = new LossSums();
                    var mergedPerClass = new ClassSums[classes];
                    foreach (BlockResult r in blocks)
                    {
                        var blockTotals = new LossSums();
                        var blockPerClass = new ClassSums[classes];
                        ReferenceAdd(ref blockTotals, blockPerClass, r);
                        mergedTotals.Add(blockTotals);
                        for (int c = 0; c < classes; c++)
                            if (blockPerClass[c].Count > 0) mergedPerClass[c].Add(blockPerClass[c]);
                    }
                    AssertSame(mergedTotals, mergedPerClass, merged, what + ", merged");
                }
            }
        }

        [Fact]
        public void ForwardSumsAreTheOldSumsOfTheTilePathsRowsAtEveryThreadCount()
        {
            var rng = new Random(3141);
            foreach (int classes in new[] { 3, 8, 10, 13, 16, 20 })
            {
                foreach (bool weighted in new[] { false, true })
                {
                    double[]? weights = weighted ? Enumerable.Range(0, classes).Select(_ => rng.NextDouble() * 3).ToArray() : null;
                    var options = new LossOptions { Classes = classes, ClassWeights = weights, IgnoreIndex = 1 };
                    var engine = new LossEngine(options);
                    // Top-2 takes the tile path and the per-row loop; its rows' losses are the register path's (ShortRowExpSumsTests).
                    var tile = new LossEngine(new LossOptions { Classes = classes, ClassWeights = weights, IgnoreIndex = 1, TopK = 2 });
                    var blocks = new List<RowBlock>();
                    for (int b = 0; b < 7; b++)
                    {
                        int rows = 1 + rng.Next(700); // several tiles of 2,048 doubles, rarely a multiple of 8 rows
                        var block = new RowBlock(rows, classes);
                        for (int k = 0; k < rows * classes; k++) block.Values[k] = (rng.NextDouble() - 0.5) * 8;
                        for (int i = 0; i < rows; i++)
                        {
                            block.Labels[i] = rng.Next(20) == 0 ? rng.Next(-1, classes + 1) : rng.Next(classes);
                            block.RowNumbers[i] = i + 1;
                            if (rng.Next(50) == 0) block.Values[i * classes + rng.Next(classes)] = rng.Next(2) == 0 ? double.NaN : double.PositiveInfinity;
                        }
                        block.Count = rows;
                        blocks.Add(block);
                    }
                    var totals = new LossSums();
                    var perClass = new ClassSums[classes];
                    foreach (RowBlock block in blocks)
                    {
                        BlockResult r = tile.CreateResult(block.Count);
                        tile.Compute(block, r);
                        // The register path's top-1 flags, so that TopKCorrectSum compares too.
                        for (int i = 0; i < block.Count; i++) r.TopKCorrect[i] = r.Correct[i] == 1;
                        var blockTotals = new LossSums();
                        var blockPerClass = new ClassSums[classes];
                        ReferenceAdd(ref blockTotals, blockPerClass, r);
                        totals.Add(blockTotals);
                        for (int c = 0; c < classes; c++)
                            if (blockPerClass[c].Count > 0) perClass[c].Add(blockPerClass[c]);
                    }
                    foreach (int threads in new[] { 1, 2, 3 })
                        AssertSame(totals, perClass, BlockParallel.Forward(engine, blocks, threads),
                            FormattableString.Invariant($"{classes} classes, weighted {weighted}, {threads} threads"));
                }
            }
        }
    }
}
