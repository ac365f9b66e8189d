using System;
#if NET8_0_OR_GREATER
using System.Runtime.CompilerServices;
#endif

namespace CrossEntropy.Engine
{
    /// <summary>Row counts and loss sums over rows: plain data, merged by adding.</summary>
    internal struct LossSums
    {
        /// <summary>Used, ignored and rejected rows.</summary>
        public RowCounts Counts;
        /// <summary>Σ sample weight × row loss.</summary>
        public double LossSum;
        /// <summary>Σ sample weight × row normaliser: the mean's denominator.</summary>
        public double WeightSum;
        /// <summary>Σ sample weight × correct.</summary>
        public double CorrectSum;
        /// <summary>Σ sample weight × top-k correct.</summary>
        public double TopKCorrectSum;
        /// <summary>Σ sample weight over used rows.</summary>
        public double SampleWeightSum;
        /// <summary>Σ sample weight × the row's z-loss part (z·lse²); LossSum then holds the cross-entropy part alone.</summary>
        public double ZLossSum;

        /// <summary>Adds another run's sums.</summary>
        public void Add(in LossSums other)
        {
            Counts.Add(other.Counts);
            LossSum += other.LossSum;
            WeightSum += other.WeightSum;
            CorrectSum += other.CorrectSum;
            TopKCorrectSum += other.TopKCorrectSum;
            SampleWeightSum += other.SampleWeightSum;
            ZLossSum += other.ZLossSum;
        }
    }

    /// <summary>
    /// Mergeable sums over rows: enough for mean/sum loss, accuracy, top-k accuracy, per-class figures and the
    /// used/ignored/rejected counts. Blocks are summed alone and merged in block order, so the result does not
    /// depend on how many threads ran. Per-class sums live in a <see cref="ClassSumTable"/>, so summing a block,
    /// merging it and reading one class cost what the block holds, not the number of classes.
    /// </summary>
    internal sealed class LossAccumulator
    {
        private readonly ClassSumTable _perClass;
        private LossSums _sums;

        /// <summary>Creates empty sums for <paramref name="classes"/> per-class buckets.</summary>
        public LossAccumulator(int classes) => _perClass = new ClassSumTable(classes);

        private LossAccumulator(in LossSums sums, ClassSumTable perClass)
        {
            _sums = sums;
            _perClass = perClass;
        }

        /// <summary>Sums given as plain data (a merge of results): <paramref name="perClass"/> in class order.</summary>
        public static LossAccumulator FromSums(in LossSums sums, ClassSums[] perClass)
        {
            var table = new ClassSumTable(perClass.Length);
            for (int c = 0; c < perClass.Length; c++) table.Touch(c) = perClass[c];
            return new LossAccumulator(sums, table);
        }

        /// <summary>Number of per-class buckets.</summary>
        public int ClassCount => _perClass.Classes;

        /// <summary>The sums as plain data.</summary>
        public LossSums Sums => _sums;
        /// <summary>Used, ignored and rejected rows.</summary>
        public RowCounts Counts => _sums.Counts;
        /// <summary>Rows counted in the loss.</summary>
        public long Used => _sums.Counts.Used;
        /// <summary>Rows whose target is the ignore index.</summary>
        public long Ignored => _sums.Counts.Ignored;
        /// <summary>Rows rejected (by the input layer or the engine).</summary>
        public long Rejected => _sums.Counts.Rejected;
        /// <summary>Every row read: Used + Ignored + Rejected.</summary>
        public long Read => _sums.Counts.Read;
        /// <summary>Σ sample weight × row loss.</summary>
        public double LossSum => _sums.LossSum;
        /// <summary>Σ sample weight × row normaliser: the mean's denominator.</summary>
        public double WeightSum => _sums.WeightSum;
        /// <summary>Σ sample weight × correct.</summary>
        public double CorrectSum => _sums.CorrectSum;
        /// <summary>Σ sample weight × top-k correct.</summary>
        public double TopKCorrectSum => _sums.TopKCorrectSum;
        /// <summary>Σ sample weight over used rows.</summary>
        public double SampleWeightSum => _sums.SampleWeightSum;

        /// <summary>Σ sample weight × z-loss part.</summary>
        public double ZLossSum => _sums.ZLossSum;

        /// <summary>
        /// Weighted mean of the cross-entropy (or focal) part; NaN when no row contributes weight (as PyTorch), and NaN when
        /// the weights' total overflows double (finite weights near 1e308): x/Infinity would be a silent 0.
        /// </summary>
        public double CrossEntropyMean => WeightSum > 0 && !double.IsInfinity(WeightSum) ? LossSum / WeightSum : double.NaN;

        /// <summary>Mean of the z-loss part: over the used rows' sample weight, not class weights (Liger-Kernel).</summary>
        public double ZLossMean => SampleWeightSum > 0 && !double.IsInfinity(SampleWeightSum) ? ZLossSum / SampleWeightSum : double.NaN;

