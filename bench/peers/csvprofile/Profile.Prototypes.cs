using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading.Tasks;
using CrossEntropy.Data.Csv;
using CrossEntropy.Data.Records;
using CrossEntropy.Data.Runs;
using CrossEntropy.Data.Sources;
using CrossEntropy.Engine;

namespace CrossEntropy.Bench.Peers
{
    /// <summary>
    /// The prototype stages: byte-level parsers (<see cref="ChunkState"/>) from the file's chunks, on one or two
    /// threads, and the mem_ stages that parse chunks kept in memory, so the parsers are compared without file reads.
    /// </summary>
    internal sealed partial class Profile
    {
        // The mem_ stages parse chunks already in memory (read once, kept): the parsers' own cost, no file reads.
        private List<FileChunk>? _inMemory;

        private List<FileChunk> InMemory()
        {
            if (_inMemory != null) return _inMemory;
            _inMemory = new List<FileChunk>();
            foreach (FileChunk chunk in _file.Chunks())
            {
                var copy = new byte[chunk.Length];
                Buffer.BlockCopy(chunk.Buffer, 0, copy, 0, chunk.Length);
                _inMemory.Add(new FileChunk(chunk.Index, copy, chunk.Length, chunk.FileOffset));
                chunk.Release();
            }
            return _inMemory;
        }

        public double MemorySylvan()
        {
            double sum = 0;
            int classes = Classes;
            foreach (FileChunk chunk in InMemory())
            {
                using var records = _file.ReadChunk(chunk, _buffer);
                while (records.Read())
                {
                    for (int c = 0; c < classes; c++)
                    {
                        records.TryGetDouble(c, out double v);
                        sum += v;
                    }
                    int label = 0;
                    foreach (char ch in records.GetSpan(classes)) label = label * 10 + (ch - '0');
                    sum += label;
                }
            }
            return sum;
        }

        // The real byte path's plain rows (ByteChunkReader.ReadPlainRows, as RunChunk reads them) over in-memory chunks,
        // summed as MemoryBytes sums (row by row, logits then label), so equal checksums mean bit-identical values.
        public double MemoryPlain()
        {
            var reader = new RowReader(Schema);
            RowBlock block = reader.CreateBlock(RunPlan.BlockRowsFor(Classes));
            double sum = 0;
            foreach (FileChunk chunk in InMemory())
            {
                using var records = _file.ReadChunk(chunk, _buffer);
                var plain = (ByteChunkReader)records;
                long row = 0;
                while (true)
                {
                    row += plain.ReadPlainRows(reader.PlainRows!, block, row + 1);
                    if (!block.IsFull) break;
                    SumAndClear(block, ref sum);
                }
            }
            SumAndClear(block, ref sum);
            return sum;
        }

        // Every cell of the chunks in memory through Utf8Number.Parse (the 16-byte window first) or through
        // ParseByDigitRuns (Parse as it was before the window): the parser alone, for an A/B in one process. Run the two
        // stages alternately (--stages mem_numbers_runs,mem_numbers,...): the checksums must be equal.
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // as ReadPlainRows, its caller in -Path
        public unsafe double MemoryNumbers(bool window)
        {
            double sum = 0;
            foreach (FileChunk chunk in InMemory())
            {
                fixed (byte* b = chunk.Buffer)
                {
                    byte* p = b, end = b + chunk.Length, readable = b + chunk.Buffer.Length;
                    while (p < end)
                    {
                        byte* q = window ? Utf8Number.Parse(p, end, readable, out double value) : Utf8Number.ParseByDigitRuns(p, end, readable, out value);
                        if (q == null) throw new InvalidOperationException("a cell outside the fast path at byte " + (p - b));
                        sum += value;
                        p = q + 1; // past the delimiter or the line end (the file is LF, one number or label a cell)
                    }
                }
            }
            return sum;
        }

        private static void SumAndClear(RowBlock block, ref double sum)
        {
            for (int i = 0; i < block.Count; i++)
            {
                for (int c = 0; c < block.Classes; c++) sum += block.Values[i * block.Classes + c];
                sum += block.Labels[i];
            }
            block.Clear();
        }

        public double MemoryBytes(bool swar, bool lengths, bool indexed = false)
        {
            var state = new ChunkState(new LossEngine(_options), RunPlan.BlockRowsFor(Classes), Classes, swar, lengths, indexed);
            foreach (FileChunk chunk in InMemory()) state.Parse(chunk.Buffer, chunk.Length, engine: false);
            return state.Checksum;
        }

        // The prototype: parse the chunk's UTF-8 bytes straight into RowBlocks (no UTF-16, no per-field calls),
        // each row "x_0,...,x_{C-1},label\n"; any other byte makes it give up (the real thing would fall back to
        // Sylvan for that chunk). Numbers go through the same Clinger fast path as NumberText, so the doubles are
        // bit-identical (the checksum and the loss say so).
        public double Bytes(bool engine, bool swar = false, bool lengths = false, bool indexed = false)
        {
            var lossEngine = new LossEngine(_options);
            var chunkState = new ChunkState(lossEngine, RunPlan.BlockRowsFor(Classes), Classes, swar, lengths, indexed);
            double sum = 0;
            foreach (FileChunk chunk in _file.Chunks())
            {
                sum += chunkState.Parse(chunk.Buffer, chunk.Length, engine);
                chunk.Release();
            }
            return engine ? chunkState.Finish().Mean : chunkState.Checksum + sum;
        }

        // Two workers over chunks handed out in file order; the main thread reads ahead (a sketch of ParallelFile
        // with the byte parser; sums merged in chunk order so the result does not depend on the thread count).
        public double BytesParallel(int threads, bool swar = false, bool lengths = false, bool indexed = false)
        {
            var lossEngine = new LossEngine(_options);
            int blockRows = RunPlan.BlockRowsFor(Classes);
            var pending = new Queue<(FileChunk, Task<LossAccumulator>)>();
            var total = lossEngine.CreateAccumulator();
            var states = new ConcurrentBag<ChunkState>();
            foreach (FileChunk chunk in _file.Chunks())
            {
                while (pending.Count >= 2 * threads) Drain();
                pending.Enqueue((chunk, Task.Run(() =>
                {
                    ChunkState s = states.TryTake(out ChunkState? st) ? st : new ChunkState(lossEngine, blockRows, Classes, swar, lengths, indexed);
                    s.Parse(chunk.Buffer, chunk.Length, engine: true);
                    LossAccumulator a = s.Finish();
                    states.Add(s);
                    return a;
                })));
            }
            while (pending.Count > 0) Drain();
            return total.Mean;

            void Drain()
            {
                (FileChunk c, Task<LossAccumulator> t) = pending.Dequeue();
                total.Merge(t.Result);
                c.Release();
            }
        }
    }
}
