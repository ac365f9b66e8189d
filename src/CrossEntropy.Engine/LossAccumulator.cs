using System;
using System.Collections.Generic;

namespace CrossEntropy.Engine
{
    /// <summary>Sums for one class: rows whose true class it is.</summary>
    public sealed class ClassTotals
    {
        internal ClassTotals(in ClassSums s)
        {
            Count = s.Count;
            LossSum = s.LossSum;
            WeightSum = s.WeightSum;
            CorrectSum = s.CorrectSum;
            SampleWeightSum = s.SampleWeightSum;
        }

        /// <summary>Rows used.</summary>
        public long Count { get; }
        /// <summary>Σ sample weight × row loss.</summary>
        public double LossSum { get; }
        /// <summary>Σ sample weight × row normaliser.</summary>
        public double WeightSum { get; }
        /// <summary>Σ sample weight × correct.</summary>
        public double CorrectSum { get; }
        /// <summary>Σ sample weight.</summary>
        public double SampleWeightSum { get; }

        /// <summary>Weighted mean loss of the class (NaN when it has no weight).</summary>
        public double Loss => WeightSum > 0 ? LossSum / WeightSum : double.NaN;
        /// <summary>Fraction predicted right (NaN when the class has no rows).</summary>
        public double Accuracy => SampleWeightSum > 0 ? CorrectSum / SampleWeightSum : double.NaN;
    }

    internal struct ClassSums
    {
        public long Count;
        public double LossSum, WeightSum, CorrectSum, SampleWeightSum;

        public void Add(in ClassSums o)
        {
            Count += o.Count;
            LossSum += o.LossSum;
            WeightSum += o.WeightSum;
            CorrectSum += o.CorrectSum;
            SampleWeightSum += o.SampleWeightSum;
        }
    }

    /// <summary>
    /// Mergeable sums over rows: enough for mean/sum loss, accuracy, top-k accuracy, per-class figures and the
    /// used/ignored/rejected counts. Blocks are summed alone and merged in block order, so the result does not
    /// depend on how many threads ran. Per-class sums remember which classes were touched, and <see cref="Drain"/>
    /// keeps only those, so summing a block and merging it cost what the block holds, not the number of classes
    /// (think 50,000 classes and one row a block).
    /// </summary>
    public sealed class LossAccumulator
    {
        private readonly int _classes;
        // Dense form: sums for every class, plus the list of classes touched so far.
        private ClassSums[]? _sums;
        private bool[]? _isTouched;
        private int[]? _touched;
        private int _touchedCount;
        // Compact form (made by Drain, only ever merged): the touched classes and their sums.
        private int[]? _compactClasses;
        private ClassSums[]? _compactSums;

        /// <summary>Creates empty sums for <paramref name="classes"/> classes (per-class storage comes on first use).</summary>
        public LossAccumulator(int classes) => _classes = classes;

        /// <summary>Number of per-class buckets.</summary>
        public int ClassCount => _classes;

        /// <summary>Rows counted in the loss.</summary>
        public long Used { get; private set; }
        /// <summary>Rows whose target is the ignore index.</summary>
        public long Ignored { get; private set; }
        /// <summary>Rows rejected (by the input layer or the engine).</summary>
        public long Rejected { get; private set; }
        /// <summary>Every row read: Used + Ignored + Rejected.</summary>
        public long Read => Used + Ignored + Rejected;
        /// <summary>Σ sample weight × row loss.</summary>
        public double LossSum { get; private set; }
        /// <summary>Σ sample weight × row normaliser: the mean's denominator.</summary>
        public double WeightSum { get; private set; }
        /// <summary>Σ sample weight × correct.</summary>
        public double CorrectSum { get; private set; }
        /// <summary>Σ sample weight × top-k correct.</summary>
        public double TopKCorrectSum { get; private set; }
        /// <summary>Σ sample weight over used rows.</summary>
        public double SampleWeightSum { get; private set; }

        /// <summary>Sums per true class, in class order (a snapshot).</summary>
        public ClassTotals[] PerClass
        {
            get
            {
                var all = new ClassSums[_classes];
                ForEachTouched((c, s) => all[c] = s);
                var result = new ClassTotals[_classes];
                for (int c = 0; c < _classes; c++) result[c] = new ClassTotals(all[c]);
                return result;
            }
        }

        /// <summary>Weighted mean loss; NaN when no row contributes weight (as PyTorch).</summary>
        public double Mean => WeightSum > 0 ? LossSum / WeightSum : double.NaN;
        /// <summary>Fraction of used rows predicted right; NaN without used rows.</summary>
        public double Accuracy => SampleWeightSum > 0 ? CorrectSum / SampleWeightSum : double.NaN;
        /// <summary>Fraction of used rows whose target is among the top k scores.</summary>
        public double TopKAccuracy => SampleWeightSum > 0 ? TopKCorrectSum / SampleWeightSum : double.NaN;

        /// <summary>The loss under a reduction (None has no single value and gives the mean).</summary>
        public double Reduce(Reduction reduction) => reduction == Reduction.Sum ? LossSum : Mean;

        /// <summary>Counts rows the input layer rejected before they reached the engine.</summary>
        public void AddRejected(long rows) => Rejected += rows;

