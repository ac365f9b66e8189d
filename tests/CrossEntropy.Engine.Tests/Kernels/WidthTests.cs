using System;
using CrossEntropy.Engine.Kernels;
using Xunit;

namespace CrossEntropy.Engine.Tests.Kernels
{
    /// <summary>
    /// Every width of the driver and the short-row kernels, called directly, gives the same bits as the scalar code — on
    /// any machine: a width the hardware lacks runs in software (and fuses in halves), so the Vector512 path is checked
    /// even where AVX-512 is off. Lengths 0..67 cover every tail of every width.
    /// </summary>
    public class WidthTests
    {
        private const int MaxLength = 67;

        private delegate double SumOf(ReadOnlySpan<double> x, Span<double> destination);

        private static double[] Values(Random rng, int n)
        {
            // Magnitudes over ten decades, so that any change in the order of the additions shows in the last bits.
            var x = new double[n];
            for (int i = 0; i < n; i++) x[i] = (rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-5, 6));
            return x;
        }

        private static void SameBits(double expected, double actual, string what) =>
            Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual), $"{what}: {expected:R} vs {actual:R}");

        private static void SameBits(double[] expected, double[] actual, string what)
        {
            for (int i = 0; i < expected.Length; i++) SameBits(expected[i], actual[i], $"{what}, element {i}");
        }

        private static void EveryWidthSums<TOp>(TOp op, Func<Random, int, double[]> values, string name) where TOp : struct, IUnaryOperator
        {
            var widths = new (string Name, SumOf Run)[]
            {
                ("Vector128", (x, d) => VectorDriver.MapSum128(x, d, op)),
                ("Vector256", (x, d) => VectorDriver.MapSum256(x, d, op)),
                ("Vector512", (x, d) => VectorDriver.MapSum512(x, d, op)),
                ("dispatch", (x, d) => VectorDriver.MapSum(x, d, op)),
            };
            var rng = new Random(17);
            for (int n = 0; n <= MaxLength; n++)
            {
                double[] x = values(rng, n);
                var scalarStored = new double[n];
                double scalar = VectorDriver.MapSumScalar(x, scalarStored, op);
                SameBits(scalar, VectorDriver.MapSumScalar(x, Span<double>.Empty, op), $"{name}, n = {n}, scalar without storing");
                foreach ((string width, SumOf run) in widths)
                {
                    var stored = new double[n];
                    SameBits(scalar, run(x, stored), $"{name} sum, n = {n}, {width}");
                    SameBits(scalarStored, stored, $"{name} stored, n = {n}, {width}");
                    SameBits(scalar, run(x, Span<double>.Empty), $"{name} sum without storing, n = {n}, {width}");
                    double[] inPlace = (double[])x.Clone();
                    SameBits(scalar, run(inPlace, inPlace), $"{name} sum in place, n = {n}, {width}");
                    SameBits(scalarStored, inPlace, $"{name} stored in place, n = {n}, {width}");
                }
            }
        }

        [Fact]
        public void SumsAreTheSameBitsAtEveryWidth()
        {
            EveryWidthSums(default(IdentityOperator), Values, "x");
            EveryWidthSums(new DifferenceOperator(3.25), Values, "x - m");
            EveryWidthSums(new ExpOfDifferenceOperator(2.0), (rng, n) => Array.ConvertAll(new double[n], _ => (rng.NextDouble() - 0.5) * 80), "exp(x - m)");
        }

        [Fact]
        public void DotsAreTheSameBitsAtEveryWidth()
        {
            var op = default(ZeroSafeProductOperator);
            var rng = new Random(23);
            for (int n = 0; n <= MaxLength; n++)
            {
                double[] a = Values(rng, n), b = Values(rng, n);
                for (int i = 0; i < n; i += 5)
                {
                    a[i] = 0;
                    b[i] = double.NegativeInfinity; // 0·(-∞) counts as 0
                }
                double scalar = VectorDriver.SumScalar(a, b, op);
                Assert.False(double.IsNaN(scalar), $"n = {n}");
                SameBits(scalar, VectorDriver.Sum128(a, b, op), $"dot, n = {n}, Vector128");
                SameBits(scalar, VectorDriver.Sum256(a, b, op), $"dot, n = {n}, Vector256");
                SameBits(scalar, VectorDriver.Sum512(a, b, op), $"dot, n = {n}, Vector512");
                SameBits(scalar, Vec.DotZeroSafe(a, b), $"dot, n = {n}, dispatch");
            }
        }

        [Fact]
        public void ExpAndLogAreTheSameBitsAtEveryWidth()
        {
            var rng = new Random(29);
            for (int n = 0; n <= MaxLength; n++)
            {
                double[] x = new double[n], positive = new double[n];
                for (int i = 0; i < n; i++)
                {
                    x[i] = rng.NextDouble() * 1456 - 746;
                    positive[i] = Math.Exp((rng.NextDouble() - 0.5) * 1400);
                }
                EveryWidthMaps(default(ExpOperator), x, $"exp, n = {n}");
                EveryWidthMaps(default(LogOperator), positive, $"log, n = {n}");
            }
        }

        private static void EveryWidthMaps<TOp>(TOp op, double[] x, string what) where TOp : struct, IUnaryOperator
        {
            var scalar = new double[x.Length];
            VectorDriver.MapScalar(x, scalar, op);
            for (int i = 0; i < x.Length; i++) SameBits(op.Invoke(x[i]), scalar[i], what);
            foreach ((string width, Action<double[], double[]> run) in new (string, Action<double[], double[]>)[]
            {
                ("Vector128", (a, d) => VectorDriver.Map128(a, d, op)),
                ("Vector256", (a, d) => VectorDriver.Map256(a, d, op)),
                ("Vector512", (a, d) => VectorDriver.Map512(a, d, op)),
                ("dispatch", (a, d) => VectorDriver.Map(a, d, op)),
            })
            {
                var y = new double[x.Length];
                run(x, y);
                SameBits(scalar, y, $"{what}, {width}");
                double[] inPlace = (double[])x.Clone();
                run(inPlace, inPlace);
                SameBits(scalar, inPlace, $"{what}, {width}, in place");
            }
        }

        [Fact]
        public void ShortRowKernelsAreTheSameAtEveryWidth()
        {
            var rng = new Random(31);
            for (int n = 1; n <= ShortRows.MaxLength + 3; n++)
            {
                for (int trial = 0; trial < 20; trial++)
                {
                    double[] row = new double[n];
                    for (int i = 0; i < n; i++) row[i] = Math.Round((rng.NextDouble() - 0.5) * 12, trial % 2 == 0 ? 1 : 8);
                    var expected = new double[n];
                    double max = ShortRows.MaxAndShiftScalar(row, expected, out int arg);
                    Assert.Equal(Array.IndexOf(row, max), arg); // the first index of the max, ties included
                    foreach ((string width, double m, double[] shifted, int argmax) in new[] { Run(128, row), Run(256, row), Run(512, row), Run(0, row) })
                    {
                        SameBits(max, m, $"max, n = {n}, {width}");
                        SameBits(expected, shifted, $"shifted, n = {n}, {width}");
                        Assert.True(arg == argmax, $"argmax, n = {n}, {width}: {arg} vs {argmax}");
                    }
                }
            }
        }

        private static (string, double, double[], int) Run(int width, double[] row)
        {
            var d = new double[row.Length + 1];
            int argmax;
            double m = width switch
            {
                128 => ShortRows.MaxAndShift128(row, d, out argmax),
                256 => ShortRows.MaxAndShift256(row, d, out argmax),
                512 => ShortRows.MaxAndShift512(row, d, out argmax),
                _ => ShortRows.MaxAndShift(row, d, out argmax),
            };
            Assert.Equal(0.0, d[row.Length]); // nothing written past the row
            return (width == 0 ? "dispatch" : $"Vector{width}", m, d[..row.Length], argmax);
        }

        [Fact]
        public void ShortDestinationsAndPartialOverlapsAreRefused()
        {
            var x = new double[19];
            Assert.Throws<ArgumentException>(() => FastExp.Exp(x, new double[18]));
            Assert.Throws<ArgumentException>(() => FastLog.Log(x, new double[3]));
            Assert.Throws<ArgumentException>(() => Vec.ExpSum(x, 0, new double[18]));
            Assert.Throws<ArgumentException>(() => Vec.DotZeroSafe(x, new double[18]));
            Assert.Throws<ArgumentException>(() => ShortRows.MaxAndShift(x, new double[18], out _));
            Assert.Throws<ArgumentException>(() => ShortRows.MaxAndShift512(x, new double[18], out _));
            Assert.Throws<ArgumentException>(() => ShortRows.MaxAndShift(Array.Empty<double>(), new double[1], out _));
            var buffer = new double[40];
            Assert.Throws<ArgumentException>(() => FastExp.Exp(buffer.AsSpan(0, 20), buffer.AsSpan(3, 20)));
            Assert.Throws<ArgumentException>(() => ShortRows.MaxAndShift(buffer.AsSpan(0, 20), buffer.AsSpan(0, 20), out _));
            Assert.Equal(0.0, Vec.Sum(ReadOnlySpan<double>.Empty));
        }
    }
}