        /// <summary>Weighted mean loss (the cross-entropy part plus the z-loss part's own mean); NaN when no row contributes weight (as PyTorch).</summary>
        public double Mean => ZLossSum == 0 ? CrossEntropyMean : CrossEntropyMean + ZLossMean;
        /// <summary>Fraction of used rows predicted right; NaN without used rows (or when their weights' total overflows).</summary>
        public double Accuracy => SampleWeightSum > 0 && !double.IsInfinity(SampleWeightSum) ? CorrectSum / SampleWeightSum : double.NaN;
        /// <summary>Fraction of used rows whose target is among the top k scores.</summary>
        public double TopKAccuracy => SampleWeightSum > 0 && !double.IsInfinity(SampleWeightSum) ? TopKCorrectSum / SampleWeightSum : double.NaN;
        /// <summary>True when a total of finite weights overflowed to Infinity, so the means are NaN.</summary>
        public bool WeightsOverflow => double.IsInfinity(WeightSum) || double.IsInfinity(SampleWeightSum);

        /// <summary>The loss under a reduction (None has no single value and gives the mean).</summary>
        public double Reduce(Reduction reduction) => reduction == Reduction.Sum ? LossSum + ZLossSum : Mean;

        /// <summary>The z-loss part alone under a reduction.</summary>
        public double ReduceZLoss(Reduction reduction) => reduction == Reduction.Sum ? ZLossSum : ZLossMean;

        /// <summary>The sums of class <paramref name="c"/> (the first lookup indexes the touched classes once).</summary>
        public ClassSums ClassAt(int c) => _perClass[c];

        /// <summary>Counts rows the input layer rejected before they reached the engine.</summary>
        public void AddRejected(long rows) => _sums.Counts.Rejected += rows;

        /// <summary>Adds row <paramref name="i"/> of a computed block.</summary>
        public void Add(RowBlock block, BlockResult result, int i)
        {
            switch (result.Status[i])
            {
                case RowStatus.Ignored: _sums.Counts.Ignored++; return;
                case RowStatus.Rejected: _sums.Counts.Rejected++; return;
            }
            double sw = block.SampleWeight(i);
            double weightedLoss = sw * result.Loss[i];
            double weightedNorm = sw * result.Norm[i];
            double correct = sw * result.Correct[i];
            _sums.Counts.Used++;
            _sums.LossSum += weightedLoss;
            _sums.WeightSum += weightedNorm;
            _sums.CorrectSum += correct;
            _sums.SampleWeightSum += sw;
            if (result.TopKCorrect[i]) _sums.TopKCorrectSum += sw;
            if (result.ZLoss != null) _sums.ZLossSum += sw * result.ZLoss[i];
            if (result.LabelLoss != null)
            {
                AddLabels(result, i, sw);
                return;
            }
            int c = result.TrueClass[i];
            if (c < 0 || c >= ClassCount) return;
            ref ClassSums t = ref _perClass.Touch(c);
            t.Count++;
            t.LossSum += weightedLoss;
            t.WeightSum += weightedNorm;
            t.CorrectSum += correct;
            t.SampleWeightSum += sw;
        }

        // Multi-label rows: each label column is a "class" with its own mean loss and accuracy over every row.
        private void AddLabels(BlockResult result, int i, double sw)
        {
            int k = ClassCount;
            double[] loss = result.LabelLoss!, correct = result.LabelCorrect!;
            for (int c = 0; c < k; c++)
            {
                ref ClassSums t = ref _perClass.Touch(c);
                t.Count++;
                t.LossSum += sw * loss[i * k + c];
                t.WeightSum += sw;
                t.CorrectSum += sw * correct[i * k + c];
                t.SampleWeightSum += sw;
            }
        }

        /// <summary>Counts one row by its status only (runs that compute no loss, such as softmax).</summary>
        public void CountStatus(RowStatus status) => _sums.Counts.Count(status);

        /// <summary>Counts rows by status only (runs that compute no loss, such as softmax).</summary>
        public void AddStatuses(BlockResult result)
        {
            for (int i = 0; i < result.Count; i++) _sums.Counts.Count(result.Status[i]);
        }

        /// <summary>Adds every row of a computed block.</summary>
        public void AddBlock(RowBlock block, BlockResult result)
        {
            if (block.SampleWeights != null || result.LabelLoss != null || result.ZLoss != null)
            {
                for (int i = 0; i < result.Count; i++) Add(block, result, i);
                return;
            }
            if (ClassCount <= DenseClasses)
            {
                AddPlainRowsDense(result);
                return;
            }
            // The common case (no sample weights, one class per row) with the sums and arrays in locals: this runs once
            // per row, and the JIT would otherwise load each array through the result again for every row.
            double loss = 0, weight = 0, correct = 0, topK = 0;
            long used = 0;
            int classes = ClassCount, count = result.Count;
            RowStatus[] status = result.Status;
            double[] losses = result.Loss, norms = result.Norm, corrects = result.Correct;
            bool[] topKCorrect = result.TopKCorrect;
            int[] trueClass = result.TrueClass;
            for (int i = 0; i < count; i++)
            {
                switch (status[i])
                {
                    case RowStatus.Ignored: _sums.Counts.Ignored++; continue;
                    case RowStatus.Rejected: _sums.Counts.Rejected++; continue;
                }
                double l = losses[i], w = norms[i], ok = corrects[i];
                used++;
                loss += l;
                weight += w;
                correct += ok;
                if (topKCorrect[i]) topK++;
                int c = trueClass[i];
                if (c < 0 || c >= classes) continue;
                ref ClassSums t = ref _perClass.Touch(c);
                t.Count++;
                t.LossSum += l;
                t.WeightSum += w;
                t.CorrectSum += ok;
                t.SampleWeightSum += 1;
            }
            _sums.Counts.Used += used;
            _sums.LossSum += loss;
            _sums.WeightSum += weight;
            _sums.CorrectSum += correct;
            _sums.TopKCorrectSum += topK;
            _sums.SampleWeightSum += used;
        }

