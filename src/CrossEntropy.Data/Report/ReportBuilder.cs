using System;
using System.Collections.Generic;
using System.Globalization;
using CrossEntropy.Data.Audit;
using CrossEntropy.Data.Runs;
using CrossEntropy.Data.Schemas;
using CrossEntropy.Engine;
using CrossEntropy.Engine.Audit;
using static CrossEntropy.Data.Report.HtmlText;

namespace CrossEntropy.Data.Report
{
    /// <summary>
    /// Turns a finished audit run into a <see cref="ReportModel"/>: headline figures, per-class and
    /// per-group tables, histograms and the noisiest rows (with their cells in header order, from
    /// <c>cellsOf</c> or else the rows' tags). Only formats: every figure was computed by the engine.
    /// </summary>
    internal static class ReportBuilder
    {
        private static readonly string[] PerClassColumns = { "Class", "Rows", "Loss", "Accuracy" };
        private static readonly int[] PerClassNumbers = { 1, 2, 3 };
        private static readonly int[] PerGroupNumbers = { 1, 2, 3, 4, 5 };
        private static readonly string[] NoisyColumns = { "Rank", "Row", "Given label", "Predicted", "q(label)", "Loss", "Margin", "Normalised" };
        private static readonly int[] NoisyNumbers = { 0, 1, 4, 5, 6, 7 };

        /// <summary>Builds the model of the audit <paramref name="run"/> read from <paramref name="sources"/>; one pass over the classes.</summary>
        public static ReportModel Build(LossRun run, string title, IReadOnlyList<string> sources, string? generated = null,
            Func<NoisyLabelCandidate, string?[]?>? cellsOf = null)
        {
            AuditStage audit = run.Audit ?? throw new ArgumentException("The run is not an audit.", nameof(run));
            Schema schema = run.Schema;
            LossAccumulator total = run.Total;
            CalibrationAccumulator cal = audit.Calibration;
            var m = new ReportModel { Title = title, Sources = sources, Generated = generated };

            RowCounts counts = total.Counts;
            m.Summary.Add(new ReportFigure("Rows", $"{counts.Read}", $"{counts.Used} used, {counts.Ignored} ignored, {counts.Rejected} rejected"));
            m.Summary.Add(new ReportFigure("Input", $"{schema.Input}, {schema.Target}", $"{schema.Classes.Length} classes: {schema.ClassList(", …")}"));
            m.Summary.Add(new ReportFigure("Loss", Full(total.Mean), "mean cross-entropy −log q(label), nats"));
            m.Summary.Add(new ReportFigure("Perplexity", Full(Math.Exp(total.Mean)), "exp(loss)"));
            m.Summary.Add(new ReportFigure("Accuracy", Full(total.Accuracy), "top-1"));
            double conf = cal.OverallConfidence, acc = cal.OverallAccuracy;
            m.Summary.Add(new ReportFigure("Mean confidence", Full(conf),
                conf > acc ? "above accuracy: overconfident on the whole" : conf < acc ? "below accuracy: underconfident on the whole" : "equal to accuracy"));
            m.Summary.Add(new ReportFigure("ECE", Full(cal.ExpectedCalibrationError), $"expected calibration error, {cal.BinCount} bins"));
            m.Summary.Add(new ReportFigure("MCE", Full(cal.MaximumCalibrationError), "maximum calibration error"));
            m.Summary.Add(new ReportFigure("Brier score", Full(cal.BrierScore), "mean squared distance to the one-hot label"));
            m.Summary.Add(new ReportFigure("Mean entropy", Full(audit.Entropy.Entropy), "of the predicted distributions, nats"));
            m.Summary.Add(new ReportFigure("Label entropy", Full(Entropy.OfCounts(AuditStage.ClassWeights(total))), "of the label mix, nats"));

            m.PerClass = new ReportTable();
            m.PerClass.Columns.AddRange(PerClassColumns);
            m.PerClass.NumericColumns.UnionWith(PerClassNumbers);
            for (int c = 0; c < total.ClassCount; c++)
            {
                ClassSums t = total.ClassAt(c);
                m.PerClass.Rows.Add(new[] { schema.ClassName(c), Int(t.Count), Full(t.Loss), Full(t.Accuracy) });
            }

            if (schema.GroupColumn >= 0)
            {
                var g = new ReportTable();
                g.Columns.AddRange(new[] { schema.Columns[schema.GroupColumn], "Rows", "Loss", "Accuracy", "ECE", "Brier" });
                g.NumericColumns.UnionWith(PerGroupNumbers);
                for (int k = 0; k < run.GroupNames.Count; k++)
                {
                    LossAccumulator s = run.GroupSums(k);
                    CalibrationAccumulator gc = audit.CalibrationOf(k);
                    g.Rows.Add(new[] { run.GroupNames[k], Int(s.Used), Full(s.Mean), Full(s.Accuracy), Full(gc.ExpectedCalibrationError), Full(gc.BrierScore) });
                }
                m.PerGroup = g;
            }

            var histogram = new ReportHistogram();
            var bins = new ReportCalibration();
            m.LossHistogram = histogram;
            m.Calibration = bins;
            for (int k = 0; k < audit.LossHistogram.Counts.Count; k++)
            {
                double lo = audit.LossHistogram.Edges[k], hi = audit.LossHistogram.Edges[k + 1];
                histogram.Labels.Add(double.IsPositiveInfinity(hi) ? "≥ " + Coord(lo) : Coord(lo) + "–" + Coord(hi));
                histogram.Counts.Add(audit.LossHistogram.Counts[k]);
            }
            for (int b = 0; b < cal.BinCount; b++)
            {
                bins.Lower.Add(cal.Lower(b));
                bins.Upper.Add(cal.Upper(b));
                bins.Counts.Add(cal.Count[b]);
                bins.Confidence.Add(cal.MeanConfidence(b));
                bins.Accuracy.Add(cal.Accuracy(b));
            }

            if (audit.Classification != null) ReportClassification.Add(m, audit.Classification, schema);
            m.NoisyRows = Noisy(audit, schema, cellsOf ?? (c => c.Tag as string?[]), sources.Count > 1);
            return m;
        }

        // With several files in one report, row numbers repeat: a File column says whose row it is (ranked file rows
        // are tagged with their file's path).
        private static ReportTable Noisy(AuditStage audit, Schema schema, Func<NoisyLabelCandidate, string?[]?> cellsOf, bool showFile)
        {
            var t = new ReportTable();
            t.Columns.AddRange(NoisyColumns);
            t.NumericColumns.UnionWith(NoisyNumbers);
            if (showFile) t.Columns.Add("File");
            t.Columns.AddRange(schema.Columns);
            if (audit.Noisy == null) return t;
            int rank = 0;
            foreach (NoisyLabelCandidate c in audit.Noisy.Top())
            {
                var row = new List<string?>
                {
                    Int(++rank), Int(c.RowNumber), schema.ClassName(c.Class), schema.ClassName(c.Predicted),
                    Full(c.LabelProbability), Full(c.Loss), Full(c.Margin), Full(c.NormalizedScore),
                };
                if (showFile) row.Add(c.Tag is string file ? System.IO.Path.GetFileName(file) : null);
                string?[] cells = cellsOf(c) ?? new string?[schema.Columns.Count];
                row.AddRange(cells);
                t.Rows.Add(row.ToArray());
            }
            return t;
        }

        private static string Int(long v) => v.ToString(CultureInfo.InvariantCulture);
    }
}
