using System;
using System.Collections.Generic;
using CrossEntropy.Data.Problems;
using CrossEntropy.Data.Records;
using CrossEntropy.Engine;

namespace CrossEntropy.Data.Runs
{
    /// <summary>
    /// Records in, blocks computed, sums kept: the part a run and its chunks share. Reads records into a block,
    /// computes a full block as the plan's mode says, adds its rows to the sums (overall and per group) and turns the
    /// engine's rejections into problems. What happens to a computed block (written, kept, replayed) is the owner's.
    /// </summary>
    internal sealed class BlockPass
    {
        private readonly RunPlan _plan;
        private readonly BlockPool _pool;
        private readonly LossAccumulator _blockSums;
        private RowBlock _block;
        private BlockResult _result;
        private object?[] _tags;
        private readonly bool _tagsOnlyForRejections;

        /// <summary>
        /// A pass over rows of <paramref name="plan"/>; blocks it hands over come from <paramref name="pool"/>.
        /// <paramref name="tagsOnlyForRejections"/>: the owner reads a row's tag only to name it in a rejection (its rows
        /// are not written, nor kept), so a row that the engine cannot reject (<see cref="RejectionScreen"/>) keeps none.
        /// </summary>
        public BlockPass(RunPlan plan, BlockPool pool, bool tagsOnlyForRejections = false)
        {
            _plan = plan;
            _pool = pool;
            _tagsOnlyForRejections = tagsOnlyForRejections && plan.Mode == RunMode.Loss && !plan.WaitsForTotal;
            // Softmax only shows labels, so a label it cannot read is no reason to reject the row.
            Reader = new RowReader(plan.Schema, plan.Options.IgnoreIndex, labelsAreOptional: plan.Mode == RunMode.Softmax);
            Sums = new RunSums(plan);
            _blockSums = plan.NewAccumulator();
            _block = Reader.CreateBlock(plan.BlockSize);
            _result = plan.Engine.CreateResult(plan.BlockSize);
            _tags = new object?[plan.BlockSize];
        }

        /// <summary>The record-to-row reader (group names live here).</summary>
        public RowReader Reader { get; }
        /// <summary>The sums of every row computed (and of rows that could not be read).</summary>
        public RunSums Sums { get; }
        /// <summary>The block being filled, or just computed.</summary>
        public RowBlock Block => _block;
        /// <summary>The block's result, once computed.</summary>
        public BlockResult Result => _result;
        /// <summary>The caller's handles on the block's rows.</summary>
        public object?[] Tags => _tags;
        /// <summary>True when no row waits.</summary>
        public bool IsEmpty => _block.Count == 0;
        /// <summary>True when the block is full and must be computed.</summary>
        public bool IsFull => _block.IsFull;

        /// <summary>
        /// Reads a record into the block. A row that cannot be read is counted as rejected (overall and in its group)
        /// and its problem returned, carrying <paramref name="tag"/>.
        /// </summary>
        public Problem? Add(IRecord record, long row, object? tag)
        {
            int slot = _block.Count;
            Problem? problem = Reader.TryAdd(record, row, _block);
            if (problem == null)
            {
                // Held until the block is computed: a pipeline object that no rejection will name is let go at once.
                _tags[slot] = _tagsOnlyForRejections && tag != null && RejectionScreen.CannotReject(_plan.Engine.Options, _block, slot) ? null : tag;
                return null;
            }
            Sums.Total.AddRejected(1);
            if (_plan.Schema.GroupColumn >= 0 && record.HasField(_plan.Schema.GroupColumn)) Sums.GroupOf(Reader.GroupOf(record)).AddRejected(1);
            return problem.WithTag(tag);
        }

        /// <summary>
        /// Moves the rows <paramref name="source"/> vouches for into the block in bulk (numbered from
        /// <paramref name="firstRow"/>); returns how many (0: add the next record with <see cref="Add"/>). File rows only:
        /// they carry no handle.
        /// </summary>
        public int AddDirect(IBlockFill source, long firstRow) => source.Fill(_block, Reader, firstRow);

