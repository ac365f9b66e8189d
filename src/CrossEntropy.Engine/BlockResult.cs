using System;
using System.Collections.Generic;

namespace CrossEntropy.Engine
{
    /// <summary>What became of a row.</summary>
    internal enum RowStatus : byte
    {
        /// <summary>Counted in the loss.</summary>
        Used,
        /// <summary>Its target is the ignore index: counted, contributes nothing (PyTorch's ignore_index).</summary>
        Ignored,
        /// <summary>Its numbers have no defined loss (NaN, several +Infinity logits, ...): reported, not counted.</summary>
        Rejected,
    }

    /// <summary>Which part of a row a rejection points at.</summary>
    internal enum RejectedField : byte
    {
        /// <summary>The row as a whole.</summary>
        Row,
        /// <summary>A score (logit or probability) column.</summary>
        Score,
        /// <summary>A soft or multi-label target column.</summary>
        Target,
        /// <summary>The label.</summary>
        Label,
    }

    /// <summary>Why the engine rejected a row: the row's index in its block, the column, the value.</summary>
    internal readonly struct RowRejection
    {
        /// <summary>Creates a rejection.</summary>
        public RowRejection(int index, RejectedField field, int column, double value, string reason)
        {
            Index = index;
            Field = field;
            Column = column;
            Value = value;
            Reason = reason;
        }

        /// <summary>Row index within the block.</summary>
        public int Index { get; }

        /// <summary>Which kind of column is at fault.</summary>
        public RejectedField Field { get; }

        /// <summary>Index of the column among its kind (class index for scores and targets); -1 for none.</summary>
        public int Column { get; }

        /// <summary>The offending value (NaN when the row as a whole is at fault).</summary>
        public double Value { get; }

        /// <summary>A sentence saying what is wrong.</summary>
        public string Reason { get; }
    }

    /// <summary>
    /// Per-row output of one block plus the scratch the kernels need. One instance per worker; reused between blocks.
    /// </summary>
    internal sealed class BlockResult
    {
        /// <summary>Allocates buffers for <paramref name="capacity"/> rows of <paramref name="classes"/> scores.</summary>
        public BlockResult(int capacity, int classes)
        {
            Capacity = capacity;
            Classes = classes;
            Loss = new double[capacity];
            Norm = new double[capacity];
            Predicted = new int[capacity];
            Confidence = new double[capacity];
            Correct = new double[capacity];
            TopKCorrect = new bool[capacity];
            Status = new RowStatus[capacity];
            TrueClass = new int[capacity];
            _shifted = new double[classes];
            _exps = new double[classes];
            _work = new double[classes];
            _coefficients = new double[classes];
            RowSum = new double[capacity];
            RowLogSum = new double[capacity];
        }

        /// <summary>Rows the buffers hold.</summary>
        public int Capacity { get; }

        /// <summary>Scores per row.</summary>
        public int Classes { get; }

        /// <summary>Rows computed.</summary>
        public int Count { get; internal set; }

        /// <summary>Per-row loss as PyTorch's reduction='none' gives it (class weights and smoothing included; a multi-label row's is the sum over its labels).</summary>
        public double[] Loss { get; }

        /// <summary>Per-row share of the mean's denominator (w[y] for index targets, K for multi-label, 1 otherwise), before sample weights.</summary>
        public double[] Norm { get; }

        /// <summary>Predicted class (argmax; for binary, 1 when p &gt; 0.5).</summary>
        public int[] Predicted { get; }

        /// <summary>Probability of the predicted class.</summary>
        public double[] Confidence { get; }

        /// <summary>1 when the prediction is right, 0 when wrong; the fraction of labels right for multi-label rows.</summary>
        public double[] Correct { get; }

        /// <summary>True when the target class is among the k highest scores.</summary>
        public bool[] TopKCorrect { get; }

        /// <summary>The class a row belongs to for per-class figures (label, or argmax of a soft target); -1 for none.</summary>
        public int[] TrueClass { get; }

