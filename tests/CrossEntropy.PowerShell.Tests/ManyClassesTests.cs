using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using Xunit;

namespace CrossEntropy.PowerShell.Tests
{
    /// <summary>
    /// 50,000 classes through Measure-Classification, Merge-CrossEntropyResult and Export-CrossEntropyReport: the
    /// confusion matrix keeps only the cells that occur (a dense one is C² = 2.5 billion cells, 20 GB), so a few hundred
    /// rows cost memory by the rows. The figures follow from the rows by hand; shards merge to the single run, also
    /// after PSSerializer.
    /// </summary>
    public class ManyClassesTests : IClassFixture<SessionFixture>
    {
        private const int Classes = 50_000;
        private const int Rows = 200;
        private readonly Hosting.ModuleSession _s;

        public ManyClassesTests(SessionFixture f) => _s = f.Session;

        // Logits 0 but one 3 at the predicted class: two rows in three right, the rest confused with a near class.
        private static (string[] Files, int[] Truth, int[] Predicted) Write(string dir)
        {
            var rng = new Random(18);
            var truth = new int[Rows];
            var predicted = new int[Rows];
            var files = new[] { Path.Combine(dir, "all.csv"), Path.Combine(dir, "a.csv"), Path.Combine(dir, "b.csv") };
            string header = string.Join(",", Enumerable.Range(0, Classes).Select(k => "c" + k.ToString(CultureInfo.InvariantCulture))) + ",label\n";
            var writers = files.Select(f => new StreamWriter(f, false, new UTF8Encoding(false))).ToArray();
            try
            {
                foreach (StreamWriter w in writers) w.Write(header);
                var line = new StringBuilder();
                for (int i = 0; i < Rows; i++)
                {
                    truth[i] = rng.Next(Classes);
                    predicted[i] = rng.Next(3) > 0 ? truth[i] : (truth[i] + 1 + rng.Next(3)) % Classes;
                    line.Clear();
                    for (int k = 0; k < Classes; k++) line.Append(k == predicted[i] ? "3," : "0,");
                    line.Append('c').Append(truth[i].ToString(CultureInfo.InvariantCulture)).Append('\n');
                    writers[0].Write(line);
                    writers[i < Rows / 2 ? 1 : 2].Write(line);
                }
            }
            finally
            {
                foreach (StreamWriter w in writers) w.Dispose();
            }
            return (files, truth, predicted);
        }

