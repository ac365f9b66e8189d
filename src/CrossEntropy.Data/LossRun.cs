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
    /// A run can also be a deferred chunk of a bigger run (<see cref="CreateChunk"/>): computed on a worker thread,
    /// it records its output instead of raising it, and the main run <see cref="Absorb"/>s chunks in file order.
    /// </summary>
    public sealed class LossRun
    {
        /// <summary>Rows per block at most: big enough to amortise calls, small enough to stay in cache.</summary>
        public const int DefaultBlockSize = 1024;

        /// <summary>Rows per block for <paramref name="classes"/> scores a row: about 32K doubles a block (cache-sized), 1 to 1024 rows.</summary>
        public static int BlockRowsFor(int classes) => Math.Max(1, Math.Min(DefaultBlockSize, 32768 / Math.Max(1, classes)));

        private readonly int _blockSize;
        private readonly List<long> _offSumExamples = new List<long>();
        private readonly List<(RowBlock Block, object?[] Tags)> _retained = new List<(RowBlock, object?[])>();
        private readonly LossAccumulator _blockSums;
        // Deferred chunks: output recorded in order (a block's rows, then its problems) for the main run to replay.
        private readonly List<(InputProblem? Problem, RowBlock? Block, BlockResult? Result)> _events = new List<(InputProblem?, RowBlock?, BlockResult?)>();
        private readonly bool _deferred, _keepBlocks;
        // Deferred chunks hold back a block's reading problems so that they come out with its engine problems in row order.
        private readonly List<InputProblem> _heldProblems = new List<InputProblem>();
        private RowBlock _block;
        private BlockResult _result;
        private object?[] _tags;

        /// <summary>Prepares a run over rows shaped by <paramref name="schema"/> (block size 0: <see cref="BlockRowsFor"/>).</summary>
        public LossRun(Schema schema, LossOptions options, RunMode mode = RunMode.Loss, int blockSize = 0)
            : this(schema, new LossEngine(options), mode, blockSize > 0 ? blockSize : BlockRowsFor(options.Classes), deferred: false, keepBlocks: false)
        {
        }

        private LossRun(Schema schema, LossEngine engine, RunMode mode, int blockSize, bool deferred, bool keepBlocks)
        {
            Schema = schema;
            Mode = mode;
            Engine = engine;
            Reader = new RowReader(schema, engine.Options.IgnoreIndex, labelsAreOptional: mode == RunMode.Softmax);
            _blockSize = blockSize;
            _block = Reader.CreateBlock(blockSize);
            _result = Engine.CreateResult(blockSize);
            _tags = new object?[blockSize];
            Total = Engine.CreateAccumulator();
            _blockSums = Engine.CreateAccumulator();
            _deferred = deferred;
            _keepBlocks = keepBlocks;
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

        /// <summary>
        /// Gradient mode: the reduction's normaliser if known up front (1 for Sum). Null (the mean) keeps every block
        /// until <see cref="ReplayGradients"/> knows the total weight.
        /// </summary>
        public double? GradientNormaliser { get; set; }
        /// <summary>Gradient mode: cap on each row's gradient L2 norm (0: none).</summary>
        public double ClipNorm { get; set; }

        /// <summary>
        /// Called with each computed block (per-row output): Softmax mode fills <see cref="BlockResult.Probabilities"/>,
        /// Gradient mode <see cref="BlockResult.Gradient"/>.
        /// </summary>
        public Action<RowBlock, BlockResult>? BlockComputed { get; set; }
        /// <summary>Called for each rejected row.</summary>
        public Action<InputProblem>? Problem { get; set; }

        private bool RetainsForMean => Mode == RunMode.Gradient && GradientNormaliser == null;

        /// <summary>The tag given with row <paramref name="i"/> of the block being reported.</summary>
        public object? TagOf(int i) => _tags[i];

        /// <summary>
        /// A run for one chunk of this run's source, to be computed on another thread and then <see cref="Absorb"/>ed.
        /// Row numbers in the chunk start at 1; absorbing shifts them.
        /// </summary>
        public LossRun CreateChunk() =>
            new LossRun(Schema, Engine, Mode, _blockSize, deferred: true, keepBlocks: BlockComputed != null || RetainsForMean)
            {
                LogProbabilities = LogProbabilities,
                GradientNormaliser = GradientNormaliser,
                ClipNorm = ClipNorm,
            };

        /// <summary>
        /// Empties a chunk run after it has been absorbed, so the next chunk can use it (and its buffers) again.
        /// </summary>
        public void ResetChunk()
        {
            if (!_deferred) throw new InvalidOperationException("Only a chunk run can be reset.");
            Total.Clear();
            _blockSums.Clear();
            Groups.Clear();
            Reader.ResetGroups();
            OffSumRows = 0;
            _offSumExamples.Clear();
            _events.Clear();
            _heldProblems.Clear();
            if (_keepBlocks) NewBuffers(newResult: true); // the old ones now belong to the main run's output
            _block.Clear();
            Array.Clear(_tags, 0, _tags.Length);
        }

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
                    GroupOf(Reader.GroupIndexOf(record.GetText(Schema.GroupColumn))).AddRejected(1);
                if (_deferred) _heldProblems.Add(problem);
                else RaiseProblem(problem);
                return;
            }
            if (_block.IsFull) Flush();
        }

        /// <summary>Computes whatever rows are waiting.</summary>
        public void Flush()
        {
            if (_block.Count == 0)
            {
                foreach (InputProblem p in _heldProblems) RaiseProblem(p);
                _heldProblems.Clear();
                return;
            }
            bool emit = true;
            switch (Mode)
            {
                case RunMode.Softmax:
                    SoftmaxKernel.Compute(Engine.Options, _block, _result, LogProbabilities);
                    break;
                case RunMode.Gradient when GradientNormaliser is double normaliser:
                    Engine.Compute(_block, _result, keepExponentials: true);
                    GradientKernel.Compute(Engine.Options, _block, _result, normaliser, ClipNorm);
                    break;
                case RunMode.Gradient:
                    Engine.Compute(_block, _result);
                    emit = false; // rows come out in ReplayGradients, once the mean's denominator is known
                    break;
                default:
                    Engine.Compute(_block, _result);
                    break;
            }
            if (emit) RaiseBlock();
            Sum();
            Report();
            if (RetainsForMean && !_deferred)
            {
                _retained.Add((_block, _tags));
                NewBuffers(newResult: false);
            }
            else if (_deferred && _keepBlocks)
            {
                if (!emit) _events.Add((null, _block, null)); // kept for the main run's replay
                NewBuffers(newResult: emit);
            }
            else
            {
                _block.Clear();
                Array.Clear(_tags, 0, _tags.Length);
            }
        }

        /// <summary>
        /// Adds a finished chunk (<see cref="CreateChunk"/>) to this run: its sums, groups and problem counts, and
        /// its per-row output and problems, raised here in order with row numbers shifted by <paramref name="rowOffset"/>.
        /// </summary>
        public void Absorb(LossRun chunk, long rowOffset)
        {
            chunk.Flush();
            Total.Merge(chunk.Total);
            var groupMap = new int[chunk.Reader.GroupNames.Count];
            for (int g = 0; g < groupMap.Length; g++) groupMap[g] = Reader.GroupIndexOf(chunk.Reader.GroupNames[g]);
            for (int g = 0; g < chunk.Groups.Count; g++) GroupOf(groupMap[g]).Merge(chunk.Groups[g]);
            OffSumRows += chunk.OffSumRows;
            foreach (long row in chunk.OffSumExamples)
                if (_offSumExamples.Count < 10) _offSumExamples.Add(row + rowOffset);
            foreach ((InputProblem? problem, RowBlock? block, BlockResult? result) in chunk._events)
            {
                if (problem != null)
                {
                    RaiseProblem(problem.WithRowOffset(rowOffset));
                    continue;
                }
                for (int i = 0; i < block!.Count; i++)
                {
                    block.RowNumbers[i] += rowOffset;
                    if (block.Groups != null) block.Groups[i] = groupMap[block.Groups[i]];
                }
                if (result != null) BlockComputed?.Invoke(block, result);
                else _retained.Add((block, new object?[block.Capacity]));
            }
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
                Engine.Compute(block, _result, keepExponentials: true);
                GradientKernel.Compute(Engine.Options, block, _result, normaliser, ClipNorm);
                BlockComputed?.Invoke(block, _result);
            }
            _retained.Clear();
        }

        private void NewBuffers(bool newResult)
        {
            _block = Reader.CreateBlock(_blockSize);
            _tags = new object?[_blockSize];
            if (newResult) _result = Engine.CreateResult(_blockSize);
        }

        private void RaiseBlock()
        {
            if (!_deferred) BlockComputed?.Invoke(_block, _result);
            else if (_keepBlocks) _events.Add((null, _block, _result));
        }

        private void RaiseProblem(InputProblem problem)
        {
            if (_deferred) _events.Add((problem, null, null));
            else Problem?.Invoke(problem);
        }

        private void Sum()
        {
            // Sum the block alone, then merge: the same association as the parallel paths.
            _blockSums.Clear();
            if (Mode == RunMode.Softmax) _blockSums.AddStatuses(_result);
            else _blockSums.AddBlock(_block, _result);
            Total.Merge(_blockSums);
            if (_block.Groups == null || Mode == RunMode.Softmax) return;
            for (int i = 0; i < _result.Count; i++) GroupOf(_block.Groups[i]).Add(_block, _result, i);
        }

        private void Report()
        {
            int held = 0;
            foreach (RowRejection r in _result.Rejections)
            {
                long row = _block.RowNumbers[r.Index];
                while (held < _heldProblems.Count && _heldProblems[held].Row < row) RaiseProblem(_heldProblems[held++]);
                string? value = r.Field == RejectedField.Row ? null : NumberText.Format(r.Value);
                RaiseProblem(new InputProblem(Schema.SourceName, row, Schema.ColumnName(r.Field, r.Column), value, r.Reason)
                {
                    Tag = _tags[r.Index],
                });
            }
            while (held < _heldProblems.Count) RaiseProblem(_heldProblems[held++]);
            _heldProblems.Clear();
            foreach (int i in _result.OffSumRows)
            {
                OffSumRows++;
                if (_offSumExamples.Count < 10) _offSumExamples.Add(_block.RowNumbers[i]);
            }
        }

        private LossAccumulator GroupOf(int g)
        {
            while (Groups.Count <= g) Groups.Add(Engine.CreateAccumulator());
            return Groups[g];
        }
    }
}
