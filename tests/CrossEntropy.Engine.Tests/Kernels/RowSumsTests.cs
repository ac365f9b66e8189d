using System;
using CrossEntropy.Engine.Kernels;
using Xunit;

namespace CrossEntropy.Engine.Tests.Kernels
{
    /// <summary>
    /// The block kernel sums a tile of short rows in one loop (<see cref="VectorDriver.RowSums"/>); each sum must be bit
    /// for bit the row summed alone, at every row width (every tail of the eight lanes) and with NaN and ±Infinity.
    /// </summary>
    public class RowSumsTests
    {
        [Fact]
        public void EachRowsSumIsTheRowSummedAlone()
        {
            var rng = new Random(31);
            for (int width = 1; width <= 70; width++)
            {
                int rows = 1 + rng.Next(40);
                var x = new double[rows * width];
                // Magnitudes over ten decades, so that another order of the additions shows in the last bits.
                for (int i = 0; i < x.Length; i++) x[i] = (rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-5, 6));
                if (rows > 2)
                {
                    x[width + rng.Next(width)] = double.NaN;
                    x[2 * width + rng.Next(width)] = double.PositiveInfinity;
                }
                var sums = new double[rows];
                VectorDriver.RowSums(x, width, sums);
                var sums512 = new double[rows];
                if (width >= VectorDriver.Lanes) VectorDriver.RowSums512(x, width, sums512);
                for (int r = 0; r < rows; r++)
                {
                    long alone = BitConverter.DoubleToInt64Bits(Vec.Sum(x.AsSpan(r * width, width)));
                    Assert.True(alone == BitConverter.DoubleToInt64Bits(sums[r]), FormattableString.Invariant($"width {width}, row {r}: {sums[r]:R}"));
                    if (width >= VectorDriver.Lanes) Assert.True(alone == BitConverter.DoubleToInt64Bits(sums512[r]), $"Vector512, width {width}, row {r}");
                }
            }
        }
    }
}
