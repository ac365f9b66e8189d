using System;
using System.Globalization;
using System.Numerics;
using System.Text;
using CrossEntropy.Data.Records;
using Xunit;

namespace CrossEntropy.Data.Tests
{
    /// <summary>
    /// Eisel-Lemire against .NET's own parser (double.Parse, correctly rounded), bit for bit: significands of 16 to 19
    /// digits, every power of ten the table holds, exact halfway cases, and the spellings Python's repr and numpy's
    /// "%.18e" write; through the algorithm itself, NumberText (UTF-16, the pipeline) and Utf8Number (files).
    /// </summary>
    public class EiselLemireTests
    {
        private static double Parse(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

        private static void SameBits(double expected, double actual, string text) =>
            Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual), $"'{text}': expected {expected:R}, got {actual:R}");

        // Both parsers of the module: where they answer, the double is double.Parse's.
        private static void BothParsersAgree(string text)
        {
            double expected = Parse(text);
            Assert.Equal(NumberParse.Ok, NumberText.TryParse(text.AsSpan(), out double viaText));
            SameBits(expected, viaText, text);
            if (Utf8Number.TryParse(Encoding.ASCII.GetBytes(text), out double viaBytes)) SameBits(expected, viaBytes, text);
        }

        [Fact]
        public void TheTableHoldsTruncatedPowersOfFive()
        {
            Assert.Equal((0x8000000000000000UL, 0UL), EiselLemire.PowerOfFive(0));
            Assert.Equal((0xA000000000000000UL, 0UL), EiselLemire.PowerOfFive(1));
            Assert.Equal((0xCCCCCCCCCCCCCCCCUL, 0xCCCCCCCCCCCCCCCDUL), EiselLemire.PowerOfFive(-1)); // 2^130/5 rounded up
            // Every entry rebuilt the way fast_float's generator builds it: negative powers as 2^b / 5^-q + 1 truncated to
            // 128 bits, positive powers shifted so that their top bit is bit 127 and truncated.
            BigInteger two128 = BigInteger.One << 128, two127 = BigInteger.One << 127;
            for (int q = EiselLemire.SmallestPower; q <= EiselLemire.LargestPower; q++)
            {
                BigInteger c;
                if (q < 0)
                {
                    BigInteger power5 = BigInteger.Pow(5, -q);
                    int z = (int)power5.GetBitLength(); // the least z with 2^z >= 5^-q (never a power of two)
                    c = (BigInteger.One << (q >= -27 ? z + 127 : 2 * z + 128)) / power5 + 1;
                    while (c >= two128) c >>= 1;
                }
                else
                {
                    c = BigInteger.Pow(5, q);
                    while (c < two127) c <<= 1;
                    while (c >= two128) c >>= 1;
                }
                Assert.Equal(((ulong)(c >> 64), (ulong)(c & ulong.MaxValue)), EiselLemire.PowerOfFive(q));
            }
        }

        [Fact]
        public void RandomSignificandsAtEveryPowerGiveTheFullParsersDouble()
        {
            var rng = new Random(23);
            int computed = 0, cases = 0, declinedNormal = 0;
            for (int k = 0; k < 400_000; k++)
            {
                int digits = 1 + rng.Next(19);
                ulong w = (ulong)rng.NextInt64(1, digits == 19 ? long.MaxValue : (long)Math.Pow(10, digits));
                int q = rng.Next(-360, 330);
                string text = w.ToString(CultureInfo.InvariantCulture) + "e" + q.ToString(CultureInfo.InvariantCulture);
                double expected = Parse(text);
                cases++;
                if (EiselLemire.TryCompute(w, q, out double got))
                {
                    computed++;
                    SameBits(expected, got, text);
                }
                else if (expected >= 2.2250738585072014E-308 && !double.IsInfinity(expected))
                {
                    declinedNormal++; // the safety net: a product too close to call (subnormal, zero and infinite results always go)
                }
                if (!double.IsInfinity(expected)) BothParsersAgree(text);
            }
            Assert.True(computed > cases * 8 / 10, $"{computed} of {cases} computed");
            Assert.True(declinedNormal <= cases / 10_000, $"{declinedNormal} normal results declined");
        }

        [Fact]
        public void HalfwayIntegersRoundToEven()
        {
            // m·2^s + 2^(s-1) lies exactly between two doubles: the one with the even significand wins.
            var rng = new Random(29);
            for (int k = 0; k < 100_000; k++)
            {
                ulong m = (1UL << 52) | (ulong)rng.NextInt64(0, 1L << 52);
                int s = 1 + rng.Next(10);
                ulong halfway = (m << s) + (1UL << (s - 1));
                foreach (ulong w in new[] { halfway - 1, halfway, halfway + 1 })
                {
                    string text = w.ToString(CultureInfo.InvariantCulture);
                    Assert.True(EiselLemire.TryCompute(w, 0, out double got), text);
                    SameBits(Parse(text), got, text);
                    BothParsersAgree(text);
                }
            }
        }

        [Fact]
        public void RoundTripSpellingsOfRandomDoublesGiveTheFullParsersDouble()
        {
            // Python's repr and pandas write the shortest round-trip form (up to 17 digits), numpy's savetxt "%.18e"
            // 19 digits and an exponent; .NET's "R" and "E18" are the same spellings.
            var rng = new Random(31);
            for (int k = 0; k < 300_000; k++)
            {
                double v = k % 3 == 0 ? BitConverter.Int64BitsToDouble(rng.NextInt64()) : (rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-12, 12));
                if (!double.IsFinite(v)) continue;
                BothParsersAgree(v.ToString("R", CultureInfo.InvariantCulture));
                BothParsersAgree(v.ToString("E18", CultureInfo.InvariantCulture));
                BothParsersAgree(v.ToString("0.0###################", CultureInfo.InvariantCulture)); // leading zeros: 0.000123...
            }
        }

        [Theory]
        [InlineData("0.30000000000000004")]
        [InlineData("-2.0048285631336187")]
        [InlineData("1.7976931348623157e308")] // the largest double
        [InlineData("2.2250738585072014e-308")] // the smallest normal one
        [InlineData("9007199254740993")] // 2^53 + 1: halfway, rounds to even (2^53)
        [InlineData("9007199254740995")] // halfway, rounds up to even
        [InlineData("18446744073709551615")] // 20 digits: the full parser
        [InlineData("0.0012345678901234567")] // 17 significant digits after three zeros
        [InlineData("-6.209040552381213107e-01")]
        [InlineData("1e23")]
        [InlineData("1e-320")] // subnormal: the full parser
        [InlineData("1e308")]
        public void EdgeSpellingsGiveTheFullParsersDouble(string text) => BothParsersAgree(text);
    }
}
