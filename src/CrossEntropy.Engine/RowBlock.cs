using System;

namespace CrossEntropy.Engine
{
    /// <summary>
    /// A block of rows as the engine sees them: contiguous doubles, label indices and row numbers.
    /// The input layer fills it; the engine only reads it. Buffers are reused between blocks.
    /// </summary>
    internal sealed class RowBlock
    {
        /// <summary>Creates an empty block for <paramref name="capacity"/> rows of <paramref name="classes"/> scores.</summary>
        public RowBlock(int capacity, int classes, bool hasTargets = false, bool hasSampleWeights = false, bool hasGroups = false)
        {
            if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity));
            if (classes < 1) throw new ArgumentOutOfRangeException(nameof(classes));
            Capacity = capacity;
            Classes = classes;
            Values = new double[capacity * classes];
            Labels = new int[capacity];
            RowNumbers = new long[capacity];
            Targets = hasTargets ? new double[capacity * classes] : null;
            SampleWeights = hasSampleWeights ? new double[capacity] : null;
            Groups = hasGroups ? new int[capacity] : null;
        }

        /// <summary>Rows the buffers hold.</summary>
        public int Capacity { get; }

        /// <summary>Scores per row (C; 1 for binary).</summary>
        public int Classes { get; }

        /// <summary>Rows filled so far.</summary>
        public int Count { get; set; }

        /// <summary>Count × Classes logits or probabilities, row-major.</summary>
        public double[] Values { get; }

        /// <summary>Class index per row (0/1 for binary); unused for soft and multi-label targets.</summary>
        public int[] Labels { get; }

        /// <summary>Count × Classes target distributions (soft) or 0/1 targets (multi-label); null otherwise.</summary>
        public double[]? Targets { get; }

        /// <summary>Per-row sample weights (scikit-learn's sample_weight); null means all 1.</summary>
        public double[]? SampleWeights { get; }

        /// <summary>Per-row group index (GroupBy); null when not grouping.</summary>
        public int[]? Groups { get; }

        /// <summary>1-based data row number of each row in its source.</summary>
        public long[] RowNumbers { get; }

        /// <summary>True when no more rows fit.</summary>
        public bool IsFull => Count == Capacity;

        /// <summary>The scores of row <paramref name="i"/>.</summary>
        public Span<double> Row(int i) => new Span<double>(Values, i * Classes, Classes);

        /// <summary>The targets of row <paramref name="i"/> (soft or multi-label).</summary>
        public Span<double> TargetRow(int i) =>
            new Span<double>(Targets ?? throw new InvalidOperationException("This block has no target columns."), i * Classes, Classes);

        /// <summary>Sample weight of row <paramref name="i"/> (1 without weights).</summary>
        public double SampleWeight(int i) => SampleWeights == null ? 1.0 : SampleWeights[i];

        /// <summary>Empties the block for reuse.</summary>
        public void Clear() => Count = 0;
    }
}
