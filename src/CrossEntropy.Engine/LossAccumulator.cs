using System;

namespace CrossEntropy.Engine
{
    /// <summary>Sums for one class: rows whose true class it is.</summary>
    public sealed class ClassTotals
    {
        /// <summary>Rows used.</summary>
        public long Count { get; internal set; }
        /// <summary>Σ sample weight × row loss.</summary>
        public double LossSum { get; internal set; }
        /// <summary>Σ sample weight × row normaliser.</summary>
        public double WeightSum { get; internal set; }
        /// <summary>Σ sample weight × correct.</summary>
        public double CorrectSum { get; internal set; }
        /// <summary>Σ sample weight.</summary>
        public double SampleWeightSum { get; internal set; }

        /// <summary>Weighted mean loss of the class (NaN when it has no weight).</summary>
        public double Loss => WeightSum > 0 ? LossSum / WeightSum : double.NaN;
        /// <summary>Fraction predicted right (NaN when the class has no rows).</summary>
        public double Accuracy => SampleWeightSum > 0 ? CorrectSum / SampleWeightSum : double.NaN;

        internal void Merge(ClassTotals o)
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
    /// depend on how many threads ran.
    /// </summary>
    public sealed class LossAccumulator
    {
        /// <summary>Creates empty sums for <paramref name="classes"/> classes.</summary>
        public LossAccumulator(int classes)
        {
            PerClass = new ClassTotals[classes];
            for (int c = 0; c < classes; c++) PerClass[c] = new ClassTotals();
        }

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
        /// <summary>Sums per true class.</summary>
        public ClassTotals[] PerClass { get; }

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
            if (c < 0 || c >= PerClass.Length) return;
            ClassTotals t = PerClass[c];
            t.Count++;
            t.LossSum += weightedLoss;
            t.WeightSum += weightedNorm;
            t.CorrectSum += correct;
            t.SampleWeightSum += sw;
        }

        // Multi-label rows: each label column is a "class" with its own mean loss and accuracy over every row.
        private void AddLabels(BlockResult result, int i, double sw)
        {
            int k = PerClass.Length;
            for (int c = 0; c < k; c++)
            {
                ClassTotals t = PerClass[c];
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
            for (int i = 0; i < result.Count; i++) Add(block, result, i);
        }

        /// <summary>Adds another accumulator's sums (call in a fixed order for bit-identical results).</summary>
        public void Merge(LossAccumulator other)
        {
            if (other.PerClass.Length != PerClass.Length) throw new ArgumentException("Class counts differ.", nameof(other));
            Used += other.Used;
            Ignored += other.Ignored;
            Rejected += other.Rejected;
            LossSum += other.LossSum;
            WeightSum += other.WeightSum;
            CorrectSum += other.CorrectSum;
            TopKCorrectSum += other.TopKCorrectSum;
            SampleWeightSum += other.SampleWeightSum;
            for (int c = 0; c < PerClass.Length; c++) PerClass[c].Merge(other.PerClass[c]);
        }
    }
}
