using System;

namespace CrossEntropy.Engine.Classification
{
    /// <summary>
    /// A C×C confusion matrix as plain sufficient statistics: rows are the true class, columns the predicted one, in
    /// class order; each cell keeps Σ sample weight (scikit-learn's confusion_matrix with sample_weight) and the row
    /// count. Matrices of the same classes merge by adding cells, so chunks, files and shards combine exactly.
    /// </summary>
    internal sealed class ConfusionCounts
    {
        /// <summary>An empty matrix of <paramref name="classes"/> classes.</summary>
        public ConfusionCounts(int classes)
        {
            if (classes < 2) throw new ArgumentOutOfRangeException(nameof(classes), "A confusion matrix needs at least two classes.");
            Classes = classes;
            Weights = new double[classes * classes];
            Counts = new long[classes * classes];
        }

        /// <summary>A matrix from its cells (row-major, C×C entries each).</summary>
        public static ConfusionCounts FromSums(int classes, double[] weights, long[] counts)
        {
            var m = new ConfusionCounts(classes);
            if (weights.Length != m.Weights.Length || counts.Length != m.Counts.Length)
                throw new ArgumentException("A confusion matrix of C classes has C×C cells.", nameof(weights));
            Array.Copy(weights, m.Weights, weights.Length);
            Array.Copy(counts, m.Counts, counts.Length);
            return m;
        }

        /// <summary>C.</summary>
        public int Classes { get; }
        /// <summary>Σ sample weight per cell, row-major (true × predicted).</summary>
        public double[] Weights { get; }
        /// <summary>Rows per cell, row-major (true × predicted).</summary>
        public long[] Counts { get; }

        /// <summary>Σ sample weight of rows of class <paramref name="truth"/> predicted <paramref name="predicted"/>.</summary>
        public double At(int truth, int predicted) => Weights[truth * Classes + predicted];

        /// <summary>Counts a row.</summary>
        public void Add(int truth, int predicted, double weight)
        {
            int cell = truth * Classes + predicted;
            Weights[cell] += weight;
            Counts[cell]++;
        }

        /// <summary>Adds <paramref name="other"/>'s cells (same classes).</summary>
        public void Merge(ConfusionCounts other)
        {
            if (other.Classes != Classes) throw new ArgumentException("Confusion matrices of different class counts do not merge.", nameof(other));
            for (int i = 0; i < Weights.Length; i++)
            {
                Weights[i] += other.Weights[i];
                Counts[i] += other.Counts[i];
            }
        }

        /// <summary>Σ weight of rows whose true class is <paramref name="k"/> (scikit-learn's support).</summary>
        public double TrueTotal(int k)
        {
            double s = 0;
            for (int p = 0; p < Classes; p++) s += Weights[k * Classes + p];
            return s;
        }

        /// <summary>Σ weight of rows predicted <paramref name="k"/>.</summary>
        public double PredictedTotal(int k)
        {
            double s = 0;
            for (int t = 0; t < Classes; t++) s += Weights[t * Classes + k];
            return s;
        }

        /// <summary>Rows whose true class is <paramref name="k"/>.</summary>
        public long TrueCount(int k)
        {
            long s = 0;
            for (int p = 0; p < Classes; p++) s += Counts[k * Classes + p];
            return s;
        }
    }
}
