using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text.Json.Nodes;
using Xunit;

namespace CrossEntropy.PowerShell.Tests
{
    /// <summary>Export-CrossEntropyReport: the file it writes, its -OutFile checks, and the page as real headless Chromium renders it.</summary>
    public class ReportTests : IClassFixture<SessionFixture>
    {
        private const string Hostile = "<script>alert(1)</script>";
        private const string HostileGroup = "<img src=x onerror=alert(2)>";
        private readonly Hosting.ModuleSession _s;

        public ReportTests(SessionFixture f) => _s = f.Session;

        /// <summary>Iris with its middle class renamed to a script tag and a group column holding an HTML attack.</summary>
        private static List<PSObject> HostileRows()
        {
            string[] lines = File.ReadAllLines(Repo.Example("iris-logits.csv"));
            var rows = new List<PSObject>();
            for (int i = 1; i < lines.Length; i++)
            {
                string[] c = lines[i].Split(',');
                var o = new PSObject();
                o.Properties.Add(new PSNoteProperty("setosa", c[0]));
                o.Properties.Add(new PSNoteProperty(Hostile, c[1]));
                o.Properties.Add(new PSNoteProperty("virginica", c[2]));
                o.Properties.Add(new PSNoteProperty("label", c[3] == "versicolor" ? Hostile : c[3]));
                o.Properties.Add(new PSNoteProperty("grp", i % 2 == 0 ? HostileGroup : "odd & even"));
                rows.Add(o);
            }
            return rows;
        }

        [Fact]
        public void WritesOneSelfContainedPageWithEveryPart()
        {
            string file = Path.Combine(Repo.TempDir(), "report.html");
            PSObject info = _s.Invoke("param($p, $o) Export-CrossEntropyReport -Path $p -OutFile $o -PassThru -Title 'Iris & co'", Repo.Example("iris-logits.csv"), file).Single();
            Assert.Empty(_s.Errors);
            Assert.Equal(file, info.Prop<string>("FullName"));
            string html = File.ReadAllText(file);
            foreach (string id in new[] { "summary", "loss-histogram", "reliability", "confidence-histogram", "per-class", "noisy-rows" })
                Assert.Contains($"id=\"{id}\"", html);
            Assert.Contains("<title>Iris &amp; co</title>", html);
            Assert.DoesNotContain("<script", html);
            Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", ""));
            Assert.DoesNotContain("https://", html);
            // The figures are the engine's: the ECE shown is Measure-Calibration's.
            double ece = _s.Invoke("param($p) Measure-Calibration -Path $p", Repo.Example("iris-logits.csv")).Single().D("ExpectedCalibrationError");
            Assert.Contains(ece.ToString("G4", CultureInfo.InvariantCulture), html);
            // 20 noisiest rows, the first being Find-NoisyLabel's first.
            long first = _s.Invoke("param($p) Find-NoisyLabel -Path $p -Top 1", Repo.Example("iris-logits.csv")).Single().Prop<long>("Row");
            Assert.Contains($"<tr><td class=\"num\">1</td><td class=\"num\">{first}</td>", html);
            // The classification part is Measure-Classification's: report table, and the confusion matrix shaded by row share.
            Assert.Contains("id=\"classification\"", html);
            Assert.Contains("<tr><td>versicolor</td><td class=\"num\" title=\"0.9230769230769231\">0.9231</td><td class=\"num\">0.96</td><td class=\"num\" title=\"0.9411764705882353\">0.9412</td><td class=\"num\">50</td>", html);
            Assert.Contains("<td class=\"num\" style=\"background: rgba(47, 111, 235, 0.72)\">48 (96 %)</td>", html);
            Assert.Contains("<td class=\"num\">0</td>", html);
            Assert.Contains("#confusion td { white-space: nowrap; }", html); // a wide matrix scrolls in its box, no cell wraps
            // One-vs-rest ROC and PR curves, one line per class, each named with its area in the legend.
            Assert.Equal(3, System.Text.RegularExpressions.Regex.Count(html, "<polyline class=\"curve\"[^>]*>[^/]*<title>[a-z]+: AUC "));
            Assert.Contains("</span>versicolor (AP 0.9874)</li>", html);
            // The header: module version, input, options (given and defaults) and the command line, escaped.
            string version = _s.Invoke("(Get-Module CrossEntropy).Version.ToString()").Single().ToString();
            Assert.Contains($"<tr><td>Module</td><td>CrossEntropy {version}</td></tr>", html);
            Assert.Contains("-Title &#39;Iris &amp; co&#39;", html);
            Assert.Contains("-BinCount 15 -Top 20 -By Normalized</td></tr>", html);
            Assert.Contains("Export-CrossEntropyReport -Path $p -OutFile $o -PassThru -Title &#39;Iris &amp; co&#39;</code>", html);
        }

