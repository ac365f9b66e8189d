using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using CrossEntropy.Data.Report;
using Xunit;

namespace CrossEntropy.Data.Tests
{
    /// <summary>The HTML/SVG writer on its own, fed a hand-made model: structure, escaping and chart geometry.</summary>
    public class ReportWriterTests
    {
        internal static ReportModel Model(string hostile = "<b>x</b>")
        {
            var m = new ReportModel { Title = "T " + hostile, Sources = new[] { "dir/" + hostile + ".csv" }, Generated = "2026-01-01" };
            m.Summary.Add(new ReportFigure("ECE", "0.1", "note " + hostile));
            var perClass = new ReportTable();
            perClass.Columns.AddRange(new[] { "Class", "Rows" });
            perClass.NumericColumns.Add(1);
            perClass.Rows.Add(new[] { hostile, "3" });
            perClass.Rows.Add(new string?[] { "plain", null });
            m.PerClass = perClass;
            var noisy = new ReportTable();
            noisy.Columns.AddRange(new[] { "Rank", hostile });
            noisy.Rows.Add(new[] { "1", "cell \"quoted\" & 'single'" });
            m.NoisyRows = noisy;
            var histogram = new ReportHistogram();
            histogram.Labels.AddRange(new[] { "0–1", "1–2", "≥ 2" });
            histogram.Counts.AddRange(new long[] { 5, 0, 2 });
            m.LossHistogram = histogram;
            // Bin 1 overconfident (confidence above accuracy), bin 2 underconfident, bin 3 calibrated.
            var bins = new ReportCalibration();
            for (int b = 0; b < 4; b++)
            {
                bins.Lower.Add(b / 4.0);
                bins.Upper.Add((b + 1) / 4.0);
                bins.Counts.Add(b == 0 ? 0 : 10);
                bins.Confidence.Add(b == 0 ? double.NaN : b / 4.0 + 0.1);
                bins.Accuracy.Add(b == 0 ? double.NaN : b == 2 ? 0.7 : b == 3 ? 0.85 : b / 4.0);
            }
            m.Calibration = bins;
            m.Version = "1.2.3";
            m.Command = "Export-CrossEntropyReport -Title '" + hostile + "'";
            m.Options.Add(new System.Collections.Generic.KeyValuePair<string, string>("Title", hostile));
            var points = new System.Collections.Generic.List<System.Collections.Generic.KeyValuePair<double, double>> { new(0, 0), new(0.1, 0.8), new(1, 1) };
            m.Roc.Add(new ReportCurve(hostile, "AUC 0.9", points));
            m.PrecisionRecall.Add(new ReportCurve(hostile, "AP 0.8", points));
            m.Omitted.Add("noisy rows " + hostile);
            return m;
        }

        internal static string Html(ReportModel m)
        {
            var w = new StringWriter();
            ReportWriter.Write(m, w);
            return w.ToString();
        }

        [Theory]
        [InlineData("<script>alert(1)</script>")]
        [InlineData("\"><svg onload=alert(1)>")]
        [InlineData("' onmouseover='alert(1)")]
        public void NoValueFromTheDataCanOpenATagOrLeaveAnAttribute(string hostile)
        {
            string html = Html(Model(hostile));
            Assert.DoesNotContain(hostile, html);
            Assert.Contains(HtmlText.Escape(hostile), html);
            Assert.DoesNotContain("<script", html);
            // Every tag in the page is one the writer emits.
            var tags = Regex.Matches(html, @"<([a-zA-Z][a-zA-Z0-9]*)").Select(m => m.Groups[1].Value.ToLowerInvariant()).Distinct();
            string[] allowed = { "html", "head", "meta", "title", "style", "body", "h1", "h2", "p", "table", "tr", "td", "th", "thead", "tbody", "div", "figure", "figcaption", "svg", "rect", "line", "text", "sub", "g", "ul", "li", "span", "code", "polyline" };
            Assert.All(tags, t => Assert.Contains(t, allowed));
        }

        [Fact]
        public void ThePageIsSelfContainedAndForbidsScripts()
        {
            string html = Html(Model());
            Assert.StartsWith("<!DOCTYPE html>", html);
            Assert.Contains("Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\"", html);
            Assert.DoesNotContain("src=", html);
            Assert.DoesNotContain("href=", html);
            Assert.DoesNotContain("@import", html);
            Assert.DoesNotContain("url(", html);
        }

        [Fact]
        public void ChartsHaveOneBarPerBinScaledToTheLargest()
        {
            string html = Html(Model());
            string loss = Regex.Match(html, "<svg[^>]*id=\"loss-histogram\".*?</svg>", RegexOptions.Singleline).Value;
            var bars = Regex.Matches(loss, "<rect class=\"bar\"[^>]*height=\"([0-9.]+)\"").Select(m => double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(3, bars.Count);
            Assert.Equal(222, bars[0]); // the tallest bar (5) reaches the top tick (5: a round axis)
            Assert.Equal(0, bars[1]);
            Assert.Equal(222 * 2 / 5.0, bars[2], 2);
            string reliability = Regex.Match(html, "<svg[^>]*id=\"reliability\".*?</svg>", RegexOptions.Singleline).Value;
            Assert.Equal(3, Regex.Count(reliability, "<rect class=\"bar\"")); // the empty bin has no bar
            Assert.Equal(1, Regex.Count(reliability, "<rect class=\"gap\"")); // overconfident bin 1
            Assert.Equal(1, Regex.Count(reliability, "<rect class=\"under\"")); // underconfident bin 2
            Assert.Equal(3, Regex.Count(reliability, "<line class=\"conf\"")); // every bin's mean confidence
            Assert.Contains("class=\"diag\"", reliability);
        }

        [Fact]
        public void EmptyTablesSayNoneAndNullCellsAreEmpty()
        {
            ReportModel m = Model();
            m.NoisyRows!.Rows.Clear();
            string html = Html(m);
            Assert.Contains("<td colspan=\"2\">(none)</td>", html);
            Assert.Contains("<td>plain</td><td class=\"num\"></td>", html);
            Assert.DoesNotContain("id=\"per-group\"", html);
        }

        [Fact]
        public void NumbersAreCultureInvariant()
        {
            var before = System.Globalization.CultureInfo.CurrentCulture;
            try
            {
                System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
                Assert.Equal("0.125", HtmlText.Number(0.125));
                Assert.Equal("12.5", HtmlText.Coord(12.5));
                Assert.Equal("–", HtmlText.Number(double.NaN));
                Assert.DoesNotContain("0,1", Html(Model()).Replace("0,1]", ""));
            }
            finally
            {
                System.Globalization.CultureInfo.CurrentCulture = before;
            }
        }
    }
}
