using System;
using System.Globalization;
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
        private static readonly string[] ReportColumns = { "Class", "Precision", "Recall", "F1", "Support", "ROC AUC", "Average precision" };
        private static readonly int[] ReportNumbers = { 1, 2, 3, 4, 5, 6 };

        /// <summary>Adds the figures and tables of <paramref name="sums"/> to <paramref name="m"/>.</summary>
        public static void Add(ReportModel m, ClassificationAccumulator sums, Schema schema)
        {
            var f = new ClassificationFigures(sums.Matrix);
            int c = sums.Classes;
            string Name(int k) => schema.Classes.Length == c ? schema.ClassName(k) : k.ToString(CultureInfo.InvariantCulture);
            var auc = new double[c];
            var ap = new double[c];
            double aucSum = 0, apSum = 0;
            for (int k = 0; k < c; k++)
            {
                RankingCurve? curve = sums.Rankings[k]?.Curve();
                auc[k] = curve?.RocAuc ?? double.NaN;
                ap[k] = curve?.AveragePrecision ?? double.NaN;
                aucSum += auc[k];
                apSum += ap[k];
            }
            m.Summary.Add(new ReportFigure("Macro F1", Number(f.MacroF1), "mean F1 over the classes (scikit-learn's f1_score, average='macro')"));
            m.Summary.Add(new ReportFigure("Balanced accuracy", Number(f.BalancedAccuracy), "mean recall over the classes with rows"));
            m.Summary.Add(new ReportFigure("MCC", Number(f.MatthewsCorrelation), "Matthews' correlation coefficient"));
            m.Summary.Add(new ReportFigure("ROC AUC", Number(sums.IsBinary ? auc[1] : aucSum / c),
                sums.IsBinary ? $"of the positive class {Name(1)}" : "one-vs-rest, macro mean"));

            var t = new ReportTable();
            t.Columns.AddRange(ReportColumns);
            t.NumericColumns.UnionWith(ReportNumbers);
            for (int k = 0; k < c; k++)
                t.Rows.Add(new[] { Name(k), Number(f.Precision[k]), Number(f.Recall[k]), Number(f.F1[k]), Number(f.Support[k]), Number(auc[k]), Number(ap[k]) });
            m.Classification = t;

            var cm = new ReportTable { Shades = new System.Collections.Generic.List<double[]>() };
            cm.Columns.Add("true \\ predicted");
            for (int k = 0; k < c; k++)
            {
                cm.Columns.Add(Name(k));
                cm.NumericColumns.Add(k + 1);
            }
            for (int r = 0; r < c; r++)
            {
                double rowTotal = f.Support[r];
                var cells = new string?[c + 1];
                var shades = new double[c + 1];
                cells[0] = Name(r);
                shades[0] = double.NaN;
                for (int p = 0; p < c; p++)
                {
                    double v = sums.Matrix.At(r, p);
                    double share = rowTotal > 0 ? v / rowTotal : double.NaN;
                    cells[p + 1] = v == 0 || !(rowTotal > 0) ? Number(v) : Number(v) + " (" + Math.Round(100 * share, 1).ToString(CultureInfo.InvariantCulture) + " %)";
                    shades[p + 1] = share;
                }
                cm.Rows.Add(cells);
                cm.Shades.Add(shades);
            }
            m.Confusion = cm;
        }
    }
}
