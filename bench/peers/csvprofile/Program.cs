using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using CrossEntropy.Data;
using CrossEntropy.Engine;

namespace CrossEntropy.Bench.Peers
{
    /// <summary>
    /// Takes Measure-CrossEntropy -Path apart on one file, one thread unless said: each stage below does everything
    /// the stage before it does plus one more piece, so the differences are the pieces' costs. Prints one line a stage:
    ///   profile stage=tokenize ms=... mb_per_s=... checksum=...
    /// Stages: chunks (CsvFile.Chunks: file reads and the carry-over copy), decode (plus UTF-8 to UTF-16, as the
    /// StreamReader under Sylvan does it), tokenize (plus Sylvan's CsvDataReader, every field's span touched),
    /// parse (plus NumberText on each logit and the label's digits), rows (plus RowReader.TryAdd into RowBlocks, the
    /// IRecord interface calls and row checks), run (plus the engine: a LossRun on this thread, as a chunk worker
    /// runs), parallel1 / parallel2 (ParallelFile.Run: the real -Path path without PowerShell, with merging),
    /// engine (the engine alone over the already-parsed blocks), and the prototypes bytes_parse / bytes_run (a
    /// UTF-8 byte parser straight into RowBlocks, with the same Clinger fast path, then the engine; bytes_run2 on
    /// two threads) that show what skipping the UTF-16 round trip and the per-field calls is worth.
    /// usage: csv-profile --path F [--repeats 7] [--stages all|chunks,decode,...]
    /// </summary>
    internal static unsafe class Program
    {
        private static int Main(string[] args)
        {
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            string path = Arg(args, "--path") ?? "bench/data/logits_1m_10.csv";
            int repeats = int.Parse(Arg(args, "--repeats") ?? "7", CultureInfo.InvariantCulture);
            string[] stages = (Arg(args, "--stages") ?? "all") == "all"
                ? new[] { "chunks", "decode", "tokenize", "parse", "rows", "run", "parallel1", "parallel2", "engine", "bytes_parse", "bytes_run", "bytes_run2" }
                : Arg(args, "--stages")!.Split(',');
            var p = new Profile(path);
            double mb = new FileInfo(path).Length / 1e6;
            Console.WriteLine($"# {path}: {mb:F1} MB, {p.Schema.ScoreCount} classes, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
            foreach (string s in stages)
            {
                Func<double> stage = s switch
                {
                    "chunks" => p.Chunks,
                    "decode" => p.Decode,
                    "tokenize" => p.Tokenize,
                    "parse" => p.Parse,
                    "rows" => p.Rows,
                    "run" => p.Run,
                    "parallel1" => () => p.Parallel(1),
                    "parallel2" => () => p.Parallel(2),
                    "engine" => p.Engine,
                    "bytes_parse" => () => p.Bytes(engine: false),
                    "bytes_run" => () => p.Bytes(engine: true),
                    "bytes_run2" => () => p.BytesParallel(2),
                    _ => throw new ArgumentException("unknown stage " + s),
                };
                double checksum = 0;
                (double ms, double cpu) = Median(repeats, () => checksum = stage());
                Console.WriteLine($"profile stage={s} ms={ms:F2} cpu_ms={cpu:F0} mb_per_s={mb / (ms / 1000):F0} mb_per_cpu_s={mb / (cpu / 1000):F0} checksum={checksum:R}");
            }
            return 0;
        }

        private sealed class Profile
        {
            private readonly CsvFile _file;
            private readonly LossOptions _options;
            private readonly char[] _buffer = CsvFile.NewReadBuffer();
            private List<RowBlock>? _blocks;

            public Profile(string path)
            {
                _file = CsvFile.Open(path);
                Schema = SchemaResolver.Resolve(_file, _file.ReadFirstRecord(), new ColumnOptions());
                _options = new LossSettings().Resolve(Schema);
                if (Schema.ScoreColumns.Length + 1 != _file.Columns.Count || Schema.LabelColumn != _file.Columns.Count - 1)
                    throw new ArgumentException("the profile expects logit columns then a label column");
            }

            public Schema Schema { get; }

            private int Classes => Schema.ScoreCount;

            public double Chunks()
            {
                double n = 0;
                foreach (CsvChunk chunk in _file.Chunks())
                {
                    n += chunk.Length + chunk.Buffer[chunk.Length - 1];
                    chunk.Release();
                }
                return n;
            }

            public double Decode()
            {
                double n = 0;
                foreach (CsvChunk chunk in _file.Chunks())
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
                foreach (CsvChunk chunk in _file.Chunks())
                {
                    using (CsvRecordSource records = _file.ReadChunk(chunk, _buffer))
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
                foreach (CsvChunk chunk in _file.Chunks())
                {
                    using (CsvRecordSource records = _file.ReadChunk(chunk, _buffer))
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
                int blockRows = LossRun.BlockRowsFor(Classes);
                RowBlock block = reader.CreateBlock(blockRows);
                var blocks = new List<RowBlock>();
                double sum = 0;
                long row = 0;
                foreach (CsvChunk chunk in _file.Chunks())
                {
                    using (CsvRecordSource records = _file.ReadChunk(chunk, _buffer))
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
                var run = new LossRun(Schema, _options);
                long row = 0;
                foreach (CsvChunk chunk in _file.Chunks())
                {
                    using (CsvRecordSource records = _file.ReadChunk(chunk, _buffer))
                    {
                        while (records.Read()) run.Add(records, ++row);
                    }
                    chunk.Release();
                }
                run.Flush();
                return run.Total.Mean;
            }

            public double Parallel(int threads)
            {
                var run = new LossRun(Schema, _options);
                ParallelFile.Run(_file, run, threads, () => false);
                run.Flush();
                return run.Total.Mean;
            }

            public double Engine()
            {
                if (_blocks == null) Rows(keep: true);
                var engine = new LossEngine(_options);
                return BlockParallel.Forward(engine, _blocks!, 1).Mean;
            }

            // The prototype: parse the chunk's UTF-8 bytes straight into RowBlocks (no UTF-16, no per-field calls),
            // each row "x_0,...,x_{C-1},label\n"; any other byte makes it give up (the real thing would fall back to
            // Sylvan for that chunk). Numbers go through the same Clinger fast path as NumberText, so the doubles are
            // bit-identical (the checksum and the loss say so).
            public double Bytes(bool engine)
            {
                var lossEngine = new LossEngine(_options);
                var chunkState = new ChunkState(lossEngine, LossRun.BlockRowsFor(Classes), Classes);
                double sum = 0;
                foreach (CsvChunk chunk in _file.Chunks())
                {
                    sum += chunkState.Parse(chunk.Buffer, chunk.Length, engine);
                    chunk.Release();
                }
                return engine ? chunkState.Finish().Mean : chunkState.Checksum + sum;
            }

            // Two workers over chunks handed out in file order; the main thread reads ahead (a sketch of ParallelFile
            // with the byte parser; sums merged in chunk order so the result does not depend on the thread count).
            public double BytesParallel(int threads)
            {
                var lossEngine = new LossEngine(_options);
                int blockRows = LossRun.BlockRowsFor(Classes);
                var pending = new Queue<(CsvChunk, Task<LossAccumulator>)>();
                var total = lossEngine.CreateAccumulator();
                var states = new System.Collections.Concurrent.ConcurrentBag<ChunkState>();
                foreach (CsvChunk chunk in _file.Chunks())
                {
                    while (pending.Count >= 2 * threads) Drain();
                    pending.Enqueue((chunk, Task.Run(() =>
                    {
                        ChunkState s = states.TryTake(out ChunkState? st) ? st : new ChunkState(lossEngine, blockRows, Classes);
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
                    (CsvChunk c, Task<LossAccumulator> t) = pending.Dequeue();
                    total.Merge(t.Result);
                    c.Release();
                }
            }
        }

        private sealed class ChunkState
        {
            private readonly LossEngine _engine;
            private readonly RowBlock _block;
            private readonly BlockResult _result;
            private readonly LossAccumulator _blockSums;
            private LossAccumulator _total;
            private readonly int _classes;

            public ChunkState(LossEngine engine, int blockRows, int classes)
            {
                _engine = engine;
                _classes = classes;
                _block = new RowBlock(blockRows, classes);
                _result = engine.CreateResult(blockRows);
                _blockSums = engine.CreateAccumulator();
                _total = engine.CreateAccumulator();
            }

            public LossAccumulator Finish()
            {
                if (_block.Count > 0) Compute();
                LossAccumulator t = _total;
                _total = _engine.CreateAccumulator();
                return t;
            }

            private void Compute()
            {
                _engine.Compute(_block, _result);
                _blockSums.Clear();
                _blockSums.AddBlock(_block, _result);
                _total.Merge(_blockSums);
                _block.Clear();
            }

            public double Parse(byte[] buffer, int length, bool engine)
            {
                double sum = 0;
                int classes = _classes;
                fixed (byte* start = buffer)
                fixed (double* powers = ExactPowers)
                {
                    byte* p = start, end = start + length;
                    while (p < end)
                    {
                        int i = _block.Count;
                        fixed (double* row = &_block.Values[i * classes])
                        {
                            for (int c = 0; c < classes; c++)
                            {
                                row[c] = ParseNumber(ref p, end, powers);
                                if (p >= end || *p != (byte)',') throw new InvalidDataException("prototype: unexpected byte");
                                p++;
                            }
                        }
                        int label = 0;
                        uint d;
                        while (p < end && (d = (uint)(*p - '0')) <= 9)
                        {
                            label = label * 10 + (int)d;
                            p++;
                        }
                        if (p < end && *p == (byte)'\r') p++;
                        if (p < end && *p != (byte)'\n') throw new InvalidDataException("prototype: unexpected byte");
                        p++;
                        _block.Labels[i] = label;
                        _block.Count = i + 1;
                        if (_block.IsFull)
                        {
                            if (engine) Compute();
                            else sum += SumAndClear();
                        }
                    }
                }
                return engine ? sum : sum + SumAndClear();
            }

            // Row by row, each row's logits then its label: the order the parse stage sums in, so equal checksums
            // mean bit-identical values.
            private double SumAndClear()
            {
                for (int i = 0; i < _block.Count; i++)
                {
                    for (int c = 0; c < _classes; c++) Checksum += _block.Values[i * _classes + c];
                    Checksum += _block.Labels[i];
                }
                _block.Clear();
                return 0;
            }

            /// <summary>Running sum of every parsed value (parse-only mode), in file order.</summary>
            public double Checksum;

            private static double ParseNumber(ref byte* p, byte* end, double* powers)
            {
                bool negative = *p == '-';
                if (negative || *p == '+') p++;
                ulong mantissa = 0;
                byte* digits = p;
                uint d;
                while (p < end && (d = (uint)(*p - '0')) <= 9)
                {
                    mantissa = mantissa * 10 + d;
                    p++;
                }
                long count = p - digits;
                int scale = 0;
                if (p < end && *p == '.')
                {
                    byte* fraction = ++p;
                    while (p < end && (d = (uint)(*p - '0')) <= 9)
                    {
                        mantissa = mantissa * 10 + d;
                        p++;
                    }
                    scale = -(int)(p - fraction);
                    count += p - fraction;
                }
                if (count == 0 || count > 19) throw new InvalidDataException("prototype: not a plain number");
                if (p < end && (*p == 'e' || *p == 'E'))
                {
                    p++;
                    bool negativeExponent = p < end && *p == '-';
                    if (p < end && (*p == '-' || *p == '+')) p++;
                    int exponent = 0;
                    byte* e0 = p;
                    while (p < end && (d = (uint)(*p - '0')) <= 9 && exponent < 10000)
                    {
                        exponent = exponent * 10 + (int)d;
                        p++;
                    }
                    if (p == e0) throw new InvalidDataException("prototype: bad exponent");
                    scale += negativeExponent ? -exponent : exponent;
                }
                if (mantissa > (1UL << 53) || scale < -22 || scale > 22) throw new InvalidDataException("prototype: outside the fast path");
                double m = mantissa;
                double v = mantissa == 0 ? 0.0 : scale < 0 ? m / powers[-scale] : m * powers[scale];
                return negative ? -v : v;
            }

            private static readonly double[] ExactPowers =
            {
                1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
                1e20, 1e21, 1e22,
            };
        }

        /// <summary>
        /// Median wall time and median process CPU time (all threads, ms) over the repeats, after one warm-up run. On a
        /// shared machine the CPU time moves far less than the wall time when other work preempts this process.
        /// </summary>
        private static (double Wall, double Cpu) Median(int repeats, Action run)
        {
            run();
            var times = new double[repeats];
            var cpu = new double[repeats];
            using Process self = Process.GetCurrentProcess();
            for (int r = 0; r < repeats; r++)
            {
                self.Refresh();
                TimeSpan c0 = self.TotalProcessorTime;
                var sw = Stopwatch.StartNew();
                run();
                times[r] = sw.Elapsed.TotalMilliseconds;
                self.Refresh();
                cpu[r] = (self.TotalProcessorTime - c0).TotalMilliseconds;
            }
            Array.Sort(times);
            Array.Sort(cpu);
            return (times[repeats / 2], cpu[repeats / 2]);
        }

        private static string? Arg(string[] args, string name)
        {
            int i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }
    }
}
