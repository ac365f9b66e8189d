using System.Collections.Generic;
using System.Threading;
using CrossEntropy.Data.Problems;
using CrossEntropy.Data.Records;
using CrossEntropy.Data.Sources;
using CrossEntropy.Engine;

namespace CrossEntropy.Data.Runs
{
    /// <summary>One thing a chunk produced, in row order: a computed (or waiting) block, or a problem.</summary>
    internal readonly struct ChunkEvent
    {
        public ChunkEvent(Problem problem)
        {
            Problem = problem;
            Block = null;
            Result = null;
        }

        public ChunkEvent(RowBlock block, BlockResult? result)
        {
            Problem = null;
            Block = block;
            Result = result;
        }

        /// <summary>A rejected row, or null.</summary>
        public Problem? Problem { get; }
        /// <summary>A block of rows, or null.</summary>
        public RowBlock? Block { get; }
        /// <summary>The block's result; null when the block waits for the total weight (gradient of the mean).</summary>
        public BlockResult? Result { get; }
    }

    /// <summary>
    /// A chunk of a file computed on a worker thread for a <see cref="LossRun"/>: its rows are numbered from 1 and its
    /// groups from 0, its sums kept apart, and what the run would write (blocks, problems) recorded in row order for
    /// the run to absorb. Reused for chunk after chunk once absorbed.
    /// </summary>
    internal sealed class RunChunk : IChunkWorker
    {
        private readonly BlockPass _pass;
        private readonly bool _keepsBlocks;
        private readonly List<ChunkEvent> _events = new List<ChunkEvent>();
        // Rows that could not be read wait for their block, so that they come out with its rejections in row order.
        private readonly List<Problem> _held = new List<Problem>();
        private readonly List<Problem> _problems = new List<Problem>();

        /// <summary>
        /// A chunk of a run of <paramref name="plan"/>; <paramref name="keepsBlocks"/> when the run writes rows or waits for
        /// the total (the blocks handed over come from, and go back to, <paramref name="pool"/>).
        /// </summary>
        public RunChunk(RunPlan plan, bool keepsBlocks, BlockPool pool)
        {
            _pass = new BlockPass(plan, pool);
            _keepsBlocks = keepsBlocks;
        }

        /// <summary>The chunk's sums.</summary>
        public RunSums Sums => _pass.Sums;
        /// <summary>The chunk's groups, numbered in the order it saw them.</summary>
        public IReadOnlyList<string> GroupNames => _pass.Reader.GroupNames;
        /// <summary>What the chunk produced, in row order.</summary>
        public IReadOnlyList<ChunkEvent> Events => _events;

        /// <inheritdoc/>
        public long Read(IRecordCursor records, CancellationToken token)
        {
            long row = 0;
            // Plain rows of a byte chunk go straight into the block; a row they cannot take is read as a record.
            IPlainRows? plain = _pass.Reader.PlainRows == null ? null : records as IPlainRows;
            while (true)
            {
                if (plain != null)
                {
                    token.ThrowIfCancellationRequested();
                    row += _pass.AddPlainRows(plain, row + 1);
                    if (_pass.IsFull)
                    {
                        Flush();
                        continue;
                    }
                }
                if (!records.Read()) break;
                if ((row & 1023) == 0) token.ThrowIfCancellationRequested();
                Problem? problem = _pass.Add(records, ++row, null);
                if (problem != null) _held.Add(problem);
                else if (_pass.IsFull) Flush();
            }
            Flush();
            return row;
        }

        /// <summary>Empties the chunk after its run has absorbed it, keeping its buffers where they were not handed over.</summary>
        public void Reset()
        {
            _pass.Reset();
            _events.Clear();
            _held.Clear();
        }

        private void Flush()
        {
            if (_pass.IsEmpty)
            {
                foreach (Problem p in _held) _events.Add(new ChunkEvent(p));
                _held.Clear();
                return;
            }
            bool ready = _pass.Compute();
            if (ready && _keepsBlocks) _events.Add(new ChunkEvent(_pass.Block, _pass.Result));
            _pass.TakeProblems(_held, _problems);
            foreach (Problem p in _problems) _events.Add(new ChunkEvent(p));
            _problems.Clear();
            if (!_keepsBlocks)
            {
                _pass.Clear();
                return;
            }
            if (!ready) _events.Add(new ChunkEvent(_pass.Block, null)); // computed again once the run knows the total
            _pass.Detach(withResult: ready, withTags: false); // the old buffers now belong to the run's output (its rows have no handles)
        }
    }
}
