using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using CrossEntropy.Data.Csv;
using CrossEntropy.Data.Records;
using CrossEntropy.Data.Sources;
using Xunit;

namespace CrossEntropy.Data.Tests
{
    /// <summary>
    /// Quote-free chunks are read straight from their bytes (ByteChunkReader) instead of by Sylvan: the same files read
    /// both ways must give the same rows, the same cells, the same shape problems and the same numbers bit for bit,
    /// at every chunk size.
    /// </summary>
    public class ByteChunkReaderTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "crossentropy-bytes-" + Guid.NewGuid().ToString("N"));

        public ByteChunkReaderTests() => Directory.CreateDirectory(_dir);

        public void Dispose()
        {
            Directory.Delete(_dir, recursive: true);
            GC.SuppressFinalize(this);
        }

        private string Write(byte[] bytes)
        {
            string path = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".csv");
            File.WriteAllBytes(path, bytes);
            return path;
        }

        // Every row as text: its shape problem, and per column whether it is there, its number (bits), text and span.
        private static List<string> Transcript(string path, bool bytes, int chunkBytes, CsvOptions? options = null) =>
            Transcript(path, bytes, chunkBytes, options, out _);

        private static List<string> Transcript(string path, bool bytes, int chunkBytes, CsvOptions? options, out int byteChunks)
        {
            byteChunks = 0;
            options = new CsvOptions
            {
                ReadsBytes = bytes,
                DecimalComma = options?.DecimalComma ?? false,
                Delimiter = options?.Delimiter,
            };
            CsvFile file = CsvFile.Open(path, options);
            var rows = new List<string>();
            var line = new StringBuilder();
            foreach (FileChunk chunk in file.Chunks(chunkBytes))
            {
                using (IRecordCursor records = file.ReadChunk(chunk))
                {
                    if (records is ByteChunkReader) byteChunks++;
                    while (records.Read())
                    {
                        line.Clear().Append(records.ShapeProblem ?? "ok");
                        var spans = new List<string>();
                        for (int c = 0; c < file.Columns.Count; c++)
                        {
                            if (!records.HasField(c))
                            {
                                line.Append(" | none");
                                continue;
                            }
                            NumberParse parse = records.TryGetDouble(c, out double value);
                            long bits = BitConverter.DoubleToInt64Bits(value);
                            line.Append(CultureInfo.InvariantCulture, $" | {parse} {bits:X16} [{records.GetText(c)}]");
                            spans.Add(records.GetSpan(c).ToString());
                        }
                        // Spans of one row stay valid together (labels and group keys are read after the numbers).
                        for (int c = 0; c < spans.Count; c++) line.Append(" {").Append(spans[c]).Append('}');
                        rows.Add(line.ToString());
                    }
                }
                chunk.Release();
            }
            return rows;
        }

        private static void SameBothWays(string path, CsvOptions? options = null, int expectedRows = -1, bool someFromBytes = true)
        {
            int byteChunks = 0;
            List<string> sylvan = Transcript(path, bytes: false, CsvFile.DefaultChunkBytes, options);
            if (expectedRows >= 0) Assert.Equal(expectedRows, sylvan.Count);
            foreach (int chunkBytes in new[] { 64, 1000, CsvFile.DefaultChunkBytes })
            {
                List<string> fromBytes = Transcript(path, bytes: true, chunkBytes, options, out int n);
                byteChunks += n;
                Assert.Equal(sylvan.Count, fromBytes.Count);
                for (int i = 0; i < sylvan.Count; i++) Assert.Equal(sylvan[i], fromBytes[i]);
            }
            Assert.Equal(someFromBytes, byteChunks > 0); // the comparison compared the two paths
        }

        private static readonly string[] OddCells =
        {
            "", " ", "-0", "-0.0", "0", "0.0", "+1", " 1", "1 ", "inf", "-inf", "Infinity", "nan", "NaN", "-nan", "1e309",
            "-1e309", "1e-400", "abc", "1,5", ".5", "5.", "-.5", "1e", "1e+5", "1E-5", "1e-22", "1e22", "1e23", "9007199254740993",
            "9007199254740992", "00000000000000000001", "12345678901234567890", "1234567890123456789", "0.1234567890123456789",
            "-", ".", "e5", "1.2.3", "1e5.5", "0x10", "1_000", "١", "café", "∞", "-∞", "12345678", "123456789012345678",
        };

        private static string RandomCell(Random random)
        {
            switch (random.Next(8))
            {
                case 0: return OddCells[random.Next(OddCells.Length)];
                case 1: return BitConverter.Int64BitsToDouble(random.NextInt64()).ToString("R", CultureInfo.InvariantCulture);
                case 2: return (random.NextDouble() * 20 - 10).ToString("R", CultureInfo.InvariantCulture);
                case 3: return (random.NextDouble() * 20 - 10).ToString("F" + random.Next(0, 18), CultureInfo.InvariantCulture);
                case 4: return (random.NextDouble() * Math.Pow(10, random.Next(-30, 30))).ToString("E" + random.Next(0, 17), CultureInfo.InvariantCulture);
                case 5: return random.Next(-1000, 1000).ToString(CultureInfo.InvariantCulture);
                case 6: return "-0." + new string('0', random.Next(0, 5)) + random.NextInt64(0, 999999999999999999L).ToString(CultureInfo.InvariantCulture);
                default: return random.Next(0, 3).ToString(CultureInfo.InvariantCulture);
            }
        }

        [Theory]
        [InlineData("\n", ',')]
        [InlineData("\r\n", ',')]
        [InlineData("\r", ',')]
        [InlineData("\n", '\t')]
        [InlineData("\r\n", ';')]
        public void RandomFilesReadTheSameBothWays(string newline, char delimiter)
        {
            var random = new Random(newline.Length * 31 + delimiter);
            var text = new StringBuilder("a" + delimiter + "b" + delimiter + "c" + delimiter + "label" + delimiter + "group" + newline);
            for (int row = 0; row < 3000; row++)
            {
                int cells = random.Next(20) == 0 ? random.Next(0, 8) : 5; // short, long and blank rows now and then
                for (int c = 0; c < cells; c++)
                {
                    if (c > 0) text.Append(delimiter);
                    text.Append(c < 3 ? RandomCell(random) : c == 3 ? random.Next(0, 3).ToString(CultureInfo.InvariantCulture) : "grüppe" + random.Next(3));
                }
                text.Append(newline);
            }
            if (random.Next(2) == 0) text.Append("1" + delimiter + "2" + delimiter + "3" + delimiter + "0" + delimiter + "g"); // no final line end
            SameBothWays(Write(Encoding.UTF8.GetBytes(text.ToString())), new CsvOptions { Delimiter = delimiter });
        }

        [Fact]
        public void InvalidUtf8InALabelIsRejectedByRowAndColumnAsBySylvan()
        {
            byte[] head = Encoding.UTF8.GetBytes("x,y,label\n1.5,2,caf");
            byte[] tail = Encoding.UTF8.GetBytes("\n-0.25,3e2,ok\n1,2\n\n4,5,6,7\n" + string.Concat(Enumerable.Repeat("1.25,-2,0\n", 20)));
            string path = Write(head.Concat(new byte[] { 0xE8 }).Concat(tail).ToArray());
            SameBothWays(path, expectedRows: 24);
            List<string> rows = Transcript(path, bytes: true, CsvFile.DefaultChunkBytes);
            Assert.Contains("column 'label' has bytes that are not valid UTF-8 (byte 0xE8)", rows[0], StringComparison.Ordinal);
            Assert.StartsWith("ok | Ok", rows[1], StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("only\n1\n\n2\r\n\r\n3")]
        [InlineData("x,y\n\n\n1,2\n,\n1,\n,2\n")]
        [InlineData("x,y\n1,2\n \n1,2,\n")]
        [InlineData("x,y\n\u00071,2\n1,\u001F\n")]
        public void BlankLinesEmptyCellsAndControlBytesReadTheSameBothWays(string text) =>
            SameBothWays(Write(Encoding.UTF8.GetBytes(text)));

        // A chunk with a NUL byte stays with Sylvan; a line that starts with one (which Sylvan would skip as a comment) is
        // a row the record scanner rejects, so both lines are counted.
        [Fact]
        public void AChunkWithANulByteIsLeftToSylvan() =>
            SameBothWays(Write(Encoding.UTF8.GetBytes("x,y\n\u00001,2\n1,\u0000\n")), expectedRows: 2, someFromBytes: false);

        [Fact]
        public void DecimalCommaReadsTheSameBothWays() =>
            SameBothWays(Write(Encoding.UTF8.GetBytes("x;y;label\n1,5;-0,25;0\n2;1.5;1\n3,0e2;;1\n")), new CsvOptions { DecimalComma = true, Delimiter = ';' }, expectedRows: 3);

        [Fact]
        public void AChunkWithAQuoteIsReadBySylvanAndTheOthersFromBytes()
        {
            var text = new StringBuilder("x,y,label\n");
            for (int i = 0; i < 200; i++) text.Append(CultureInfo.InvariantCulture, $"{i * 0.1},{-i},{i % 3}\n");
            text.Append("\"1.5\",2,\"a,b\"\n");
            for (int i = 0; i < 200; i++) text.Append(CultureInfo.InvariantCulture, $"{i * 0.1},{-i},{i % 3}\n");
            SameBothWays(Write(Encoding.UTF8.GetBytes(text.ToString())), expectedRows: 401);
        }

        [Fact]
        public void WideRowsReadTheSameBothWays()
        {
            var random = new Random(7);
            int columns = WideRecords.Threshold + 5;
            var text = new StringBuilder(string.Join(",", Enumerable.Range(0, columns).Select(c => "c" + c)) + "\n");
            for (int row = 0; row < 20; row++)
                text.Append(string.Join(",", Enumerable.Range(0, columns - (row == 3 ? 2 : 0)).Select(c => RandomCell(random)))).Append('\n');
            SameBothWays(Write(Encoding.UTF8.GetBytes(text.ToString())), expectedRows: 20);
        }
    }
}
