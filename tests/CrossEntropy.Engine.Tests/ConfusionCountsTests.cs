using System;
using CrossEntropy.Engine.Classification;
using Xunit;

namespace CrossEntropy.Engine.Tests
{
    /// <summary>
    /// The sparse confusion matrix against a dense C×C reference summed the way the dense matrix did (cells in row
    /// order, totals over every cell in class order): the same bits for every cell, total and figure, merged from
    /// chunks or not; and memory that follows the rows, not C².
    /// </summary>
    public class ConfusionCountsTests
    {
        [Theory]
        [InlineData(2, 50, 1)]
        [InlineData(3, 400, 2)]
        [InlineData(7, 1000, 3)]
        [InlineData(40, 300, 4)]
        public void EqualsTheDenseMatrixBitForBit(int classes, int rows, int seed)
        {
            var rng = new Random(seed);
            var truth = new int[rows];
            var predicted = new int[rows];
            var weight = new double[rows];
            for (int i = 0; i < rows; i++)
            {
                truth[i] = rng.Next(classes);
                predicted[i] = rng.Next(3) == 0 ? truth[i] : rng.Next(classes); // a diagonal, and classes never seen
                weight[i] = rng.Next(5) == 0 ? 0 : rng.NextDouble() * 3; // weights that round differently in other orders
            }
            var dense = new double[classes * classes];
            var denseRows = new long[classes * classes];
            var whole = new ConfusionCounts(classes);
            var merged = new ConfusionCounts(classes);
            ConfusionCounts chunk = new ConfusionCounts(classes);
            for (int i = 0; i < rows; i++)
            {
                dense[truth[i] * classes + predicted[i]] += weight[i];
                denseRows[truth[i] * classes + predicted[i]]++;
                whole.Add(truth[i], predicted[i], weight[i]);
                chunk.Add(truth[i], predicted[i], weight[i]);
                if (i % 37 == 36)
                {
                    merged.Merge(chunk);
                    chunk = new ConfusionCounts(classes);
                }
            }
            merged.Merge(chunk);
            foreach (ConfusionCounts m in new[] { whole, merged })
            {
                for (int t = 0; t < classes; t++)
                {
                    double trueTotal = 0, predictedTotal = 0;
                    long trueRows = 0;
                    for (int p = 0; p < classes; p++)
                    {
                        Assert.Equal(dense[t * classes + p], m.At(t, p));
                        Assert.Equal(denseRows[t * classes + p], m.CountAt(t, p));
                        trueTotal += dense[t * classes + p];
                        predictedTotal += dense[p * classes + t];
                        trueRows += denseRows[t * classes + p];
                    }
                    Assert.Equal(BitConverter.DoubleToInt64Bits(trueTotal), BitConverter.DoubleToInt64Bits(m.TrueTotal(t)));
                    Assert.Equal(BitConverter.DoubleToInt64Bits(predictedTotal), BitConverter.DoubleToInt64Bits(m.PredictedTotal(t)));
                    Assert.Equal(trueRows, m.TrueCount(t));
                }
                Assert.Equal(rows, m.Used);
            }
            // The cells come out sorted by true then predicted class, and rebuild the same matrix.
            (int[] ct, int[] cp, double[] cw, long[] cn) = whole.Cells();
            for (int i = 1; i < ct.Length; i++) Assert.True((long)ct[i - 1] * classes + cp[i - 1] < (long)ct[i] * classes + cp[i]);
            ConfusionCounts rebuilt = ConfusionCounts.FromCells(classes, ct, cp, cw, cn);
            var a = new ClassificationFigures(whole);
            var b = new ClassificationFigures(rebuilt);
            var c = new ClassificationFigures(merged);
            foreach (ClassificationFigures f in new[] { b, c })
            {
                Assert.Equal(a.MacroF1, f.MacroF1);
                Assert.Equal(a.MatthewsCorrelation, f.MatthewsCorrelation);
                Assert.Equal(a.CohenKappa, f.CohenKappa);
                Assert.Equal(a.BalancedAccuracy, f.BalancedAccuracy);
                Assert.Equal(a.WeightedF1, f.WeightedF1);
                Assert.Equal(a.Support, f.Support);
            }
        }

        [Fact]
        public void FiftyThousandClassesCostMemoryByTheRowsNotByClassesSquared()
        {
            const int Classes = 50_000;
            var rng = new Random(5);
            long before = GC.GetAllocatedBytesForCurrentThread();
            var m = new ConfusionCounts(Classes);
            for (int i = 0; i < 300; i++) m.Add(rng.Next(Classes), rng.Next(Classes), 1);
            var f = new ClassificationFigures(m);
            (int[] t, _, _, _) = m.Cells();
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            // Dense: C² × 8 bytes = 20 GB. Sparse: the cells plus O(C) totals and figures (a few MB).
            Assert.True(allocated < 64L << 20, $"{allocated} bytes allocated");
            Assert.Equal(300, t.Length);
            Assert.Equal(300, m.Used);
            Assert.False(double.IsNaN(f.MacroF1));
        }

        [Fact]
        public void RefusesCellsOutsideTheClasses()
        {
            var m = new ConfusionCounts(3);
            Assert.Throws<ArgumentOutOfRangeException>(() => m.Add(3, 0, 1));
            Assert.Throws<ArgumentOutOfRangeException>(() => m.Add(0, -1, 1));
        }
    }
}
