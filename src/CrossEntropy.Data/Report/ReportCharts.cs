using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using static CrossEntropy.Data.Report.HtmlText;

namespace CrossEntropy.Data.Report
{
    /// <summary>
    /// The report's charts as inline SVG: histograms, the reliability diagram and ROC/PR curves. Every chart has a
    /// &lt;title&gt;, role="img" and an aria-label for screen readers, and round axis ticks (steps of 1, 2 or 5 × 10^k).
    /// Colours come from CSS classes, so the dark theme can change the frame while the data colours stay as named.
    /// </summary>
    internal static class ReportCharts
    {
        /// <summary>Line colours of the curves, by class (Okabe–Ito, distinguishable with colour-blindness, then Tableau).</summary>
        public static readonly string[] Palette = { "#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#8c564b", "#7f7f7f", "#bcbd22", "#17becf" };

        // Plot area inside a 480 × 300 view box.
        private const double W = 480, H = 300, Left = 52, Right = 12, Top = 14, Bottom = 64;
        private const double PW = W - Left - Right, PH = H - Top - Bottom;

        private static StringBuilder Open(string id, string title)
        {
            var s = new StringBuilder();
            s.Append(FormattableString.Invariant($"<svg class=\"chart\" id=\"{id}\" viewBox=\"0 0 {W} {H}\" width=\"{W}\" height=\"{H}\" role=\"img\" aria-label=\"{Escape(title)}\" xmlns=\"http://www.w3.org/2000/svg\">"));
            s.Append("<title>").Append(Escape(title)).Append("</title>");
            return s;
        }

        /// <summary>Bars of <paramref name="values"/> over category <paramref name="labels"/>; the y axis has round ticks.</summary>
        public static string BarChart(string id, string title, List<string> labels, List<double> values, string xTitle, string yTitle)
        {
            StringBuilder s = Open(id, title);
            (double step, double top) = Ticks(values.Count == 0 ? 1 : Math.Max(1, values.Max()), integer: true);
            YAxis(s, top, step, yTitle);
            XTitle(s, xTitle);
            int n = Math.Max(1, values.Count);
            double bw = PW / n;
            for (int k = 0; k < values.Count; k++)
            {
                double h = PH * values[k] / top;
                double x = Left + k * bw;
                s.Append(FormattableString.Invariant($"<rect class=\"bar\" x=\"{Coord(x + 1)}\" y=\"{Coord(Top + PH - h)}\" width=\"{Coord(Math.Max(1, bw - 2))}\" height=\"{Coord(h)}\"><title>{Escape(labels[k])}: {Coord(values[k])}</title></rect>"));
                if (n <= 16 || k % (n / 8 + 1) == 0)
                    s.Append(FormattableString.Invariant($"<text x=\"{Coord(x + bw / 2)}\" y=\"{Coord(Top + PH + 12)}\" text-anchor=\"end\" transform=\"rotate(-40 {Coord(x + bw / 2)} {Coord(Top + PH + 12)})\">{Escape(labels[k])}</text>"));
            }
            return s.Append("</svg>").ToString();
        }

        /// <summary>
        /// The reliability diagram: per bin a blue bar up to its accuracy and an orange line at its mean confidence;
        /// the gap between them is red where the model is overconfident (above the bar) and purple where it is
        /// underconfident (the bar's top part, so the bar's top is always the accuracy).
        /// </summary>
        public static string Reliability(ReportCalibration c)
        {
            StringBuilder s = Open("reliability", "Reliability diagram: accuracy (bars) and mean confidence (lines) per confidence bin");
            UnitAxes(s, "accuracy", "confidence (top-label probability)");
            for (int m = 0; m < c.Counts.Count; m++)
            {
                if (c.Counts[m] == 0) continue;
                double x = Left + PW * c.Lower[m] + 1, bw = Math.Max(1, PW * (c.Upper[m] - c.Lower[m]) - 2);
                double acc = c.Accuracy[m], conf = c.Confidence[m];
                double yAcc = Top + PH * (1 - acc), yConf = Top + PH * (1 - conf);
                string tip = FormattableString.Invariant($"{Coord(c.Lower[m])}–{Coord(c.Upper[m])}: accuracy {Number(acc)}, mean confidence {Number(conf)}, {c.Counts[m]} rows");
                s.Append(FormattableString.Invariant($"<g><title>{Escape(tip)}</title>"));
                s.Append(FormattableString.Invariant($"<rect class=\"bar\" x=\"{Coord(x)}\" y=\"{Coord(yAcc)}\" width=\"{Coord(bw)}\" height=\"{Coord(Top + PH - yAcc)}\"/>"));
                if (yConf - yAcc > 0.5) // accuracy above confidence: underconfident
                    s.Append(FormattableString.Invariant($"<rect class=\"under\" x=\"{Coord(x)}\" y=\"{Coord(yAcc)}\" width=\"{Coord(bw)}\" height=\"{Coord(yConf - yAcc)}\"/>"));
                else if (yAcc - yConf > 0.5)
                    s.Append(FormattableString.Invariant($"<rect class=\"gap\" x=\"{Coord(x)}\" y=\"{Coord(yConf)}\" width=\"{Coord(bw)}\" height=\"{Coord(yAcc - yConf)}\"/>"));
                s.Append(FormattableString.Invariant($"<line class=\"conf\" x1=\"{Coord(x)}\" y1=\"{Coord(yConf)}\" x2=\"{Coord(x + bw)}\" y2=\"{Coord(yConf)}\"/></g>"));
            }
            // The diagonal goes over the bars: where a bar is taller than it, it must still be seen.
            s.Append(FormattableString.Invariant($"<line class=\"diag\" x1=\"{Coord(Left)}\" y1=\"{Coord(Top + PH)}\" x2=\"{Coord(Left + PW)}\" y2=\"{Coord(Top)}\"/>"));
            return s.Append("</svg>").ToString();
        }