        /// <summary>
        /// Computes the block's rows as the plan's mode says and adds them to the sums. False when the rows must wait
        /// for the total weight (the gradient of the mean); they are computed again by <see cref="Replay"/>.
        /// </summary>
        public bool Compute()
        {
            LossOptions o = _plan.Options;
            bool ready = true;
            switch (_plan.Mode)
            {
                case RunMode.Softmax:
                    SoftmaxKernel.Compute(o, _block, _result, _plan.LogProbabilities);
                    break;
                case RunMode.Gradient when _plan.GradientNormaliser is double normaliser:
                    _plan.Engine.Compute(_block, _result, keepExponentials: true);
                    GradientKernel.Compute(o, _block, _result, normaliser, _plan.ClipNorm, zNormaliser: _plan.ZNormaliser);
                    break;
                default:
                    _plan.Engine.Compute(_block, _result);
                    ready = !_plan.WaitsForTotal;
                    break;
            }
            Sum();
            foreach (int i in _result.OffSumRows) Sums.AddOffSum(_block.RowNumbers[i]);
            return ready;
        }

        /// <summary>
        /// Computes a kept block again with the gradient of the mean, now that the total weight (and the used rows'
        /// sample weight, the z-loss part's normaliser) is known.
        /// </summary>
        public void Replay(RowBlock block, double totalWeight, double totalSampleWeight)
        {
            _plan.Engine.Compute(block, _result, keepExponentials: true);
            GradientKernel.Compute(_plan.Options, block, _result, totalWeight, _plan.ClipNorm, zNormaliser: totalSampleWeight);
        }

        /// <summary>
        /// The computed block's problems in row order: <paramref name="held"/> (rows that could not be read, held back
        /// until now) merged with the engine's rejections, appended to <paramref name="into"/>.
        /// </summary>
        public void TakeProblems(List<Problem> held, List<Problem> into)
        {
            int next = 0;
            foreach (RowRejection r in _result.Rejections)
            {
                long row = _block.RowNumbers[r.Index];
                while (next < held.Count && held[next].Row < row) into.Add(held[next++]);
                string? value = r.Field == RejectedField.Row ? null : NumberText.Format(r.Value);
                into.Add(new Problem(ProblemKind.Rejected, _plan.Schema.SourceName, row, _plan.Schema.ColumnName(r.Field, r.Column), value,
                    r.Reason, _tags[r.Index]));
            }
            while (next < held.Count) into.Add(held[next++]);
            held.Clear();
        }

        /// <summary>Empties the block for the next rows, keeping its buffers.</summary>
        public void Clear()
        {
            _block.Clear();
            Array.Clear(_tags, 0, _tags.Length);
        }

        /// <summary>
        /// Hands the block (with its result, if <paramref name="withResult"/>; with its handles, if
        /// <paramref name="withTags"/>) to the caller and goes on with buffers from the pool.
        /// </summary>
        public void Detach(bool withResult, bool withTags)
        {
            _block = _pool.Block();
            if (withTags) _tags = new object?[_plan.BlockSize];
            else Array.Clear(_tags, 0, _tags.Length);
            if (withResult) _result = _pool.Result();
        }

        /// <summary>Forgets the sums and groups (a chunk, once its run has absorbed it).</summary>
        public void Reset()
        {
            Sums.Clear();
            Reader.ResetGroups();
            Clear();
        }

        // The block alone, then merged: the same association as the parallel paths.
        private void Sum()
        {
            _blockSums.Clear();
            bool softmax = _plan.Mode == RunMode.Softmax;
            if (softmax) _blockSums.AddStatuses(_result);
            else _blockSums.AddBlock(_block, _result);
            Sums.Total.Merge(_blockSums);
            if (_block.Groups == null) return;
            for (int i = 0; i < _result.Count; i++)
            {
                LossAccumulator group = Sums.GroupOf(_block.Groups[i]);
                if (softmax) group.CountStatus(_result.Status[i]);
                else group.Add(_block, _result, i);
            }
        }
    }
}
