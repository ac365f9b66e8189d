using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using CrossEntropy.Data.Csv;
using CrossEntropy.Data.Sources;
using Xunit;

namespace CrossEntropy.Data.Tests
{
    /// <summary>
    /// A parallel read leaves no worker running behind it: stopped early or failing, it returns only once every chunk
    /// worker it started has finished. The workers here count themselves in and out and take their time, so a read that
    /// returned without waiting would leave some still counted.
    /// </summary>
    public class ParallelFileTests : IDisposable
    {
        private readonly string _path = Path.Combine(Path.GetTempPath(), "crossentropy-parallel-" + Guid.NewGuid().ToString("N") + ".csv");

        public ParallelFileTests()
        {
            var sb = new StringBuilder("logit_a,logit_b,label\n");
            for (int i = 0; i < 20_000; i++) sb.Append("1.5,2.5,a\n");
            File.WriteAllText(_path, sb.ToString());
        }

        public void Dispose()
        {
            File.Delete(_path);
            GC.SuppressFinalize(this);
        }

        private sealed class SlowWork : IChunkWork
        {
            public int Running;
            public int Started;
            public int Absorbed;
            public int FailAt = -1;
            public readonly HashSet<int> WorkerThreads = new();

            public IChunkWorker NewWorker() => new Worker(this);

            public void Absorb(IChunkWorker worker, long rowOffset, string? part) => Absorbed++;

            private sealed class Worker : IChunkWorker
            {
                private readonly SlowWork _work;

                public Worker(SlowWork work) => _work = work;

                public long Read(IRecordCursor records, CancellationToken token)
                {
                    int chunk = Interlocked.Increment(ref _work.Started) - 1;
                    lock (_work.WorkerThreads) _work.WorkerThreads.Add(Environment.CurrentManagedThreadId);
                    Interlocked.Increment(ref _work.Running);
                    try
                    {
                        long rows = 0;
                        while (records.Read()) rows++;
                        Thread.Sleep(30); // still busy when the reader stops or fails
                        if (chunk == _work.FailAt) throw new InvalidDataException("chunk " + chunk + " failed");
                        return rows;
                    }
                    finally
                    {
                        Interlocked.Decrement(ref _work.Running);
                    }
                }
            }
        }

        [Theory]
        [InlineData(2)]
        [InlineData(4)]
        public void AStoppedReadReturnsOnlyAfterEveryWorkerHasFinished(int threads)
        {
            var work = new SlowWork();
            bool stoppedWhileRunning = false;
            long rows = ParallelFile.Run(CsvFile.Open(_path), work, new FileReading
            {
                Threads = threads,
                ChunkBytes = 4096,
                // Stop (as Ctrl+C does) at a moment when a worker is busy with a chunk.
                Stopping = () => stoppedWhileRunning = work.Absorbed >= 1 && Volatile.Read(ref work.Running) > 0,
            });
            Assert.Equal(0, Volatile.Read(ref work.Running));
            Assert.True(stoppedWhileRunning, "the test must stop while a chunk is in flight");
            Assert.True(rows < 20_000, $"{rows} rows: the read did not stop");
        }

        [Fact]
        public void AtOneThreadEachChunkIsComputedOnTheCallingThreadAndAStopComputesNoFurtherChunk()
        {
            var work = new SlowWork();
            int caller = Environment.CurrentManagedThreadId;
            var progress = new List<long>();
            long rows = ParallelFile.Run(CsvFile.Open(_path), work, new FileReading
            {
                Threads = 1,
                ChunkBytes = 4096,
                Stopping = () => work.Absorbed >= 3,
                Progress = (bytes, read) =>
                {
                    Assert.Equal(caller, Environment.CurrentManagedThreadId);
                    progress.Add(read);
                },
            });
            Assert.Equal(3, work.Started); // nothing read ahead and computed behind the stop
            Assert.Equal(3, work.Absorbed);
            Assert.Equal(3, progress.Count);
            Assert.True(progress[0] > 0 && progress[0] < progress[1] && progress[1] < progress[2], string.Join(",", progress));
            Assert.Equal(progress[2], rows);
            Assert.Equal(new HashSet<int> { caller }, work.WorkerThreads);
        }

        [Fact]
        public void AtOneThreadAFailingChunkFailsTheReadAfterTheChunksBeforeIt()
        {
            var work = new SlowWork { FailAt = 2 };
            var e = Assert.Throws<InvalidDataException>(() =>
                ParallelFile.Run(CsvFile.Open(_path), work, new FileReading { Threads = 1, ChunkBytes = 4096 }));
            Assert.Equal("chunk 2 failed", e.Message);
            Assert.Equal(2, work.Absorbed);
            Assert.Equal(3, work.Started);
        }

        [Fact]
        public void AFailingChunkStopsTheReadAndLeavesNoWorkerRunning()
        {
            var work = new SlowWork { FailAt = 2 };
            var e = Assert.Throws<InvalidDataException>(() =>
                ParallelFile.Run(CsvFile.Open(_path), work, new FileReading { Threads = 3, ChunkBytes = 4096 }));
            Assert.Equal("chunk 2 failed", e.Message);
            Assert.Equal(0, Volatile.Read(ref work.Running));
        }
    }
}
