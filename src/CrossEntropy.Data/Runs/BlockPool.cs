using System.Collections.Concurrent;
using CrossEntropy.Engine;

namespace CrossEntropy.Data.Runs
{
    /// <summary>
    /// Row blocks and result buffers a run's chunks hand over to it (their rows are written later, in file order) come
    /// back here once written, for the next chunks to fill. Without it every handed-over block would be new: on 50,000
    /// classes a block is one row and its buffers two megabytes, all of it garbage a moment later. Thread-safe.
    /// </summary>
    internal sealed class BlockPool
    {
        private readonly RunPlan _plan;
        private readonly RowReader _shapes;
        private readonly ConcurrentBag<RowBlock> _blocks = new ConcurrentBag<RowBlock>();
        private readonly ConcurrentBag<BlockResult> _results = new ConcurrentBag<BlockResult>();

        /// <summary>A pool of blocks shaped for <paramref name="plan"/>.</summary>
        public BlockPool(RunPlan plan)
        {
            _plan = plan;
            _shapes = new RowReader(plan.Schema);
        }

        /// <summary>An empty block (a returned one, or a new one).</summary>
        public RowBlock Block()
        {
            if (!_blocks.TryTake(out RowBlock? block)) return _shapes.CreateBlock(_plan.BlockSize);
            block.Clear();
            return block;
        }

        /// <summary>A result buffer (a returned one, or a new one).</summary>
        public BlockResult Result() => _results.TryTake(out BlockResult? result) ? result : _plan.Engine.CreateResult(_plan.BlockSize);

        /// <summary>Takes back a block whose rows have been written.</summary>
        public void Return(RowBlock block) => _blocks.Add(block);

        /// <summary>Takes back a result whose rows have been written.</summary>
        public void Return(BlockResult result) => _results.Add(result);
    }
}
