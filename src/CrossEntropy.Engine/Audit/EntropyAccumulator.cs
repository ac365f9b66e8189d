using System;

namespace CrossEntropy.Engine
{
    /// <summary>
    /// Mergeable sums of the entropy figures of used rows (sample-weighted): H(q) of the predicted distribution and,
    /// where rows have a label or target t, H(t), H(t, q) and KL(t ‖ q). Values are in nats; divide by log(base).
    /// </summary>
    public sealed class EntropyAccumulator
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

    /// <summary>Entropy and impurity of a class distribution given by counts (decision-tree node impurity).</summary>
    public static class Entropy
    {
        /// <summary>H = -Σ p_c·log p_c in nats with p_c = n_c / Σn (0·log 0 = 0); NaN when Σn is 0.</summary>
        public static double OfCounts(ReadOnlySpan<double> counts)
        {
            double total = Total(counts), h = 0;
            if (!(total > 0)) return double.NaN;
            foreach (double n in counts)
            {
                if (!(n > 0)) continue;
                double p = n / total;
                h -= p * Math.Log(p);
            }
            return h;
        }

        /// <summary>Gini impurity 1 - Σ p_c²; NaN when Σn is 0.</summary>
        public static double GiniOfCounts(ReadOnlySpan<double> counts)
        {
            double total = Total(counts), s = 0;
            if (!(total > 0)) return double.NaN;
            foreach (double n in counts)
            {
                double p = n / total;
                s += p * p;
            }
            return 1 - s;
        }

        /// <summary>log(b): the divisor that turns nats into units of base b (2: bits, 10: hartleys).</summary>
        public static double LogOfBase(double b)
        {
            if (!(b > 0) || b == 1 || double.IsInfinity(b)) throw new ArgumentOutOfRangeException(nameof(b), "A logarithm base must be positive, finite and not 1.");
            return Math.Log(b);
        }

        private static double Total(ReadOnlySpan<double> counts)
        {
            double total = 0;
            foreach (double n in counts)
            {
                if (double.IsNaN(n) || n < 0 || double.IsInfinity(n))
                    throw new ArgumentException("Counts must be finite and non-negative.", nameof(counts));
                total += n;
            }
            return total;
        }
    }
}
