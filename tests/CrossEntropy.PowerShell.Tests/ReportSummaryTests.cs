using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace CrossEntropy.PowerShell.Tests
{
    /// <summary>Export-CrossEntropyReport over summaries (issue 14 item 4): the sections sums allow, equal to the report of the rows.</summary>
    public class ReportSummaryTests : IClassFixture<SessionFixture>
    {
        private readonly Hosting.ModuleSession _s;

        public ReportSummaryTests(SessionFixture f) => _s = f.Session;

        // Merged sums are added in another order than the rows' (last-digit differences): compare what is shown, and the full values to 1e-12.
        private static string Section(string html, string id) => Regex.Replace(Regex.Match(html, $"<table id=\"{id}\">.*?</table>", RegexOptions.Singleline).Value, " title=\"[^\"]*\"", "");

        private static string Figure(string html, string name) => Regex.Match(html, $"<tr><td>{name}</td><td class=\"num\"[^>]*>([^<]*)</td>").Groups[1].Value;

        private static double Full(string html, string name) =>
            double.Parse(Regex.Match(html, $"<tr><td>{name}</td><td class=\"num\" title=\"([^\"]*)\"").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        private string RowsReport()
        {
            string file = Path.Combine(Repo.TempDir(), "rows.html");
            _s.Invoke("param($p, $o) Export-CrossEntropyReport -Path $p -OutFile $o", Repo.Example("iris-logits.csv"), file);
            Assert.Empty(_s.Errors);
            return File.ReadAllText(file);
        }

        [Fact]
        public void TheShardsSummariesGiveTheRowsReportsFiguresAndTables()
        {
            string rows = RowsReport();
            string file = Path.Combine(Repo.TempDir(), "summaries.html");
            // Three shards' loss and calibration summaries (merged by the report), and the classification summary of all rows.
            _s.Invoke(@"param($shards, $all, $o)
                $s = @(Measure-CrossEntropy -Path $shards) + @(Measure-Calibration -Path $shards) + @(Measure-Classification -Path $all)
                $s | Export-CrossEntropyReport -OutFile $o", Repo.InRepo("examples", "shards", "*.csv"), Repo.Example("iris-logits.csv"), file);
            Assert.Empty(_s.Errors);
            string html = File.ReadAllText(file);
            foreach (string name in new[] { "Rows", "Loss", "Perplexity", "Accuracy", "ECE", "MCE", "Brier score", "Macro F1", "Balanced accuracy", "MCC", "ROC AUC" })
            {
                Assert.NotEqual("", Figure(rows, name));
                Assert.Equal(Figure(rows, name), Figure(html, name));
            }
            foreach (string name in new[] { "Loss", "ECE", "Brier score" }) Assert.Equal(Full(rows, name), Full(html, name), 1e-12);
            foreach (string id in new[] { "per-class", "classification", "confusion" }) Assert.Equal(Section(rows, id), Section(html, id));
            // The reliability diagram is drawn from the merged bins exactly as from the rows.
            Assert.Equal(Regex.Match(rows, "<svg[^>]*id=\"reliability\".*?</svg>", RegexOptions.Singleline).Value, Regex.Match(html, "<svg[^>]*id=\"reliability\".*?</svg>", RegexOptions.Singleline).Value);
            // The header: no row settings (bins, top rows) that a report of summaries does not use.
            Assert.Contains("<tr><td>Inputs</td><td>", html);
            Assert.DoesNotContain("-BinCount", html);
            // What needs the rows is named, not silently missing.
            Assert.DoesNotContain("id=\"loss-histogram\"", html);
            Assert.DoesNotContain("id=\"noisy-rows\"", html);
            Assert.Contains("<li>Loss histogram: needs the rows&#39; losses; a summary keeps only their sums.</li>", html);
            Assert.Contains("<li>Noisiest rows: needs the rows themselves.</li>", html);
            Assert.Contains("<li>ROC and precision-recall curves: need the rows&#39; scores;", html);
        }

        [Fact]
        public void DeserializedSummariesWorkAndSayWhatSerializationLost()
        {
            string rows = RowsReport();
            string file = Path.Combine(Repo.TempDir(), "remote.html");
            // As they come back from remoting or Import-Clixml: Deserialized.CrossEntropy.*, at the depth the module's
            // types file gives each summary (2), so the classification table and the matrix survive the default depth 1.
            _s.Invoke(@"param($p, $o)
                @(Measure-CrossEntropy -Path $p) + @(Measure-Classification -Path $p) |
                    ForEach-Object { [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($_)) } |
                    Export-CrossEntropyReport -OutFile $o", Repo.Example("iris-logits.csv"), file);
            Assert.Empty(_s.Errors);
            string html = File.ReadAllText(file);
            Assert.Equal(Section(rows, "per-class"), Section(html, "per-class"));
            Assert.Equal(Figure(rows, "Macro F1"), Figure(html, "Macro F1"));
            Assert.Contains("id=\"classification\"", html);
            Assert.Equal(Section(rows, "classification"), Section(html, "classification"));
            Assert.DoesNotContain("came without them (serialized at depth 1", html);
            Assert.Contains("<li>Calibration figures, the reliability diagram and the confidence histogram: pipe in Measure-Calibration summaries too.</li>", html);

            // Serialized deep enough, the per-class table and the matrix survive.
            _s.Invoke(@"param($p, $o)
                Measure-Classification -Path $p |
                    ForEach-Object { [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($_, 3)) } |
                    Export-CrossEntropyReport -OutFile $o", Repo.Example("iris-logits.csv"), file);
            Assert.Empty(_s.Errors);
            html = File.ReadAllText(file);
            Assert.Contains("id=\"classification\"", html);
            Assert.Equal(Section(rows, "classification"), Section(html, "classification"));
            Assert.Equal(Section(rows, "confusion"), Section(html, "confusion"));
        }

        [Fact]
        public void SummariesOfOtherClassesOrMixedWithRowsAreRefused()
        {
            string file = Path.Combine(Repo.TempDir(), "mixed.html");
            _s.Invoke("param($a, $b, $o) @(Measure-CrossEntropy -Path $a) + @(Measure-Classification -Path $b) | Export-CrossEntropyReport -OutFile $o",
                Repo.Example("iris-logits.csv"), Repo.Example("digits-logits.csv"), file);
            Assert.Contains("different problems", Assert.Single(_s.Errors).ToString());
            Assert.False(File.Exists(file));

            _s.Pipe(Rows.FromCsv(Repo.Example("iris-logits.csv")).Cast<object>().Prepend(_s.Invoke("param($p) Measure-CrossEntropy -Path $p", Repo.Example("iris-logits.csv")).Single()).ToList(),
                $"Export-CrossEntropyReport -OutFile '{file}'");
            Assert.Contains("Summaries and rows came together", Assert.Single(_s.Errors).ToString());
        }
    }
}
