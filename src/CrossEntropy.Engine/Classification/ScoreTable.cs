using System;
using System.Collections.Generic;

namespace CrossEntropy.Engine.Classification
{
    /// <summary>
    /// The ranking of one class's scores, kept exactly and mergeable: per distinct score, Σ weight of the rows of the
    /// class (positives) and of the others (negatives). ROC and precision-recall curves, AUC and average precision
    /// depend on nothing else, so this is what sorting every row would give, in memory proportional to the number of
    /// distinct scores (not rows). Rows of weight 0 are left out, as scikit-learn drops them before ranking.
    /// </summary>
    internal sealed class ScoreTable
    {
        private readonly Dictionary<double, int> _index = new Dictionary<double, int>();
        private readonly List<double> _scores = new List<double>();
        private readonly List<double> _positive = new List<double>();
        private readonly List<double> _negative = new List<double>();

        /// <summary>Distinct scores seen.</summary>
        public int Count => _scores.Count;

        /// <summary>Adds a row's score; <paramref name="positive"/> when the row belongs to the class.</summary>
        public void Add(double score, bool positive, double weight)
        {
            if (weight == 0) return;
            score += 0.0; // -0 and +0 are one score
            if (!_index.TryGetValue(score, out int at))
            {
                at = _scores.Count;
                _index.Add(score, at);
                _scores.Add(score);
                _positive.Add(0);
                _negative.Add(0);
            }
            if (positive) _positive[at] += weight;
            else _negative[at] += weight;
        }

        /// <summary>Adds every score of <paramref name="other"/>.</summary>
        public void Merge(ScoreTable other)
        {
            for (int i = 0; i < other._scores.Count; i++)
            {
                if (other._positive[i] != 0) Add(other._scores[i], true, other._positive[i]);
                if (other._negative[i] != 0) Add(other._scores[i], false, other._negative[i]);
            }
        }

        /// <summary>The curve: distinct scores in descending order with the cumulative positive and negative weights.</summary>
        public RankingCurve Curve()
        {
            int n = _scores.Count;
            double[] keys = _scores.ToArray();
            var order = new int[n];
            for (int i = 0; i < n; i++) order[i] = i;
            Array.Sort(keys, order);
            var thresholds = new double[n];
            var tps = new double[n];
            var fps = new double[n];
            double tp = 0, fp = 0;
            for (int j = 0; j < n; j++)
            {
                int at = order[n - 1 - j];
                tp += _positive[at];
                fp += _negative[at];
                thresholds[j] = keys[n - 1 - j];
                tps[j] = tp;
                fps[j] = fp;
            }
            return new RankingCurve(thresholds, tps, fps);
        }
    }
}
