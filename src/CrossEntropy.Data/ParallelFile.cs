using System;
using System.Collections.Concurrent;
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
            var pending = new Queue<(CsvChunk Chunk, Task<Worker> Work)>();
            // Chunk runs and read buffers are reused: the few in flight cycle through a file of any size.
            var idle = new ConcurrentBag<Worker>();
            using var cancel = new CancellationTokenSource();
            long rows = 0, bytes = file.DataOffset;
            try
            {
                foreach (CsvChunk chunk in file.Chunks(chunkBytes))
                {
                    if (stopping()) return rows;
                    while (pending.Count >= 2 * threads) Absorb(pending.Dequeue());
                    CancellationToken token = cancel.Token;
                    pending.Enqueue((chunk, Task.Factory.StartNew(
                        () => Compute(file, idle.TryTake(out Worker? w) ? w : new Worker(run.CreateChunk()), chunk, token),
                        token, TaskCreationOptions.None, scheduler)));
                }
                while (pending.Count > 0 && !stopping()) Absorb(pending.Dequeue());
                return rows;
            }
            finally
            {
                // Stopped early (Ctrl+C, Select-Object -First, an error): leave no work running behind us.
                cancel.Cancel();
                foreach ((CsvChunk chunk, Task<Worker> work) in pending)
                {
                    try
                    {
                        work.Wait();
                    }
                    catch (AggregateException)
                    {
                        // the chunk's own error, if any, does not matter once we stop
                    }
                    chunk.Release();
                }
            }

            void Absorb((CsvChunk Chunk, Task<Worker> Work) item)
            {
                Worker worker;
                try
                {
                    worker = item.Work.GetAwaiter().GetResult(); // rethrows the worker's exception as itself
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                finally
                {
                    item.Chunk.Release(); // the worker has read it (or failed)
                }
                LossRun chunkRun = worker.Run;
                run.Absorb(chunkRun, rows);
                rows += chunkRun.Total.Read;
                chunkRun.ResetChunk();
                idle.Add(worker);
                bytes += item.Chunk.Length;
                progress?.Invoke(bytes, rows);
            }
        }

        private sealed class Worker
        {
            public Worker(LossRun run) => Run = run;

            public LossRun Run { get; }
            public char[] Buffer { get; } = CsvFile.NewReadBuffer();
        }

        private static Worker Compute(CsvFile file, Worker worker, CsvChunk chunk, CancellationToken token)
        {
            Interlocked.Increment(ref _activeWorkers);
            try
            {
                using CsvRecordSource records = file.ReadChunk(chunk, worker.Buffer);
                long row = 0;
                while (records.Read())
                {
                    if ((row & 1023) == 0) token.ThrowIfCancellationRequested();
                    worker.Run.Add(records, ++row);
                }
                worker.Run.Flush();
                return worker;
            }
            finally
            {
                Interlocked.Decrement(ref _activeWorkers);
            }
        }
    }
}
