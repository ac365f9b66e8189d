using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using CrossEntropy.Data.Csv;
using CrossEntropy.Data.Problems;
using CrossEntropy.Data.Runs;
using CrossEntropy.Data.Schemas;
using CrossEntropy.Data.Sources;
using CrossEntropy.Engine;

namespace CrossEntropy.Bench.Peers
{
    /// <summary>
    /// The stages of today's -Path read (Sylvan + NumberText), each adding one piece to the stage before it, through
    /// CrossEntropy.Data's own types on one thread unless said. The byte-parser prototypes are in Profile.Prototypes.cs.
    /// </summary>
    internal sealed partial class Profile
    {
        private readonly CsvFile _file;
        private readonly LossOptions _options;
        private readonly char[] _buffer;
        private List<RowBlock>? _blocks;

        public Profile(string path, bool bytes = false)
        {
            // Sylvan (today's reader before the byte path) unless --reader bytes: CsvFile's ByteChunkReader.
            _file = CsvFile.Open(path, new CsvOptions { ReadsBytes = bytes });
            Schema = SchemaResolver.Resolve(_file, _file.ReadFirstRecord(), new ColumnOptions());
            _options = new LossSettings().Resolve(Schema);
            _buffer = _file.NewReadBuffer();
            if (Schema.ScoreColumns.Length + 1 != _file.Columns.Count || Schema.LabelColumn != _file.Columns.Count - 1)
                throw new ArgumentException("the profile expects logit columns then a label column");
        }

        public Schema Schema { get; }

        private int Classes => Schema.ScoreCount;

        public double Chunks()
        {
            double n = 0;
            foreach (FileChunk chunk in _file.Chunks())
            {
                n += chunk.Length + chunk.Buffer[chunk.Length - 1];
                chunk.Release();
            }
            return n;
        }

        public double Decode()
        {
            double n = 0;
            foreach (FileChunk chunk in _file.Chunks())
            {
                using var text = new StreamReader(new MemoryStream(chunk.Buffer, 0, chunk.Length, writable: false), new UTF8Encoding(false), false, 4096);
                int read;
                while ((read = text.Read(_buffer, 0, _buffer.Length)) > 0) n += read + _buffer[read - 1];
                chunk.Release();
            }
            return n;
        }

        public double Tokenize()
        {
            double n = 0;
            int fields = _file.Columns.Count;
            foreach (FileChunk chunk in _file.Chunks())
            {
                using (var records = _file.ReadChunk(chunk, _buffer))
                {
                    while (records.Read())
                        for (int c = 0; c < fields; c++) n += records.GetSpan(c).Length;
                }
                chunk.Release();
            }
            return n;
        }

        public double Parse()
        {
            double sum = 0;
            int classes = Classes;
            foreach (FileChunk chunk in _file.Chunks())
            {
                using (var records = _file.ReadChunk(chunk, _buffer))
                {
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
                chunk.Release();
            }
            return sum;
        }

        public double Rows() => Rows(keep: false);

        private double Rows(bool keep)
        {
            var reader = new RowReader(Schema, _options.IgnoreIndex);
            int blockRows = RunPlan.BlockRowsFor(Classes);
            RowBlock block = reader.CreateBlock(blockRows);
            var blocks = new List<RowBlock>();
            double sum = 0;
            long row = 0;
            foreach (FileChunk chunk in _file.Chunks())
            {
                using (var records = _file.ReadChunk(chunk, _buffer))
                {
                    while (records.Read())
                    {
                        if (reader.TryAdd(records, ++row, block) != null) throw new InvalidDataException($"row {row}");
                        if (block.IsFull)
                        {
                            sum += block.Values[0] + block.Labels[block.Count - 1];
                            if (keep)
                            {
                                blocks.Add(block);
                                block = reader.CreateBlock(blockRows);
                            }
                            else block.Clear();
                        }
                    }
                }
                chunk.Release();
            }
            if (block.Count > 0 && keep) blocks.Add(block);
            if (keep) _blocks = blocks;
            return sum;
        }

        public double Run()
        {
            var run = new LossRun(new RunPlan(Schema, _options), new NoRows());
            long row = 0;
            foreach (FileChunk chunk in _file.Chunks())
            {
                using (var records = _file.ReadChunk(chunk, _buffer))
                {
                    while (records.Read()) run.Add(records, ++row);
                }
                chunk.Release();
            }
            run.Finish();
            return run.Total.Mean;
        }

        public double Parallel(int threads)
        {
            var run = new LossRun(new RunPlan(Schema, _options), new NoRows());
            ParallelFile.Run(_file, run, new FileReading { Threads = threads });
            run.Finish();
            return run.Total.Mean;
        }

        public double Engine()
        {
            if (_blocks == null) Rows(keep: true);
            var engine = new LossEngine(_options);
            return BlockParallel.Forward(engine, _blocks!, 1).Mean;
        }

        // Measure-CrossEntropy's default output (no per-row objects): the run hands over no rows, and this file has no
        // bad rows, so a problem means the profile itself is wrong.
        private sealed class NoRows : IRunSink
        {
            public void Rows(in RowOutcomes rows)
            {
            }

            public void Problem(Problem problem) => throw new InvalidDataException(problem.ToString());
        }
    }
}
