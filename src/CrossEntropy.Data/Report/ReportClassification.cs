using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CrossEntropy.Data.Schemas;
using CrossEntropy.Engine.Classification;
using static CrossEntropy.Data.Report.HtmlText;

namespace CrossEntropy.Data.Report
{
    /// <summary>
    /// The report's classification part, from the same sums as Measure-Classification: headline figures, the
    /// per-class precision/recall/F1 table and the confusion matrix as a heat map shaded by the share of each row.
    /// </summary>
    internal static class ReportClassification
    {
        /// <summary>One-vs-rest curves are drawn for up to this many classes (more lines cannot be told apart).</summary>
        public const int MaxCurveClasses = 10;

        private static readonly string[] ReportColumns = { "Class", "Precision", "Recall", "F1", "Support", "ROC AUC", "Average precision" };
        private static readonly int[] ReportNumbers = { 1, 2, 3, 4, 5, 6 };
        private static readonly string[] PairColumns = { "True class", "Predicted class", "Rows (Σ weight)", "Share of the true class" };
        private static readonly int[] PairNumbers = { 2, 3 };

        /// <summary>Adds the figures and tables of <paramref name="sums"/> to <paramref name="m"/>.</summary>
        public static void Add(ReportModel m, ClassificationAccumulator sums, Schema schema)
        {
            var f = new ClassificationFigures(sums.Matrix);
            int c = sums.Classes;
            string Name(int k) => schema.Classes.Length == c ? schema.ClassName(k) : k.ToString(CultureInfo.InvariantCulture);
            var auc = new double[c];
            var ap = new double[c];
            double aucSum = 0;
            bool drawCurves = c <= MaxCurveClasses;
            if (!drawCurves) m.CurvesNote = $"ROC and precision-recall curves are drawn for up to {MaxCurveClasses} classes; this problem has {c}. The table above has every class's ROC AUC and average precision.";
            for (int k = 0; k < c; k++)
            {
                RankingCurve? curve = sums.Rankings[k]?.Curve();
                auc[k] = curve?.RocAuc ?? double.NaN;
                ap[k] = curve?.AveragePrecision ?? double.NaN;
                aucSum += auc[k];
                if (curve != null && drawCurves) AddCurves(m, curve, Name(k), auc[k], ap[k]);
            }
            m.Summary.Add(new ReportFigure("Macro F1", Full(f.MacroF1), "mean F1 over the classes (scikit-learn's f1_score, average='macro')"));
            m.Summary.Add(new ReportFigure("Balanced accuracy", Full(f.BalancedAccuracy), "mean recall over the classes with rows"));
            m.Summary.Add(new ReportFigure("MCC", Full(f.MatthewsCorrelation), "Matthews' correlation coefficient"));
            m.Summary.Add(new ReportFigure("ROC AUC", Full(sums.IsBinary ? auc[1] : aucSum / c),
                sums.IsBinary ? $"of the positive class {Name(1)}" : "one-vs-rest, macro mean"));

            m.Classification = Table(c, k => new[] { Name(k), Full(f.Precision[k]), Full(f.Recall[k]), Full(f.F1[k]), Full(f.Support[k]), Full(auc[k]), Full(ap[k]) });

            string[] names = Enumerable.Range(0, c).Select(Name).ToArray();
            if (c <= ConfusionMatrix.MaxDenseClasses)
            {
                m.Confusion = Confusion(names, (r, p) => sums.Matrix.At(r, p));
                return;
            }
            (int[] t, int[] pr, double[] w, _) = sums.Matrix.Cells();
            m.ConfusedPairs = ConfusedPairs(names, t, pr, w, k => f.Support[k]);
        }

        /// <summary>The pairs shown instead of the matrix when it has more than <see cref="ConfusionMatrix.MaxDenseClasses"/> classes.</summary>
        public const int MaxConfusedPairs = 20;

