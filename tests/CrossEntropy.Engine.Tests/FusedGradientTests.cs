using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace CrossEntropy.Engine.Tests
{
    /// <summary>
    /// Wide rows (and rows of 8-16 classes on the register path): <see cref="BlockParallel.ForwardBackward"/> writes each row's gradient with the forward pass, using the
    /// mean's normaliser predicted from the labels. It must give, bit for bit, what the forward pass followed by
    /// <see cref="GradientKernel.Compute"/> with the forward pass's normaliser gives: with class and sample weights, the
    /// ignore index, labels out of range, a temperature, smoothing, rows with NaN or ±Infinity (which make the prediction
    /// wrong, so the gradient is computed again), for both reductions and at every thread count.
    /// </summary>
    public class FusedGradientTests
    {
        [Theory]
        [InlineData(32, 0)]
        [InlineData(33, 1)]
        [InlineData(47, 2)]
        [InlineData(100, 3)]
        [InlineData(1000, 4)]
        [InlineData(64, 5)]
        [InlineData(70, 6)]
        [InlineData(10, 0)]
        [InlineData(8, 1)]
        [InlineData(13, 2)]
        [InlineData(16, 3)]
        [InlineData(10, 5)]
        [InlineData(9, 1)]
        [InlineData(12, 2)]
        [InlineData(11, 5)]
        public void FusedGradientIsTheTwoPassGradient(int classes, int variant)
        {
            var rng = new Random(700 + variant);
            double[]? weights = variant % 2 == 1 ? Enumerable.Range(0, classes).Select(_ => rng.NextDouble() * 2).ToArray() : null;
            var options = new LossOptions
            {
                Classes = classes,
                ClassWeights = weights,
                IgnoreIndex = variant >= 2 ? 3 : null,
                Temperature = variant == 3 ? 0.5 : 1.0,
                LabelSmoothing = variant == 4 ? 0.1 : 0.0,
                TopK = variant == 6 ? 3 : 1,
            };
            var engine = new LossEngine(options);
            // Rows of 8-16 classes fuse on the register path (AVX-512); elsewhere the two passes run, and must agree too.
            Assert.True(engine.FusesGradient || classes < 32);
            bool sampleWeights = variant == 5;
            foreach (bool badRows in new[] { false, true })
            {
                List<RowBlock> blocks = Blocks(rng, classes, sampleWeights, badRows);
                foreach (Reduction reduction in new[] { Reduction.Mean, Reduction.Sum })
                {
                    // The two-pass reference: forward keeping the exps, then the gradient pass.
                    List<BlockResult> expected = blocks.Select(b => engine.CreateResult(b.Capacity)).ToList();
                    LossAccumulator reference = BlockParallel.Forward(engine, blocks, expected, 1);
                    double normaliser = reduction == Reduction.Mean ? reference.WeightSum : 1.0;
                    for (int b = 0; b < blocks.Count; b++) GradientKernel.Compute(options, blocks[b], expected[b], normaliser);
                    foreach (int threads in new[] { 1, 2, 3 })
                    {
                        List<BlockResult> results = blocks.Select(b => engine.CreateResult(b.Capacity)).ToList();
                        LossAccumulator total = BlockParallel.ForwardBackward(engine, blocks, results, threads, reduction);
                        string what = $"{classes} classes, variant {variant}, bad rows {badRows}, {reduction}, {threads} threads";
                        Assert.True(BitConverter.DoubleToInt64Bits(reference.LossSum) == BitConverter.DoubleToInt64Bits(total.LossSum), what);
                        Assert.True(BitConverter.DoubleToInt64Bits(reference.WeightSum) == BitConverter.DoubleToInt64Bits(total.WeightSum), what);
                        Assert.Equal(reference.Counts, total.Counts);
                        for (int b = 0; b < blocks.Count; b++)
                        {
                            int n = blocks[b].Count * classes;
                            Assert.True(expected[b].Gradient!.Take(n).Select(BitConverter.DoubleToInt64Bits).SequenceEqual(results[b].Gradient!.Take(n).Select(BitConverter.DoubleToInt64Bits)), $"{what}, block {b}");
                            Assert.Equal(expected[b].Loss.Take(blocks[b].Count).Select(BitConverter.DoubleToInt64Bits), results[b].Loss.Take(blocks[b].Count).Select(BitConverter.DoubleToInt64Bits));
                            Assert.Equal(expected[b].Status.Take(blocks[b].Count), results[b].Status.Take(blocks[b].Count));
                        }
                    }
                }
            }
        }

        [Fact]
        public void OtherPathsDoNotFuse()
        {
            Assert.False(new LossEngine(new LossOptions { Classes = 5 }).FusesGradient);
            Assert.False(new LossEngine(new LossOptions { Classes = 20 }).FusesGradient);
            Assert.False(new LossEngine(new LossOptions { Classes = 10, TopK = 2 }).FusesGradient);
            Assert.False(new LossEngine(new LossOptions { Classes = 10, LabelSmoothing = 0.1 }).FusesGradient);
            Assert.False(new LossEngine(new LossOptions { Classes = 40, LabelSmoothing = 0.1, ClassWeights = new double[40] }).FusesGradient);
            Assert.Throws<InvalidOperationException>(() => new LossEngine(new LossOptions { Classes = 5 }).ComputeWithGradient(new RowBlock(1, 5), new BlockResult(1, 5), 1.0));
        }

        private static List<RowBlock> Blocks(Random rng, int classes, bool sampleWeights, bool badRows)
        {
            var blocks = new List<RowBlock>();
            foreach (int rows in new[] { 7, 1, 13, 5, 70 })
            {
                var block = new RowBlock(rows, classes, hasSampleWeights: sampleWeights);
                for (int k = 0; k < rows * classes; k++) block.Values[k] = (rng.NextDouble() - 0.5) * 8;
                for (int i = 0; i < rows; i++)
                {
                    block.Labels[i] = rng.Next(10) == 0 ? rng.Next(-2, classes + 2) : rng.Next(classes);
                    if (sampleWeights) block.SampleWeights![i] = rng.NextDouble() * 3;
                }
                if (badRows && rows > 2)
                {
                    block.Values[classes + rng.Next(classes)] = double.NaN; // rejected: the predicted normaliser is wrong
                    block.Values[2 * classes + rng.Next(classes)] = double.PositiveInfinity; // one +Infinity: used, on the per-row path
                }
                block.Count = rows;
                blocks.Add(block);
            }
            return blocks;
        }
    }
}
