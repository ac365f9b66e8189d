using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using static CrossEntropy.Data.Report.HtmlText;

namespace CrossEntropy.Data.Report
{
    /// <summary>
    /// Writes a <see cref="ReportModel"/> as one self-contained HTML page: inline CSS (light and dark), charts as
    /// inline SVG (<see cref="ReportCharts"/>), no script, no external file or font, and a Content-Security-Policy that
    /// forbids scripts anyway. Every value that comes from the data (class and group names, file names, cells, the
    /// command line) goes through <see cref="HtmlText.Escape"/>; numbers show 4 significant digits with the full value
    /// in a tooltip. Wide tables scroll inside their box so the page itself never scrolls sideways.
    /// </summary>
    internal static class ReportWriter
    {
        private const string Style = @"
:root { color-scheme: light dark; --bg: #ffffff; --fg: #1d2430; --muted: #5a6475; --line: #d8dde6; --head: #f1f4f8; --plot: #fbfcfe; --frame: #e3e7ee; --axis: #8590a2; --grid: #e8ecf2; }
@media (prefers-color-scheme: dark) { :root { --bg: #14181f; --fg: #e3e8f0; --muted: #9ea9bb; --line: #353d4b; --head: #1f2531; --plot: #191e27; --frame: #2c3441; --axis: #7d889a; --grid: #262d39; } }
body { font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: var(--fg); background: var(--bg); }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; overflow-wrap: anywhere; } h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid var(--line); }
.meta { color: var(--muted); font-size: 0.9rem; overflow-wrap: anywhere; }
code { font-size: 0.85rem; white-space: pre-wrap; overflow-wrap: anywhere; }
table { border-collapse: collapse; font-size: 0.85rem; margin: 0.5rem 0; }
th, td { border: 1px solid var(--line); padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
th { background: var(--head); } td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; } td[title] { text-decoration: underline dotted var(--axis); }
.figures td:first-child { font-weight: 600; white-space: nowrap; } .figures td:last-child { color: var(--muted); }
#made td { overflow-wrap: anywhere; }
.charts { display: flex; flex-wrap: wrap; gap: 1.5rem; }
figure { margin: 0; max-width: 100%; } figcaption { font-size: 0.85rem; color: var(--muted); max-width: 30rem; }
svg.chart { width: 30rem; max-width: 100%; height: auto; background: var(--plot); border: 1px solid var(--frame); }
svg text { font-size: 11px; fill: var(--muted); }
.bar { fill: #4a7bd0; } .gap { fill: #e0574f; } .under { fill: #a05cc8; } .conf { stroke: #f29d12; stroke-width: 2.5; }
.axis, .tick { stroke: var(--axis); stroke-width: 1; } .grid { stroke: var(--grid); stroke-width: 1; } .diag { stroke: var(--axis); stroke-dasharray: 4 3; }
.curve { fill: none; stroke-width: 2; stroke-linejoin: round; }
.legend { list-style: none; padding: 0; margin: 0.3rem 0; font-size: 0.85rem; display: flex; flex-wrap: wrap; gap: 0.2rem 1rem; max-width: 30rem; }
.sw { display: inline-block; width: 0.9rem; height: 0.9rem; margin-right: 0.3rem; vertical-align: -0.1rem; border-radius: 2px; }
.sw.bar { background: #4a7bd0; } .sw.gap { background: #e0574f; } .sw.under { background: #a05cc8; } .sw.conf-sw { background: #f29d12; }
.sw.line { height: 0.25rem; vertical-align: 0.2rem; } .sw.dash { height: 0; border-top: 2px dashed var(--axis); border-radius: 0; vertical-align: 0.25rem; }
.scroll { overflow-x: auto; max-width: 100%; } #confusion td { white-space: nowrap; }";

        /// <summary>Writes the page.</summary>
        public static void Write(ReportModel m, TextWriter w)
        {
            w.WriteLine("<!DOCTYPE html>");
            w.WriteLine("<html lang=\"en\"><head><meta charset=\"utf-8\">");
            w.WriteLine("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">");
            w.WriteLine("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"color-scheme\" content=\"light dark\">");
            w.WriteLine($"<title>{Escape(m.Title)}</title><style>{Style}</style></head><body>");
            w.WriteLine($"<h1>{Escape(m.Title)}</h1>");
            Header(w, m);

            w.WriteLine("<h2>Summary</h2><div class=\"scroll\"><table class=\"figures\" id=\"summary\">");
            foreach (ReportFigure f in m.Summary)
                w.WriteLine($"<tr><td>{Escape(f.Name)}</td>{Cell(f.Value, true)}<td>{Escape(f.Note)}</td></tr>");
            w.WriteLine("</table></div>");

            if (m.LossHistogram != null || m.Calibration != null)
            {
                w.WriteLine("<h2>Charts</h2><div class=\"charts\">");
                if (m.LossHistogram != null)
                    Figure(w, ReportCharts.BarChart("loss-histogram", "Loss histogram: rows by their loss", m.LossHistogram.Labels, m.LossHistogram.Counts.Select(c => (double)c).ToList(), "per-row loss (nats)", "rows"),
                        "Loss histogram: rows by their loss −log q(label). Rows far right are confidently wrong.");
                if (m.Calibration != null)
                {
                    Figure(w, ReportCharts.Reliability(m.Calibration),
                        "Reliability diagram: per confidence bin, accuracy against mean confidence; on the dashed diagonal they are equal (perfect calibration). Hover a bin for its figures.",
                        Legend(("bar", "blue bar: accuracy (its top, blue or purple)"), ("line conf-sw", "orange line: mean confidence"),
                            ("gap", "red: overconfident gap (confidence above accuracy)"), ("under", "purple: underconfident gap (accuracy above confidence)"),
                            ("dash", "dashed grey: perfect calibration")));
                    Figure(w, ReportCharts.BarChart("confidence-histogram", "Confidence histogram: rows per calibration bin", m.Calibration.Lower.Select((lo, k) => Coord(lo) + "–" + Coord(m.Calibration.Upper[k])).ToList(),
                            m.Calibration.Counts.Select(c => (double)c).ToList(), "confidence (top-label probability)", "rows"),
                        "Confidence histogram: rows per calibration bin.");
                }
                w.WriteLine("</div>");
            }

            if (m.PerClass != null) Table(w, "Per class", "per-class", m.PerClass);
            if (m.PerGroup != null) Table(w, "Per group", "per-group", m.PerGroup);
            if (m.Classification != null) Table(w, "Classification report", "classification", m.Classification);
            if (m.Roc.Count > 0 || m.CurvesNote != null) Curves(w, m);
            if (m.Confusion != null) Table(w, "Confusion matrix (rows: true class; count and share of the row)", "confusion", m.Confusion);
            if (m.ConfusedPairs != null)
                Table(w, $"Most confused pairs (the {ReportClassification.MaxConfusedPairs} largest off-diagonal cells; too many classes for the full confusion matrix)", "confused-pairs", m.ConfusedPairs);
            if (m.NoisyRows != null) Table(w, "Noisiest rows", "noisy-rows", m.NoisyRows);
            if (m.Omitted.Count > 0)
                w.WriteLine("<h2>Not in this report</h2><ul id=\"omitted\">" + string.Concat(m.Omitted.Select(o => $"<li>{Escape(o)}</li>")) + "</ul>");
            w.WriteLine("<h2>Definitions</h2><p class=\"meta\">q is the predicted distribution (softmax of the logits, or the probabilities as given) and y the label. " +
                "Loss = −log q<sub>y</sub>. Confidence = max<sub>c</sub> q<sub>c</sub>. Bins B<sub>m</sub> = ((m−1)/M, m/M]; " +
                "ECE = Σ<sub>m</sub> |B<sub>m</sub>|/n · |acc(B<sub>m</sub>) − conf(B<sub>m</sub>)| (Guo et al. 2017); MCE = max<sub>m</sub> |acc − conf|; " +
                "Brier = mean Σ<sub>c</sub> (q<sub>c</sub> − [c = y])². Normalised score = log(t<sub>y</sub> / q<sub>y</sub>) with t<sub>y</sub> the mean q<sub>y</sub> of the label's class. " +
                "ROC and precision-recall curves rank the rows by q<sub>c</sub> of one class against the rest (binary: the positive class), as scikit-learn's roc_curve and precision_recall_curve. " +
                "Numbers show 4 significant digits; hover one for its full value.</p>");
            w.WriteLine("</body></html>");
        }

        // What made the page: the module version, the inputs, the options and the command line.
        private static void Header(TextWriter w, ReportModel m)
        {
            var rows = new List<(string, string)>();
            if (m.Version != null) rows.Add(("Module", "CrossEntropy " + m.Version));
            rows.Add((m.Sources.Count == 1 ? "Input" : "Inputs", string.Join(", ", m.Sources)));
            if (m.Options.Count > 0) rows.Add(("Options", string.Join(" ", m.Options.Select(o => o.Value.Length == 0 ? "-" + o.Key : "-" + o.Key + " " + o.Value))));
            if (m.Generated != null) rows.Add(("Made", m.Generated));
            w.WriteLine("<div class=\"scroll\"><table class=\"figures meta\" id=\"made\">");
            foreach ((string name, string value) in rows) w.WriteLine($"<tr><td>{Escape(name)}</td><td>{Escape(value)}</td></tr>");
            if (m.Command != null) w.WriteLine($"<tr><td>Command</td><td><code>{Escape(m.Command)}</code></td></tr>");
            w.WriteLine("</table></div>");
        }

        private static void Curves(TextWriter w, ReportModel m)
        {
            w.WriteLine("<h2>ROC and precision-recall curves</h2>");
            if (m.CurvesNote != null) w.WriteLine($"<p class=\"meta\" id=\"curves-note\">{Escape(m.CurvesNote)}</p>");
            if (m.Roc.Count == 0) return;
            bool binary = m.Roc.Count == 1 && m.PrecisionRecall.Count <= 1;
            string what = binary ? "of the positive class " + m.Roc[0].Name : "one-vs-rest, one line per class";
            w.WriteLine("<div class=\"charts\">");
            Figure(w, ReportCharts.Curves("roc", "ROC curve " + what, m.Roc, "false positive rate", "true positive rate", diagonal: true),
                $"ROC curve {what}: true against false positive rate as the threshold falls; the dashed diagonal is chance.", CurveLegend(m.Roc));
            if (m.PrecisionRecall.Count > 0)
                Figure(w, ReportCharts.Curves("precision-recall", "Precision-recall curve " + what, m.PrecisionRecall, "recall", "precision", diagonal: false),
                    $"Precision-recall curve {what}; AP is the average precision.", CurveLegend(m.PrecisionRecall));
            w.WriteLine("</div>");
        }

        private static string CurveLegend(List<ReportCurve> curves) =>
            "<ul class=\"legend\">" + string.Concat(curves.Select((c, k) =>
                $"<li><span class=\"sw line\" style=\"background: {ReportCharts.Palette[k % ReportCharts.Palette.Length]}\"></span>{Escape(c.Name)} ({Escape(c.Area)})</li>")) + "</ul>";

        private static string Legend(params (string Swatch, string Text)[] items) =>
            "<ul class=\"legend\">" + string.Concat(items.Select(i => $"<li><span class=\"sw {i.Swatch}\"></span>{Escape(i.Text)}</li>")) + "</ul>";

        private static void Figure(TextWriter w, string svg, string caption, string legend = "") =>
            w.WriteLine($"<figure>{svg}{legend}<figcaption>{Escape(caption)}</figcaption></figure>");

        // A cell: numbers trimmed to 4 significant digits, the full text in its title (a tooltip).
        private static string Cell(string? text, bool numeric, string shade = "")
        {
            (string shown, string? full) = Trim(text);
            string cls = numeric ? " class=\"num\"" : "";
            string title = full == null ? "" : $" title=\"{Escape(full)}\"";
            return $"<td{cls}{title}{shade}>{Escape(shown)}</td>";
        }

        private static void Table(TextWriter w, string heading, string id, ReportTable t)
        {
            w.WriteLine($"<h2>{Escape(heading)}</h2><div class=\"scroll\"><table id=\"{id}\"><thead><tr>");
            for (int c = 0; c < t.Columns.Count; c++) w.Write(t.NumericColumns.Contains(c) ? $"<th class=\"num\">{Escape(t.Columns[c])}</th>" : $"<th>{Escape(t.Columns[c])}</th>");
            w.WriteLine("</tr></thead><tbody>");
            for (int r = 0; r < t.Rows.Count; r++)
            {
                string?[] row = t.Rows[r];
                double[]? shades = t.Shades?[r];
                w.Write("<tr>");
                for (int c = 0; c < row.Length; c++)
                {
                    string shade = shades != null && c < shades.Length && shades[c] > 0
                        ? FormattableString.Invariant($" style=\"background: rgba(47, 111, 235, {Math.Round(0.75 * Math.Min(1, shades[c]), 3)})\"") : "";
                    w.Write(Cell(row[c], t.NumericColumns.Contains(c), shade));
                }
                w.WriteLine("</tr>");
            }
            if (t.Rows.Count == 0) w.WriteLine($"<tr><td colspan=\"{Math.Max(1, t.Columns.Count)}\">(none)</td></tr>");
            w.WriteLine("</tbody></table></div>");
        }
    }
}
