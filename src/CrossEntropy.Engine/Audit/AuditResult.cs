using System;

namespace CrossEntropy.Engine.Audit
{
    /// <summary>
    /// Per-row figures of a model audit for one block, filled by <see cref="AuditKernel"/> after the block's
    /// statuses are known. Rows that are not used (ignored or rejected) hold NaN. Reused between blocks.
    /// </summary>
    internal sealed class AuditResult
    {
        /// <summary>Buffers for <paramref name="capacity"/> rows of <paramref name="width"/> probabilities.</summary>
        public AuditResult(int capacity, int width)
        {
            Capacity = capacity;
            Width = width;
            Probabilities = new double[capacity * width];
            LogProbabilities = new double[capacity * width];
            Entropy = new double[capacity];
            LabelProbability = new double[capacity];
            Margin = new double[capacity];
            Brier = new double[capacity];
            TargetEntropy = new double[capacity];
            CrossEntropy = new double[capacity];
            KLDivergence = new double[capacity];
        }

        /// <summary>Rows the buffers hold.</summary>
        public int Capacity { get; }

        /// <summary>Probabilities per row: the class count, or 2 for a single (binary) score column.</summary>
        public int Width { get; }

        /// <summary>Rows computed.</summary>
        public int Count { get; internal set; }

        /// <summary>Count × Width predicted probabilities q (softmax or sigmoid of logits; probabilities as given).</summary>
        public double[] Probabilities { get; }

        /// <summary>Count × Width log q as the loss uses it (exact log-softmax; log of the clipped probability).</summary>
        public double[] LogProbabilities { get; }

        /// <summary>H(q) = -Σ_c q_c·log q_c in nats (0·log 0 = 0).</summary>
        public double[] Entropy { get; }

        /// <summary>q of the row's class (its label, or the most likely target class); NaN without a label.</summary>
        public double[] LabelProbability { get; }

        /// <summary>q_label - max over the other classes of q_c: negative when the model prefers another class.</summary>
        public double[] Margin { get; }

        /// <summary>Σ_c (q_c - t_c)² with t the one-hot label or the target distribution; (q_1 - y)² for binary.</summary>
        public double[] Brier { get; }

        /// <summary>H(t) of the target distribution (0 for a class label).</summary>
        public double[] TargetEntropy { get; }

        /// <summary>H(t, q) = -Σ_c t_c·log q_c.</summary>
        public double[] CrossEntropy { get; }

        /// <summary>KL(t ‖ q) = Σ_c t_c·(log t_c - log q_c), computed directly (not as a difference).</summary>
        public double[] KLDivergence { get; }

        /// <summary>Row <paramref name="i"/>'s probabilities.</summary>
        public ReadOnlySpan<double> Row(int i) => new ReadOnlySpan<double>(Probabilities, i * Width, Width);

        internal void Reset(int count)
        {
            if (count > Capacity) throw new ArgumentOutOfRangeException(nameof(count));
            Count = count;
        }

        internal void Clear(int i)
        {
            Entropy[i] = LabelProbability[i] = Margin[i] = Brier[i] = double.NaN;
            TargetEntropy[i] = CrossEntropy[i] = KLDivergence[i] = double.NaN;
            new Span<double>(Probabilities, i * Width, Width).Fill(double.NaN);
            new Span<double>(LogProbabilities, i * Width, Width).Fill(double.NaN);
        }
    }
}
