using System;
using System.Globalization;
using System.Text;
using CrossEntropy.Data.Records;
using Xunit;

namespace CrossEntropy.Data.Tests
{
    /// <summary>
    /// The byte parser (Utf8Number) must give NumberText's double bit for bit wherever it answers, and answer for the
    /// plain decimals files are made of; everything else it leaves to NumberText. .NET's own double.Parse is the
    /// independent reference.
    /// </summary>
    public class Utf8NumberTests
    {
        // Where the byte parser answers, its double is NumberText's and double.Parse's, bit for bit.
        private static bool Agrees(string text)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(text);
            bool answered = Utf8Number.TryParse(bytes, out double fast);
            // In a buffer the bytes after the cell may be read (digit runs are measured eight at a time): digits or a
            // delimiter there must change nothing.
            foreach (string after in new[] { "1234567890123456", ",2\n" })
            {
                byte[] more = Encoding.UTF8.GetBytes(text + after);
                bool answeredHere = Utf8Number.TryParse(more, bytes.Length, out double here);
                Assert.True(answered == answeredHere, $"'{text}' followed by '{after}'");
                if (answered) Assert.Equal(BitConverter.DoubleToInt64Bits(fast), BitConverter.DoubleToInt64Bits(here));
            }
            // The plain-rows reader parses up to where the number stops, then wants its delimiter there: it must take
            // exactly the cells TryParse takes, with the same double.
            foreach (string after in new[] { ",2\n", "|x", "\n" })
            {
                byte[] line = Encoding.UTF8.GetBytes(text + after);
                Assert.True(answered == StopsAtCellEnd(line, bytes.Length, out double greedy), $"'{text}' read up to its stop before '{after}'");
                if (answered) Assert.Equal(BitConverter.DoubleToInt64Bits(fast), BitConverter.DoubleToInt64Bits(greedy));
            }
            if (!answered) return false;
            Assert.True(NumberText.TryParse(text.AsSpan(), out double reference) == NumberParse.Ok, text);
            long want = BitConverter.DoubleToInt64Bits(reference), got = BitConverter.DoubleToInt64Bits(fast);
            if (want != got) Assert.Fail($"'{text}': byte parser {got:X16}, NumberText {want:X16}");
            double parsed = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (BitConverter.DoubleToInt64Bits(parsed) != got) Assert.Fail($"'{text}': byte parser {got:X16}, double.Parse {parsed:R}");
            return true;
        }

        // Utf8Number.Parse over the whole line stops at the cell's end (and the cell is not too long to be read).
        private static unsafe bool StopsAtCellEnd(byte[] line, int cellLength, out double value)
        {
            fixed (byte* p = line)
            {
                byte* stop = Utf8Number.Parse(p, p + line.Length, p + line.Length, out value);
                return stop == p + cellLength && cellLength <= Utf8Number.MaxLength;
            }
        }

