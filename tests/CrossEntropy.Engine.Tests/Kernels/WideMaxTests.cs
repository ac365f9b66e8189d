using System;
using System.Linq;
using CrossEntropy.Engine.Kernels;
using Xunit;

namespace CrossEntropy.Engine.Tests.Kernels
{
    /// <summary>
    /// <see cref="WideMax"/> against <see cref="Vec.IndexOfMax"/>, at every width, on rows built to catch it out: ties
    /// for the max (the first must win), a max of -0 or +0 beside the other zero, ±Infinity, NaN, and every length
    /// around the vector and four-vector boundaries. Then the long-row kernel, which uses it, against the loss computed
    /// the way it was before (IndexOfMax, then the exp sum), to the bit.
    /// </summary>
    public class WideMaxTests
    {
        private delegate double MaxOf(ReadOnlySpan<double> x, out int index);

        private static double[] Row(Random rng, int n)
        {
            var x = new double[n];
            for (int i = 0; i < n; i++) x[i] = (rng.NextDouble() - 0.5) * 20;
            switch (rng.Next(8))
            {
                case 0: // ties for the max
                    double top = x.Max() + 1;
                    for (int k = 0; k < 3; k++) x[rng.Next(n)] = top;
                    break;
                case 1: // max ±0, the other zero beside it
                    for (int i = 0; i < n; i++) x[i] = -Math.Abs(x[i]) - 1;
                    x[rng.Next(n)] = -0.0;
                    x[rng.Next(n)] = rng.Next(2) == 0 ? 0.0 : -0.0;
                    break;
                case 2:
                    x[rng.Next(n)] = double.PositiveInfinity;
                    if (rng.Next(2) == 0) x[rng.Next(n)] = double.PositiveInfinity;
                    break;
                case 3:
                    for (int i = 0; i < n; i++) x[i] = double.NegativeInfinity;
                    if (rng.Next(2) == 0) x[rng.Next(n)] = -1e308;
                    break;
                case 4: // the max in the overlapping last vector only
                    x[n - 1] = 100;
                    break;
            }
            return x;
        }

        [Fact]
        public void EveryWidthGivesIndexOfMaxAndItsValue()
        {
            var widths = new (string Name, MaxOf Run)[]
            {
                ("dispatch", WideMax.MaxAndIndex),
                ("Vector512", WideMax.MaxAndIndex512),
                ("Vector256", WideMax.MaxAndIndex256),
            };
            var rng = new Random(23);
            for (int n = 1; n <= 140; n++)
            {
                for (int trial = 0; trial < 40; trial++)
                {
                    double[] x = Row(rng, n);
                    int expected = Vec.IndexOfMax(x);
                    foreach ((string name, MaxOf run) in widths)
                    {
                        double m = run(x, out int index);
                        Assert.True(index == expected, $"{name}, n = {n}: index {index}, expected {expected} in [{string.Join(", ", x.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))}]");
                        Assert.Equal(BitConverter.DoubleToInt64Bits(x[expected]), BitConverter.DoubleToInt64Bits(m));
                    }
                }
            }
        }

        [Fact]
        public void RowsWithNaNGiveAnElementOfTheRow()
        {
            var rng = new Random(29);
            foreach (int n in new[] { 32, 33, 64, 100, 1000 })
            {
                double[] x = Row(rng, n);
                x[rng.Next(n)] = double.NaN;
                double m = WideMax.MaxAndIndex(x, out int index);
                Assert.InRange(index, 0, n - 1);
                Assert.Equal(BitConverter.DoubleToInt64Bits(x[index]), BitConverter.DoubleToInt64Bits(m));
            }
        }

        [Theory]
        [InlineData(40)]
        [InlineData(257)]
        [InlineData(3000)]
        public void LongRowsKeepTheirLossesAndPredictionsToTheBit(int classes)
        {
            var rng = new Random(classes);
            int rows = 300;
            double[][] x = Enumerable.Range(0, rows).Select(_ => Row(rng, classes)).ToArray();
            for (int i = 0; i < rows; i += 13) x[i][rng.Next(classes)] = double.NaN;
            int[] labels = Enumerable.Range(0, rows).Select(_ => rng.Next(classes)).ToArray();
            var o = new LossOptions { Classes = classes };
            Runner run = Runner.Run(o, x, labels, blockSize: 16);
            for (int i = 0; i < rows; i++)
            {
                Runner alone = Runner.Run(o, new[] { x[i] }, new[] { labels[i] }, blockSize: 1);
                Assert.Equal(alone.Status[0], run.Status[i]);
                Assert.Equal(alone.Predicted[0], run.Predicted[i]);
                Assert.Equal(BitConverter.DoubleToInt64Bits(alone.Loss[0]), BitConverter.DoubleToInt64Bits(run.Loss[i]));
                if (run.Status[i] != RowStatus.Used || double.IsInfinity(x[i].Max())) continue;
                // The loss as the kernel computed it before WideMax: IndexOfMax, then the exp sum.
                int arg = Vec.IndexOfMax(x[i]);
                double m = x[i][arg];
                double s = Vec.ExpSum(x[i], m, Span<double>.Empty);
                double before = 1.0 * (Math.Log(s) - (x[i][labels[i]] - m));
                Assert.Equal(arg, run.Predicted[i]);
                Assert.Equal(BitConverter.DoubleToInt64Bits(before), BitConverter.DoubleToInt64Bits(run.Loss[i]));
            }
        }
    }
}
