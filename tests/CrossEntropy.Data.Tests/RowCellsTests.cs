using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using CrossEntropy.Data.Csv;
using Xunit;

namespace CrossEntropy.Data.Tests
{
    /// <summary>
    /// Ranked rows' cells read back from a file (Find-NoisyLabel, the report): each chunk's pooled buffer is given back
    /// once its cells are copied, so reading across many chunks must still give every wanted row's own cells — plain,
    /// quoted (delimiters, quotes and line ends inside), CRLF, with a BOM, blank lines between rows, rows after the last
    /// wanted one — exactly as written, at any chunk size.
    /// </summary>
    public class RowCellsTests : IDisposable
    {
        private readonly string _path = Path.Combine(Path.GetTempPath(), "crossentropy-rowcells-" + Guid.NewGuid().ToString("N") + ".csv");

        public void Dispose()
        {
            File.Delete(_path);
            GC.SuppressFinalize(this);
        }

        [Theory]
        [InlineData(1, 3, false, false, false)]
        [InlineData(2, 40, true, false, false)]
        [InlineData(3, 300, false, true, true)]
        [InlineData(4, 7, true, true, true)]
        public void EveryWantedRowGetsItsOwnCellsAtEveryChunkSize(int seed, int columns, bool quoted, bool crlf, bool bom)
        {
            var random = new Random(seed);
            string[] names = Enumerable.Range(0, columns).Select(c => "c" + c).ToArray();
            List<string[]> rows = Write(random, names, 120, quoted, crlf, bom);
            foreach (int chunkBytes in new[] { 64, 1000, 1 << 14, CsvFile.DefaultChunkBytes })
            {
                long[] wanted = Enumerable.Range(1, rows.Count).Where(_ => random.Next(4) == 0).Select(r => (long)r).Append(rows.Count - 7).Distinct().ToArray();
                // The columns in another order, one twice and one the file lacks (null), as a combined run asks for them.
                string[] asked = names.Reverse().Append(names[0]).Append("missing").ToArray();
                Dictionary<long, string?[]> read = RowCells.Read(_path, new CsvOptions(), wanted, asked, chunkBytes);
                Assert.Equal(wanted.Length, read.Count);
                foreach (long r in wanted)
                {
                    string[] expected = rows[(int)r - 1];
                    string?[] cells = read[r];
                    for (int k = 0; k < columns; k++) Assert.Equal(expected[columns - 1 - k], cells[k]);
                    Assert.Equal(expected[0], cells[columns]);
                    Assert.Null(cells[columns + 1]);
                }
            }
        }

        [Fact]
        public void AHeaderOnlyFileHasNoRowsToGive()
        {
            File.WriteAllText(_path, "a,b,label\n");
            Assert.Empty(RowCells.Read(_path, new CsvOptions(), new long[] { 1, 2 }, new[] { "a", "label" }, 64));
            Assert.Empty(RowCells.Read(_path, new CsvOptions(), Array.Empty<long>(), new[] { "a" }));
        }

        // Rows of random cells (numbers, and text needing quotes when `quoted`), blank lines between some of them.
        private List<string[]> Write(Random random, string[] names, int count, bool quoted, bool crlf, bool bom)
        {
            string eol = crlf ? "\r\n" : "\n";
            var text = new StringBuilder(string.Join(",", names)).Append(eol);
            var rows = new List<string[]>();
            for (int r = 0; r < count; r++)
            {
                var cells = new string[names.Length];
                for (int c = 0; c < cells.Length; c++)
                {
                    int kind = quoted ? random.Next(8) : 0;
                    cells[c] = kind switch
                    {
                        1 => "a,b",
                        2 => "say \"hi\"",
                        3 => "two" + eol + "lines",
                        4 => "",
                        5 => "café",
                        _ => (random.NextDouble() * 200 - 100).ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                    };
                }
                rows.Add(cells);
                text.Append(string.Join(",", cells.Select(Quote))).Append(eol);
                if (random.Next(10) == 0) text.Append(eol); // a blank line holds no row
            }
            File.WriteAllText(_path, text.ToString(), new UTF8Encoding(bom));
            return rows;
        }

        private static string Quote(string cell) =>
            !cell.Contains(',') && !cell.Contains('"') && !cell.Contains('\r') && !cell.Contains('\n') ? cell : "\"" + cell.Replace("\"", "\"\"") + "\"";
    }
}
