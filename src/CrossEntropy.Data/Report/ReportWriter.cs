using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using static CrossEntropy.Data.Report.HtmlText;

namespace CrossEntropy.Data.Report
{
    /// <summary>
    /// Writes a <see cref="ReportModel"/> as one self-contained HTML page: inline CSS, charts as inline SVG, no
    /// script, no external file or font, and a Content-Security-Policy that forbids scripts anyway. Every value that
    /// comes from the data (class and group names, file names, cells) goes through <see cref="HtmlText.Escape"/>.
    /// </summary>
    internal static class ReportWriter
    {
        private const string Style = @"
body { font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #1d2430; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; } h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #d8dde6; }
.meta { color: #5a6475; font-size: 0.9rem; }
table { border-collapse: collapse; font-size: 0.85rem; margin: 0.5rem 0; }
th, td { border: 1px solid #d8dde6; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f1f4f8; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
.figures td:first-child { font-weight: 600; } .figures td:last-child { color: #5a6475; }
.charts { display: flex; flex-wrap: wrap; gap: 1.5rem; }
figure { margin: 0; } figcaption { font-size: 0.85rem; color: #5a6475; max-width: 30rem; }
svg.chart { width: 30rem; height: auto; background: #fbfcfe; border: 1px solid #e3e7ee; }
svg text { font-size: 11px; fill: #3a4456; } .bar { fill: #4a7bd0; } .gap { fill: #e0574f; fill-opacity: 0.55; }
.axis { stroke: #8590a2; stroke-width: 1; } .diag { stroke: #8590a2; stroke-dasharray: 4 3; }
.scroll { overflow-x: auto; } #confusion td { white-space: nowrap; }";

        /// <summary>Writes the page.</summary>
        public static void Write(ReportModel m, TextWriter w)
        {
            w.WriteLine("<!DOCTYPE html>");
            w.WriteLine("<html lang=\"en\"><head><meta charset=\"utf-8\">");
            w.WriteLine("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">");
            w.WriteLine("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
            w.WriteLine($"<title>{Escape(m.Title)}</title><style>{Style}</style></head><body>");
            w.WriteLine($"<h1>{Escape(m.Title)}</h1>");
            w.WriteLine($"<p class=\"meta\">Source: {string.Join(", ", m.Sources.Select(Escape))}{(m.Generated == null ? "" : " · " + Escape(m.Generated))}</p>");

            w.WriteLine("<h2>Summary</h2><table class=\"figures\" id=\"summary\">");
            foreach (ReportFigure f in m.Summary)
                w.WriteLine($"<tr><td>{Escape(f.Name)}</td><td class=\"num\">{Escape(f.Value)}</td><td>{Escape(f.Note)}</td></tr>");
            w.WriteLine("</table>");

            w.WriteLine("<h2>Charts</h2><div class=\"charts\">");
            Figure(w, BarChart("loss-histogram", m.LossHistogram.Labels, m.LossHistogram.Counts.Select(c => (double)c).ToList(), "per-row loss (nats)", "rows"),
                "Loss histogram: rows by their loss −log q(label). Rows far right are confidently wrong.");
            Figure(w, Reliability(m.Calibration),
                "Reliability diagram: accuracy per confidence bin (blue) against the diagonal of perfect calibration; red is the gap to the bin's mean confidence.");
            Figure(w, BarChart("confidence-histogram", m.Calibration.Lower.Select((lo, k) => Coord(lo) + "–" + Coord(m.Calibration.Upper[k])).ToList(),
                    m.Calibration.Counts.Select(c => (double)c).ToList(), "confidence (top-label probability)", "rows"),
                "Confidence histogram: rows per calibration bin.");
            w.WriteLine("</div>");

            Table(w, "Per class", "per-class", m.PerClass);
            if (m.PerGroup != null) Table(w, "Per group", "per-group", m.PerGroup);
            if (m.Classification != null) Table(w, "Classification report", "classification", m.Classification);
            if (m.Confusion != null) Table(w, "Confusion matrix (rows: true class; count and share of the row)", "confusion", m.Confusion);
            Table(w, "Noisiest rows", "noisy-rows", m.NoisyRows);
            w.WriteLine("<h2>Definitions</h2><p class=\"meta\">q is the predicted distribution (softmax of the logits, or the probabilities as given) and y the label. " +
                "Loss = −log q<sub>y</sub>. Confidence = max<sub>c</sub> q<sub>c</sub>. Bins B<sub>m</sub> = ((m−1)/M, m/M]; " +
                "ECE = Σ<sub>m</sub> |B<sub>m</sub>|/n · |acc(B<sub>m</sub>) − conf(B<sub>m</sub>)| (Guo et al. 2017); MCE = max<sub>m</sub> |acc − conf|; " +
                "Brier = mean Σ<sub>c</sub> (q<sub>c</sub> − [c = y])². Normalised score = log(t<sub>y</sub> / q<sub>y</sub>) with t<sub>y</sub> the mean q<sub>y</sub> of the label's class.</p>");
            w.WriteLine("</body></html>");
        }

        private static void Figure(TextWriter w, string svg, string caption) =>
            w.WriteLine($"<figure>{svg}<figcaption>{Escape(caption)}</figcaption></figure>");

        private static void Table(TextWriter w, string heading, string id, ReportTable t)
        {
            w.WriteLine($"<h2>{Escape(heading)}</h2><div class=\"scroll\"><table id=\"{id}\"><thead><tr>");
            foreach (string c in t.Columns) w.Write($"<th>{Escape(c)}</th>");
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
                    w.Write(t.NumericColumns.Contains(c) ? $"<td class=\"num\"{shade}>{Escape(row[c])}</td>" : $"<td{shade}>{Escape(row[c])}</td>");
                }
                w.WriteLine("</tr>");
            }
            if (t.Rows.Count == 0) w.WriteLine($"<tr><td colspan=\"{Math.Max(1, t.Columns.Count)}\">(none)</td></tr>");
            w.WriteLine("</tbody></table></div>");
        }

        // Plot area inside a 480 × 300 view box.
        private const double W = 480, H = 300, Left = 52, Right = 12, Top = 14, Bottom = 64;

        private static string BarChart(string id, List<string> labels, List<double> values, string xTitle, string yTitle)
        {
            var s = new System.Text.StringBuilder();
            s.Append(FormattableString.Invariant($"<svg class=\"chart\" id=\"{id}\" viewBox=\"0 0 {W} {H}\" width=\"{W}\" height=\"{H}\" role=\"img\" aria-label=\"{Escape(yTitle + " by " + xTitle)}\" xmlns=\"http://www.w3.org/2000/svg\">"));
            double max = values.Count == 0 ? 1 : Math.Max(1, values.Max());
            double pw = W - Left - Right, ph = H - Top - Bottom;
            Axes(s, max, yTitle, xTitle, integer: true);
            int n = Math.Max(1, values.Count);
            double bw = pw / n;
            for (int k = 0; k < values.Count; k++)
            {
                double h = ph * values[k] / max;
                double x = Left + k * bw;
                s.Append(FormattableString.Invariant($"<rect class=\"bar\" x=\"{Coord(x + 1)}\" y=\"{Coord(Top + ph - h)}\" width=\"{Coord(Math.Max(1, bw - 2))}\" height=\"{Coord(h)}\"><title>{Escape(labels[k])}: {Coord(values[k])}</title></rect>"));
                if (n <= 16 || k % (n / 8 + 1) == 0)
                    s.Append(FormattableString.Invariant($"<text x=\"{Coord(x + bw / 2)}\" y=\"{Coord(Top + ph + 12)}\" text-anchor=\"end\" transform=\"rotate(-40 {Coord(x + bw / 2)} {Coord(Top + ph + 12)})\">{Escape(labels[k])}</text>"));
            }
            s.Append("</svg>");
            return s.ToString();
        }

        private static string Reliability(ReportCalibration c)
        {
            var s = new System.Text.StringBuilder();
            s.Append(FormattableString.Invariant($"<svg class=\"chart\" id=\"reliability\" viewBox=\"0 0 {W} {H}\" width=\"{W}\" height=\"{H}\" role=\"img\" aria-label=\"accuracy by confidence\" xmlns=\"http://www.w3.org/2000/svg\">"));
            double pw = W - Left - Right, ph = H - Top - Bottom;
            Axes(s, 1, "accuracy", "confidence", integer: false);
            for (int k = 0; k <= 4; k++)
            {
                double v = k / 4.0, x = Left + pw * v;
                s.Append(FormattableString.Invariant($"<text x=\"{Coord(x)}\" y=\"{Coord(Top + ph + 14)}\" text-anchor=\"middle\">{Coord(v)}</text>"));
            }
            s.Append(FormattableString.Invariant($"<line class=\"diag\" x1=\"{Coord(Left)}\" y1=\"{Coord(Top + ph)}\" x2=\"{Coord(Left + pw)}\" y2=\"{Coord(Top)}\"/>"));
            for (int m = 0; m < c.Counts.Count; m++)
            {
                if (c.Counts[m] == 0) continue;
                double x = Left + pw * c.Lower[m], bw = pw * (c.Upper[m] - c.Lower[m]);
                double acc = c.Accuracy[m], conf = c.Confidence[m];
                double yAcc = Top + ph * (1 - acc), yConf = Top + ph * (1 - conf);
                s.Append(FormattableString.Invariant($"<rect class=\"bar\" x=\"{Coord(x + 1)}\" y=\"{Coord(yAcc)}\" width=\"{Coord(Math.Max(1, bw - 2))}\" height=\"{Coord(Top + ph - yAcc)}\"><title>{Coord(c.Lower[m])}–{Coord(c.Upper[m])}: accuracy {Number(acc)}, confidence {Number(conf)}, {c.Counts[m]} rows</title></rect>"));
                double gapTop = Math.Min(yAcc, yConf), gapHeight = Math.Abs(yAcc - yConf);
                if (gapHeight > 0.5)
                    s.Append(FormattableString.Invariant($"<rect class=\"gap\" x=\"{Coord(x + 1)}\" y=\"{Coord(gapTop)}\" width=\"{Coord(Math.Max(1, bw - 2))}\" height=\"{Coord(gapHeight)}\"/>"));
            }
            s.Append("</svg>");
            return s.ToString();
        }

        private static void Axes(System.Text.StringBuilder s, double max, string yTitle, string xTitle, bool integer)
        {
            double pw = W - Left - Right, ph = H - Top - Bottom;
            s.Append(FormattableString.Invariant($"<line class=\"axis\" x1=\"{Coord(Left)}\" y1=\"{Coord(Top + ph)}\" x2=\"{Coord(Left + pw)}\" y2=\"{Coord(Top + ph)}\"/>"));
            s.Append(FormattableString.Invariant($"<line class=\"axis\" x1=\"{Coord(Left)}\" y1=\"{Coord(Top)}\" x2=\"{Coord(Left)}\" y2=\"{Coord(Top + ph)}\"/>"));
            for (int k = 0; k <= 4; k++)
            {
                double v = max * k / 4, y = Top + ph * (1 - k / 4.0);
                string label = integer ? Math.Round(v).ToString(System.Globalization.CultureInfo.InvariantCulture) : Coord(v);
                s.Append(FormattableString.Invariant($"<text x=\"{Coord(Left - 6)}\" y=\"{Coord(y + 4)}\" text-anchor=\"end\">{label}</text>"));
            }
            s.Append(FormattableString.Invariant($"<text x=\"{Coord(Left + pw / 2)}\" y=\"{Coord(H - 4)}\" text-anchor=\"middle\">{Escape(xTitle)}</text>"));
            s.Append(FormattableString.Invariant($"<text x=\"12\" y=\"{Coord(Top + ph / 2)}\" text-anchor=\"middle\" transform=\"rotate(-90 12 {Coord(Top + ph / 2)})\">{Escape(yTitle)}</text>"));
        }
    }
}
