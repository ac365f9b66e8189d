using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace CrossEntropy.Data
{
    /// <summary>
    /// Reads a file's chunks (<see cref="CsvFile"/>) and runs each through its own chunk of a <see cref="LossRun"/>
    /// on the thread pool, at most <c>threads</c> at a time, while the calling thread absorbs finished chunks in file
    /// order (so output, errors and sums come out exactly as a sequential read gives them, for any thread count).
    /// A few chunks are in flight at most, so memory stays flat on files of any size.
    /// </summary>
    public static class ParallelFile
    {
        private static int _activeWorkers;

        /// <summary>Chunks being computed right now, in this process (a diagnostic: 0 whenever no file is being read).</summary>
        public static int ActiveWorkers => Volatile.Read(ref _activeWorkers);

        /// <summary>
        /// Runs the whole file through <paramref name="run"/>. <paramref name="stopping"/> is polled between chunks;
        /// <paramref name="progress"/> gets (bytes, rows) after each chunk. Returns the rows read.
        /// </summary>
        public static long Run(CsvFile file, LossRun run, int threads, Func<bool> stopping, Action<long, long>? progress = null,
            int chunkBytes = CsvFile.DefaultChunkBytes)
        {
            threads = Math.Max(1, threads);
            var scheduler = new ConcurrentExclusiveSchedulerPair(TaskScheduler.Default, threads).ConcurrentScheduler;
            var pending = new Queue<(CsvChunk Chunk, Task<LossRun> Work)>();
            using var cancel = new CancellationTokenSource();
            long rows = 0, bytes = file.DataOffset;
            try
            {
                foreach (CsvChunk chunk in file.Chunks(chunkBytes))
                {
                    if (stopping()) return rows;
                    while (pending.Count >= 2 * threads) Absorb(pending.Dequeue());
                    CancellationToken token = cancel.Token;
                    pending.Enqueue((chunk, Task.Factory.StartNew(() => Compute(file, run, chunk, token), token, TaskCreationOptions.None, scheduler)));
                }
                while (pending.Count > 0 && !stopping()) Absorb(pending.Dequeue());
                return rows;
            }
            finally
            {
                // Stopped early (Ctrl+C, Select-Object -First, an error): leave no work running behind us.
                cancel.Cancel();
                foreach ((CsvChunk _, Task<LossRun> work) in pending)
                {
                    try
                    {
                        work.Wait();
                    }
                    catch (AggregateException)
                    {
                        // the chunk's own error, if any, does not matter once we stop
                    }
                }
            }

            void Absorb((CsvChunk Chunk, Task<LossRun> Work) item)
            {
                LossRun chunkRun;
                try
                {
                    chunkRun = item.Work.GetAwaiter().GetResult(); // rethrows the worker's exception as itself
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                run.Absorb(chunkRun, rows);
                rows += chunkRun.Total.Read;
                bytes += item.Chunk.Length;
                progress?.Invoke(bytes, rows);
            }
        }

        private static LossRun Compute(CsvFile file, LossRun run, CsvChunk chunk, CancellationToken token)
        {
            Interlocked.Increment(ref _activeWorkers);
            try
            {
                LossRun chunkRun = run.CreateChunk();
                using CsvRecordSource records = file.ReadChunk(chunk);
                long row = 0;
                while (records.Read())
                {
                    if ((row & 1023) == 0) token.ThrowIfCancellationRequested();
                    chunkRun.Add(records, ++row);
                }
                chunkRun.Flush();
                return chunkRun;
            }
            finally
            {
                Interlocked.Decrement(ref _activeWorkers);
            }
        }
    }
}
