using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using static CrossEntropy.Data.Report.HtmlText;

namespace CrossEntropy.Data.Report
{
    /// <summary>
    /// A report of summaries instead of rows (Merge-CrossEntropyResult's output, or the shards' summaries merged
    /// here): the sections sums allow — headline figures, per-class loss, calibration bins, the classification report
    /// and the confusion matrix — and, under "Not in this report", the sections that need the rows.
    /// </summary>
    internal static class SummaryReport
    {
        private static readonly string[] PerClassColumns = { "Class", "Rows", "Loss", "Accuracy" };
        private static readonly int[] PerClassNumbers = { 1, 2, 3 };

        /// <summary>The model of the summaries given (each may be null; at least one is not).</summary>
        public static ReportModel Build(LossSummary? loss, CalibrationSummary? cal, ClassificationSummary? cls, string title, IReadOnlyList<string> sources, string? generated)
        {
            var m = new ReportModel { Title = title, Sources = sources, Generated = generated, LossHistogram = null, NoisyRows = null, Calibration = null, PerClass = null };
            (long count, long used, long ignored, long rejected, string input, string target, string[] classes) =
                loss != null ? (loss.Count, loss.Used, loss.Ignored, loss.Rejected, loss.Input, loss.Target, loss.Classes)
                : cal != null ? (cal.Count, cal.Used, cal.Ignored, cal.Rejected, cal.Input, cal.Target, cal.Classes)
                : (cls!.Count, cls.Used, cls.Ignored, cls.Rejected, cls.Input, cls.Target, cls.Classes);
            m.Summary.Add(new ReportFigure("Rows", Int(count), $"{used} used, {ignored} ignored, {rejected} rejected"));
            m.Summary.Add(new ReportFigure("Input", $"{input}, {target}", $"{classes.Length} classes: {string.Join(", ", classes.Take(12))}{(classes.Length > 12 ? ", …" : "")}"));
            if (loss != null)
            {
                m.Summary.Add(new ReportFigure("Loss", Full(loss.Loss), "mean cross-entropy −log q(label), nats"));
                m.Summary.Add(new ReportFigure("Perplexity", Full(loss.Perplexity), "exp(loss)"));
                m.Summary.Add(new ReportFigure("Accuracy", Full(loss.Accuracy), "top-1"));
                var t = new ReportTable();
                t.Columns.AddRange(PerClassColumns);
                t.NumericColumns.UnionWith(PerClassNumbers);
                foreach (ClassSummary c in loss.PerClass) t.Rows.Add(new[] { c.Class, Int(c.Count), Full(c.Loss), Full(c.Accuracy) });
                m.PerClass = t;
            }
            else m.Omitted.Add("Loss, perplexity and per-class loss: pipe in Measure-CrossEntropy summaries too.");
            if (cal != null)
            {
                m.Summary.Add(new ReportFigure("Mean confidence", Full(cal.MeanConfidence), "top-label probability"));
                m.Summary.Add(new ReportFigure("ECE", Full(cal.ExpectedCalibrationError), $"expected calibration error, {cal.BinCount} bins"));
                m.Summary.Add(new ReportFigure("MCE", Full(cal.MaximumCalibrationError), "maximum calibration error"));
                m.Summary.Add(new ReportFigure("Brier score", Full(cal.BrierScore), "mean squared distance to the one-hot label"));
                var bins = new ReportCalibration();
                foreach (CalibrationBin b in cal.Bins)
                {
                    bins.Lower.Add(b.Lower);
                    bins.Upper.Add(b.Upper);
                    bins.Counts.Add(b.Count);
                    bins.Confidence.Add(b.MeanConfidence);
                    bins.Accuracy.Add(b.Accuracy);
                }
                m.Calibration = bins;
            }
            else m.Omitted.Add("Calibration figures, the reliability diagram and the confidence histogram: pipe in Measure-Calibration summaries too.");
            if (cls != null) Classification(m, cls);
            else m.Omitted.Add("Classification report and confusion matrix: pipe in a Measure-Classification summary too.");
            m.Omitted.Add("Loss histogram: needs the rows' losses; a summary keeps only their sums.");
            m.Omitted.Add("Noisiest rows: needs the rows themselves.");
            if (cls != null) m.Omitted.Add("ROC and precision-recall curves: need the rows' scores; the classification report has each class's ROC AUC and average precision.");
            return m;
        }

        private static void Classification(ReportModel m, ClassificationSummary s)
        {
            m.Summary.Add(new ReportFigure("Macro F1", Full(s.MacroF1), "mean F1 over the classes (scikit-learn's f1_score, average='macro')"));
            m.Summary.Add(new ReportFigure("Balanced accuracy", Full(s.BalancedAccuracy), "mean recall over the classes with rows"));
            m.Summary.Add(new ReportFigure("MCC", Full(s.MatthewsCorrelation), "Matthews' correlation coefficient"));
            m.Summary.Add(new ReportFigure("ROC AUC", Full(s.RocAuc), s.PositiveClass != null ? $"of the positive class {s.PositiveClass}" : "one-vs-rest, macro mean"));
            ClassMetrics[] per = s.PerClass;
            if (per.Length == 0)
            {
                m.Omitted.Add("Classification report per class and confusion matrix: the Measure-Classification summary came without them (serialized at depth 1, as remoting and Export-Clixml do by default). Pipe the live summary, or serialize it with -Depth 3.");
                return;
            }
            m.Classification = ReportClassification.Table(per.Length, k => new[] { per[k].Class, Full(per[k].Precision), Full(per[k].Recall), Full(per[k].F1), Full(per[k].Support), Full(per[k].RocAuc), Full(per[k].AveragePrecision) });
            ConfusionMatrix cm = s.ConfusionMatrix;
            if (cm.Classes.Length > 0 && cm.Weights.Length == cm.Classes.Length)
                m.Confusion = ReportClassification.Confusion(cm.Classes, (r, p) => cm.Weights[r][p]);
            else if (per.Length > ConfusionMatrix.MaxDenseClasses && s.ConfusionTrue.Length == s.ConfusionWeights.Length && s.ConfusionPredicted.Length == s.ConfusionWeights.Length
                && s.ConfusionTrue.Concat(s.ConfusionPredicted).All(k => k >= 0 && k < per.Length))
                m.ConfusedPairs = ReportClassification.ConfusedPairs(per.Select(c => c.Class).ToArray(), s.ConfusionTrue, s.ConfusionPredicted, s.ConfusionWeights, k => per[k].Support);
        }

        private static string Int(long v) => v.ToString(CultureInfo.InvariantCulture);
    }
}
