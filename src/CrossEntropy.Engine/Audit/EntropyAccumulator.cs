namespace CrossEntropy.Engine.Audit
{
    /// <summary>
    /// Mergeable sums of the entropy figures of used rows (sample-weighted): H(q) of the predicted distribution and,
    /// where rows have a label or target t, H(t), H(t, q) and KL(t ‖ q). Values are in nats; divide by log(base).
    /// </summary>
    internal sealed class EntropyAccumulator
    {
        /// <summary>Rows added.</summary>
        public long Used { get; private set; }
        /// <summary>Σ sample weight.</summary>
        public double WeightSum { get; private set; }
        /// <summary>Σ w·H(q).</summary>
        public double EntropySum { get; private set; }
        /// <summary>Rows with a label or target.</summary>
        public long Labelled { get; private set; }
        /// <summary>Σ w over rows with a label or target.</summary>
        public double LabelledWeightSum { get; private set; }
        /// <summary>Σ w·H(t).</summary>
        public double TargetEntropySum { get; private set; }
        /// <summary>Σ w·H(t, q).</summary>
        public double CrossEntropySum { get; private set; }
        /// <summary>Σ w·KL(t ‖ q).</summary>
        public double KLDivergenceSum { get; private set; }

        /// <summary>Sums given as plain data (a merge of results).</summary>
        public static EntropyAccumulator FromSums(long used, double weightSum, double entropySum, long labelled, double labelledWeightSum,
            double targetEntropySum, double crossEntropySum, double klDivergenceSum) => new EntropyAccumulator
            {
                Used = used,
                WeightSum = weightSum,
                EntropySum = entropySum,
                Labelled = labelled,
                LabelledWeightSum = labelledWeightSum,
                TargetEntropySum = targetEntropySum,
                CrossEntropySum = crossEntropySum,
                KLDivergenceSum = klDivergenceSum,
            };

        /// <summary>Mean H(q).</summary>
        public double Entropy => WeightSum > 0 ? EntropySum / WeightSum : double.NaN;
        /// <summary>Mean H(t).</summary>
        public double TargetEntropy => LabelledWeightSum > 0 ? TargetEntropySum / LabelledWeightSum : double.NaN;
        /// <summary>Mean H(t, q).</summary>
        public double CrossEntropy => LabelledWeightSum > 0 ? CrossEntropySum / LabelledWeightSum : double.NaN;
        /// <summary>Mean KL(t ‖ q).</summary>
        public double KLDivergence => LabelledWeightSum > 0 ? KLDivergenceSum / LabelledWeightSum : double.NaN;

        /// <summary>Adds the used rows of a computed block.</summary>
        public void AddBlock(RowBlock block, BlockResult r, AuditResult a)
        {
            for (int i = 0; i < r.Count; i++) AddRow(block, r, a, i);
        }

        /// <summary>Adds row <paramref name="i"/> of a computed block if it is used.</summary>
        public void AddRow(RowBlock block, BlockResult r, AuditResult a, int i)
        {
            if (r.Status[i] != RowStatus.Used || double.IsNaN(a.Entropy[i])) return;
            double w = block.SampleWeight(i);
            Used++;
            WeightSum += w;
            EntropySum += w * a.Entropy[i];
            if (double.IsNaN(a.CrossEntropy[i])) return;
            Labelled++;
            LabelledWeightSum += w;
            TargetEntropySum += w * a.TargetEntropy[i];
            CrossEntropySum += w * a.CrossEntropy[i];
            KLDivergenceSum += w * a.KLDivergence[i];
        }

        /// <summary>Adds another accumulator's sums (call in a fixed order for bit-identical results).</summary>
        public void Merge(EntropyAccumulator o)
        {
            Used += o.Used;
            WeightSum += o.WeightSum;
            EntropySum += o.EntropySum;
            Labelled += o.Labelled;
            LabelledWeightSum += o.LabelledWeightSum;
            TargetEntropySum += o.TargetEntropySum;
            CrossEntropySum += o.CrossEntropySum;
            KLDivergenceSum += o.KLDivergenceSum;
        }
    }
}