        // Up to this many classes, AddBlock's common case sums the classes in a dense table on the stack (40 bytes a class).
        private const int DenseClasses = 256;

        // AddBlock's common case for few classes: the same additions in the same order as its general loop, each class's
        // sums going on from the table's own, but each row's class sums found by indexing a dense copy on the stack, not
        // through the table's slot index. Touched classes go back in the order first touched, as the general loop
        // touches them.
        private void AddPlainRowsDense(BlockResult result)
        {
            int classes = ClassCount;
            Span<ClassSums> dense = stackalloc ClassSums[classes];
            Span<bool> seen = stackalloc bool[classes];
            Span<int> order = stackalloc int[classes];
            _perClass.CopyTouchedTo(dense);
            LossSums block = SumPlainRows(result, dense, seen, order, out int touched);
            for (int k = 0; k < touched; k++) _perClass.Touch(order[k]) = dense[order[k]];
            // As the general loop adds its totals (not LossSums.Add: + 0 would turn a ZLossSum of -0 into +0).
            _sums.Counts.Add(block.Counts);
            _sums.LossSum += block.LossSum;
            _sums.WeightSum += block.WeightSum;
            _sums.CorrectSum += block.CorrectSum;
            _sums.TopKCorrectSum += block.TopKCorrectSum;
            _sums.SampleWeightSum += block.SampleWeightSum;
        }

        // The rows' totals from 0 (added to the accumulator's once, as AddBlock's general loop does) and their classes'
        // sums into dense. No call in the loop: across a call the JIT spills the totals and reloads them every row.
#if NET8_0_OR_GREATER
        [MethodImpl(MethodImplOptions.AggressiveOptimization)] // tiered PGO left the loop in a slow mode in some processes
#endif
        private static LossSums SumPlainRows(BlockResult result, Span<ClassSums> dense, Span<bool> seen, Span<int> order, out int touched)
        {
            double loss = 0, weight = 0, correct = 0, topK = 0;
            long used = 0, ignored = 0, rejected = 0;
            int classes = dense.Length, count = result.Count, first = 0;
            RowStatus[] status = result.Status;
            double[] losses = result.Loss, norms = result.Norm, corrects = result.Correct;
            bool[] topKCorrect = result.TopKCorrect;
            int[] trueClass = result.TrueClass;
            for (int i = 0; i < count; i++)
            {
                switch (status[i])
                {
                    case RowStatus.Ignored: ignored++; continue;
                    case RowStatus.Rejected: rejected++; continue;
                }
                double l = losses[i], w = norms[i], ok = corrects[i];
                used++;
                loss += l;
                weight += w;
                correct += ok;
                if (topKCorrect[i]) topK++;
                int c = trueClass[i];
                if ((uint)c >= (uint)classes) continue;
                if (!seen[c])
                {
                    seen[c] = true;
                    order[first++] = c;
                }
                ref ClassSums t = ref dense[c];
                t.Count++;
                t.LossSum += l;
                t.WeightSum += w;
                t.CorrectSum += ok;
                t.SampleWeightSum += 1;
            }
            touched = first;
            var sums = new LossSums { LossSum = loss, WeightSum = weight, CorrectSum = correct, TopKCorrectSum = topK, SampleWeightSum = used };
            sums.Counts.Used = used;
            sums.Counts.Ignored = ignored;
            sums.Counts.Rejected = rejected;
            return sums;
        }

        /// <summary>Adds another accumulator's sums (call in a fixed order for bit-identical results).</summary>
        public void Merge(LossAccumulator other)
        {
            if (other.ClassCount != ClassCount) throw new ArgumentException("Class counts differ.", nameof(other));
            _sums.Add(other._sums);
            _perClass.Merge(other._perClass);
        }

        /// <summary>
        /// Returns a copy holding only the touched classes' sums and empties this one, which can then sum the next
        /// block without reallocating.
        /// </summary>
        public LossAccumulator Drain()
        {
            var copy = new LossAccumulator(_sums, _perClass.Copy());
            Clear();
            return copy;
        }

        /// <summary>Empties the sums, keeping the storage.</summary>
        public void Clear()
        {
            _perClass.Clear();
            _sums = default;
        }
    }
}
