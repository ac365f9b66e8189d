using System;
using System.Linq;
using CrossEntropy.Engine.Kernels;
using Xunit;

namespace CrossEntropy.Engine.Tests.Kernels
{
    /// <summary>
    /// The register kernel for rows of 8-16 classes (<see cref="ShortRowExpSums"/>) against the tile path it replaces
    /// (ShortRows.MaxAndShift512, FastExp over the rows, VectorDriver.RowSums512), and the loss engine with it (top-1,
    /// no smoothing) against the engine on the tile path (top-2 takes it), to the bit, on random rows and rows built to
    /// catch it out: NaN, ±Infinity, -0 and +0 maxima, all-equal rows, all -Infinity, ties, labels out of range, the
    /// ignore index, class weights and a temperature, at every row count around the four-row step, 2 to 20 classes.
    /// </summary>
    public class ShortRowExpSumsTests
    {
        private static double[] Row(Random rng, int n)
        {
            var x = new double[n];
            for (int i = 0; i < n; i++) x[i] = (rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-3, 3));
            switch (rng.Next(12))
            {
                case 0: // ties for the max
                    double top = x.Max() + 1;
                    for (int k = 0; k < 3; k++) x[rng.Next(n)] = top;
                    break;
                case 1: // max ±0, the other zero beside it (and maybe at the label)
                    for (int i = 0; i < n; i++) x[i] = -Math.Abs(x[i]) - 1;
                    for (int k = 0; k < 3; k++) x[rng.Next(n)] = rng.Next(2) == 0 ? 0.0 : -0.0;
                    break;
                case 2:
                    x[rng.Next(n)] = double.PositiveInfinity;
                    if (rng.Next(2) == 0) x[rng.Next(n)] = double.PositiveInfinity;
                    break;
                case 3:
                    for (int i = 0; i < n; i++) x[i] = double.NegativeInfinity;
                    if (rng.Next(2) == 0) x[rng.Next(n)] = -1e308;
                    break;
                case 4:
                    x[rng.Next(n)] = double.NaN;
                    break;
                case 5: // all equal
                    double v = rng.Next(3) - 1.0;
                    for (int i = 0; i < n; i++) x[i] = v;
                    break;
                case 6:
                    x[rng.Next(n)] = double.NegativeInfinity;
                    break;
                case 7: // a huge spread: exps underflow to 0 and subnormals
                    for (int i = 0; i < n; i++) x[i] = (rng.NextDouble() - 0.5) * 1500;
                    break;
            }
            return x;
        }

        [Fact]
        public void SumsMaximaAndExpsAreTheTilePaths()
        {
            if (!ShortRowExpSums.Fits(10)) return; // no AVX-512 here: the engine never takes the kernel
            var rng = new Random(57);
            for (int width = ShortRowExpSums.MinWidth; width <= ShortRowExpSums.MaxWidth; width++)
            {
                for (int rows = 1; rows <= 13; rows++)
                {
                    double[] x = Enumerable.Range(0, rows).SelectMany(_ => Row(rng, width)).ToArray();
                    int[] labels = Enumerable.Range(0, rows).Select(_ => rng.Next(-1, width + 1)).ToArray();
                    var sums = new double[rows];
                    var argmax = new int[rows];
                    var atLabel = new double[rows];
                    var exps = new double[rows * width + 1];
                    ShortRowExpSums.Run(x, width, labels, sums, argmax, atLabel, exps.AsSpan(0, rows * width));
                    Assert.Equal(0.0, exps[rows * width]); // nothing written past the rows
                    var sumsNoExps = new double[rows];
                    ShortRowExpSums.Run(x, width, labels, sumsNoExps, new int[rows], new double[rows], Span<double>.Empty);

                    var shifted = new double[rows * width];
                    var argmaxTile = new int[rows];
                    for (int r = 0; r < rows; r++) ShortRows.MaxAndShift512(x.AsSpan(r * width, width), shifted.AsSpan(r * width, width), out argmaxTile[r]);
                    var expsTile = new double[rows * width];
                    FastExp.Exp(shifted, expsTile);
                    var sumsTile = new double[rows];
                    VectorDriver.RowSums512(expsTile, width, sumsTile);
                    for (int r = 0; r < rows; r++)
                    {
                        string what = FormattableString.Invariant($"width {width}, {rows} rows, row {r}: {string.Join(", ", x.Skip(r * width).Take(width).Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))}");
                        Assert.True(BitConverter.DoubleToInt64Bits(sumsNoExps[r]) == BitConverter.DoubleToInt64Bits(sums[r]), what);
                        if (double.IsNaN(sumsTile[r]))
                        {
                            Assert.True(double.IsNaN(sums[r]), what); // rejected by the engine, so nothing else counts
                            continue;
                        }
                        Assert.True(BitConverter.DoubleToInt64Bits(sumsTile[r]) == BitConverter.DoubleToInt64Bits(sums[r]), what);
                        Assert.True(argmaxTile[r] == argmax[r], what);
                        for (int k = 0; k < width; k++)
                            Assert.True(BitConverter.DoubleToInt64Bits(expsTile[r * width + k]) == BitConverter.DoubleToInt64Bits(exps[r * width + k]), what);
                        int y = labels[r];
                        if (y < 0 || y >= width) Assert.True(double.IsNaN(atLabel[r]), what);
                        // A max of ±0 may come out as either zero, so x[y] = -0 may give either zero: equal, and the loss
                        // log s - (±0) is the same bits (the engine test checks it).
                        else if (shifted[r * width + y] == 0) Assert.True(atLabel[r] == 0, what);
                        else Assert.True(BitConverter.DoubleToInt64Bits(shifted[r * width + y]) == BitConverter.DoubleToInt64Bits(atLabel[r]), what);
                    }
                }
            }
        }

