using System;
using System.Linq;
using System.Globalization;
using System.Threading;
using CrossEntropy.Data.Records;
using Xunit;

namespace CrossEntropy.Data.Tests
{
    public class NumberTextTests
    {
        [Theory]
        [InlineData("1.5", 1.5)]
        [InlineData(" -2.25e3 ", -2250.0)]
        [InlineData("+0.125", 0.125)]
        [InlineData("1E-300", 1e-300)]
        [InlineData("inf", double.PositiveInfinity)]
        [InlineData("-Infinity", double.NegativeInfinity)]
        [InlineData("+INF", double.PositiveInfinity)]
        [InlineData("-inf", double.NegativeInfinity)]
        public void ParsesInvariantNumbersAndInfinities(string text, double expected)
        {
            Assert.Equal(NumberParse.Ok, NumberText.TryParse(text.AsSpan(), out double v));
            Assert.Equal(expected, v);
        }

        [Theory]
        [InlineData("NaN")]
        [InlineData("nan")]
        public void ParsesNaNSpellings(string text)
        {
            Assert.Equal(NumberParse.Ok, NumberText.TryParse(text.AsSpan(), out double v));
            Assert.True(double.IsNaN(v));
        }

        [Theory]
        [InlineData("1,5", NumberParse.NotANumber)]
        [InlineData("1 000", NumberParse.NotANumber)]
        [InlineData("abc", NumberParse.NotANumber)]
        [InlineData("", NumberParse.Empty)]
        [InlineData("   ", NumberParse.Empty)]
        [InlineData("1e309", NumberParse.OutOfRange)]
        [InlineData("-1e400", NumberParse.OutOfRange)]
        public void RejectsWhatIsNotAnInvariantNumber(string text, object expected) // object: the enum is internal to the module
        {
            Assert.Equal((NumberParse)expected, NumberText.TryParse(text.AsSpan(), out _));
        }

        [Theory]
        [InlineData("de-DE")]
        [InlineData("fr-FR")]
        [InlineData("tr-TR")]
        [InlineData("ar-SA")]
        public void CultureOfTheThreadChangesNothing(string culture)
        {
            CultureInfo before = Thread.CurrentThread.CurrentCulture;
            try
            {
                Thread.CurrentThread.CurrentCulture = new CultureInfo(culture);
                Assert.Equal(NumberParse.Ok, NumberText.TryParse("1.5".AsSpan(), out double v));
                Assert.Equal(1.5, v);
                Assert.Equal(NumberParse.NotANumber, NumberText.TryParse("1,5".AsSpan(), out _));
                Assert.Equal("0.1", NumberText.Format(0.1));
            }
            finally
            {
                Thread.CurrentThread.CurrentCulture = before;
            }
        }

        [Fact]
        public void DecimalCommaIsOnlyReadWhenAskedFor()
        {
            Assert.Equal(NumberParse.Ok, NumberText.TryParse("1,5".AsSpan(), out double v, decimalComma: true));
            Assert.Equal(1.5, v);
            Assert.Equal(NumberParse.NotANumber, NumberText.TryParse("1.234,5".AsSpan(), out _, decimalComma: true));
        }

        [Fact]
        public void FormatRoundTrips()
        {
            foreach (double d in new[] { 0.1, 1.0 / 3, 1e-310, double.MaxValue, -0.0 })
            {
                Assert.Equal(NumberParse.Ok, NumberText.TryParse(NumberText.Format(d).AsSpan(), out double back));
                Assert.Equal(d, back);
            }
        }
    }
}

namespace CrossEntropy.Data.Tests
{
    public class NumberTextFastPathTests
    {
        [Fact]
        public void AgreesWithTheFullParserOnRandomDecimals()
        {
            // The fast path must give exactly the double .NET's parser gives, for every spelling it accepts.
            var rng = new Random(7);
            string[] formats = { "R", "G9", "G15", "G17", "F6", "E10", "0.########", "0.0#####e+0" };
            for (int k = 0; k < 200_000; k++)
            {
                double v = (rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-30, 30));
                if (k % 5 == 0) v = (float)v; // float32 exports: the common short case
                string text = v.ToString(formats[k % formats.Length], CultureInfo.InvariantCulture);
                Assert.Equal(NumberParse.Ok, NumberText.TryParse(text.AsSpan(), out double got));
                double expected = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
                Assert.True(expected.Equals(got), $"{text}: expected {expected:R}, got {got:R}");
            }
        }

