using System;
using System.Collections.Generic;
using CrossEntropy.Data.Problems;
using CrossEntropy.Data.Schemas;
using CrossEntropy.Engine;
using CrossEntropy.Engine.Audit;

namespace CrossEntropy.Data.Runs
{
    /// <summary>Where a run's results go, in row order: the rows it computed and the rows it rejected.</summary>
    internal interface IRunSink
    {
        /// <summary>A computed block's rows (only when the plan asks for per-row output, or an audit runs).</summary>
        void Rows(in RowOutcomes rows);

        /// <summary>A rejected row (or a row that could not be read), after the rows computed before it.</summary>
        void Problem(Problem problem);
    }

    /// <summary>
    /// A read-only view of one computed block's rows, as output needs them: the sink reads each row through
    /// <see cref="this[int]"/> and never sees the engine's buffers. Valid only during the call it is passed to.
    /// </summary>
    internal readonly struct RowOutcomes
    {
        private readonly RunPlan _plan;
        private readonly RowBlock _block;
        private readonly BlockResult _result;
        private readonly AuditResult? _figures;
        private readonly IReadOnlyList<string> _groups;
        private readonly object?[] _tags;
        private readonly int _from, _count;

        private readonly string? _source;

        /// <summary>The rows <paramref name="from"/> .. <paramref name="from"/> + <paramref name="count"/> - 1 of the block, read from <paramref name="source"/> (null: the schema's).</summary>
        internal RowOutcomes(RunPlan plan, RowBlock block, BlockResult result, AuditResult? figures, IReadOnlyList<string> groups, object?[] tags,
            string? source, int from, int count)
        {
            _source = source;
            _plan = plan;
            _block = block;
            _result = result;
            _figures = figures;
            _groups = groups;
            _tags = tags;
            _from = from;
            _count = count;
        }

        /// <summary>Rows in the view.</summary>
        public int Count => _count;

        /// <summary>Row <paramref name="i"/> of the view.</summary>
        public RowOutcome this[int i] => new RowOutcome(_plan, _block, _result, _figures, _groups, _tags, _source, _from + i);
    }

    /// <summary>One computed row: where it is, what became of it, and its figures.</summary>
    internal readonly ref struct RowOutcome
    {
        private readonly RunPlan _plan;
        private readonly RowBlock _block;
        private readonly BlockResult _result;
        private readonly AuditResult? _figures;
        private readonly IReadOnlyList<string> _groups;
        private readonly object?[] _tags;
        private readonly string? _source;
        private readonly int _i;

        internal RowOutcome(RunPlan plan, RowBlock block, BlockResult result, AuditResult? figures, IReadOnlyList<string> groups, object?[] tags, string? source, int i)
        {
            _source = source;
            _plan = plan;
            _block = block;
            _result = result;
            _figures = figures;
            _groups = groups;
            _tags = tags;
            _i = i;
        }

        private Schema Schema => _plan.Schema;

        /// <summary>1-based data row number in its source.</summary>
        public long Row => _block.RowNumbers[_i];
        /// <summary>The row's source (with several sources combined in one run, its own file).</summary>
        public string Source => _source ?? Schema.SourceName;
        /// <summary>Used, ignored or rejected.</summary>
        public RowStatus Status => _result.Status[_i];
        /// <summary>True when the label is the ignore index.</summary>
        public bool IsIgnored => Status == RowStatus.Ignored;

        /// <summary>
        /// The row's class as shown: the label given (softmax, and ignored rows), else the class the row counts for
        /// (its label, or the most likely class of a soft target); null when there is none.
        /// </summary>
        public string? Label
        {
            get
            {
                int given = _block.Labels[_i];
                if (_plan.Mode == RunMode.Softmax)
                    return Schema.LabelColumn >= 0 && (given >= 0 || given == _plan.Options.IgnoreIndex) ? Schema.ClassName(given) : null;
                if (IsIgnored) return Schema.ClassName(given);
                int truth = _result.TrueClass[_i];
                return truth >= 0 ? Schema.ClassName(truth) : null;
            }
        }

        /// <summary>The predicted class; null for ignored rows.</summary>
        public string? Predicted => IsIgnored || _result.Predicted[_i] < 0 ? null : Schema.ClassName(_result.Predicted[_i]);
        /// <summary>The probability of the predicted class.</summary>
        public double Confidence => _result.Confidence[_i];
        /// <summary>
        /// The row's loss as PyTorch's reduction='none' gives it (0 for ignored rows; with -ZLoss the z part included);
        /// NaN in softmax mode, which computes no loss (its loss buffer holds whatever a pooled block left there).
        /// </summary>
        public double Loss => _plan.Mode == RunMode.Softmax ? double.NaN : _result.ZLoss == null ? _result.Loss[_i] : _result.Loss[_i] + _result.ZLoss[_i];
        /// <summary>True when the prediction is the label.</summary>
        public bool Correct => !IsIgnored && _result.Correct[_i] == 1;
        /// <summary>The row's group with -GroupBy; null otherwise.</summary>
        public string? Group => _block.Groups == null ? null : _groups[_block.Groups[_i]];
        /// <summary>The caller's handle on the row (the pipeline object), if any.</summary>
        public object? Tag => _tags[_i];

        /// <summary>Softmax mode: the row's probabilities (or log-probabilities) in class order.</summary>
        public ReadOnlySpan<double> Probabilities
        {
            get
            {
                int width = SoftmaxKernel.OutputWidth(_plan.Options);
                return new ReadOnlySpan<double>(_result.Probabilities ?? throw new InvalidOperationException("The run computes no probabilities."), _i * width, width);
            }
        }

        /// <summary>Gradient mode: the row's gradient in score-column order.</summary>
        public ReadOnlySpan<double> Gradient
        {
            get
            {
                int width = _block.Classes;
                return new ReadOnlySpan<double>(_result.Gradient ?? throw new InvalidOperationException("The run computes no gradients."), _i * width, width);
            }
        }

        /// <summary>Audits: H(q) in nats (NaN for rows not used).</summary>
        public double Entropy => _figures?.Entropy[_i] ?? double.NaN;
        /// <summary>Audits: H(t) in nats.</summary>
        public double TargetEntropy => _figures?.TargetEntropy[_i] ?? double.NaN;
        /// <summary>Audits: H(t, q) in nats.</summary>
        public double CrossEntropy => _figures?.CrossEntropy[_i] ?? double.NaN;
        /// <summary>Audits: KL(t ‖ q) in nats.</summary>
        public double KLDivergence => _figures?.KLDivergence[_i] ?? double.NaN;
    }
}
