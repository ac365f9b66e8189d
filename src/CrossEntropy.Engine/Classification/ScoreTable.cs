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

        /// <summary>The table as plain arrays: distinct scores ascending (one order for any input order), Σ positive and negative weight of each.</summary>
        public (double[] Scores, double[] Positives, double[] Negatives) ToArrays()
        {
            double[] scores = _scores.ToArray();
            var order = new int[scores.Length];
            for (int i = 0; i < order.Length; i++) order[i] = i;
            Array.Sort(scores, order);
            var positives = new double[scores.Length];
            var negatives = new double[scores.Length];
            for (int i = 0; i < order.Length; i++)
            {
                positives[i] = _positive[order[i]];
                negatives[i] = _negative[order[i]];
            }
            return (scores, positives, negatives);
        }

        /// <summary>
        /// The table of parts given as arrays (a score may repeat, within and across parts): each distinct score's
        /// weights are exact sums (<see cref="ExactSum"/>), so the table does not depend on the parts' order.
        /// </summary>
        public static ScoreTable FromParts(IEnumerable<(double[] Scores, double[] Positives, double[] Negatives)> parts)
        {
            var all = new List<(double Score, double Positive, double Negative)>();
            foreach ((double[] scores, double[] positives, double[] negatives) in parts)
                for (int i = 0; i < scores.Length; i++) all.Add((scores[i] + 0.0, positives[i], negatives[i]));
            all.Sort((a, b) => a.Score.CompareTo(b.Score));
            var table = new ScoreTable();
            var positive = new ExactSum();
            var negative = new ExactSum();
            for (int i = 0; i < all.Count;)
            {
                int j = i;
                positive.Clear();
                negative.Clear();
                for (; j < all.Count && all[j].Score.Equals(all[i].Score); j++)
                {
                    positive.Add(all[j].Positive);
                    negative.Add(all[j].Negative);
                }
                table._index.Add(all[i].Score, table._scores.Count);
                table._scores.Add(all[i].Score);
                table._positive.Add(positive.Value);
                table._negative.Add(negative.Value);
                i = j;
            }
            return table;
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