        [Fact]
        public void AgreesWithTheFullParserOnRandomStringsOfDigitsAndNearDigits()
        {
            // Four chars at a time: every string the fast path takes must give the full parser's double, bit for bit,
            // and a char just outside '0'..'9' (in either byte of a UTF-16 char) must never pass for a digit.
            var rng = new Random(11);
            char[] alphabet = "0123456789012345678901234567890123456789..--+eE/:\u0130\u0139\u012F\u0660\u00B0\u00B9\u0000\u007F ".ToCharArray();
            var buffer = new char[24];
            for (int k = 0; k < 1_000_000; k++)
            {
                int n = 1 + rng.Next(buffer.Length);
                for (int i = 0; i < n; i++) buffer[i] = alphabet[rng.Next(alphabet.Length)];
                if (k % 3 == 0) // mostly the common shape: [-]digits.digits, with one stray char somewhere now and then
                {
                    int dot = rng.Next(n);
                    for (int i = 0; i < n; i++) buffer[i] = (char)('0' + rng.Next(10));
                    if (n > 1) buffer[dot] = '.';
                    if (rng.Next(2) == 0) buffer[0] = '-';
                    if (rng.Next(4) == 0) buffer[rng.Next(n)] = alphabet[rng.Next(alphabet.Length)];
                }
                string text = new string(buffer, 0, n);
                NumberParse got = NumberText.TryParse(text.AsSpan(), out double value);
                // The general path trims (Unicode white space) before it parses: "1\0 " is 1 there, as ever.
                bool parses = double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double expected);
                if (parses && !double.IsInfinity(expected))
                {
                    Assert.Equal(NumberParse.Ok, got);
                    Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(value), $"{text}: expected {expected:R}, got {value:R}");
                }
                else
                {
                    Assert.True(got != NumberParse.Ok, $"'{text}' ({string.Join(" ", text.Select(c => ((int)c).ToString("X4", CultureInfo.InvariantCulture)))}) read as {value:R}");
                }
            }
        }

        [Fact]
        public void SeventeenToTwentyCharacterDecimalsGiveTheFullParsersDouble()
        {
            // float64 text: 16-19 digits with the point at every place (or none), either sign, a
            // non-digit anywhere now and then; every answer must be double.Parse's, bit for bit.
            var rng = new Random(37);
            var buffer = new char[21];
            for (int k = 0; k < 400_000; k++)
            {
                int sign = rng.Next(3), n = 17 + rng.Next(4), start = sign == 0 ? 0 : 1;
                if (sign == 1) buffer[0] = '-';
                if (sign == 2) buffer[0] = '+';
                for (int i = 0; i < n; i++) buffer[start + i] = (char)('0' + rng.Next(10));
                if (rng.Next(8) != 0) buffer[start + rng.Next(n)] = '.';
                if (rng.Next(16) == 0) buffer[start + rng.Next(n)] = ".-e/:\u0660x"[rng.Next(7)];
                string text = new string(buffer, 0, start + n);
                NumberParse got = NumberText.TryParse(text.AsSpan(), out double value);
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double expected) && !double.IsInfinity(expected))
                {
                    Assert.Equal(NumberParse.Ok, got);
                    Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(value), $"{text}: expected {expected:R}, got {value:R}");
                }
                else
                {
                    Assert.True(got != NumberParse.Ok, $"'{text}' read as {value:R}"); // not a number, or out of range (1e400)
                }
            }
        }

        [Theory]
        [InlineData("-0.0")]
        [InlineData("0")]
        [InlineData("00012.50")]
        [InlineData("9007199254740993")]
        [InlineData("1.7976931348623157e308")]
        [InlineData("4.9e-324")]
        [InlineData(".5")]
        [InlineData("5.")]
        [InlineData("1e22")]
        [InlineData("1e23")]
        [InlineData("-0.0000000")] // 8 to 16 characters after the sign: the vector path
        [InlineData("+1.2345678")]
        [InlineData("-0.81778115")]
        [InlineData("12345678.")]
        [InlineData(".12345678")]
        [InlineData("-.1234567890123")]
        [InlineData("00000000")]
        [InlineData("1234567890123456")]
        [InlineData("900719925474099.3")]
        [InlineData("1.2345678e-5")]
        [InlineData("-2.0048285631336187")] // float64 text: 16-19 digits, Clinger or Eisel-Lemire
        [InlineData("0.30000000000000004")]
        [InlineData("12345678901234567.8")]
        [InlineData("1234567890123456789")]
        [InlineData("9007199254740993.0")]
        [InlineData("-0.0000000000000000")]
        [InlineData("+.1234567890123456")]
        [InlineData("123.45678901234567")]
        public void EdgeSpellingsMatchTheFullParser(string text)
        {
            Assert.Equal(NumberParse.Ok, NumberText.TryParse(text.AsSpan(), out double got));
            Assert.Equal(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture), got);
            Assert.Equal(text.StartsWith('-') ? 1 : 0, (BitConverter.DoubleToInt64Bits(got) >> 63) & 1);
        }
    }
}
