using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using CrossEntropy.Data.Csv;
using CrossEntropy.Data.Records;
using CrossEntropy.Data.Sources;
using Xunit;

namespace CrossEntropy.Data.Tests
{
    /// <summary>
    /// The record scanner marks a chunk it found to be plain ASCII (no quote, NUL or lone CR; CRLF line ends are plain)
    /// so that its reader skips the UTF-8 and quote checks: a marked chunk must be plain, and must read exactly as the
    /// same chunk unmarked (the general path, which checks again).
    /// </summary>
    public class PlainAsciiChunkTests : IDisposable
    {
        private readonly string _path = Path.Combine(Path.GetTempPath(), "crossentropy-plain-" + Guid.NewGuid().ToString("N") + ".csv");

        public void Dispose()
        {
            File.Delete(_path);
            GC.SuppressFinalize(this);
        }

        private static readonly byte[][] OddBytes =
        {
            Encoding.UTF8.GetBytes("\"q,1\""), Encoding.UTF8.GetBytes("a\"b"), new byte[] { 0 }, new byte[] { (byte)'1', 0 },
            new byte[] { (byte)'\r' }, Encoding.UTF8.GetBytes("café"), new byte[] { 0xE8 }, new byte[] { 0x7F }, new byte[] { 0xC3 },
        };

        [Theory]
        [InlineData(1, 200, false)]
        [InlineData(2, 40, false)]
        [InlineData(3, 5, false)]
        [InlineData(4, 200, true)]
        [InlineData(5, 40, true)]
        public void AMarkedChunkIsPlainAndReadsAsTheSameChunkUnmarked(int seed, int oddOneIn, bool crlf)
        {
            var random = new Random(seed);
            var bytes = new List<byte>(Encoding.ASCII.GetBytes("x,y,label\n"));
            for (int row = 0; row < 4000; row++)
            {
                int cells = random.Next(30) == 0 ? random.Next(0, 5) : 3;
                for (int c = 0; c < cells; c++)
                {
                    if (c > 0) bytes.Add((byte)',');
                    if (random.Next(oddOneIn) == 0) bytes.AddRange(OddBytes[random.Next(OddBytes.Length)]);
                    else bytes.AddRange(Encoding.ASCII.GetBytes((random.NextDouble() * 10 - 5).ToString("R", CultureInfo.InvariantCulture)));
                }
                if (crlf) bytes.Add((byte)'\r');
                bytes.Add((byte)'\n');
            }
            File.WriteAllBytes(_path, bytes.ToArray());

            int marked = 0, unmarked = 0, crlfMarked = 0;
            foreach (bool readsBytes in new[] { true, false })
            {
                foreach (int chunkBytes in new[] { 64, 333, 4096, CsvFile.DefaultChunkBytes })
                {
                    CsvFile file = CsvFile.Open(_path, new CsvOptions { ReadsBytes = readsBytes });
                    foreach (FileChunk chunk in file.Chunks(chunkBytes))
                    {
                        if (chunk.PlainAscii)
                        {
                            marked++;
                            for (int i = 0; i < chunk.Length; i++)
                            {
                                byte b = chunk.Buffer[i];
                                Assert.True(b is > 0 and < 0x80 and not (byte)'"', $"byte 0x{b:X2} in a chunk marked plain");
                                Assert.True(b != (byte)'\r' || (i + 1 < chunk.Length && chunk.Buffer[i + 1] == (byte)'\n'), $"a lone CR at {i} in a chunk marked plain");
                            }
                            if (crlf) crlfMarked++;
                            var general = new FileChunk(chunk.Index, chunk.Buffer, chunk.Length, chunk.FileOffset) { Broken = chunk.Broken };
                            Assert.Equal(Rows(file, general), Rows(file, chunk));
                        }
                        else
                        {
                            unmarked++;
                        }
                        chunk.Release();
                    }
                }
            }
            Assert.True(marked > 0 && unmarked > 0, $"{marked} marked, {unmarked} unmarked: the test must see both");
            Assert.True(!crlf || crlfMarked > 0, "CRLF chunks without a lone CR are marked plain");
        }

        // Every record of the chunk as text: its shape problem, and per column whether it is there, its number (bits) and text.
        private static List<string> Rows(CsvFile file, FileChunk chunk)
        {
            var rows = new List<string>();
            using IRecordCursor records = file.ReadChunk(chunk);
            rows.Add(records.GetType().Name);
            while (records.Read())
            {
                var line = new StringBuilder(records.ShapeProblem ?? "ok");
                for (int c = 0; c < file.Columns.Count; c++)
                {
                    if (!records.HasField(c))
                    {
                        line.Append(" | none");
                        continue;
                    }
                    NumberParse parse = records.TryGetDouble(c, out double value);
                    line.Append(CultureInfo.InvariantCulture, $" | {parse} {BitConverter.DoubleToInt64Bits(value):X16} [{records.GetText(c)}]");
                }
                rows.Add(line.ToString());
            }
            return rows;
        }
    }
}
