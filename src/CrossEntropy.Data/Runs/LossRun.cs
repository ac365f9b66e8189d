using System.Collections.Generic;
using CrossEntropy.Data.Audit;
using CrossEntropy.Data.Problems;
using CrossEntropy.Data.Records;
using CrossEntropy.Data.Schemas;
using CrossEntropy.Data.Sources;
using CrossEntropy.Engine;
using CrossEntropy.Engine.Audit;

namespace CrossEntropy.Data.Runs
{
    /// <summary>
    /// One pass of rows through the engine, for every cmdlet and every source: records in, blocks computed, sums kept
    /// (overall and per group), rows and problems out to the sink given at construction, in row order. A file is read
    /// in chunks on other threads (<see cref="ParallelFile"/>): each <see cref="RunChunk"/> computes its rows and
    /// records its output, and the run absorbs chunks in file order, so output, errors and sums come out as one
    /// sequential read gives them.
    /// </summary>
    internal sealed class LossRun : IChunkWork
    {
        private readonly BlockPass _pass;
        private readonly BlockPool _pool;
        private readonly IRunSink _sink;
        private readonly List<Problem> _noneHeld = new List<Problem>();
        private readonly List<Problem> _problems = new List<Problem>();
        // Gradient of the mean: every block waits (with its handles) until the total weight is known.
        private readonly List<(RowBlock Block, object?[] Tags, string? Source)> _waiting = new List<(RowBlock, object?[], string?)>();
        // File rows have no handles: one empty array stands for all of them.
        private readonly object?[] _noTags;
        private bool _finished;

        /// <summary>A run of <paramref name="plan"/> writing to <paramref name="sink"/>, with an audit if given.</summary>
        public LossRun(RunPlan plan, IRunSink sink, AuditStage? audit = null)
        {
            Plan = plan;
            Audit = audit;
            _sink = sink;
            _pool = new BlockPool(plan);
            // Rows that are neither written nor audited need their tags only to name a rejected row.
            _pass = new BlockPass(plan, _pool, tagsOnlyForRejections: !plan.PerRowOutput && audit == null);
            _noTags = new object?[plan.BlockSize];
        }

        /// <summary>What the run computes.</summary>
        public RunPlan Plan { get; }

        /// <summary>Most blocks that ever waited at once for the total weight (the gradient of the mean read in one pass).</summary>
        public int PeakWaitingBlocks { get; private set; }
        /// <summary>The mapping rows are read through (the first source's, when sources are combined).</summary>
        public Schema Schema => Plan.Schema;
        /// <summary>The audit, if the run has one.</summary>
        public AuditStage? Audit { get; }
        /// <summary>Sums over every row, per group, and the off-sum probability rows.</summary>
        public RunSums Sums => _pass.Sums;
        /// <summary>Sums over every row.</summary>
        public LossAccumulator Total => _pass.Sums.Total;
        /// <summary>Group names in the order first seen (with -GroupBy).</summary>
        public IReadOnlyList<string> GroupNames => _pass.Reader.GroupNames;

        /// <summary>Sums of group <paramref name="g"/> (empty if none of its rows was read).</summary>
        public LossAccumulator GroupSums(int g) => g < Sums.Groups.Count ? Sums.Groups[g] : Plan.NewAccumulator();

        /// <summary>
        /// The file being read, if any: its rows carry no handle of their own, so a ranked row of it is tagged with the
        /// path, and its cells are read back from there (<see cref="Csv.RowCells"/>). Null for other sources.
        /// </summary>
        public string? CurrentFile { get; set; }

        /// <summary>
        /// The source being read (its file path, "pipeline input"...): per-row output names it, so rows of combined
        /// sources say which file they come from. Null: the schema's source.
        /// </summary>
        public string? CurrentSource { get; set; }

        /// <summary>Reads one record; computes a block whenever one fills. <paramref name="tag"/> travels with the row.</summary>
        public void Add(IRecord record, long row, object? tag = null)
        {
            // A ranked row must show its cells: rows without an object of their own (DataFrame, arguments) keep them.
            if (tag == null && Audit?.Noisy != null && CurrentFile == null) tag = CellsOf(record, Schema.Columns.Count);
            Problem? problem = _pass.Add(record, row, tag);
            if (problem != null) _sink.Problem(problem); // reported at once: nothing is held back on this path
            else if (_pass.IsFull) Flush();
        }

