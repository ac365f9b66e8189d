using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using CrossEntropy.Data.Report;
using Xunit;

namespace CrossEntropy.Data.Tests
{
    /// <summary>The report's presentation: 4-significant-digit numbers with tooltips, round ticks, legends, curves, header, dark theme, SVG titles.</summary>
    public class ReportWriterPartsTests
    {
        private static string Svg(string html, string id) => Regex.Match(html, $"<svg[^>]*id=\"{id}\".*?</svg>", RegexOptions.Singleline).Value;

        [Theory]
        [InlineData(0.92307692307692313, "0.9231")]
        [InlineData(0.96, "0.96")]
        [InlineData(12345.678, "12346")]
        [InlineData(1.0, "1")]
        [InlineData(-0.000123456, "-0.0001235")]
        [InlineData(0.0000123456, "1.235E-5")]
        [InlineData(9.99996, "10")]
        [InlineData(double.NaN, "–")]
        public void NumbersShowFourSignificantDigits(double value, string shown) => Assert.Equal(shown, HtmlText.Number(value));

        [Theory]
        [InlineData("0.12345678901234567", "0.1235", "0.12345678901234567")]
        [InlineData("-3.5e-7", "-3.5E-7", "-3.5e-7")]
        [InlineData("0.5", "0.5", null)]
        [InlineData("1265", "1265", null)] // integers (row numbers, counts, ids) are never shortened
        [InlineData("48 (96 %)", "48 (96 %)", null)]
        [InlineData("v1.2.3", "v1.2.3", null)]
        public void CellsAreTrimmedWithTheFullValueKept(string cell, string shown, string? full)
        {
            (string s, string? f) = HtmlText.Trim(cell);
            Assert.Equal(shown, s);
            Assert.Equal(full, f);
        }

        [Theory]
        [InlineData(5, 1, 5)]
        [InlineData(7, 2, 8)]
        [InlineData(1234, 500, 1500)]
        [InlineData(38, 10, 40)]
        [InlineData(1, 1, 1)]
        public void TicksAreOneTwoOrFiveTimesAPowerOfTen(double max, double step, double top)
        {
            (double s, double t) = HtmlText.Ticks(max, integer: true);
            Assert.Equal(step, s);
            Assert.Equal(top, t);
        }

        [Fact]
        public void LongNumbersShowTrimmedWithTheirFullValueInATooltip()
        {
            ReportModel m = ReportWriterTests.Model();
            m.NoisyRows!.Rows.Add(new[] { "2", "0.12345678901234567" });
            m.Summary.Add(new ReportFigure("Loss", HtmlText.Full(1.0 / 3), "nats"));
            string html = ReportWriterTests.Html(m);
            Assert.Contains("<td title=\"0.12345678901234567\">0.1235</td>", html);
            Assert.Contains("<td class=\"num\" title=\"0.3333333333333333\">0.3333</td>", html);
            Assert.DoesNotContain(">0.12345678901234567<", html);
        }

