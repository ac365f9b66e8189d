using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace CrossEntropy.Data.Sources
{
    /// <summary>Work done on a file's chunks: workers compute chunks on other threads, the owner absorbs them in file order.</summary>
    internal interface IChunkWork
    {
        /// <summary>A worker, used for one chunk at a time and reused for the next once absorbed.</summary>
        IChunkWorker NewWorker();

        /// <summary>
        /// A worker's finished chunk, on the calling thread, in file order; <paramref name="rowOffset"/> rows came before
        /// it; <paramref name="part"/> is the chunk's <see cref="FileChunk.Part"/> (its problems name it).
        /// </summary>
        void Absorb(IChunkWorker worker, long rowOffset, string? part);
    }

    /// <summary>Computes one chunk's records on a pool thread.</summary>
    internal interface IChunkWorker
    {
        /// <summary>Reads every record of the chunk (polling <paramref name="token"/>) and returns how many there were.</summary>
        long Read(IRecordCursor records, CancellationToken token);
    }

    /// <summary>
    /// Reads a file's chunks (<see cref="IChunkedFile"/>) and has each computed by a worker on the thread pool, at most
    /// <see cref="FileReading.Threads"/> at a time, while the calling thread absorbs finished chunks in file order
    /// (so output, errors and sums come out exactly as a sequential read gives them, for any thread count). A few
    /// chunks are in flight at most, so memory stays flat on files of any size. It returns only once every worker it
    /// started has finished, whether the read ends, is stopped or fails. At one thread the chunks are computed on the
    /// calling thread, one after another, with the same order, progress, stopping and errors.
    /// </summary>
    internal static class ParallelFile
    {
        /// <summary>Runs the whole file through <paramref name="work"/>; returns the rows read.</summary>
        public static long Run(IChunkedFile file, IChunkWork work, FileReading reading) =>
            reading.Threads <= 1 ? Inline(file, work, reading) : OnThePool(file, work, reading, reading.Threads);

        // One thread: each chunk is computed where it is read, in file order. Handing it to a pool thread would only add
        // the hand-off and the calling thread's wait (spinning) to the same sequential work.
        private static long Inline(IChunkedFile file, IChunkWork work, FileReading reading)
        {
            var worker = new Worker(work.NewWorker(), file.NewScratch());
            long rows = 0, bytes = file.DataOffset;
            foreach (FileChunk chunk in file.Chunks(reading.ChunkBytes))
            {
                try
                {
                    if (reading.Stopping()) return rows;
                    Compute(file, worker, chunk, CancellationToken.None);
                }
                catch (OperationCanceledException)
                {
                    continue; // as a pool worker's cancelled chunk: not absorbed
                }
                finally
                {
                    chunk.Release();
                }
                work.Absorb(worker.Chunk, rows, chunk.Part);
                rows += worker.Rows;
                bytes += chunk.Length;
                reading.Progress?.Invoke(bytes, rows);
            }
            return rows;
        }

        private static long OnThePool(IChunkedFile file, IChunkWork work, FileReading reading, int threads)
        {
            var scheduler = new ConcurrentExclusiveSchedulerPair(TaskScheduler.Default, threads).ConcurrentScheduler;
            var pending = new Queue<(FileChunk Chunk, Task<Worker> Work)>();
            // Workers and their read buffers are reused: the few in flight cycle through a file of any size.
            var idle = new ConcurrentBag<Worker>();
            using var cancel = new CancellationTokenSource();
            long rows = 0, bytes = file.DataOffset;
            try
            {
                foreach (FileChunk chunk in file.Chunks(reading.ChunkBytes))
                {
                    if (reading.Stopping()) return rows;
                    while (pending.Count >= 2 * threads) Absorb(pending.Dequeue());
                    CancellationToken token = cancel.Token;
                    pending.Enqueue((chunk, Task.Factory.StartNew(
                        () => Compute(file, idle.TryTake(out Worker? w) ? w : new Worker(work.NewWorker(), file.NewScratch()), chunk, token),
                        token, TaskCreationOptions.None, scheduler)));
                }
                while (pending.Count > 0 && !reading.Stopping()) Absorb(pending.Dequeue());
                return rows;
            }
            finally
            {
                // Stopped early (Ctrl+C, Select-Object -First, an error): leave no work running behind us.
                cancel.Cancel();
                foreach ((FileChunk chunk, Task<Worker> task) in pending)
                {
                    try
                    {
                        task.Wait();
                    }
                    catch (AggregateException)
                    {
                        // the chunk's own error, if any, does not matter once we stop
                    }
                    chunk.Release();
                }
            }

            void Absorb((FileChunk Chunk, Task<Worker> Work) item)
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
                work.Absorb(worker.Chunk, rows, item.Chunk.Part);
                rows += worker.Rows;
                idle.Add(worker);
                bytes += item.Chunk.Length;
                reading.Progress?.Invoke(bytes, rows);
            }
        }

        private sealed class Worker
        {
            public Worker(IChunkWorker chunk, object scratch)
            {
                Chunk = chunk;
                Scratch = scratch;
            }

            public IChunkWorker Chunk { get; }
            public object Scratch { get; }
            public long Rows { get; set; }
        }

        private static Worker Compute(IChunkedFile file, Worker worker, FileChunk chunk, CancellationToken token)
        {
            using IRecordCursor records = file.Open(chunk, worker.Scratch);
            worker.Rows = worker.Chunk.Read(records, token);
            return worker;
        }
    }
}