        [Fact]
        public void TheEngineGivesTheTilePathsResults()
        {
            var rng = new Random(58);
            for (int classes = 2; classes <= 20; classes++)
            {
                foreach (int variant in Enumerable.Range(0, 4))
                {
                    double[]? weights = variant == 1 ? Enumerable.Range(0, classes).Select(_ => rng.NextDouble() * 3).ToArray() : null;
                    int? ignore = variant == 2 ? rng.Next(classes) : (int?)null;
                    double temperature = variant == 3 ? 0.7 : 1.0;
                    var register = new LossEngine(new LossOptions { Classes = classes, ClassWeights = weights, IgnoreIndex = ignore, Temperature = temperature });
                    var tile = new LossEngine(new LossOptions { Classes = classes, ClassWeights = weights, IgnoreIndex = ignore, Temperature = temperature, TopK = 2 });
                    int rows = 1 + rng.Next(70);
                    var block = new RowBlock(rows, classes);
                    for (int i = 0; i < rows; i++)
                    {
                        Row(rng, classes).CopyTo(block.Values, i * classes);
                        block.Labels[i] = rng.Next(8) == 0 ? rng.Next(-2, classes + 2) : rng.Next(classes);
                    }
                    block.Count = rows;
                    BlockResult a = register.CreateResult(rows), b = tile.CreateResult(rows);
                    register.Compute(block, a, keepExponentials: true);
                    tile.Compute(block, b, keepExponentials: true);
                    string what = $"{classes} classes, variant {variant}";
                    Assert.Equal(b.Status.Take(rows), a.Status.Take(rows));
                    Assert.Equal(Bits(b.Loss, rows), Bits(a.Loss, rows));
                    Assert.Equal(Bits(b.Norm, rows), Bits(a.Norm, rows));
                    Assert.Equal(Bits(b.Confidence, rows), Bits(a.Confidence, rows));
                    Assert.Equal(Bits(b.Correct, rows), Bits(a.Correct, rows));
                    Assert.Equal(b.Predicted.Take(rows), a.Predicted.Take(rows));
                    Assert.Equal(b.TrueClass.Take(rows), a.TrueClass.Take(rows));
                    Assert.Equal(b.Rejections.Select(j => (j.Index, j.Field, j.Column, j.Reason)), a.Rejections.Select(j => (j.Index, j.Field, j.Column, j.Reason)));
                    Assert.True(a.HasBlockExps == b.HasBlockExps, what);
                    for (int i = 0; i < rows; i++)
                    {
                        // The sums mark which rows the gradient takes from the kept exps (NaN: recomputed).
                        Assert.True(double.IsNaN(a.RowSum[i]) == double.IsNaN(b.RowSum[i]), what);
                        if (double.IsNaN(a.RowSum[i])) continue;
                        Assert.True(BitConverter.DoubleToInt64Bits(a.RowSum[i]) == BitConverter.DoubleToInt64Bits(b.RowSum[i]), what);
                        Assert.Equal(Bits(b.BlockExps().Slice(i * classes, classes).ToArray(), classes), Bits(a.BlockExps().Slice(i * classes, classes).ToArray(), classes));
                    }
                    GradientKernel.Compute(register.Options, block, a, 3.0);
                    GradientKernel.Compute(tile.Options, block, b, 3.0);
                    Assert.Equal(Bits(b.Gradient!, rows * classes), Bits(a.Gradient!, rows * classes));

                    // A forward pass that keeps no exponentials gives the same results.
                    BlockResult c = register.CreateResult(rows);
                    register.Compute(block, c);
                    Assert.Equal(Bits(a.Loss, rows), Bits(c.Loss, rows));
                    Assert.Equal(a.Predicted.Take(rows), c.Predicted.Take(rows));
                    Assert.Equal(Bits(a.Confidence, rows), Bits(c.Confidence, rows));
                }
            }
        }

        private static long[] Bits(double[] x, int n) => x.Take(n).Select(BitConverter.DoubleToInt64Bits).ToArray();
    }
}
