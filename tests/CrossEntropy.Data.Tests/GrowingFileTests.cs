using System;
using System.IO;
using System.Collections.Generic;
using System.Text;
using CrossEntropy.Data.Csv;
using CrossEntropy.Data.Problems;
using CrossEntropy.Data.Runs;
using CrossEntropy.Data.Schemas;
using CrossEntropy.Data.Sources;
using Xunit;

namespace CrossEntropy.Data.Tests
{
    /// <summary>
    /// A file written while it is read: the writer appends between chunk reads (deterministically, through the lazy
    /// chunk enumeration), at every chunk size. The rows read are exactly the whole records of the bytes there when
    /// the file was opened, and the unfinished last line is left out and measured.
    /// </summary>
    public class GrowingFileTests : IDisposable
    {
        private const string Header = "logit_a,logit_b,label\n";
        private const string Start = "1,2,a\n3,1,b\n2,2,a\n0.5,0.";
        private const string More = "25,b\n1,2,a\n0.5,0.";
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "crossentropy-data-tests", Guid.NewGuid().ToString("N"));

        public GrowingFileTests() => Directory.CreateDirectory(_dir);

        public void Dispose()
        {
            Directory.Delete(_dir, recursive: true);
            GC.SuppressFinalize(this);
        }

        [Theory]
        [InlineData(0)]
        [InlineData(1)]
        [InlineData(5)]
        public void RowsReadAreTheWholeRecordsThereWhenOpenedWhateverTheChunkSize(int appendsBeforeOpen)
        {
            for (int chunkBytes = 1; chunkBytes <= 64; chunkBytes++)
            {
                string path = Path.Combine(_dir, $"growing-{appendsBeforeOpen}-{chunkBytes}.csv");
                using var writer = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite);
                Append(writer, Header + Start);
                for (int i = 0; i < appendsBeforeOpen; i++) Append(writer, More);
                CsvFile file = CsvFile.Open(path);
                Append(writer, More); // it grew after it was opened
                long rows = 0;
                foreach (FileChunk chunk in file.Chunks(chunkBytes))
                {
                    Append(writer, More); // the writer goes on between chunk reads
                    using IRecordCursor records = file.ReadChunk(chunk);
                    while (records.Read())
                    {
                        Assert.Null(records.ShapeProblem);
                        rows++;
                    }
                    chunk.Release();
                }
                long expected = 3 + 2 * appendsBeforeOpen;
                Assert.True(expected == rows, $"chunk {chunkBytes}: {rows} rows read, {expected} whole rows were there when opened");
                Assert.Equal("0.5,0.".Length, file.PartialTailBytes);
                Assert.Equal(0L, file.MissingBytes);
            }
        }

        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        public void ARunCountsTheRowsTheReadReturns(int threads)
        {
            // What the cmdlet reports: the rows ParallelFile returns (the warning) and the run's Count (the summary).
            foreach (int chunkBytes in new[] { 1, 7, 16, 4096 })
            {
                string path = Path.Combine(_dir, $"run-{threads}-{chunkBytes}.csv");
                using var writer = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite);
                Append(writer, Header + Start);
                for (int i = 0; i < 4; i++) Append(writer, More);
                CsvFile csv = CsvFile.Open(path);
                Append(writer, More);
                Schema schema = SchemaResolver.Resolve(csv, csv.ReadFirstRecord(), new ColumnOptions());
                var run = new LossRun(new RunPlan(schema, new LossSettings().Resolve(schema)), new NoSink());
                long rows = ParallelFile.Run(new Growing(csv, () => Append(writer, More)), run, new FileReading { Threads = threads, ChunkBytes = chunkBytes });
                run.Finish();
                Assert.Equal(11L, rows);
                Assert.Equal(rows, run.Total.Read);
                Assert.Equal(0L, run.Total.Rejected);
                Assert.Equal("0.5,0.".Length, csv.PartialTailBytes);
            }
        }

        // The file's chunks, with the writer going on after each one is read.
        private sealed class Growing : IChunkedFile
        {
            private readonly CsvFile _file;
            private readonly Action _write;

            public Growing(CsvFile file, Action write)
            {
                _file = file;
                _write = write;
            }

            public IReadOnlyList<string> Columns => _file.Columns;
            public string SourceName => _file.SourceName;
            public long DataOffset => _file.DataOffset;
            public long Length => _file.Length;

            public IEnumerable<FileChunk> Chunks(int chunkBytes)
            {
                foreach (FileChunk chunk in _file.Chunks(chunkBytes))
                {
                    _write();
                    yield return chunk;
                }
            }

            public object NewScratch() => ((IChunkedFile)_file).NewScratch();
            public IRecordCursor Open(FileChunk chunk, object? scratch) => ((IChunkedFile)_file).Open(chunk, scratch);
        }

        private sealed class NoSink : IRunSink
        {
            public void Rows(in RowOutcomes rows)
            {
            }

            public void Problem(Problem problem)
            {
            }
        }

        private static void Append(FileStream writer, string text)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(text);
            writer.Write(bytes, 0, bytes.Length);
            writer.Flush();
        }
    }
}