        [Fact]
        public void EscapesEveryValueFromTheData()
        {
            string file = Path.Combine(Repo.TempDir(), "hostile.html");
            _s.Pipe(HostileRows(), $"Export-CrossEntropyReport -OutFile '{file}' -GroupBy grp");
            Assert.Empty(_s.Errors);
            string html = File.ReadAllText(file);
            Assert.DoesNotContain("<script", html);
            Assert.DoesNotContain("<img", html);
            Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
            Assert.Contains("&lt;img src=x onerror=alert(2)&gt;", html);
            Assert.Contains("odd &amp; even", html);
            Assert.Contains("id=\"per-group\"", html);
        }

        [Fact]
        public void RefusesADirectoryOrAMissingFolderBeforeReadingAnything()
        {
            string dir = Repo.TempDir();
            Assert.Empty(_s.Invoke("param($p, $o) Export-CrossEntropyReport -Path $p -OutFile $o", Repo.Example("iris-logits.csv"), dir));
            ErrorRecord e = Assert.Single(_s.Errors);
            Assert.Equal("CrossEntropy.InvalidOutFile,CrossEntropy.Commands.ExportCrossEntropyReportCommand", e.FullyQualifiedErrorId);

            string missing = Path.Combine(dir, "no-such-folder", "r.html");
            _s.Invoke("param($p, $o) Export-CrossEntropyReport -Path $p -OutFile $o", Repo.Example("iris-logits.csv"), missing);
            Assert.Contains("does not exist", Assert.Single(_s.Errors).ToString());
            Assert.False(File.Exists(missing));

            // A relative -OutFile resolves against PowerShell's current location, not the process's.
            _s.Invoke(@"param($d, $p)
                $here = $ExecutionContext.SessionState.Path.CurrentLocation
                try { $null = $ExecutionContext.SessionState.Path.SetLocation($d); Export-CrossEntropyReport -Path $p -OutFile rel.html }
                finally { $null = $ExecutionContext.SessionState.Path.SetLocation($here) }", dir, Repo.Example("iris-logits.csv"));
            Assert.Empty(_s.Errors);
            Assert.True(File.Exists(Path.Combine(dir, "rel.html")));
        }

        [Fact]
        public void NoRowsMeansNoReportAndAnError()
        {
            string file = Path.Combine(Repo.TempDir(), "empty.html");
            _s.Invoke("param($o) @() | Export-CrossEntropyReport -OutFile $o", file);
            // The input layer says there was no input (issue 12, item 2); the report says why it wrote nothing.
            Assert.Equal(2, _s.Errors.Count);
            Assert.Contains("There was no input", _s.Errors[0].ToString());
            Assert.Contains("No rows were read", _s.Errors[1].ToString());
            Assert.False(File.Exists(file));
        }

        [SkippableFact]
        public void RendersInHeadlessChromiumWithoutErrorsAndShowsMarkupAsText()
        {
            string? chromium = HeadlessChromium.RequireOrSkip();
            string dir = Repo.TempDir();
            string file = Path.Combine(dir, "report.html");
            _s.Pipe(HostileRows(), $"Export-CrossEntropyReport -OutFile '{file}' -GroupBy grp");
            Assert.Empty(_s.Errors);

            using HeadlessChromium browser = HeadlessChromium.Start(chromium!, dir);
            browser.Send("Page.enable");
            browser.Send("Runtime.enable");
            browser.Send("Log.enable");
            browser.Send("Page.navigate", new { url = new Uri(file).AbsoluteUri });
            browser.WaitFor("Page.loadEventFired");

            const string measure = @"JSON.stringify({
                svgs: [...document.querySelectorAll('svg')].map(s => { const r = s.getBoundingClientRect(); return { id: s.id, w: r.width, h: r.height, rects: s.querySelectorAll('rect').length, lines: s.querySelectorAll('polyline').length }; }),
                scripts: document.querySelectorAll('script').length,
                images: document.querySelectorAll('img').length,
                perClass: document.getElementById('per-class').innerText,
                perGroup: document.getElementById('per-group').innerText,
                title: document.title
            })";
            JsonObject result = browser.Send("Runtime.evaluate", new { expression = measure, returnByValue = true });
            JsonObject page = JsonNode.Parse((string)result["result"]!["value"]!)!.AsObject();
            JsonArray svgs = page["svgs"]!.AsArray();
            Assert.Equal(new[] { "loss-histogram", "reliability", "confidence-histogram", "roc", "precision-recall" }, svgs.Select(s => (string)s!["id"]!));
            foreach (JsonNode? s in svgs)
            {
                Assert.True((double)s!["w"]! > 100 && (double)s["h"]! > 100, $"svg {s["id"]} is {s["w"]}×{s["h"]}");
                Assert.True((int)s["rects"]! > 3 || ((string)s["id"]!).Contains('r') && (int)s["lines"]! == 3, $"svg {s["id"]} has no bars or curves");
            }
            Assert.Equal(0, (int)page["scripts"]!);
            Assert.Equal(0, (int)page["images"]!);
            Assert.Contains(Hostile, (string)page["perClass"]!); // shown as text
            Assert.Contains(HostileGroup, (string)page["perGroup"]!);
            Assert.Equal("Model audit", (string)page["title"]!);