        /// <summary>Used, ignored or rejected.</summary>
        public RowStatus[] Status { get; }

        /// <summary>Why rows were rejected, in row order.</summary>
        public List<RowRejection> Rejections { get; } = new List<RowRejection>();

        /// <summary>Rows (block indices) of probability input that do not sum to 1 within the tolerance.</summary>
        public List<int> OffSumRows { get; } = new List<int>();

        // Scratch for one row (C doubles each); kernels own them while they run.
        private readonly double[] _shifted, _exps, _work, _coefficients;
        internal Span<double> Shifted => _shifted;
        internal Span<double> Exps => _exps;
        internal Span<double> Work => _work;
        internal Span<double> Coefficients => _coefficients;

        /// <summary>Count × Classes gradient, filled by <see cref="GradientKernel"/>; null until first asked for.</summary>
        public double[]? Gradient { get; private set; }

        /// <summary>
        /// Per-row z-loss part z·lse² when the z-loss or soft-capping path runs (then <see cref="Loss"/> holds the
        /// cross-entropy or focal part alone, and a row's total is the two added); null otherwise.
        /// </summary>
        public double[]? ZLoss { get; private set; }

        /// <summary>Count × Classes per-label losses of multi-label rows (for per-label figures); null otherwise.</summary>
        public double[]? LabelLoss { get; private set; }

        /// <summary>Count × Classes 1/0 per-label correctness of multi-label rows; null otherwise.</summary>
        public double[]? LabelCorrect { get; private set; }

        // Whole-block buffers of the fast path (IndexLogitsKernel), allocated on first use.
        private double[]? _blockScaled, _blockShifted, _blockExps, _rowAtLabel;

        /// <summary>Per-row Σ exp(x - max) kept by the block fast path (NaN for rows it left to the per-row path).</summary>
        internal double[] RowSum { get; }

        /// <summary>log of <see cref="RowSum"/>, scratch of the block fast path.</summary>
        internal double[] RowLogSum { get; }

        /// <summary>True when BlockExps/RowSum hold this block's exponentials (the gradient can reuse them).</summary>
        internal bool HasBlockExps { get; set; }

        internal Span<double> BlockScaled() => _blockScaled ??= new double[Capacity * Classes];
        internal Span<double> BlockShifted() => _blockShifted ??= new double[Capacity * Classes];
        internal Span<double> BlockExps() => _blockExps ??= new double[Capacity * Classes];

        /// <summary>Per-row x[label] - max kept by the register path of the block fast path.</summary>
        internal double[] RowAtLabel() => _rowAtLabel ??= new double[Capacity];

        /// <summary>Count × width probabilities (or log-probabilities), filled by <see cref="SoftmaxKernel"/>; null until first asked for.</summary>
        public double[]? Probabilities { get; private set; }

        internal double[] EnsureProbabilities(int width) => Probabilities ??= new double[Capacity * width];

        internal double[] EnsureGradient() => Gradient ??= new double[Capacity * Classes];

        internal void EnsureZLoss() => ZLoss ??= new double[Capacity];

        internal void EnsureLabelBuffers()
        {
            LabelLoss ??= new double[Capacity * Classes];
            LabelCorrect ??= new double[Capacity * Classes];
        }

        internal void Reset(int count)
        {
            if (count > Capacity) throw new ArgumentOutOfRangeException(nameof(count));
            Count = count;
            Rejections.Clear();
            OffSumRows.Clear();
            HasBlockExps = false;
        }

        internal void Reject(int row, RejectedField field, int column, double value, string reason)
        {
            Status[row] = RowStatus.Rejected;
            Loss[row] = double.NaN;
            Norm[row] = 0;
            Correct[row] = 0;
            TopKCorrect[row] = false;
            Predicted[row] = -1;
            Confidence[row] = double.NaN;
            TrueClass[row] = -1;
            if (ZLoss != null) ZLoss[row] = 0;
            Rejections.Add(new RowRejection(row, field, column, value, reason));
        }
    }
}
