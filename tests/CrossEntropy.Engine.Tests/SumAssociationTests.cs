using System;
using CrossEntropy.Engine.Kernels;
using Xunit;

namespace CrossEntropy.Engine.Tests
{
    /// <summary>
    /// The sums' association, written out as its definition: both the net8.0 build (whatever width this machine runs)
    /// and the netstandard2.0 build must give exactly these bits, so results never depend on the machine's SIMD or on
    /// which PowerShell edition runs them.
    /// </summary>
    public class SumAssociationTests
    {
        private static double EightLanes(double[] x)
        {
            int n = x.Length;
            var a = new double[8];
            if (n < 8)
            {
                for (int k = 0; k < n; k++) a[8 - n + k] = x[k]; // right-aligned, the other lanes +0
            }
            else
            {
                for (int j = 0; j < 8; j++) a[j] = x[j];
                int i = 8;
                for (; i + 8 <= n; i += 8)
                    for (int j = 0; j < 8; j++) a[j] += x[i + j];
                for (int j = i - (n - 8); j < 8; j++) a[j] += x[n - 8 + j]; // the last 8, those not yet counted
            }
            return ((a[0] + a[4]) + (a[2] + a[6])) + ((a[1] + a[5]) + (a[3] + a[7]));
        }

        [Fact]
        public void SumsFollowTheEightLaneAssociation()
        {
            var rng = new Random(41);
            for (int n = 0; n <= 67; n++)
            {
                var x = new double[n];
                for (int i = 0; i < n; i++) x[i] = (rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-5, 6));
                Assert.Equal(BitConverter.DoubleToInt64Bits(EightLanes(x)), BitConverter.DoubleToInt64Bits(Vec.Sum(x)));
                double m = x.Length > 0 ? x[0] : 0;
                Assert.Equal(BitConverter.DoubleToInt64Bits(EightLanes(Array.ConvertAll(x, v => v - m))),
                    BitConverter.DoubleToInt64Bits(Vec.SumOfDifferences(x, m)));
            }
        }

        [Fact]
        public void DotSkipsZeroCoefficientsEvenAgainstInfinity()
        {
            var a = new[] { 0.0, 1, 2, 0, 0.5, 0, 0, 0, 3, 0 };
            var b = new[] { double.NegativeInfinity, 1, 2, double.PositiveInfinity, 4, double.NaN, 0, 1, 1, double.NegativeInfinity };
            Assert.Equal(EightLanes(new[] { 0.0, 1, 4, 0, 2, 0, 0, 0, 3, 0 }), Vec.DotZeroSafe(a, b));
        }
    }
}
