using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using Xunit;

namespace CrossEntropy.PowerShell.Tests
{
    /// <summary>
    /// The report as real headless Chromium lays it out at 1400 and 800 px: the page never scrolls sideways (wide
    /// tables scroll in their own box), every chart fits and has a title, the dark theme applies, and the browser
    /// logs no error. Screenshots land in $CROSSENTROPY_SCREENSHOTS when set (to look at them).
    /// </summary>
    public class ReportBrowserTests : IClassFixture<SessionFixture>
    {
        // One unbroken token longer than the window: a title or command line like it must wrap, not widen the page.
        private static readonly string LongTitle = "Digits audit " + string.Concat(Enumerable.Repeat("model_checkpoint_", 12)) + "final";
        private readonly Hosting.ModuleSession _s;

        public ReportBrowserTests(SessionFixture f) => _s = f.Session;

        /// <summary>Versicolor against virginica from iris as one logit column with 0/1 labels: a binary problem.</summary>
        private static List<System.Management.Automation.PSObject> BinaryRows()
        {
            var rows = new List<System.Management.Automation.PSObject>();
            foreach (string line in File.ReadAllLines(Repo.Example("iris-logits.csv")).Skip(1))
            {
                string[] c = line.Split(',');
                if (c[3] == "setosa") continue;
                var o = new System.Management.Automation.PSObject();
                double logit = double.Parse(c[2], System.Globalization.CultureInfo.InvariantCulture) - double.Parse(c[1], System.Globalization.CultureInfo.InvariantCulture);
                o.Properties.Add(new System.Management.Automation.PSNoteProperty("logit", logit));
                o.Properties.Add(new System.Management.Automation.PSNoteProperty("label", c[3] == "virginica" ? 1 : 0));
                rows.Add(o);
            }
            return rows;
        }

        [SkippableFact]
        public void NeverOverflowsSidewaysAt1400Or800PixelsAndLogsNoError()
        {
            string chromium = HeadlessChromium.RequireOrSkip();
            string dir = Repo.TempDir();
            string digits = Path.Combine(dir, "digits.html"), binary = Path.Combine(dir, "binary.html");
            _s.Invoke("param($p, $o, $t) Export-CrossEntropyReport -Path $p -OutFile $o -Title $t -Top 30", Repo.Example("digits-logits.csv"), digits, LongTitle);
            _s.Pipe(BinaryRows(), $"Export-CrossEntropyReport -OutFile '{binary}' -Title 'Versicolor or virginica'");
            Assert.Empty(_s.Errors);

            using HeadlessChromium browser = HeadlessChromium.Start(chromium, dir);
            browser.Send("Page.enable");
            browser.Send("Runtime.enable");
            browser.Send("Log.enable");
            string? shots = Environment.GetEnvironmentVariable("CROSSENTROPY_SCREENSHOTS");
            foreach ((string file, int curves) in new[] { (digits, 10), (binary, 1) })
                foreach (int width in new[] { 1400, 800 })
                {
                    browser.Send("Emulation.setDeviceMetricsOverride", new { width, height = 900, deviceScaleFactor = 1, mobile = false });
                    Load(browser, file);
                    const string measure = @"JSON.stringify({
                        page: document.documentElement.scrollWidth, window: document.documentElement.clientWidth,
                        svgs: [...document.querySelectorAll('svg')].map(s => ({ id: s.id, right: s.getBoundingClientRect().right,
                            titled: s.firstElementChild.tagName === 'title' && s.getAttribute('role') === 'img' && !!s.getAttribute('aria-label') })),
                        boxes: [...document.querySelectorAll('.scroll')].filter(b => b.scrollWidth > b.clientWidth).length,
                        rocLines: document.querySelectorAll('#roc polyline').length
                    })";
                    JsonObject m = Evaluate(browser, measure);
                    string where = $"{Path.GetFileName(file)} at {width} px";
                    Assert.True((int)m["page"]! <= (int)m["window"]!, $"{where}: the page is {m["page"]} px wide in a {m["window"]} px window");
                    foreach (JsonNode? svg in m["svgs"]!.AsArray())
                    {
                        Assert.True((double)svg!["right"]! <= (int)m["window"]!, $"{where}: svg {svg["id"]} ends at {svg["right"]}");
                        Assert.True((bool)svg["titled"]!, $"{where}: svg {svg["id"]} has no <title>, role or aria-label");
                    }
                    Assert.Equal(curves, (int)m["rocLines"]!);
                    if (file == digits && width == 800) Assert.True((int)m["boxes"]! > 0, "the noisiest rows (13 columns) should scroll in their box at 800 px");

                    // The screenshot of the whole page is exactly as wide as the window (less its vertical scroll bar): nothing sticks out.
                    byte[] png = Screenshot(browser);
                    int shotWidth = (png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19];
                    Assert.Equal((int)m["window"]!, shotWidth);
                    Assert.InRange(shotWidth, width - 20, width);
                    if (shots != null) File.WriteAllBytes(Path.Combine(shots, $"{Path.GetFileNameWithoutExtension(file)}-{width}.png"), png);
                }

            // Dark theme: the system's preference recolours the page.
            browser.Send("Emulation.setEmulatedMedia", new { features = new[] { new { name = "prefers-color-scheme", value = "dark" } } });
            Load(browser, digits);
            JsonObject dark = Evaluate(browser, "JSON.stringify({ bg: getComputedStyle(document.body).backgroundColor, plot: getComputedStyle(document.querySelector('svg')).backgroundColor })");
            Assert.Equal("rgb(20, 24, 31)", (string)dark["bg"]!);
            Assert.Equal("rgb(25, 30, 39)", (string)dark["plot"]!);
            if (shots != null) File.WriteAllBytes(Path.Combine(shots, "digits-800-dark.png"), Screenshot(browser));

            var problems = browser.Events.Where(e =>
                e.Method == "Runtime.exceptionThrown" ||
                (e.Method == "Runtime.consoleAPICalled" && (string?)e.Params["type"] is "error" or "assert") ||
                (e.Method == "Log.entryAdded" && (string?)e.Params["entry"]?["level"] is "error" or "warning")).ToList();
            Assert.True(problems.Count == 0, "console errors: " + string.Join("; ", problems.Select(p => p.Method + " " + p.Params.ToJsonString())));
        }

        // Navigates and waits until that page has loaded (the load event of an earlier page does not count).
        private static void Load(HeadlessChromium browser, string file)
        {
            string url = new Uri(file).AbsoluteUri;
            browser.Send("Page.navigate", new { url });
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (Evaluate(browser, "JSON.stringify({ ok: document.readyState === 'complete' && location.href === " + System.Text.Json.JsonSerializer.Serialize(url) + " })")["ok"]!.GetValue<bool>() is false)
            {
                Assert.True(DateTime.UtcNow < deadline, "the page did not load: " + url);
                Thread.Sleep(50);
            }
        }

        private static JsonObject Evaluate(HeadlessChromium browser, string expression)
        {
            JsonObject r = browser.Send("Runtime.evaluate", new { expression, returnByValue = true });
            return JsonNode.Parse((string)r["result"]!["value"]!)!.AsObject();
        }

        private static byte[] Screenshot(HeadlessChromium browser) =>
            Convert.FromBase64String((string)browser.Send("Page.captureScreenshot", new { format = "png", captureBeyondViewport = true })["data"]!);
    }
}