        /// <summary>Computes whatever rows are waiting and writes them.</summary>
        public void Flush()
        {
            if (_pass.IsEmpty) return;
            bool ready = _pass.Compute();
            _pass.TakeProblems(_noneHeld, _problems);
            if (ready) Emit(_pass.Block, _pass.Result, _pass.Tags, CurrentSource, _problems);
            else foreach (Problem p in _problems) _sink.Problem(p);
            _problems.Clear();
            if (ready) _pass.Clear();
            else
            {
                _waiting.Add((_pass.Block, _pass.Tags, CurrentSource));
                PeakWaitingBlocks = System.Math.Max(PeakWaitingBlocks, _waiting.Count);
                _pass.Detach(withResult: false, withTags: true);
            }
        }

        /// <summary>
        /// Ends the run: computes the last rows and, for the gradient of the mean, every waiting block's gradient
        /// divided by the total weight, written in row order. Once only.
        /// </summary>
        public void Finish()
        {
            if (_finished) return;
            _finished = true;
            Flush();
            // An overflowed total (weights near 1e308) gives NaN gradients rather than a silent 0; the driver warns.
            bool overflow = Total.WeightsOverflow;
            double totalWeight = overflow ? double.NaN : Total.WeightSum;
            double totalSampleWeight = overflow ? double.NaN : Total.SampleWeightSum;
            foreach ((RowBlock block, object?[] tags, string? source) in _waiting)
            {
                _pass.Replay(block, totalWeight, totalSampleWeight);
                Emit(block, _pass.Result, tags, source, _problems);
                _pool.Return(block);
            }
            _waiting.Clear();
        }

        IChunkWorker IChunkWork.NewWorker() => new RunChunk(Plan, keepsBlocks: EmitsRows || Plan.WaitsForTotal, _pool);

        void IChunkWork.Absorb(IChunkWorker worker, long rowOffset, string? part)
        {
            var chunk = (RunChunk)worker;
            IReadOnlyList<string> names = chunk.GroupNames;
            var groupMap = new int[names.Count];
            for (int g = 0; g < groupMap.Length; g++) groupMap[g] = _pass.Reader.GroupIndexOf(names[g]);
            Sums.Merge(chunk.Sums, groupMap, rowOffset);
            IReadOnlyList<ChunkEvent> events = chunk.Events;
            for (int k = 0; k < events.Count; k++)
            {
                ChunkEvent e = events[k];
                if (e.Problem != null)
                {
                    _sink.Problem(e.Problem.WithRowOffset(rowOffset).InPart(part));
                    continue;
                }
                // A block's problems follow it: they are written among its rows, in row order.
                while (k + 1 < events.Count && events[k + 1].Problem != null) _problems.Add(events[++k].Problem!.WithRowOffset(rowOffset).InPart(part));
                RowBlock block = e.Block!;
                for (int i = 0; i < block.Count; i++)
                {
                    block.RowNumbers[i] += rowOffset;
                    if (block.Groups != null) block.Groups[i] = groupMap[block.Groups[i]];
                }
                if (e.Result == null)
                {
                    foreach (Problem p in _problems) _sink.Problem(p);
                    _problems.Clear();
                    _waiting.Add((block, _noTags, CurrentSource));
                    PeakWaitingBlocks = System.Math.Max(PeakWaitingBlocks, _waiting.Count);
                    continue;
                }
                Emit(block, e.Result, _noTags, CurrentSource, _problems);
                _problems.Clear();
                _pool.Return(block); // written: the chunks may fill them again
                _pool.Return(e.Result);
            }
            chunk.Reset();
        }

        // Rows go out only where someone reads them: per-row output, or an audit (which sees every block).
        private bool EmitsRows => Plan.PerRowOutput || Audit != null;

        // The block's rows and its problems (in row order) interleaved: each problem is written after the rows before
        // it and before the rows after it, so -ErrorAction Stop ends the output at the bad row.
        private void Emit(RowBlock block, BlockResult result, object?[] tags, string? source, List<Problem> problems)
        {
            if (!EmitsRows)
            {
                foreach (Problem p in problems) _sink.Problem(p);
                return;
            }
            AuditResult? figures = Audit?.Add(block, result, GroupNames.Count, tags, CurrentFile);
            int from = 0;
            foreach (Problem p in problems)
            {
                int to = from;
                while (to < block.Count && block.RowNumbers[to] < p.Row) to++;
                if (to > from) _sink.Rows(new RowOutcomes(Plan, block, result, figures, GroupNames, tags, source, from, to - from));
                from = to;
                _sink.Problem(p);
            }
            if (from < block.Count) _sink.Rows(new RowOutcomes(Plan, block, result, figures, GroupNames, tags, source, from, block.Count - from));
        }

        private static string?[] CellsOf(IRecord record, int columns)
        {
            var cells = new string?[columns];
            for (int c = 0; c < columns; c++) cells[c] = record.HasField(c) ? record.GetText(c) : null;
            return cells;
        }
    }
}
