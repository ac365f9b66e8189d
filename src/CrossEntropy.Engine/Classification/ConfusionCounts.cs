using System;
using System.Collections.Generic;

namespace CrossEntropy.Engine.Classification
{
    /// <summary>
    /// A C×C confusion matrix as plain sufficient statistics: rows are the true class, columns the predicted one, in
    /// class order; each cell keeps Σ sample weight (scikit-learn's confusion_matrix with sample_weight) and the row
    /// count. Only the cells that occur are stored (at most one per row counted), so memory grows with the rows, not
    /// with C²: 50,000 classes cost what 10 do. Matrices of the same classes merge by adding cells, so chunks, files
    /// and shards combine exactly.
    /// </summary>
    internal sealed class ConfusionCounts
    {
        private readonly Dictionary<long, int> _slot = new Dictionary<long, int>();
        private readonly List<long> _key = new List<long>();
        private readonly List<double> _weight = new List<double>();
        private readonly List<long> _count = new List<long>();
        private Totals? _totals;

        /// <summary>An empty matrix of <paramref name="classes"/> classes.</summary>
        public ConfusionCounts(int classes)
        {
            if (classes < 2) throw new ArgumentOutOfRangeException(nameof(classes), "A confusion matrix needs at least two classes.");
            Classes = classes;
        }

        /// <summary>A matrix from its cells: parallel arrays (true class, predicted class, Σ weight, rows), any order, no cell twice.</summary>
        public static ConfusionCounts FromCells(int classes, int[] truth, int[] predicted, double[] weights, long[] counts)
        {
            var m = new ConfusionCounts(classes);
            if (truth.Length != predicted.Length || truth.Length != weights.Length || truth.Length != counts.Length)
                throw new ArgumentException("The cells' true classes, predicted classes, weights and counts must have one entry each.", nameof(truth));
            for (int i = 0; i < truth.Length; i++)
            {
                int slot = m.Slot(truth[i], predicted[i]);
                if (m._count[slot] != 0 || m._weight[slot] != 0) throw new ArgumentException($"The cell ({truth[i]}, {predicted[i]}) is given twice.", nameof(truth));
                m._weight[slot] = weights[i];
                m._count[slot] = counts[i];
            }
            return m;
        }

        /// <summary>C.</summary>
        public int Classes { get; }

        /// <summary>Cells that occur.</summary>
        public int CellCount => _key.Count;

        /// <summary>Rows counted.</summary>
        public long Used
        {
            get
            {
                long n = 0;
                foreach (long c in _count) n += c;
                return n;
            }
        }

        /// <summary>Σ sample weight of rows of class <paramref name="truth"/> predicted <paramref name="predicted"/>.</summary>
        public double At(int truth, int predicted) => _slot.TryGetValue(Key(truth, predicted), out int s) ? _weight[s] : 0;

        /// <summary>Rows of class <paramref name="truth"/> predicted <paramref name="predicted"/>.</summary>
        public long CountAt(int truth, int predicted) => _slot.TryGetValue(Key(truth, predicted), out int s) ? _count[s] : 0;

        /// <summary>Counts a row.</summary>
        public void Add(int truth, int predicted, double weight)
        {
            int slot = Slot(truth, predicted);
            _weight[slot] += weight;
            _count[slot]++;
            _totals = null;
        }

        /// <summary>Adds <paramref name="other"/>'s cells (same classes).</summary>
        public void Merge(ConfusionCounts other)
        {
            if (other.Classes != Classes) throw new ArgumentException("Confusion matrices of different class counts do not merge.", nameof(other));
            for (int i = 0; i < other._key.Count; i++)
            {
                long key = other._key[i];
                int slot = Slot((int)(key / Classes), (int)(key % Classes));
                _weight[slot] += other._weight[i];
                _count[slot] += other._count[i];
            }
            _totals = null;
        }

        /// <summary>The cells that occur as parallel arrays, sorted by true then predicted class.</summary>
        public (int[] True, int[] Predicted, double[] Weights, long[] Counts) Cells()
        {
            int[] order = SortedSlots();
            var t = new int[order.Length];
            var p = new int[order.Length];
            var w = new double[order.Length];
            var n = new long[order.Length];
            for (int i = 0; i < order.Length; i++)
            {
                long key = _key[order[i]];
                t[i] = (int)(key / Classes);
                p[i] = (int)(key % Classes);
                w[i] = _weight[order[i]];
                n[i] = _count[order[i]];
            }
            return (t, p, w, n);
        }

        /// <summary>Σ weight of rows whose true class is <paramref name="k"/> (scikit-learn's support).</summary>
        public double TrueTotal(int k) => Sums().TrueWeight[k];

        /// <summary>Σ weight of rows predicted <paramref name="k"/>.</summary>
        public double PredictedTotal(int k) => Sums().PredictedWeight[k];

        /// <summary>Rows whose true class is <paramref name="k"/>.</summary>
        public long TrueCount(int k) => Sums().TrueRows[k];

        private long Key(int truth, int predicted)
        {
            if ((uint)truth >= (uint)Classes || (uint)predicted >= (uint)Classes)
                throw new ArgumentOutOfRangeException(nameof(truth), $"A cell ({truth}, {predicted}) outside {Classes} classes.");
            return (long)truth * Classes + predicted;
        }

        private int Slot(int truth, int predicted)
        {
            long key = Key(truth, predicted);
            if (_slot.TryGetValue(key, out int slot)) return slot;
            slot = _key.Count;
            _slot.Add(key, slot);
            _key.Add(key);
            _weight.Add(0);
            _count.Add(0);
            return slot;
        }

        private int[] SortedSlots()
        {
            var order = new int[_key.Count];
            var keys = _key.ToArray();
            for (int i = 0; i < order.Length; i++) order[i] = i;
            Array.Sort(keys, order);
            return order;
        }

        // The row and column totals, added in class order over the cells that occur: the same additions, in the same
        // order, as over every cell of a dense matrix (an absent cell adds +0, which changes no sum), so the bits match.
        private Totals Sums()
        {
            if (_totals != null) return _totals;
            var s = new Totals(Classes);
            foreach (int i in SortedSlots())
            {
                long key = _key[i];
                int t = (int)(key / Classes), p = (int)(key % Classes);
                s.TrueWeight[t] += _weight[i];
                s.PredictedWeight[p] += _weight[i];
                s.TrueRows[t] += _count[i];
            }
            return _totals = s;
        }

        private sealed class Totals
        {
            public Totals(int classes)
            {
                TrueWeight = new double[classes];
                PredictedWeight = new double[classes];
                TrueRows = new long[classes];
            }

            public double[] TrueWeight { get; }
            public double[] PredictedWeight { get; }
            public long[] TrueRows { get; }
        }
    }
}
