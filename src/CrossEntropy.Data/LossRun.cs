using System;
using System.Collections.Generic;
using CrossEntropy.Engine;

namespace CrossEntropy.Data
{
    /// <summary>What a run computes for each block.</summary>
    public enum RunMode
    {
        /// <summary>Losses and their sums (Measure-CrossEntropy).</summary>
        Loss,
        /// <summary>Probabilities or log-probabilities per row (Get-Softmax).</summary>
        Softmax,
        /// <summary>Losses, sums and per-row gradients (Get-LossGradient).</summary>
        Gradient,
    }

    /// <summary>
    /// One pass of rows through the engine: records in, blocks computed, sums kept (overall and per group), every
    /// problem reported with its row. The single place that drives computation for every cmdlet and every source.
    /// </summary>
    public sealed class LossRun
    {
        /// <summary>Rows per block: big enough to amortise calls, small enough to stay in cache.</summary>
        public const int DefaultBlockSize = 1024;

        private readonly int _blockSize;
        private readonly BlockResult _result;
        private readonly List<long> _offSumExamples = new List<long>();
        private readonly List<(RowBlock Block, object?[] Tags)> _retained = new List<(RowBlock, object?[])>();
        private readonly LossAccumulator _blockSums;
        private RowBlock _block;
        private object?[] _tags;

        /// <summary>Prepares a run over rows shaped by <paramref name="schema"/>.</summary>
        public LossRun(Schema schema, LossOptions options, RunMode mode = RunMode.Loss, int blockSize = DefaultBlockSize)
        {
            Schema = schema;
            Mode = mode;
            Engine = new LossEngine(options);
            Reader = new RowReader(schema, options.IgnoreIndex);
            _blockSize = blockSize;
            _block = Reader.CreateBlock(blockSize);
            _result = Engine.CreateResult(blockSize);
            _tags = new object?[blockSize];
            Total = Engine.CreateAccumulator();
            _blockSums = Engine.CreateAccumulator();
            if (mode == RunMode.Softmax) Probabilities = new double[blockSize * SoftmaxKernel.OutputWidth(options)];
        }

        /// <summary>The mapping rows are read through.</summary>
        public Schema Schema { get; }
        /// <summary>What each block computes.</summary>
        public RunMode Mode { get; }
        /// <summary>The engine and its options.</summary>
        public LossEngine Engine { get; }
        /// <summary>The record-to-row reader (group names live here).</summary>
        public RowReader Reader { get; }
        /// <summary>Sums over every row.</summary>
        public LossAccumulator Total { get; }
        /// <summary>Sums per group, indexed like <see cref="RowReader.GroupNames"/>.</summary>
        public List<LossAccumulator> Groups { get; } = new List<LossAccumulator>();
        /// <summary>Probability rows that do not sum to 1 within the tolerance.</summary>
        public long OffSumRows { get; private set; }
        /// <summary>The first few of those rows' numbers.</summary>
        public IReadOnlyList<long> OffSumExamples => _offSumExamples;

        /// <summary>Softmax mode: log-probabilities instead of probabilities.</summary>
        public bool LogProbabilities { get; set; }
        /// <summary>Softmax mode: the computed block's probabilities, rows of <see cref="SoftmaxKernel.OutputWidth"/>.</summary>
        public double[]? Probabilities { get; }

        /// <summary>
        /// Gradient mode: the reduction's normaliser if known up front (1 for Sum). Null (the mean) keeps every block
        /// until <see cref="ReplayGradients"/> knows the total weight.
        /// </summary>
        public double? GradientNormaliser { get; set; }
        /// <summary>Gradient mode: cap on each row's gradient L2 norm (0: none).</summary>
        public double ClipNorm { get; set; }

        /// <summary>Called with each computed block (per-row output). In gradient mode the gradient is filled in.</summary>
        public Action<RowBlock, BlockResult>? BlockComputed { get; set; }
        /// <summary>Called for each rejected row.</summary>
        public Action<InputProblem>? Problem { get; set; }

        /// <summary>The tag given with row <paramref name="i"/> of the block being reported.</summary>
        public object? TagOf(int i) => _tags[i];