            string png = Path.Combine(dir, "report.png");
            JsonObject shot = browser.Send("Page.captureScreenshot", new { format = "png", captureBeyondViewport = true });
            byte[] bytes = Convert.FromBase64String((string)shot["data"]!);
            File.WriteAllBytes(png, bytes);
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, bytes.Take(8));
            int width = (bytes[16] << 24) | (bytes[17] << 16) | (bytes[18] << 8) | bytes[19];
            int height = (bytes[20] << 24) | (bytes[21] << 16) | (bytes[22] << 8) | bytes[23];
            Assert.True(width >= 800 && height >= 1000, $"screenshot is {width}×{height}");
            Assert.True(bytes.Length > 30_000, $"screenshot is only {bytes.Length} bytes: a blank page?");

            var problems = browser.Events.Where(e =>
                e.Method == "Runtime.exceptionThrown" ||
                e.Method == "Page.javascriptDialogOpening" ||
                (e.Method == "Runtime.consoleAPICalled" && (string?)e.Params["type"] is "error" or "assert") ||
                (e.Method == "Log.entryAdded" && (string?)e.Params["entry"]?["level"] == "error")).ToList();
            Assert.True(problems.Count == 0, "console errors: " + string.Join("; ", problems.Select(p => p.Method + " " + p.Params.ToJsonString())));
        }

        [Fact]
        public void TheAuditExampleRunsAndWritesBothReports()
        {
            string dir = Repo.TempDir();
            int code = _s.Run("param($script, $out) & $script -OutputFolder $out", new object[] { Repo.InRepo("examples", "audit.ps1"), dir });
            Assert.True(code == 0, _s.ErrorText);
            Assert.True(File.Exists(Path.Combine(dir, "digits-logits-audit.html")));
            Assert.True(File.Exists(Path.Combine(dir, "iris-probabilities-audit.html")));
            Assert.Contains("row 1265: labelled 1, model says 8", _s.OutputText);
            Assert.Contains("with temperature 0.5: ECE 0.009687", _s.OutputText);
            Assert.Contains("macro F1 0.9628, balanced accuracy 0.9627, MCC 0.9586, kappa 0.9586; ROC AUC 0.9985, average precision 0.99", _s.OutputText);
            Assert.Contains("weakest class 8: precision 0.9045, recall 0.9253, F1 0.9148", _s.OutputText);
            Assert.Contains("8                   0    8    1    0    0    2    1    0  161    1", _s.OutputText);
        }

        [Fact]
        public void SeveralFilesMakeOneReportWhoseRowsNameTheirFile()
        {
            string dir = Repo.TempDir();
            string[] lines = File.ReadAllLines(Repo.Example("iris-logits.csv"));
            File.WriteAllLines(Path.Combine(dir, "a.csv"), lines);
            File.WriteAllLines(Path.Combine(dir, "b.csv"), lines);
            string file = Path.Combine(dir, "both.html");
            _s.Invoke("param($d, $o) Export-CrossEntropyReport -Path \"$d/*.csv\" -OutFile $o -Top 2 -By Loss", dir, file);
            Assert.Empty(_s.Errors);
            string html = File.ReadAllText(file);
            Assert.Contains("<td class=\"num\">300</td>", html); // rows read, over both files
            Assert.Contains("<th>File</th>", html);
            // Rank 1 is row 107 of the first file, rank 2 the same row of the second; each shows its own cells.
            // Raw cells show 4 significant digits, the value as read in their tooltip.
            Assert.Equal("-1.719050981795885,1.1697575331027812,0.5492934486931043,virginica", lines[107]);
            const string cells = "<td title=\"-1.719050981795885\">-1.719</td><td title=\"1.1697575331027812\">1.17</td><td title=\"0.5492934486931043\">0.5493</td><td>virginica</td>";
            Assert.Contains($"<td>a.csv</td>{cells}", html);
            Assert.Contains($"<td>b.csv</td>{cells}", html);

            // A file whose columns are in another order cannot join the run (it is read by the first file's positions).
            File.WriteAllLines(Path.Combine(dir, "c.csv"), lines.Select(l => { string[] c = l.Split(','); return string.Join(",", c[3], c[0], c[1], c[2]); }));
            _s.Invoke("param($d, $o) Export-CrossEntropyReport -Path \"$d/*.csv\" -OutFile $o", dir, file);
            Assert.Contains("cannot be combined", Assert.Single(_s.Errors).ToString());
        }
    }
}
