using System;
using System.Linq;
using CrossEntropy.Engine.Kernels;
using Xunit;

namespace CrossEntropy.Engine.Tests.Kernels
{
    /// <summary>
    /// <see cref="Vec.Multiply"/> (two overlapping vectors for 8-16 elements, TensorPrimitives otherwise) gives x[i] * s
    /// to the bit for every length 0-40, into another span and in place, with NaN, ±Infinity, ±0 and subnormals in x and
    /// s, and writes nothing past the destination's first x.Length elements.
    /// </summary>
    public class VecMultiplyTests
    {
        private static readonly double[] Odd = { double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, 0.0, double.Epsilon, -1e-310, 1e308 };

        [Fact]
        public void EachElementIsXTimesS()
        {
            var rng = new Random(4242);
            for (int n = 0; n <= 40; n++)
            {
                for (int run = 0; run < 20; run++)
                {
                    double[] x = Enumerable.Range(0, n).Select(_ => rng.Next(6) == 0 ? Odd[rng.Next(Odd.Length)] : (rng.NextDouble() - 0.5) * 10).ToArray();
                    double s = rng.Next(5) == 0 ? Odd[rng.Next(Odd.Length)] : rng.NextDouble() * 3;
                    long[] expected = x.Select(v => BitConverter.DoubleToInt64Bits(v * s)).ToArray();
                    var into = new double[n + 3];
                    into[n] = into[n + 1] = into[n + 2] = 7.0;
                    Vec.Multiply(x, s, into);
                    Assert.Equal(expected, into.Take(n).Select(BitConverter.DoubleToInt64Bits));
                    Assert.Equal(new[] { 7.0, 7.0, 7.0 }, into.Skip(n));
                    double[] same = (double[])x.Clone();
                    Vec.Multiply(same, s, same);
                    Assert.Equal(expected, same.Select(BitConverter.DoubleToInt64Bits));
                }
            }
        }
    }
}