        [Fact]
        public void FiftyThousandClassesMeasureMergeAndReportWithMemoryByTheRows()
        {
            string dir = Repo.TempDir();
            (string[] files, int[] truth, int[] predicted) = Write(dir);
            long before = GC.GetTotalAllocatedBytes(precise: true);
            PSObject single = _s.Invoke("param($p) Measure-Classification -Path $p", files[0]).Single();
            long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            Assert.Empty(_s.Errors);
            // A dense matrix would be 20 GB of weights alone; the rows' 10 million logits take some hundreds of MB.
            Assert.True(allocated < (long)Classes * Classes * 8 / 10, $"{allocated:N0} bytes allocated");

            // The cells are the rows' (true, predicted) pairs, sorted, counted by hand.
            var expected = truth.Zip(predicted, (t, p) => (t, p)).GroupBy(c => c).OrderBy(g => g.Key.t).ThenBy(g => g.Key.p).ToArray();
            Assert.Equal(expected.Select(g => g.Key.t), single.Prop<int[]>("ConfusionTrue"));
            Assert.Equal(expected.Select(g => g.Key.p), single.Prop<int[]>("ConfusionPredicted"));
            Assert.Equal(expected.Select(g => (long)g.Count()), single.Prop<long[]>("ConfusionCounts"));
            Assert.Equal(expected.Select(g => (double)g.Count()), single.Prop<double[]>("ConfusionWeights"));
            Assert.Equal((double)truth.Zip(predicted).Count(r => r.First == r.Second) / Rows, single.D("Accuracy"));
            Assert.Equal(Rows, single.Prop<long>("Used"));
            Assert.Contains("50000 classes: too many to show", single.Properties["ConfusionMatrix"].Value.ToString(), StringComparison.Ordinal);

            // Two shards merge to the single run, live and after PSSerializer (JSON: tests/Merge.Tests.ps1, in real pwsh).
            PSObject[] shards = files.Skip(1).SelectMany(f => _s.Invoke("param($p) Measure-Classification -Path $p", f)).ToArray();
            Assert.Empty(_s.Errors);
            foreach (string route in new[]
            {
                "$r",
                "$r | ForEach-Object { [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($_)) }",
            })
            {
                var results = _s.Invoke("param($r) " + route + " | Merge-CrossEntropyResult", new object?[] { shards });
                Assert.True(results.Count == 1 && _s.Errors.Count == 0, route + ": " + string.Join("; ", _s.Errors.Select(e => e.ToString())));
                PSObject merged = results[0];
                foreach (string p in new[] { "ConfusionTrue", "ConfusionPredicted" }) Assert.Equal(single.Prop<int[]>(p), merged.Prop<int[]>(p));
                Assert.Equal(single.Prop<long[]>("ConfusionCounts"), merged.Prop<long[]>("ConfusionCounts"));
                Assert.Equal(single.Prop<double[]>("ConfusionWeights"), merged.Prop<double[]>("ConfusionWeights"));
                foreach (string figure in new[] { "Accuracy", "BalancedAccuracy", "MacroF1", "WeightedF1", "MatthewsCorrelation", "CohenKappa" })
                    Assert.Equal(single.D(figure), merged.D(figure));
            }

            // The report lists the most confused pairs instead of a 50,000-column table, from the rows and from the summary alike.
            string fromRows = Path.Combine(dir, "rows.html"), fromSummary = Path.Combine(dir, "summary.html");
            _s.Invoke("param($p, $o) Export-CrossEntropyReport -Path $p -OutFile $o", files[0], fromRows);
            Assert.Empty(_s.Errors);
            _s.Invoke("param($s, $o) $s | Export-CrossEntropyReport -OutFile $o", single, fromSummary);
            Assert.Empty(_s.Errors);
            string rows = File.ReadAllText(fromRows), summary = File.ReadAllText(fromSummary);
            Assert.DoesNotContain("id=\"confusion\"", rows, StringComparison.Ordinal);
            Assert.True(rows.Length < 50_000_000, $"{rows.Length:N0} characters");
            string pairs = Section(rows, "confused-pairs");
            Assert.Equal(Math.Min(20, truth.Zip(predicted).Count(r => r.First != r.Second)), pairs.Split("<tr>").Length - 2);
            Assert.Equal(pairs, Section(summary, "confused-pairs"));
        }

        [Fact]
        public void TheDenseMatricesAreTheSparseCellsSpelledOut()
        {
            PSObject r = _s.Invoke("param($p) Measure-Classification -Path $p -SampleWeightColumn sw", WeightedIris()).Single();
            Assert.Empty(_s.Errors);
            PSObject matrix = PSObject.AsPSObject(r.Properties["ConfusionMatrix"].Value);
            long[][] counts = LanguagePrimitives.ConvertTo<long[][]>(_s.Invoke("param($r) , $r.GetConfusionCounts()", r).Single().BaseObject);
            double[][] weights = LanguagePrimitives.ConvertTo<double[][]>(_s.Invoke("param($r) , $r.GetConfusionWeights()", r).Single().BaseObject);
            Assert.Equal(matrix.Prop<long[][]>("Counts"), counts);
            Assert.Equal(matrix.Prop<double[][]>("Weights"), weights);
            Assert.True(matrix.Prop<bool>("IsWeighted"));
            Assert.Equal(r.Prop<long[]>("ConfusionCounts").Sum(), counts.Sum(row => row.Sum()));
            Assert.DoesNotContain(0L, r.Prop<long[]>("ConfusionCounts"));
        }

        // Iris with a sample-weight column (1, 2 or 0.5 by row), so weights and counts differ.
        private static string WeightedIris()
        {
            string[] lines = File.ReadAllLines(Repo.Example("iris-logits.csv"));
            string path = Path.Combine(Repo.TempDir(), "iris-weighted.csv");
            File.WriteAllLines(path, lines.Select((l, i) => l + "," + (i == 0 ? "sw" : (i % 3 == 0 ? "2" : i % 3 == 1 ? "1" : "0.5"))));
            return path;
        }

        private static string Section(string html, string id)
        {
            int from = html.IndexOf($"id=\"{id}\"", StringComparison.Ordinal);
            Assert.True(from >= 0, $"no {id} section");
            return html.Substring(from, html.IndexOf("</table>", from, StringComparison.Ordinal) - from);
        }
    }
}
