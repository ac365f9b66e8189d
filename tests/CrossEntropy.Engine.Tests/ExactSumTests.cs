using System;
using System.Linq;
using System.Numerics;
using Xunit;

namespace CrossEntropy.Engine.Tests
{
    /// <summary>
    /// ExactSum, what Merge-CrossEntropyResult adds shard sums with: the exact sum rounded once (checked against a
    /// BigInteger sum of the doubles scaled by 2^1074), so every order of the same values gives the same bits.
    /// </summary>
    public class ExactSumTests
    {
        [Fact]
        public void IsTheNearestDoubleToTheExactSumInEveryOrder()
        {
            var rng = new Random(14);
            for (int trial = 0; trial < 300; trial++)
            {
                int n = rng.Next(1, 60);
                double[] v = Enumerable.Range(0, n).Select(_ => Value(rng)).ToArray();
                double sum = ExactSum.Of(v);
                AssertNearest(Exact(v), sum);
                for (int k = 0; k < 5; k++)
                {
                    double[] shuffled = v.OrderBy(_ => rng.Next()).ToArray();
                    Assert.Equal(BitConverter.DoubleToInt64Bits(sum), BitConverter.DoubleToInt64Bits(ExactSum.Of(shuffled)));
                }
            }
        }

        [Fact]
        public void CancellationAndSpecialValues()
        {
            Assert.Equal(1.0, ExactSum.Of(new[] { 1e100, 1.0, -1e100 }));
            Assert.Equal(0.30000000000000004, ExactSum.Of(new[] { 0.1, 0.2 }));
            Assert.Equal(2e-308, ExactSum.Of(new[] { 1e308, 2e-308, -1e308 }));
            Assert.Equal(double.PositiveInfinity, ExactSum.Of(new[] { 1.0, double.PositiveInfinity }));
            Assert.True(double.IsNaN(ExactSum.Of(new[] { double.PositiveInfinity, double.NegativeInfinity })));
            Assert.True(double.IsNaN(ExactSum.Of(new[] { 1.0, double.NaN })));
            Assert.Equal(0.0, ExactSum.Of(Array.Empty<double>()));
            // Plain left-to-right addition depends on the order here; the exact sum does not.
            double[] v = { 1.0, 1e-16, 1e-16 };
            Assert.NotEqual(v[0] + v[1] + v[2], v[1] + v[2] + v[0]);
            Assert.Equal(ExactSum.Of(v), ExactSum.Of(v.Reverse()));
        }

        // Magnitudes over 40 decades, both signs, some exact duplicates with opposite sign.
        private static double Value(Random rng)
        {
            double x = (rng.NextDouble() + 0.5) * Math.Pow(10, rng.Next(-20, 21));
            return rng.Next(2) == 0 ? x : -x;
        }

        // The exact sum in units of 2^-1074 (every finite double is an integer multiple of it).
        private static BigInteger Exact(double[] values) => values.Aggregate(BigInteger.Zero, (s, v) => s + Scaled(v));

        private static BigInteger Scaled(double v)
        {
            long bits = BitConverter.DoubleToInt64Bits(v);
            int exponent = (int)((bits >> 52) & 0x7FF);
            long mantissa = bits & 0xFFFFFFFFFFFFFL;
            if (exponent != 0) mantissa |= 1L << 52;
            BigInteger m = new BigInteger(mantissa) << Math.Max(exponent - 1, 0);
            return bits < 0 ? -m : m;
        }

        private static void AssertNearest(BigInteger exact, double rounded)
        {
            BigInteger error = BigInteger.Abs(exact - Scaled(rounded));
            BigInteger ulp = BigInteger.Abs(Scaled(Math.BitIncrement(Math.Abs(rounded))) - Scaled(Math.Abs(rounded)));
            Assert.True(error * 2 <= ulp, $"{rounded:R} is not the nearest double to the exact sum");
        }
    }
}
