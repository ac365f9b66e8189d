using System;
using CrossEntropy.Engine.Kernels;
using Xunit;

namespace CrossEntropy.Engine.Tests
{
    public class FastExpTests
    {
        private static long Ulps(double a, double b)
        {
            if (a == b) return 0;
            long x = BitConverter.DoubleToInt64Bits(a), y = BitConverter.DoubleToInt64Bits(b);
            return Math.Abs(x - y);
        }

        [Fact]
        public void WithinTwoUlpOfMathExpAcrossTheWholeRange()
        {
            var rng = new Random(5);
            var x = new double[200_003];
            for (int i = 0; i < x.Length; i++)
                x[i] = i % 3 == 0 ? -rng.NextDouble() * 20 : (rng.NextDouble() * 1456) - 746;
            var y = new double[x.Length];
            FastExp.Exp(x, y);
            long worst = 0;
            for (int i = 0; i < x.Length; i++)
            {
                double expected = Math.Exp(x[i]);
                if (expected < 1e-300) continue; // subnormal results: checked in absolute terms below
                worst = Math.Max(worst, Ulps(expected, y[i]));
                Assert.Equal(FastExp.Exp(x[i]), y[i]); // vector lanes and the scalar version agree to the bit
            }
            Assert.True(worst <= 2, $"worst error {worst} ulp");
        }

        [Theory]
        [InlineData(0.0, 1.0)]
        [InlineData(double.NegativeInfinity, 0.0)]
        [InlineData(-746.0, 0.0)]
        [InlineData(-1e6, 0.0)]
        [InlineData(1000.0, double.PositiveInfinity)]
        [InlineData(double.PositiveInfinity, double.PositiveInfinity)]
        public void Limits(double x, double expected)
        {
            Assert.Equal(expected, FastExp.Exp(x));
            var y = new double[9];
            FastExp.Exp(new[] { x, x, x, x, x, x, x, x, x }, y);
            Assert.All(y, v => Assert.Equal(expected, v));
        }

        [Fact]
        public void NaNStaysNaNAndSubnormalsAreRight()
        {
            Assert.True(double.IsNaN(FastExp.Exp(double.NaN)));
            var y = new double[8];
            FastExp.Exp(new[] { 0, double.NaN, 0, 0, 0, 0, 0, 0 }, y);
            Assert.True(double.IsNaN(y[1]));
            Assert.Equal(1.0, y[0]);
            foreach (double x in new[] { -708.5, -710.0, -720.0, -740.0, -745.0 })
                Assert.True(Math.Abs(Math.Exp(x) - FastExp.Exp(x)) <= 2 * double.Epsilon * 1e0 + Math.Exp(x) * 1e-15, $"exp({x})");
        }
    }
}

namespace CrossEntropy.Engine.Tests
{
    public class FastLogTests
    {
        [Fact]
        public void WithinTwoUlpOfMathLogAndTheSameInEveryLane()
        {
            var rng = new Random(9);
            var x = new double[100_003];
            for (int i = 0; i < x.Length; i++)
                x[i] = i % 2 == 0 ? 1 + rng.NextDouble() * 60 : Math.Exp((rng.NextDouble() - 0.5) * 1400);
            x[0] = 1;
            x[1] = Math.Sqrt(2);
            x[2] = double.MaxValue;
            var y = new double[x.Length];
            FastLog.Log(x, y);
            double worst = 0, at = 0;
            for (int i = 0; i < x.Length; i++)
            {
                double expected = Math.Log(x[i]);
                // Error in units of the last place of the exact result.
                double ulp = Math.Max(Math.BitIncrement(Math.Abs(expected)) - Math.Abs(expected), double.Epsilon);
                double error = Math.Abs(expected - y[i]) / ulp;
                if (error > worst)
                {
                    worst = error;
                    at = x[i];
                }
                Assert.Equal(FastLog.Log(x[i]), y[i]);
            }
            Assert.True(worst <= 2, $"worst error {worst} ulp at x = {at:R}");
        }
    }
}