        [Fact]
        public void ShortestRoundTripStringsOfRandomDoublesParseAsNumberTextParsesThem()
        {
            var random = new Random(18);
            int answered = 0;
            for (int i = 0; i < 1_000_000; i++)
            {
                // Random bits (any exponent) and values of the size logits have.
                double value = i % 2 == 0 ? BitConverter.Int64BitsToDouble(random.NextInt64()) : (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-8, 8));
                if (!double.IsFinite(value)) continue;
                if (Agrees(value.ToString("R", CultureInfo.InvariantCulture))) answered++;
            }
            // Every finite double's shortest form (at most 17 digits) is read here but subnormals (about 1 in 2,000 of
            // random bits); NumberText's full parser takes those.
            Assert.InRange(answered, 990_000, 1_000_000);
        }

        [Fact]
        public void RandomDigitStringsParseAsNumberTextParsesThem()
        {
            var random = new Random(2026);
            var text = new StringBuilder();
            int answered = 0;
            for (int i = 0; i < 2_000_000; i++)
            {
                text.Clear();
                if (random.Next(2) == 0) text.Append('-');
                int digits = random.Next(0, 24);
                for (int d = 0; d < digits; d++) text.Append((char)('0' + random.Next(10)));
                if (random.Next(3) > 0)
                {
                    text.Append('.');
                    int fraction = random.Next(0, 22);
                    for (int d = 0; d < fraction; d++) text.Append((char)('0' + random.Next(10)));
                }
                if (random.Next(4) == 0) text.Append(random.Next(2) == 0 ? 'e' : 'E').Append(random.Next(-40, 40).ToString(CultureInfo.InvariantCulture));
                string s = text.ToString();
                if (Agrees(s)) answered++;
                else if (s.Length > 0 && s != "-" && s != "." && s != "-.") Assert.True(NumberText.TryParse(s.AsSpan(), out _) != NumberParse.Empty);
            }
            Assert.InRange(answered, 500_000, 2_000_000);
        }

        // Parse (its 16-byte window first) and the digit runs alone: same stop, same double, for every end cut inside
        // the text and whatever bytes follow it (bytes past the end may be read but must change nothing).
        private static unsafe void WindowAgreesWithDigitRuns(string text, string after)
        {
            byte[] line = Encoding.ASCII.GetBytes(text + after + new string('7', 16));
            for (int cut = 0; cut <= text.Length; cut++)
            {
                fixed (byte* p = line)
                {
                    byte* runsStop = Utf8Number.ParseByDigitRuns(p, p + cut, p + line.Length, out double runs);
                    byte* windowStop = Utf8Number.Parse(p, p + cut, p + line.Length, out double window);
                    long runsAt = runsStop == null ? -1 : runsStop - p, windowAt = windowStop == null ? -1 : windowStop - p;
                    if (runsAt != windowAt || BitConverter.DoubleToInt64Bits(runs) != BitConverter.DoubleToInt64Bits(window))
                        Assert.Fail($"'{text}' cut at {cut} before '{after}': digit runs stop at {runsAt} with {runs:R}, window at {windowAt} with {window:R}");
                    // A whole text read: .NET's own parser is the independent reference.
                    if (windowAt == text.Length && cut == text.Length
                        && BitConverter.DoubleToInt64Bits(window) != BitConverter.DoubleToInt64Bits(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture)))
                        Assert.Fail($"'{text}': window {window:R}, double.Parse {double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture):R}");
                }
            }
        }

        [Fact]
        public void TheSixteenByteWindowReadsWhatTheDigitRunsRead()
        {
            var random = new Random(182);
            var text = new StringBuilder();
            string[] afters = { "", ",", "\n", "e5", "E-3", ".", "-", "123", "|" };
            for (int i = 0; i < 300_000; i++)
            {
                text.Clear();
                if (random.Next(2) == 0) text.Append('-');
                // Lengths around the window's 16 bytes and the 15-digit limit; logits' shapes most often.
                int digits = random.Next(4) == 0 ? random.Next(0, 20) : random.Next(0, 3);
                for (int d = 0; d < digits; d++) text.Append((char)('0' + random.Next(10)));
                if (random.Next(5) > 0)
                {
                    text.Append('.');
                    int fraction = random.Next(4) == 0 ? random.Next(0, 20) : random.Next(5, 10);
                    for (int d = 0; d < fraction; d++) text.Append((char)('0' + random.Next(10)));
                }
                if (random.Next(8) == 0) text.Append(random.Next(2) == 0 ? 'e' : 'E').Append(random.Next(-30, 30).ToString(CultureInfo.InvariantCulture));
                WindowAgreesWithDigitRuns(text.ToString(), afters[random.Next(afters.Length)]);
            }
            foreach (string edge in new[] { "", "-", ".", "-.", "0", "-0", "-0.0", "0.", ".0", "5.", "999999999999999", "9999999999999999",
                "99999999999999.9", "999999999999999.", "0.00000000000001", "-0.000000000000001", "1.5e", "1.5e+", "1..5", "12345678.1234567" })
                foreach (string after in afters) WindowAgreesWithDigitRuns(edge, after);
        }

        [Theory]
        [InlineData("-0", true)]
        [InlineData("-0.0e5", true)]
        [InlineData("0e999", true)] // zero, whatever the power
        [InlineData("1e999999", false)] // the exponent's digits run past NumberText's guard too
        [InlineData("1.7976931348623157e308", true)] // 17 digits: Eisel-Lemire
        [InlineData("1.8e308", false)] // overflows: NumberText reports it
        [InlineData("1e-320", false)] // subnormal: the full parser
        [InlineData("9007199254740992", true)]
        [InlineData("9007199254740993", true)] // above 2^53: Eisel-Lemire rounds it
        [InlineData("1234567890123456789", true)] // 19 digits
        [InlineData("12345678901234567890", false)] // 20 digits: the full parser
        [InlineData("0.0000000000000000001", true)] // one significant digit after the zeros
        [InlineData("0.12345678901234567890", false)] // 20 significant digits
        [InlineData("+1", false)]
        [InlineData(" 1", false)]
        [InlineData("1 ", false)]
        [InlineData("inf", false)]
        [InlineData("nan", false)]
        [InlineData("1,5", false)]
        [InlineData("1e22", true)]
        [InlineData("1e23", true)]
        [InlineData("12345678.87654321", true)]
        [InlineData(".5", true)]
        [InlineData("5.", true)]
        [InlineData("", false)]
        public void AnswersOnlyInsideTheFastPath(string text, bool answers)
        {
            Assert.Equal(answers, Agrees(text));
            if (text == "-0" || text == "-0.0e5")
            {
                Assert.True(Utf8Number.TryParse(Encoding.UTF8.GetBytes(text), out double zero));
                Assert.True(double.IsNegative(zero) && zero == 0);
            }
        }
    }
}