        /// <summary>Curves in the unit square (ROC with the chance diagonal, or precision-recall), one colour per curve.</summary>
        public static string Curves(string id, string title, List<ReportCurve> curves, string xTitle, string yTitle, bool diagonal)
        {
            StringBuilder s = Open(id, title);
            UnitAxes(s, yTitle, xTitle);
            if (diagonal)
                s.Append(FormattableString.Invariant($"<line class=\"diag\" x1=\"{Coord(Left)}\" y1=\"{Coord(Top + PH)}\" x2=\"{Coord(Left + PW)}\" y2=\"{Coord(Top)}\"/>"));
            for (int k = 0; k < curves.Count; k++)
            {
                s.Append(FormattableString.Invariant($"<polyline class=\"curve\" stroke=\"{Palette[k % Palette.Length]}\" points=\""));
                double lastX = double.NaN, lastY = double.NaN;
                List<KeyValuePair<double, double>> p = curves[k].Points;
                for (int i = 0; i < p.Count; i++)
                {
                    double x = Left + PW * p[i].Key, y = Top + PH * (1 - p[i].Value);
                    // Points closer than a quarter pixel to the last one drawn change nothing on screen (10M rows have ~10M).
                    if (i > 0 && i < p.Count - 1 && Math.Abs(x - lastX) < 0.25 && Math.Abs(y - lastY) < 0.25) continue;
                    s.Append(Coord(x)).Append(',').Append(Coord(y)).Append(' ');
                    lastX = x;
                    lastY = y;
                }
                s.Append("\"><title>").Append(Escape(curves[k].Name + ": " + curves[k].Area)).Append("</title></polyline>");
            }
            return s.Append("</svg>").ToString();
        }

        private static void UnitAxes(StringBuilder s, string yTitle, string xTitle)
        {
            YAxis(s, 1, 0.2, yTitle);
            XTitle(s, xTitle);
            for (int k = 0; k <= 5; k++)
            {
                double v = k * 0.2, x = Left + PW * v;
                s.Append(FormattableString.Invariant($"<line class=\"tick\" x1=\"{Coord(x)}\" y1=\"{Coord(Top + PH)}\" x2=\"{Coord(x)}\" y2=\"{Coord(Top + PH + 4)}\"/>"));
                s.Append(FormattableString.Invariant($"<text x=\"{Coord(x)}\" y=\"{Coord(Top + PH + 16)}\" text-anchor=\"middle\">{Tick(v)}</text>"));
            }
        }

        private static void YAxis(StringBuilder s, double top, double step, string yTitle)
        {
            s.Append(FormattableString.Invariant($"<line class=\"axis\" x1=\"{Coord(Left)}\" y1=\"{Coord(Top + PH)}\" x2=\"{Coord(Left + PW)}\" y2=\"{Coord(Top + PH)}\"/>"));
            s.Append(FormattableString.Invariant($"<line class=\"axis\" x1=\"{Coord(Left)}\" y1=\"{Coord(Top)}\" x2=\"{Coord(Left)}\" y2=\"{Coord(Top + PH)}\"/>"));
            int ticks = (int)Math.Round(top / step);
            for (int k = 0; k <= ticks; k++)
            {
                double v = k * step, y = Top + PH * (1 - v / top);
                if (k > 0) s.Append(FormattableString.Invariant($"<line class=\"grid\" x1=\"{Coord(Left)}\" y1=\"{Coord(y)}\" x2=\"{Coord(Left + PW)}\" y2=\"{Coord(y)}\"/>"));
                s.Append(FormattableString.Invariant($"<text x=\"{Coord(Left - 6)}\" y=\"{Coord(y + 4)}\" text-anchor=\"end\">{Tick(v)}</text>"));
            }
            s.Append(FormattableString.Invariant($"<text x=\"12\" y=\"{Coord(Top + PH / 2)}\" text-anchor=\"middle\" transform=\"rotate(-90 12 {Coord(Top + PH / 2)})\">{Escape(yTitle)}</text>"));
        }

        private static void XTitle(StringBuilder s, string xTitle) =>
            s.Append(FormattableString.Invariant($"<text x=\"{Coord(Left + PW / 2)}\" y=\"{Coord(H - 4)}\" text-anchor=\"middle\">{Escape(xTitle)}</text>"));

        // A tick label: k × step has rounding noise (0.6000000000000001), so 6 significant digits are plenty.
        private static string Tick(double v) => Math.Round(v, 10).ToString("G6", CultureInfo.InvariantCulture);
    }
}