        /// <summary>
        /// The most confused pairs: the largest off-diagonal cells (Σ weight; ties in class order), with their share of
        /// the true class's rows. Cells are the ones that occur (parallel arrays), so C² is never built.
        /// </summary>
        public static ReportTable ConfusedPairs(string[] names, int[] truth, int[] predicted, double[] weights, Func<int, double> support)
        {
            var t = new ReportTable();
            t.Columns.AddRange(PairColumns);
            t.NumericColumns.UnionWith(PairNumbers);
            IEnumerable<int> top = Enumerable.Range(0, truth.Length).Where(i => truth[i] != predicted[i] && weights[i] != 0)
                .OrderByDescending(i => weights[i]).ThenBy(i => truth[i]).ThenBy(i => predicted[i]).Take(MaxConfusedPairs);
            foreach (int i in top)
            {
                double total = support(truth[i]);
                t.Rows.Add(new[] { names[truth[i]], names[predicted[i]], Number(weights[i]), total > 0 ? Math.Round(100 * weights[i] / total, 1).ToString(CultureInfo.InvariantCulture) + " %" : "NaN" });
            }
            return t;
        }

        /// <summary>The confusion matrix as a heat map: counts with the share of their row, shaded by that share.</summary>
        public static ReportTable Confusion(string[] names, Func<int, int, double> cell)
        {
            int c = names.Length;
            var cm = new ReportTable { Shades = new List<double[]>() };
            cm.Columns.Add("true \\ predicted");
            for (int k = 0; k < c; k++)
            {
                cm.Columns.Add(names[k]);
                cm.NumericColumns.Add(k + 1);
            }
            for (int r = 0; r < c; r++)
            {
                double rowTotal = 0;
                for (int p = 0; p < c; p++) rowTotal += cell(r, p);
                var cells = new string?[c + 1];
                var shades = new double[c + 1];
                cells[0] = names[r];
                shades[0] = double.NaN;
                for (int p = 0; p < c; p++)
                {
                    double v = cell(r, p);
                    double share = rowTotal > 0 ? v / rowTotal : double.NaN;
                    cells[p + 1] = v == 0 || !(rowTotal > 0) ? Number(v) : Number(v) + " (" + Math.Round(100 * share, 1).ToString(CultureInfo.InvariantCulture) + " %)";
                    shades[p + 1] = share;
                }
                cm.Rows.Add(cells);
                cm.Shades.Add(shades);
            }
            return cm;
        }

        /// <summary>The classification report table: precision, recall, F1, support, ROC AUC and AP per class (values in full).</summary>
        public static ReportTable Table(int classes, Func<int, string?[]> row)
        {
            var t = new ReportTable();
            t.Columns.AddRange(ReportColumns);
            t.NumericColumns.UnionWith(ReportNumbers);
            for (int k = 0; k < classes; k++) t.Rows.Add(row(k));
            return t;
        }

        // The engine's curves as drawn: ROC without collinear points (scikit-learn's default), PR with every threshold.
        // Curves of a class without positives or negatives (NaN rates) are left out; the table says NaN.
        private static void AddCurves(ReportModel m, RankingCurve curve, string name, double auc, double ap)
        {
            var roc = new List<KeyValuePair<double, double>>();
            foreach (RocPointValue p in curve.Roc(dropIntermediate: true))
                if (!double.IsNaN(p.FalsePositiveRate) && !double.IsNaN(p.TruePositiveRate)) roc.Add(new KeyValuePair<double, double>(p.FalsePositiveRate, p.TruePositiveRate));
            if (roc.Count > 1 && !double.IsNaN(auc)) m.Roc.Add(new ReportCurve(name, "AUC " + Number(auc), roc));
            var pr = new List<KeyValuePair<double, double>>();
            foreach (PrecisionRecallPointValue p in curve.PrecisionRecall()) pr.Add(new KeyValuePair<double, double>(p.Recall, p.Precision));
            if (pr.Count > 1 && !double.IsNaN(ap) && curve.Positives > 0) m.PrecisionRecall.Add(new ReportCurve(name, "AP " + Number(ap), pr));
        }
    }
}
