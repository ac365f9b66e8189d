using System;
using System.Collections.Generic;

namespace CrossEntropy.Data.Report
{
    /// <summary>
    /// Everything an audit report shows, as plain values (text already formatted, numbers for the charts): the HTML
    /// writer needs nothing else, so it can be tested without running an audit.
    /// </summary>
    internal sealed class ReportModel
    {
        /// <summary>The page title.</summary>
        public string Title { get; set; } = "Model audit";
        /// <summary>Files (or "pipeline input") the rows came from.</summary>
        public IReadOnlyList<string> Sources { get; set; } = Array.Empty<string>();
        /// <summary>When the report was made (shown as given); null to leave it out.</summary>
        public string? Generated { get; set; }
        /// <summary>Headline figures: name, value (formatted) and a short explanation.</summary>
        public List<ReportFigure> Summary { get; } = new List<ReportFigure>();
        /// <summary>Loss, accuracy and row counts per class.</summary>
        public ReportTable? PerClass { get; set; } = new ReportTable();
        /// <summary>The same per group (-GroupBy); null without groups.</summary>
        public ReportTable? PerGroup { get; set; }
        /// <summary>Precision, recall, F1 and support per class (rows with labels only); null otherwise.</summary>
        public ReportTable? Classification { get; set; }
        /// <summary>The confusion matrix, counts with the share of their row, shaded by that share; null without labels.</summary>
        public ReportTable? Confusion { get; set; }
        /// <summary>The most confused pairs, instead of the matrix when there are too many classes to show it.</summary>
        public ReportTable? ConfusedPairs { get; set; }
        /// <summary>The least plausible labels with their row's cells; null when the report has no rows (summaries).</summary>
        public ReportTable? NoisyRows { get; set; } = new ReportTable();
        /// <summary>Per-row loss histogram; null when the report has no rows.</summary>
        public ReportHistogram? LossHistogram { get; set; } = new ReportHistogram();
        /// <summary>Calibration bins: the reliability diagram and the confidence histogram; null without them.</summary>
        public ReportCalibration? Calibration { get; set; } = new ReportCalibration();
        /// <summary>ROC curves (x false positive rate, y true positive rate): the positive class, or one per class one-vs-rest.</summary>
        public List<ReportCurve> Roc { get; } = new List<ReportCurve>();
        /// <summary>Precision-recall curves (x recall, y precision), as <see cref="Roc"/>.</summary>
        public List<ReportCurve> PrecisionRecall { get; } = new List<ReportCurve>();
        /// <summary>Why the curves are missing (too many classes), or null.</summary>
        public string? CurvesNote { get; set; }
        /// <summary>The module's version; null to leave it out.</summary>
        public string? Version { get; set; }
        /// <summary>The command line that made the report (MyInvocation.Line); null to leave it out.</summary>
        public string? Command { get; set; }
        /// <summary>The options it was made with (parameter name, value as text).</summary>
        public List<KeyValuePair<string, string>> Options { get; } = new List<KeyValuePair<string, string>>();
        /// <summary>Sections left out and why (a report of merged summaries has no rows to show).</summary>
        public List<string> Omitted { get; } = new List<string>();
    }

    /// <summary>One curve: its name, its area figure and its points in drawing order.</summary>
    internal sealed class ReportCurve
    {
        /// <summary>Creates a curve.</summary>
        public ReportCurve(string name, string area, List<KeyValuePair<double, double>> points)
        {
            Name = name;
            Area = area;
            Points = points;
        }

        /// <summary>The class it ranks.</summary>
        public string Name { get; }
        /// <summary>"AUC 0.9" or "AP 0.8", shown in the legend.</summary>
        public string Area { get; }
        /// <summary>(x, y) points in [0, 1]².</summary>
        public List<KeyValuePair<double, double>> Points { get; }
    }

    /// <summary>One headline figure.</summary>
    internal sealed class ReportFigure
    {
        /// <summary>Creates a figure.</summary>
        public ReportFigure(string name, string value, string note = "")
        {
            Name = name;
            Value = value;
            Note = note;
        }

        /// <summary>What it is.</summary>
        public string Name { get; }
        /// <summary>Its value, formatted.</summary>
        public string Value { get; }
        /// <summary>How to read it.</summary>
        public string Note { get; }
    }

    /// <summary>A table of text cells.</summary>
    internal sealed class ReportTable
    {
        /// <summary>Column headings.</summary>
        public List<string> Columns { get; } = new List<string>();
        /// <summary>Rows of cells (one per column; null shows as empty).</summary>
        public List<string?[]> Rows { get; } = new List<string?[]>();
        /// <summary>Columns (by index) that hold numbers, right-aligned.</summary>
        public HashSet<int> NumericColumns { get; } = new HashSet<int>();
        /// <summary>Per row, a 0..1 shade per cell (a heat map; NaN for none); null for a plain table.</summary>
        public List<double[]>? Shades { get; set; }
    }

    /// <summary>Counts over labelled bins.</summary>
    internal sealed class ReportHistogram
    {
        /// <summary>Bin labels ("0–0.01", ...).</summary>
        public List<string> Labels { get; } = new List<string>();
        /// <summary>Rows per bin.</summary>
        public List<long> Counts { get; } = new List<long>();
    }

    /// <summary>Calibration bins ((m-1)/M, m/M].</summary>
    internal sealed class ReportCalibration
    {
        /// <summary>Lower edge per bin.</summary>
        public List<double> Lower { get; } = new List<double>();
        /// <summary>Upper edge per bin.</summary>
        public List<double> Upper { get; } = new List<double>();
        /// <summary>Rows per bin.</summary>
        public List<long> Counts { get; } = new List<long>();
        /// <summary>Mean confidence per bin (NaN when empty).</summary>
        public List<double> Confidence { get; } = new List<double>();
        /// <summary>Accuracy per bin (NaN when empty).</summary>
        public List<double> Accuracy { get; } = new List<double>();
    }
}
