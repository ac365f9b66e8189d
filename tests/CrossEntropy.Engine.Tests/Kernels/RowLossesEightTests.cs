using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace CrossEntropy.Engine.Tests.Kernels
{
    /// <summary>
    /// The register path's per-row losses eight rows a step (<see cref="IndexLogitsKernel.RowLossesEight"/>) against
    /// the per-row loop it stands in for (<see cref="IndexLogitsKernel.RowLosses"/>), to the bit, on the same inputs:
    /// row sums below 1, 1, NaN, ±Infinity, ±0; logs and the label's shifted logit NaN, ±Infinity, -0; labels out of
    /// range and the ignore index; class weights with -0, 0, Infinity and NaN; 1 to 20 classes; row ranges of every
    /// length and start around the eight-row step. The slow rows must be handed over in the same order.
    /// </summary>
    public class RowLossesEightTests
    {
        private static readonly double[] OddSums = { 0.5, 1.0, 0.0, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1 - 1e-16, double.Epsilon };
        private static readonly double[] OddValues = { double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, 0.0, 1e308, -1e-310 };

        private static double Pick(Random rng, double[] odd, double usual) => rng.Next(6) == 0 ? odd[rng.Next(odd.Length)] : usual;

        [Fact]
        public void EightRowsAtATimeGiveThePerRowLoopsBits()
        {
            var rng = new Random(1807);
            for (int classes = 1; classes <= 20; classes++)
            {
                for (int variant = 0; variant < 6; variant++)
                {
                    double[]? weights = variant % 3 == 1
                        ? Enumerable.Range(0, classes).Select(_ => Pick(rng, OddValues, rng.NextDouble() * 3)).ToArray()
                        : null;
                    int? ignore = variant % 3 == 2 ? rng.Next(-1, classes + 1) : (int?)null;
                    var o = new LossOptions { Classes = classes, ClassWeights = weights, IgnoreIndex = ignore };
                    // Mostly plain rows (so many eight-row groups take the vectors), sometimes one odd row in any place.
                    bool sparse = variant >= 3;
                    int rows = 1 + rng.Next(60);
                    var block = new RowBlock(rows, classes);
                    BlockResult a = new BlockResult(rows, classes), b = new BlockResult(rows, classes);
                    double[] atA = a.RowAtLabel(), atB = b.RowAtLabel();
                    for (int i = 0; i < rows; i++)
                    {
                        bool odd = rng.Next(sparse ? 40 : 6) == 0;
                        block.Labels[i] = odd && rng.Next(2) == 0 ? rng.Next(-2, classes + 2) : rng.Next(classes);
                        double s = odd ? Pick(rng, OddSums, 1 + rng.NextDouble() * (classes - 1)) : 1 + rng.NextDouble() * (classes - 1);
                        a.RowSum[i] = b.RowSum[i] = s;
                        a.RowLogSum[i] = b.RowLogSum[i] = odd ? Pick(rng, OddValues, Math.Log(s)) : Math.Log(s);
                        atA[i] = atB[i] = odd ? Pick(rng, OddValues, -rng.NextDouble() * 5) : -rng.NextDouble() * 5;
                        a.Predicted[i] = b.Predicted[i] = rng.Next(3) == 0 ? block.Labels[i] : rng.Next(classes);
                    }
                    block.Count = rows;
                    int from = rng.Next(rows), to = from + rng.Next(rows - from + 1);
                    var slowA = new List<int>();
                    var slowB = new List<int>();
                    IndexLogitsKernel.RowLossesEight(o, o.WeightTotal(), block, a, atA, from, to, Slow(slowA));
                    IndexLogitsKernel.RowLosses(o, o.WeightTotal(), block, b, ReadOnlySpan<double>.Empty, atB, from, to, Slow(slowB));
                    string what = FormattableString.Invariant($"{classes} classes, variant {variant}, rows {from}..{to} of {rows}");
                    Assert.True(slowB.SequenceEqual(slowA), what);
                    Assert.True(b.Status.SequenceEqual(a.Status), what);
                    Assert.True(b.TrueClass.SequenceEqual(a.TrueClass), what);
                    Assert.True(b.TopKCorrect.SequenceEqual(a.TopKCorrect), what);
                    Assert.True(b.Predicted.SequenceEqual(a.Predicted), what);
                    foreach (Func<BlockResult, double[]> field in new Func<BlockResult, double[]>[] { r => r.Loss, r => r.Norm, r => r.Confidence, r => r.Correct, r => r.RowSum, r => r.RowLogSum })
                        Assert.True(Bits(field(b)).SequenceEqual(Bits(field(a))), what);
                }
            }
        }

        // The slow row's stand-in: records the order and marks the row (RowLosses marks its sum NaN after).
        private static Action<RowBlock, int, BlockResult> Slow(List<int> calls) => (block, i, r) =>
        {
            calls.Add(i);
            r.Status[i] = RowStatus.Rejected;
            r.Loss[i] = -i;
        };

        private static long[] Bits(double[] v) => v.Select(BitConverter.DoubleToInt64Bits).ToArray();
    }
}
