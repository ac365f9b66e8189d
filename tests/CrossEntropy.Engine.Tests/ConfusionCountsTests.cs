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
            var whole = new ConfusionCounts(classes);
            var merged = new ConfusionCounts(classes);
            var chunk = new ConfusionCounts(classes);
            var denseWhole = new Dense(classes);
            var denseMerged = new Dense(classes);
            var denseChunk = new Dense(classes);
            for (int i = 0; i < rows; i++)
            {
                whole.Add(truth[i], predicted[i], weight[i]);
                chunk.Add(truth[i], predicted[i], weight[i]);
                denseWhole.Add(truth[i], predicted[i], weight[i]);
                denseChunk.Add(truth[i], predicted[i], weight[i]);
                if (i % 37 == 36)
                {
                    merged.Merge(chunk);
                    denseMerged.Merge(denseChunk);
                    chunk = new ConfusionCounts(classes);
                    denseChunk = new Dense(classes);
                }
            }
            merged.Merge(chunk);
            denseMerged.Merge(denseChunk);
            foreach ((ConfusionCounts m, Dense d) in new[] { (whole, denseWhole), (merged, denseMerged) })
            {
                for (int t = 0; t < classes; t++)
                {
                    for (int p = 0; p < classes; p++)
                    {
                        Assert.Equal(Bits(d.Weights[t * classes + p]), Bits(m.At(t, p)));
                        Assert.Equal(d.Counts[t * classes + p], m.CountAt(t, p));
                    }
                    Assert.Equal(Bits(d.TrueTotal(t)), Bits(m.TrueTotal(t)));
                    Assert.Equal(Bits(d.PredictedTotal(t)), Bits(m.PredictedTotal(t)));
                    Assert.Equal(d.TrueCount(t), m.TrueCount(t));
                }
                Assert.Equal(rows, m.Used);
            }
            // The cells come out sorted by true then predicted class, and rebuild the same matrix.
            (int[] ct, int[] cp, double[] cw, long[] cn) = whole.Cells();
            for (int i = 1; i < ct.Length; i++) Assert.True((long)ct[i - 1] * classes + cp[i - 1] < (long)ct[i] * classes + cp[i]);
            ConfusionCounts rebuilt = ConfusionCounts.FromCells(classes, ct, cp, cw, cn);
            var a = new ClassificationFigures(whole);
            var b = new ClassificationFigures(rebuilt);
            Assert.Equal(a.MacroF1, b.MacroF1);
            Assert.Equal(a.MatthewsCorrelation, b.MatthewsCorrelation);
            Assert.Equal(a.CohenKappa, b.CohenKappa);
            Assert.Equal(a.BalancedAccuracy, b.BalancedAccuracy);
            Assert.Equal(a.WeightedF1, b.WeightedF1);
            Assert.Equal(a.Support, b.Support);
        }

        private static long Bits(double v) => BitConverter.DoubleToInt64Bits(v);

        // The dense C×C matrix this replaced, as it summed: cells in row order, totals over every cell in class order.
        private sealed class Dense
        {
            private readonly int _c;

            public Dense(int classes)
            {
                _c = classes;
                Weights = new double[classes * classes];
                Counts = new long[classes * classes];
            }

            public double[] Weights { get; }
            public long[] Counts { get; }

            public void Add(int t, int p, double w)
            {
                Weights[t * _c + p] += w;
                Counts[t * _c + p]++;
            }

            public void Merge(Dense o)
            {
                for (int i = 0; i < Weights.Length; i++)
                {
                    Weights[i] += o.Weights[i];
                    Counts[i] += o.Counts[i];
                }
            }

            public double TrueTotal(int k)
            {
                double s = 0;
                for (int p = 0; p < _c; p++) s += Weights[k * _c + p];
                return s;
            }

            public double PredictedTotal(int k)
            {
                double s = 0;
                for (int t = 0; t < _c; t++) s += Weights[t * _c + k];
                return s;
            }

            public long TrueCount(int k)
            {
                long s = 0;
                for (int p = 0; p < _c; p++) s += Counts[k * _c + p];
                return s;
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