        /// <summary>Reads one record; computes a block whenever one fills. <paramref name="tag"/> travels with the row.</summary>
        public void Add(IRecord record, long rowNumber, object? tag = null)
        {
            int slot = _block.Count;
            InputProblem? problem = Reader.TryAdd(record, rowNumber, _block);
            if (problem == null) _tags[slot] = tag;
            else
            {
                problem.Tag = tag;
                Total.AddRejected(1);
                if (Schema.GroupColumn >= 0 && record.HasField(Schema.GroupColumn))
                    GroupOf(record.GetText(Schema.GroupColumn))?.AddRejected(1);
                Problem?.Invoke(problem);
                return;
            }
            if (_block.IsFull) Flush();
        }

        /// <summary>Computes whatever rows are waiting.</summary>
        public void Flush()
        {
            if (_block.Count == 0) return;
            switch (Mode)
            {
                case RunMode.Softmax:
                    SoftmaxKernel.Compute(Engine.Options, _block, _result, Probabilities!, LogProbabilities);
                    BlockComputed?.Invoke(_block, _result);
                    break;
                case RunMode.Gradient when GradientNormaliser is double normaliser:
                    Engine.Compute(_block, _result);
                    GradientKernel.Compute(Engine.Options, _block, _result, normaliser, ClipNorm);
                    BlockComputed?.Invoke(_block, _result);
                    break;
                case RunMode.Gradient:
                    Engine.Compute(_block, _result);
                    break;
                default:
                    Engine.Compute(_block, _result);
                    BlockComputed?.Invoke(_block, _result);
                    break;
            }
            Sum();
            Report();
            if (Mode == RunMode.Gradient && GradientNormaliser == null)
            {
                // Keep the block (its rows are needed once the mean's denominator is known) and start a new one.
                _retained.Add((_block, _tags));
                _block = Reader.CreateBlock(_blockSize);
                _tags = new object?[_blockSize];
                return;
            }
            _block.Clear();
            Array.Clear(_tags, 0, _tags.Length);
        }

        /// <summary>
        /// Gradient mode with the mean: now that every row is in, computes each kept block's gradients divided by the
        /// total weight and reports them through <see cref="BlockComputed"/>, in row order.
        /// </summary>
        public void ReplayGradients()
        {
            Flush();
            double normaliser = Total.WeightSum;
            foreach ((RowBlock block, object?[] tags) in _retained)
            {
                _tags = tags;
                Engine.Compute(block, _result);
                GradientKernel.Compute(Engine.Options, block, _result, normaliser, ClipNorm);
                BlockComputed?.Invoke(block, _result);
            }
            _retained.Clear();
        }

        private void Sum()
        {
            // Sum the block alone, then merge: the same association as the parallel paths.
            _blockSums.Clear();
            if (Mode == RunMode.Softmax) _blockSums.AddStatuses(_result);
            else _blockSums.AddBlock(_block, _result);
            Total.Merge(_blockSums);
            if (_block.Groups == null || Mode == RunMode.Softmax) return;
            while (Groups.Count < Reader.GroupNames.Count) Groups.Add(Engine.CreateAccumulator());
            for (int i = 0; i < _result.Count; i++) Groups[_block.Groups[i]].Add(_block, _result, i);
        }

        private void Report()
        {
            foreach (RowRejection r in _result.Rejections)
            {
                string? value = r.Field == RejectedField.Row ? null : NumberText.Format(r.Value);
                Problem?.Invoke(new InputProblem(Schema.SourceName, _block.RowNumbers[r.Index], Schema.ColumnName(r.Field, r.Column), value, r.Reason)
                {
                    Tag = _tags[r.Index],
                });
            }
            foreach (int i in _result.OffSumRows)
            {
                OffSumRows++;
                if (_offSumExamples.Count < 10) _offSumExamples.Add(_block.RowNumbers[i]);
            }
        }

        private LossAccumulator? GroupOf(string key)
        {
            int g = Reader.GroupNames.IndexOf(key);
            if (g < 0) return null;
            while (Groups.Count <= g) Groups.Add(Engine.CreateAccumulator());
            return Groups[g];
        }
    }
}
