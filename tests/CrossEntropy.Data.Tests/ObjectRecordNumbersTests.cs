using System;
using CrossEntropy.Data.Records;
using Xunit;

namespace CrossEntropy.Data.Tests
{
    /// <summary>
    /// A pipeline row hands its scores over in one call (<see cref="INumberRow"/>): whenever it says yes, each number
    /// must be the one the cell-by-cell read gives, bit for bit; whenever a cell is missing or not a plain number it
    /// must say no, so that the cell-by-cell read names what is wrong.
    /// </summary>
    public class ObjectRecordNumbersTests
    {
        private static readonly object?[] Cells =
        {
            "1.5", "-0.25", "3", "1e5", "-2.5E-3", " 2", "2 ", "+7", "inf", "-Infinity", "NaN", "1,5", "1.5.1", "", "x", "1e309",
            "0.1000000000000000055511151231257827", "-0", "12345678901234567890", "0x10",
            1.5, -0.0, double.NaN, double.PositiveInfinity, 2.5f, 7, -3L, 1.25m, true, 'c', null, new object(), (short)4, (byte)9,
        };

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void OneCallGivesWhatEachCellGives(bool decimalComma)
        {
            var rng = new Random(decimalComma ? 7 : 3);
            const int columns = 6;
            var names = new string[columns];
            for (int c = 0; c < columns; c++) names[c] = "logit_" + c;
            var record = new ObjectRecord("pipeline input", names, decimalComma);
            int[] ordinals = { 4, 0, 2, 5 };
            var values = new double[ordinals.Length];
            int yes = 0;
            for (int trial = 0; trial < 5000; trial++)
            {
                record.Clear();
                for (int c = 0; c < columns; c++)
                {
                    if (rng.Next(12) == 0) continue; // missing
                    // Mostly plain numbers, so that whole rows of them come up.
                    bool plain = rng.Next(3) > 0;
                    object? cell = plain ? (rng.NextDouble() * 10 - 5).ToString("R", System.Globalization.CultureInfo.InvariantCulture) : Cells[rng.Next(Cells.Length)];
                    if (decimalComma && cell is string s && (plain || rng.Next(2) == 0)) cell = s.Replace('.', ',');
                    record.Set(c, cell);
                }
                bool all = true;
                var expected = new double[ordinals.Length];
                for (int k = 0; k < ordinals.Length; k++)
                    all &= record.HasField(ordinals[k]) && record.TryGetDouble(ordinals[k], out expected[k]) == NumberParse.Ok;
                bool got = record.TryGetDoubles(ordinals, values);
                Assert.Equal(all, got);
                if (!got) continue;
                yes++;
                for (int k = 0; k < ordinals.Length; k++)
                    Assert.Equal(BitConverter.DoubleToInt64Bits(expected[k]), BitConverter.DoubleToInt64Bits(values[k]));
            }
            Assert.True(yes > 500, $"only {yes} rows were read in one call");
        }
    }
}
