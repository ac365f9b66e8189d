using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using Xunit;

namespace CrossEntropy.PowerShell.Tests
{
    /// <summary>
    /// A file of several chunks (over 4 MB) read on 1, 2 and 5 threads: the same answer bit for bit, output rows in
    /// file order with continuous row numbers, and errors in row order naming the right rows.
    /// </summary>
    public class ParallelFileTests : IClassFixture<SessionFixture>
    {
        private const int Rows = 60_000;
        private static readonly Lazy<string> BigFile = new(MakeFile);
        private readonly Hosting.ModuleSession _s;

        public ParallelFileTests(SessionFixture f) => _s = f.Session;

        private static readonly int[] BadRows = { 1, 17_000, 33_333, 59_999 };

        private static string MakeFile()
        {
            var rng = new Random(3);
            var sb = new StringBuilder("logit_0,logit_1,logit_2,logit_3,logit_4,logit_5,logit_6,logit_7,logit_8,logit_9,label,site\n");
            for (int i = 1; i <= Rows; i++)
            {
                for (int c = 0; c < 10; c++) sb.Append((rng.NextDouble() * 8 - 4).ToString("R", CultureInfo.InvariantCulture)).Append(',');
                sb.Append(BadRows.Contains(i) ? "eleven" : rng.Next(10).ToString(CultureInfo.InvariantCulture));
                sb.Append(i % 3 == 0 ? ",north\n" : ",south\n");
            }
            string path = Path.Combine(Repo.TempDir(), "big.csv");
            File.WriteAllText(path, sb.ToString());
            Assert.True(new FileInfo(path).Length > 2 * 4 * 1024 * 1024, "the test file must span several 4 MB chunks");
            return path;
        }

        [Fact]
        public void ThreadCountChangesNothing()
        {
            var summaries = new[] { 1, 2, 5 }.Select(t =>
                _s.Invoke("param($p, $t) Measure-CrossEntropy -Path $p -ThrottleLimit $t -ErrorAction SilentlyContinue", BigFile.Value, t).Single()).ToList();
            foreach (PSObject s in summaries.Skip(1))
            {
                Assert.Equal(summaries[0].D("Loss"), s.D("Loss"));
                Assert.Equal(summaries[0].D("Accuracy"), s.D("Accuracy"));
            }
            Assert.Equal((long)Rows, summaries[0].Prop<long>("Count"));
            Assert.Equal((long)BadRows.Length, summaries[0].Prop<long>("Rejected"));
        }

        [Fact]
        public void ErrorsComeInRowOrderWithTheirRowNumbers()
        {
            _s.Invoke("param($p) Measure-CrossEntropy -Path $p -ThrottleLimit 3", BigFile.Value);
            // The first 3 rows of one reason are written in full, the rest summed up in one error that names them.
            Assert.Equal(BadRows.Take(3).Select(r => $"row {r}, column 'label', value 'eleven'"),
                _s.Errors.Take(3).Select(e => e.ToString().Split(", ", 2)[1].Split(':')[0]));
            Assert.Equal(4, _s.Errors.Count);
            Assert.Contains($"... and {BadRows.Length - 3} more row rejected like the 3 above (row {BadRows[3]}), column 'label'", _s.Errors[3].ToString());
        }

        [Fact]
        public void PerRowOutputIsInFileOrderAndMatchesThePipelineRoute()
        {
            List<PSObject> rows = _s.Invoke("param($p) Measure-CrossEntropy -Path $p -Reduction None -ThrottleLimit 4 -ErrorAction SilentlyContinue", BigFile.Value).ToList();
            Assert.Equal(Enumerable.Range(1, Rows).Where(r => !BadRows.Contains(r)).Select(r => (long)r), rows.Select(r => r.Prop<long>("Row")));
            PSObject path = _s.Invoke("param($p) Measure-CrossEntropy -Path $p -ErrorAction SilentlyContinue", BigFile.Value).Single();
            Assert.Equal(rows.Average(r => r.D("Loss")), path.D("Loss"), 12);
        }

        [Fact]
        public void GroupsAreNumberedInFileOrderAcrossChunks()
        {
            var groups = _s.Invoke("param($p) Measure-CrossEntropy -Path $p -GroupBy site -ThrottleLimit 2 -ErrorAction SilentlyContinue", BigFile.Value).ToList();
            Assert.Equal(new[] { "south", "north" }, groups.Select(g => g.Prop<string>("Group")));
            Assert.Equal((long)Rows, groups.Sum(g => g.Prop<long>("Count")));
            Assert.Equal(Rows / 3, groups[1].Prop<long>("Count"));
        }

        [Fact]
        public void GradientOfTheMeanOverChunksSumsLikeOneRun()
        {
            // Rows of the mean's gradient are divided by the total weight of the whole file, not of their chunk.
            List<PSObject> rows = _s.Invoke("param($p) Get-LossGradient -Path $p -ThrottleLimit 2 -ErrorAction SilentlyContinue", BigFile.Value).ToList();
            Assert.Equal(Rows - BadRows.Length, rows.Count);
            double used = Rows - BadRows.Length;
            // Each row's gradient is (p - onehot)/N: its entries sum to 0 and its label entry is (p_y - 1)/N.
            foreach (PSObject r in rows.Take(50))
            {
                double[] g = r.Prop<double[]>("Gradient");
                Assert.True(Math.Abs(g.Sum()) < 1e-15);
                int y = int.Parse(r.Prop<string>("Label"), CultureInfo.InvariantCulture);
                Assert.InRange(g[y] * used, -1, 0);
            }
        }
    }
}
