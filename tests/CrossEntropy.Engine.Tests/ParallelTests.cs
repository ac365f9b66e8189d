using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace CrossEntropy.Engine.Tests
{
    /// <summary>The blocked, vectorised and parallel paths against the serial scalar reference.</summary>
    public class ParallelTests
    {
        private static (double[] Logits, int[] Labels) Data(int rows, int classes, int seed, bool extremes = false)
        {
            var rng = new Random(seed);
            var x = new double[rows * classes];
            for (int k = 0; k < x.Length; k++) x[k] = (rng.NextDouble() * 2 - 1) * 6;
            if (extremes)
                for (int i = 0; i < rows; i += 7) x[i * classes] += 700; // a large spread in some rows
            var y = new int[rows];
            for (int i = 0; i < rows; i++) y[i] = rng.Next(classes);
            for (int i = 3; i < rows; i += 11) y[i] = -100; // ignored rows
            return (x, y);
        }

        private static List<RowBlock> Blocks(double[] x, int[] y, int rows, int classes, int blockRows)
        {
            var blocks = new List<RowBlock>();
            for (int start = 0; start < rows; start += blockRows)
            {
                int n = Math.Min(blockRows, rows - start);
                var b = new RowBlock(blockRows, classes);
                Array.Copy(x, start * classes, b.Values, 0, n * classes);
                Array.Copy(y, start, b.Labels, 0, n);
                for (int i = 0; i < n; i++) b.RowNumbers[i] = start + i + 1;
                b.Count = n;
                blocks.Add(b);
            }
            return blocks;
        }

        // Short rows (< 8, the fused AVX-512 path from 8 to 63, the blocked path above), with and without weights
        // and smoothing (weighted smoothing leaves the fused path).
        public static TheoryData<int, int, double, double, bool> Shapes => new()
        {
            { 500, 3, 0.0, 1.0, true },
            { 1000, 10, 0.1, 1.0, true },
            { 1000, 10, 0.1, 1.0, false },
            { 700, 8, 0.0, 1.3, false },
            { 700, 17, 0.05, 1.0, false },
            { 300, 33, 0.0, 0.7, true },
            { 200, 63, 0.0, 1.0, true },
            { 64, 1000, 0.2, 2.0, true },
            { 9, 5000, 0.0, 1.0, false },
        };

        [Theory]
        [MemberData(nameof(Shapes))]
        public void EveryBlockSizeAndThreadCountMatchesTheScalarReference(int rows, int classes, double smoothing, double temperature, bool weighted)
        {
            var (x, y) = Data(rows, classes, seed: rows + classes, extremes: true);
            double[]? w = weighted ? Enumerable.Range(0, classes).Select(c => 0.5 + (c % 4) * 0.5).ToArray() : null;
            var o = new LossOptions { Classes = classes, ClassWeights = w, LabelSmoothing = smoothing, Temperature = temperature, IgnoreIndex = -100 };
            var refRows = new double[rows];
            var refGrad = new double[rows * classes];
            double reference = ScalarReference.MeanLoss(o, x, y, rows, refRows, refGrad);

            var engine = new LossEngine(o);
            foreach (int blockRows in new[] { 1, 7, 64, 1024 })
            {
                List<RowBlock> blocks = Blocks(x, y, rows, classes, blockRows);
                LossAccumulator? first = null;
                double[]? firstGrad = null;
                foreach (int threads in new[] { 1, 2, 3, 8 })
                {
                    var results = blocks.Select(_ => engine.CreateResult(blockRows)).ToList();
                    LossAccumulator total = BlockParallel.ForwardBackward(engine, blocks, results, threads);
                    double[] grad = blocks.SelectMany((b, i) => results[i].Gradient!.Take(b.Count * classes)).ToArray();
                    Near.Equal(reference, total.Mean, what: $"mean, blocks of {blockRows}, {threads} threads");
                    double[] perRow = blocks.SelectMany((b, i) => results[i].Loss.Take(b.Count)).ToArray();
                    for (int i = 0; i < rows; i++)
                        if (y[i] != -100) Near.Equal(refRows[i], perRow[i], what: $"row {i}");
                    Near.All(refGrad, grad, rel: 1e-11, abs: 1e-17, what: "gradient");
                    if (first == null)
                    {
                        first = total;
                        firstGrad = grad;
                        continue;
                    }
                    // Bit for bit the same whatever the thread count.
                    Assert.Equal(first.LossSum, total.LossSum);
                    Assert.Equal(first.WeightSum, total.WeightSum);
                    Assert.Equal(firstGrad, grad);
                }
            }
        }

        [Fact]
        public void ForwardKeepsItsBuffersBetweenCallsWithoutChangingAnAnswer()
        {
            // Forward reuses the workers' results from call to call on one engine (also for blocks of another size, and
            // after rows the per-row path rejected); every call must give what fresh buffers give.
            var (x, y) = Data(300, 12, seed: 4, extremes: true);
            x[5 * 12] = double.NaN;
            var engine = new LossEngine(new LossOptions { Classes = 12, IgnoreIndex = -100 });
            foreach (int blockRows in new[] { 64, 7, 128, 64 })
            {
                List<RowBlock> blocks = Blocks(x, y, 300, 12, blockRows);
                foreach (int threads in new[] { 1, 2 })
                {
                    LossAccumulator fresh = BlockParallel.Forward(engine, blocks, blocks.Select(_ => engine.CreateResult(blockRows)).ToList(), threads);
                    LossAccumulator reused = BlockParallel.Forward(engine, blocks, threads);
                    Assert.Equal(fresh.LossSum, reused.LossSum);
                    Assert.Equal(fresh.WeightSum, reused.WeightSum);
                    Assert.Equal(fresh.CorrectSum, reused.CorrectSum);
                    Assert.Equal(fresh.Counts, reused.Counts);
                }
            }
        }

        [Fact]
        public void FastPathAgreesWithThePerRowPathOnEdgeRows()
        {
            // The block kernel hands NaN, infinite and bad-label rows to the per-row path; the result must be the
            // same as computing each of those rows alone.
            double inf = double.PositiveInfinity;
            var rows = new[]
            {
                new[] { 1.0, 2, 3 }, new[] { inf, 0, 0 }, new[] { double.NaN, 0, 0 }, new[] { 0.5, -inf, 2 },
                new[] { -inf, -inf, -inf }, new[] { 1.0, 1, 1 }, new[] { 2.0, 0, 1 },
            };
            var labels = new[] { 2, 0, 1, 1, 0, 5, -100 };
            var o = new LossOptions { Classes = 3, IgnoreIndex = -100 };
            Runner together = Runner.Run(o, rows, labels, blockSize: 8);
            for (int i = 0; i < rows.Length; i++)
            {
                Runner alone = Runner.Run(o, new[] { rows[i] }, new[] { labels[i] }, blockSize: 1);
                Assert.Equal(alone.Status[0], together.Status[i]);
                Assert.Equal(alone.Loss[0], together.Loss[i]);
            }
            Assert.Equal(new[] { RowStatus.Used, RowStatus.Used, RowStatus.Rejected, RowStatus.Used, RowStatus.Rejected, RowStatus.Rejected, RowStatus.Ignored }, together.Status);
        }
    }
}