        /// <summary>Adds row <paramref name="i"/> of a computed block.</summary>
        public void Add(RowBlock block, BlockResult result, int i)
        {
            switch (result.Status[i])
            {
                case RowStatus.Ignored: Ignored++; return;
                case RowStatus.Rejected: Rejected++; return;
            }
            double sw = block.SampleWeight(i);
            double weightedLoss = sw * result.Loss[i];
            double weightedNorm = sw * result.Norm[i];
            double correct = sw * result.Correct[i];
            Used++;
            LossSum += weightedLoss;
            WeightSum += weightedNorm;
            CorrectSum += correct;
            SampleWeightSum += sw;
            if (result.TopKCorrect[i]) TopKCorrectSum += sw;
            if (result.LabelLoss != null)
            {
                AddLabels(result, i, sw);
                return;
            }
            int c = result.TrueClass[i];
            if (c < 0 || c >= _classes) return;
            ref ClassSums t = ref Touch(c);
            t.Count++;
            t.LossSum += weightedLoss;
            t.WeightSum += weightedNorm;
            t.CorrectSum += correct;
            t.SampleWeightSum += sw;
        }

        // Multi-label rows: each label column is a "class" with its own mean loss and accuracy over every row.
        private void AddLabels(BlockResult result, int i, double sw)
        {
            int k = _classes;
            for (int c = 0; c < k; c++)
            {
                ref ClassSums t = ref Touch(c);
                t.Count++;
                t.LossSum += sw * result.LabelLoss![i * k + c];
                t.WeightSum += sw;
                t.CorrectSum += sw * result.LabelCorrect![i * k + c];
                t.SampleWeightSum += sw;
            }
        }

        /// <summary>Counts rows by status only (runs that compute no loss, such as softmax).</summary>
        public void AddStatuses(BlockResult result)
        {
            for (int i = 0; i < result.Count; i++)
            {
                if (result.Status[i] == RowStatus.Rejected) Rejected++;
                else if (result.Status[i] == RowStatus.Ignored) Ignored++;
                else Used++;
            }
        }

        /// <summary>Adds every row of a computed block.</summary>
        public void AddBlock(RowBlock block, BlockResult result)
        {
            if (block.SampleWeights != null || result.LabelLoss != null || _compactClasses != null)
            {
                for (int i = 0; i < result.Count; i++) Add(block, result, i);
                return;
            }
            // The common case (no sample weights, one class per row) with the sums in locals: this runs once per row.
            double loss = 0, weight = 0, correct = 0, topK = 0;
            long used = 0;
            for (int i = 0; i < result.Count; i++)
            {
                switch (result.Status[i])
                {
                    case RowStatus.Ignored: Ignored++; continue;
                    case RowStatus.Rejected: Rejected++; continue;
                }
                double l = result.Loss[i], w = result.Norm[i], ok = result.Correct[i];
                used++;
                loss += l;
                weight += w;
                correct += ok;
                if (result.TopKCorrect[i]) topK++;
                int c = result.TrueClass[i];
                if (c < 0 || c >= _classes) continue;
                ref ClassSums t = ref Touch(c);
                t.Count++;
                t.LossSum += l;
                t.WeightSum += w;
                t.CorrectSum += ok;
                t.SampleWeightSum += 1;
            }
            Used += used;
            LossSum += loss;
            WeightSum += weight;
            CorrectSum += correct;
            TopKCorrectSum += topK;
            SampleWeightSum += used;
        }

        /// <summary>Adds another accumulator's sums (call in a fixed order for bit-identical results).</summary>
        public void Merge(LossAccumulator other)
        {
            if (other._classes != _classes) throw new ArgumentException("Class counts differ.", nameof(other));
            Used += other.Used;
            Ignored += other.Ignored;
            Rejected += other.Rejected;
            LossSum += other.LossSum;
            WeightSum += other.WeightSum;
            CorrectSum += other.CorrectSum;
            TopKCorrectSum += other.TopKCorrectSum;
            SampleWeightSum += other.SampleWeightSum;
            other.ForEachTouched((c, s) => Touch(c).Add(s));
        }

        /// <summary>
        /// Returns a compact copy holding only the touched classes' sums (for merging later) and empties this one,
        /// which can then sum the next block without reallocating.
        /// </summary>
        public LossAccumulator Drain()
        {
            var copy = new LossAccumulator(_classes)
            {
                Used = Used, Ignored = Ignored, Rejected = Rejected, LossSum = LossSum, WeightSum = WeightSum,
                CorrectSum = CorrectSum, TopKCorrectSum = TopKCorrectSum, SampleWeightSum = SampleWeightSum,
                _compactClasses = new int[_touchedCount],
                _compactSums = new ClassSums[_touchedCount],
            };
            for (int k = 0; k < _touchedCount; k++)
            {
                copy._compactClasses[k] = _touched![k];
                copy._compactSums[k] = _sums![_touched[k]];
            }
            Clear();
            return copy;
        }

        /// <summary>Empties the sums, keeping the storage.</summary>
        public void Clear()
        {
            if (_compactClasses != null) throw new InvalidOperationException("A drained copy can only be merged.");
            for (int k = 0; k < _touchedCount; k++)
            {
                _sums![_touched![k]] = default;
                _isTouched![_touched[k]] = false;
            }
            _touchedCount = 0;
            Used = Ignored = Rejected = 0;
            LossSum = WeightSum = CorrectSum = TopKCorrectSum = SampleWeightSum = 0;
        }

        private void ForEachTouched(Action<int, ClassSums> visit)
        {
            if (_compactClasses != null)
            {
                for (int k = 0; k < _compactClasses.Length; k++) visit(_compactClasses[k], _compactSums![k]);
                return;
            }
            for (int k = 0; k < _touchedCount; k++) visit(_touched![k], _sums![_touched[k]]);
        }

        private ref ClassSums Touch(int c)
        {
            if (_compactClasses != null) throw new InvalidOperationException("A drained copy can only be merged.");
            if (_sums == null)
            {
                _sums = new ClassSums[_classes];
                _isTouched = new bool[_classes];
                _touched = new int[_classes];
            }
            if (!_isTouched![c])
            {
                _isTouched[c] = true;
                _touched![_touchedCount++] = c;
            }
            return ref _sums[c];
        }
    }
}
