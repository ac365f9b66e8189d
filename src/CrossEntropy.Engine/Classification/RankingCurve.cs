using System.Collections.Generic;

namespace CrossEntropy.Engine.Classification
{
    /// <summary>One point of a ROC curve.</summary>
    internal readonly struct RocPointValue
    {
        /// <summary>A point.</summary>
        public RocPointValue(double threshold, double fpr, double tpr)
        {
            Threshold = threshold;
            FalsePositiveRate = fpr;
            TruePositiveRate = tpr;
        }

        /// <summary>Rows scoring at least this are predicted positive (+Infinity: none).</summary>
        public double Threshold { get; }
        /// <summary>FPR at the threshold.</summary>
        public double FalsePositiveRate { get; }
        /// <summary>TPR (recall) at the threshold.</summary>
        public double TruePositiveRate { get; }
    }

    /// <summary>One point of a precision-recall curve.</summary>
    internal readonly struct PrecisionRecallPointValue
    {
        /// <summary>A point.</summary>
        public PrecisionRecallPointValue(double threshold, double precision, double recall)
        {
            Threshold = threshold;
            Precision = precision;
            Recall = recall;
        }

        /// <summary>Rows scoring at least this are predicted positive (+Infinity: the end point, none).</summary>
        public double Threshold { get; }
        /// <summary>Precision at the threshold.</summary>
        public double Precision { get; }
        /// <summary>Recall at the threshold.</summary>
        public double Recall { get; }
    }

    /// <summary>
    /// A class's ranking as scikit-learn's _binary_clf_curve gives it: distinct scores in descending order with the
    /// cumulative weight of positives (tps) and negatives (fps) scoring at least each. AUC, average precision and the
    /// curves follow scikit-learn 1.2's formulas, except that the ROC curve's first threshold is +Infinity (as in
    /// scikit-learn 1.3 and later) rather than the highest score + 1.
    /// </summary>
    internal sealed class RankingCurve
    {
        private readonly double[] _thresholds, _tps, _fps;

        /// <summary>A curve from its arrays (same length, thresholds descending, sums cumulative).</summary>
        public RankingCurve(double[] thresholds, double[] tps, double[] fps)
        {
            _thresholds = thresholds;
            _tps = tps;
            _fps = fps;
        }

        /// <summary>Distinct scores.</summary>
        public int Count => _thresholds.Length;
        /// <summary>Σ weight of positives.</summary>
        public double Positives => Count == 0 ? 0 : _tps[Count - 1];
        /// <summary>Σ weight of negatives.</summary>
        public double Negatives => Count == 0 ? 0 : _fps[Count - 1];

        /// <summary>
        /// Area under the ROC curve by the trapezoid rule over every distinct threshold (ties count half, as the
        /// Mann-Whitney statistic); NaN when there are no positives or no negatives (scikit-learn raises).
        /// </summary>
        public double RocAuc
        {
            get
            {
                if (!(Positives > 0) || !(Negatives > 0)) return double.NaN;
                double area = 0, tp0 = 0, fp0 = 0;
                for (int i = 0; i < Count; i++)
                {
                    area += (_fps[i] - fp0) * (_tps[i] + tp0);
                    tp0 = _tps[i];
                    fp0 = _fps[i];
                }
                return area / 2 / (Positives * Negatives);
            }
        }

        /// <summary>
        /// Average precision Σ (R_n - R_{n-1})·P_n over the thresholds (no interpolation; scikit-learn's
        /// average_precision_score); NaN when there are no positives.
        /// </summary>
        public double AveragePrecision
        {
            get
            {
                if (!(Positives > 0)) return double.NaN;
                double ap = 0, tp0 = 0;
                for (int i = 0; i < Count; i++)
                {
                    double gain = _tps[i] - tp0;
                    if (gain != 0) ap += gain / Positives * (_tps[i] / (_tps[i] + _fps[i]));
                    tp0 = _tps[i];
                }
                return ap;
            }
        }

        /// <summary>
        /// scikit-learn's roc_curve: (0, 0) at +Infinity, then a point per threshold in descending order; with
        /// <paramref name="dropIntermediate"/> the points collinear with their neighbours are left out (its default).
        /// FPR (TPR) is NaN throughout when there are no negatives (positives).
        /// </summary>
        public List<RocPointValue> Roc(bool dropIntermediate)
        {
            var points = new List<RocPointValue>(Count + 1);
            double n = Negatives, p = Positives;
            points.Add(new RocPointValue(double.PositiveInfinity, n > 0 ? 0 : double.NaN, p > 0 ? 0 : double.NaN));
            for (int i = 0; i < Count; i++)
            {
                if (dropIntermediate && Count > 2 && i > 0 && i < Count - 1 && !Corner(i)) continue;
                points.Add(new RocPointValue(_thresholds[i], n > 0 ? _fps[i] / n : double.NaN, p > 0 ? _tps[i] / p : double.NaN));
            }
            return points;
        }

        // numpy's diff(x, 2) at the middle point i, for both sums: nonzero means the curve turns at i.
        private bool Corner(int i) =>
            (_fps[i + 1] - _fps[i]) - (_fps[i] - _fps[i - 1]) != 0 || (_tps[i + 1] - _tps[i]) - (_tps[i] - _tps[i - 1]) != 0;

        /// <summary>
        /// scikit-learn's precision_recall_curve: a point per threshold in ascending order, then the end point
        /// (precision 1, recall 0; threshold +Infinity here, none in scikit-learn). Recall is 1 throughout when there
        /// are no positives, as scikit-learn sets it.
        /// </summary>
        public List<PrecisionRecallPointValue> PrecisionRecall()
        {
            var points = new List<PrecisionRecallPointValue>(Count + 1);
            double p = Positives;
            for (int i = Count - 1; i >= 0; i--)
            {
                double predicted = _tps[i] + _fps[i];
                points.Add(new PrecisionRecallPointValue(_thresholds[i], predicted != 0 ? _tps[i] / predicted : 0, p > 0 ? _tps[i] / p : 1));
            }
            points.Add(new PrecisionRecallPointValue(double.PositiveInfinity, 1, 0));
            return points;
        }
    }
}