        [Fact]
        public void EveryChartHasRoundTicksATitleAndALabel()
        {
            string html = ReportWriterTests.Html(ReportWriterTests.Model());
            foreach (string id in new[] { "loss-histogram", "reliability", "confidence-histogram", "roc", "precision-recall" })
            {
                string svg = Svg(html, id);
                Assert.Matches("^<svg [^>]*role=\"img\" aria-label=\"[^\"]+\"[^>]*><title>[^<]+</title>", svg);
                var ticks = Regex.Matches(svg, "<text x=\"46\" y=\"[0-9.]+\" text-anchor=\"end\">([^<]+)</text>").Select(t => double.Parse(t.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
                Assert.True(ticks.Count >= 2, id);
                double step = ticks[1] - ticks[0];
                double mantissa = step / System.Math.Pow(10, System.Math.Floor(System.Math.Log10(step)));
                Assert.Contains(System.Math.Round(mantissa, 9), new[] { 1.0, 2, 5 });
            }
            Assert.Contains(">0.2</text>", Svg(html, "reliability"));
            Assert.DoesNotContain(">0.25</text>", Svg(html, "reliability"));
        }

        [Fact]
        public void TheReliabilityDiagramNamesItsColoursAsDrawn()
        {
            string html = ReportWriterTests.Html(ReportWriterTests.Model());
            string legend = Regex.Match(html, "id=\"reliability\".*?<ul class=\"legend\">(.*?)</ul>", RegexOptions.Singleline).Groups[1].Value;
            Assert.Contains("<span class=\"sw bar\"></span>blue bar: accuracy", legend);
            Assert.Contains("<span class=\"sw line conf-sw\"></span>orange line: mean confidence", legend);
            Assert.Contains("<span class=\"sw gap\"></span>red: overconfident gap", legend);
            Assert.Contains("<span class=\"sw under\"></span>purple: underconfident gap", legend);
            // The swatches and the chart share their colours.
            Assert.Contains(".bar { fill: #4a7bd0; } .gap { fill: #e0574f; } .under { fill: #a05cc8; } .conf { stroke: #f29d12;", html);
            Assert.Contains(".sw.bar { background: #4a7bd0; } .sw.gap { background: #e0574f; } .sw.under { background: #a05cc8; } .sw.conf-sw { background: #f29d12; }", html);
            // Each bin says its accuracy and confidence in words.
            Assert.Contains("<title>0.5–0.75: accuracy 0.7, mean confidence 0.6, 10 rows</title>", Svg(html, "reliability"));
        }

        [Fact]
        public void CurvesHaveALegendWithTheirAreaAndADiagonalForChance()
        {
            string html = ReportWriterTests.Html(ReportWriterTests.Model("class A"));
            string roc = Svg(html, "roc");
            Assert.Contains("<polyline class=\"curve\" stroke=\"#0072b2\" points=\"52,236 93.6,58.4 468,14 \">", roc);
            Assert.Contains("class=\"diag\"", roc);
            Assert.DoesNotContain("class=\"diag\"", Svg(html, "precision-recall"));
            Assert.Contains("style=\"background: #0072b2\"></span>class A (AUC 0.9)</li>", html);
            Assert.Contains("class A (AP 0.8)", html);
        }

        [Fact]
        public void TheHeaderSaysWhatMadeThePageAndTheThemeFollowsTheSystem()
        {
            string html = ReportWriterTests.Html(ReportWriterTests.Model("<i>"));
            Assert.Contains("<tr><td>Module</td><td>CrossEntropy 1.2.3</td></tr>", html);
            Assert.Contains("<tr><td>Input</td><td>dir/&lt;i&gt;.csv</td></tr>", html);
            Assert.Contains("<tr><td>Options</td><td>-Title &lt;i&gt;</td></tr>", html);
            Assert.Contains("<tr><td>Command</td><td><code>Export-CrossEntropyReport -Title &#39;&lt;i&gt;&#39;</code></td></tr>", html);
            Assert.Contains("@media (prefers-color-scheme: dark)", html);
            Assert.Contains("<meta name=\"color-scheme\" content=\"light dark\">", html);
            Assert.Contains("<ul id=\"omitted\"><li>noisy rows &lt;i&gt;</li></ul>", html);
        }

        [Fact]
        public void NothingCanMakeThePageWiderThanTheWindow()
        {
            string html = ReportWriterTests.Html(ReportWriterTests.Model());
            Assert.Contains("svg.chart { width: 30rem; max-width: 100%;", html);
            Assert.Contains(".scroll { overflow-x: auto; max-width: 100%; }", html);
            // Every table sits in a box that scrolls on its own.
            Assert.Equal(Regex.Count(html, "<table"), Regex.Count(html, "<div class=\"scroll\"><table"));
        }
    }
}
