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
    /// two threads) that show what skipping the UTF-16 round trip and the per-field calls is worth. swar_* reads
    /// eight digits per 64-bit load, swarlen_* measures digit runs with a trailing-zero count, index_* builds a
    /// separator index with AVX-512 first; mem_* parse chunks already in memory (no file reads). Every prototype's
    /// checksum and loss must equal the Sylvan + NumberText path's (bit-identical doubles).
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
                ? new[] { "chunks", "decode", "tokenize", "parse", "rows", "run", "parallel1", "parallel2", "engine", "bytes_parse", "bytes_run", "bytes_run2", "swar_parse", "swar_run", "swar_run2", "swarlen_parse", "swarlen_run", "swarlen_run2",
                    "mem_sylvan", "mem_bytes", "mem_swar", "mem_swarlen", "mem_index", "index_run", "index_run2" }
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
                    "swar_parse" => () => p.Bytes(engine: false, swar: true),
                    "swar_run" => () => p.Bytes(engine: true, swar: true),
                    "swar_run2" => () => p.BytesParallel(2, swar: true),
                    "swarlen_parse" => () => p.Bytes(engine: false, swar: true, lengths: true),
                    "swarlen_run" => () => p.Bytes(engine: true, swar: true, lengths: true),
                    "swarlen_run2" => () => p.BytesParallel(2, swar: true, lengths: true),
                    "mem_sylvan" => p.MemorySylvan,
                    "mem_bytes" => () => p.MemoryBytes(swar: false, lengths: false),
                    "mem_swar" => () => p.MemoryBytes(swar: true, lengths: false),
                    "mem_swarlen" => () => p.MemoryBytes(swar: true, lengths: true),
                    "mem_index" => () => p.MemoryBytes(swar: true, lengths: true, indexed: true),
                    "index_run" => () => p.Bytes(engine: true, swar: true, lengths: true, indexed: true),
                    "index_run2" => () => p.BytesParallel(2, swar: true, lengths: true, indexed: true),
                    _ => throw new ArgumentException("unknown stage " + s),
                };
                double checksum = 0;
                (double ms, double cpu) = Median(repeats, () => checksum = stage());
                if (ChunkState.Fallbacks > 0) Console.Error.WriteLine($"(fallbacks: {ChunkState.Fallbacks})");
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
                foreach (CsvChunk chunk in _file.Chunks())
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
                int blockRows = LossRun.BlockRowsFor(Classes);
                RowBlock block = reader.CreateBlock(blockRows);
                var blocks = new List<RowBlock>();
                double sum = 0;
                long row = 0;
                foreach (CsvChunk chunk in _file.Chunks())
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
                var run = new LossRun(Schema, _options);
                long row = 0;
                foreach (CsvChunk chunk in _file.Chunks())
                {
                    using (var records = _file.ReadChunk(chunk, _buffer))
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

            // The mem_ stages parse chunks already in memory (read once, kept): the parsers' own cost, no file reads.
            private List<CsvChunk>? _inMemory;

            private List<CsvChunk> InMemory()
            {
                if (_inMemory != null) return _inMemory;
                _inMemory = new List<CsvChunk>();
                foreach (CsvChunk chunk in _file.Chunks())
                {
                    var copy = new byte[chunk.Length];
                    Buffer.BlockCopy(chunk.Buffer, 0, copy, 0, chunk.Length);
                    _inMemory.Add(new CsvChunkCopy(copy).Chunk);
                    chunk.Release();
                }
                return _inMemory;
            }

            public double MemorySylvan()
            {
                double sum = 0;
                int classes = Classes;
                foreach (CsvChunk chunk in InMemory())
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

            public double MemoryBytes(bool swar, bool lengths, bool indexed = false)
            {
                var state = new ChunkState(new LossEngine(_options), LossRun.BlockRowsFor(Classes), Classes, swar, lengths, indexed);
                foreach (CsvChunk chunk in InMemory()) state.Parse(chunk.Buffer, chunk.Length, engine: false);
                return state.Checksum;
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
            public double Bytes(bool engine, bool swar = false, bool lengths = false, bool indexed = false)
            {
                var lossEngine = new LossEngine(_options);
                var chunkState = new ChunkState(lossEngine, LossRun.BlockRowsFor(Classes), Classes, swar, lengths, indexed);
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
            public double BytesParallel(int threads, bool swar = false, bool lengths = false, bool indexed = false)
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
                    (CsvChunk c, Task<LossAccumulator> t) = pending.Dequeue();
                    total.Merge(t.Result);
                    c.Release();
                }
            }
        }

        // CsvChunk's constructor is internal: make one around a kept copy of a chunk's bytes by reflection.
        private sealed class CsvChunkCopy
        {
            public CsvChunkCopy(byte[] bytes)
            {
                Chunk = (CsvChunk)Activator.CreateInstance(typeof(CsvChunk),
                    System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance, null,
                    new object[] { 0, bytes, bytes.Length, 0L, false }, null)!;
            }

            public CsvChunk Chunk { get; }
        }

        private sealed class ChunkState
        {
            private readonly LossEngine _engine;
            private readonly RowBlock _block;
            private readonly BlockResult _result;
            private readonly LossAccumulator _blockSums;
            private LossAccumulator _total;
            private readonly int _classes;

            private readonly bool _swar, _lengths, _indexed;
            private int[] _separators = Array.Empty<int>();

            public ChunkState(LossEngine engine, int blockRows, int classes, bool swar, bool lengths = false, bool indexed = false)
            {
                _indexed = indexed;
                _swar = swar;
                _lengths = lengths;
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

            // The structural-index prototype: first every ',' and '\n' of the chunk, 64 bytes per vector compare, into
            // a list of positions; then each field is parsed from its known start and length (the '.' found by a SWAR
            // compare, both digit runs by one load each), so no number waits on the previous one's digits. Rows must be
            // "x_0,...,x_{C-1},label\n"; odd fields fall back to ParseNumberSwar; any other shape throws.
            private double ParseIndexed(byte[] buffer, int length, bool engine)
            {
                if (_separators.Length < length) _separators = new int[length];
                int classes = _classes, perRow = classes + 1;
                fixed (byte* start = buffer)
                fixed (int* seps = _separators)
                fixed (double* powers = ExactPowers)
                {
                    int n = 0, i = 0;
                    if (System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated)
                    {
                        var comma = System.Runtime.Intrinsics.Vector512.Create((byte)',');
                        var newline = System.Runtime.Intrinsics.Vector512.Create((byte)'\n');
                        for (; i + 64 <= length; i += 64)
                        {
                            var v = System.Runtime.Intrinsics.Vector512.Load(start + i);
                            ulong m = System.Runtime.Intrinsics.Vector512.ExtractMostSignificantBits(
                                System.Runtime.Intrinsics.Vector512.Equals(v, comma) | System.Runtime.Intrinsics.Vector512.Equals(v, newline));
                            while (m != 0)
                            {
                                seps[n++] = i + System.Numerics.BitOperations.TrailingZeroCount(m);
                                m &= m - 1;
                            }
                        }
                    }
                    for (; i < length; i++)
                        if (start[i] == (byte)',' || start[i] == (byte)'\n') seps[n++] = i;
                    if (n % perRow != 0) throw new InvalidDataException("prototype: ragged chunk");
                    byte* bufferEnd = start + buffer.Length;
                    int field = 0;
                    for (int k = 0; k < n; k += perRow)
                    {
                        int r = _block.Count;
                        fixed (double* row = &_block.Values[r * classes])
                        {
                            for (int c = 0; c < classes; c++)
                            {
                                int e = seps[k + c];
                                if (start[e] != (byte)',') throw new InvalidDataException("prototype: ragged row");
                                row[c] = ParseField(start + field, e - field, bufferEnd, powers);
                                field = e + 1;
                            }
                        }
                        int le = seps[k + classes];
                        if (start[le] != (byte)'\n') throw new InvalidDataException("prototype: ragged row");
                        int labelEnd = le > field && start[le - 1] == (byte)'\r' ? le - 1 : le;
                        _block.Labels[r] = ParseLabel(start + field, labelEnd - field, bufferEnd);
                        field = le + 1;
                        _block.Count = r + 1;
                        if (_block.IsFull)
                        {
                            if (engine) Compute();
                            else SumAndClear();
                        }
                    }
                }
                if (!engine) SumAndClear();
                return 0;
            }

            private static int ParseLabel(byte* s, int len, byte* bufferEnd)
            {
                if (len >= 1 && len <= 8 && s + 8 <= bufferEnd)
                {
                    ulong a = *(ulong*)s;
                    if (Math.Min(8, System.Numerics.BitOperations.TrailingZeroCount(NonDigits(a)) >> 3) >= len) return (int)PaddedDigits(a, len);
                }
                int label = 0;
                for (int j = 0; j < len; j++)
                {
                    uint d = (uint)(s[j] - '0');
                    if (d > 9) throw new InvalidDataException("prototype: bad label");
                    label = label * 10 + (int)d;
                }
                return label;
            }

            public static long Fallbacks;

            private static readonly ulong[] Pow10Long =
            {
                1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000, 10000000000, 100000000000,
                1000000000000, 10000000000000, 100000000000000, 1000000000000000, 10000000000000000,
            };

            // A field [s, s+len) known to end before a separator: [-]d{1..7}.d{1..16} in a few loads, no loop.
            private static double ParseField(byte* s, int len, byte* bufferEnd, double* powers)
            {
                if (len > 0 && s + 32 <= bufferEnd)
                {
                    int negative = *s == (byte)'-' ? 1 : 0;
                    byte* d = s + negative;
                    int dl = len - negative;
                    ulong a = *(ulong*)d;
                    ulong x = a ^ 0x2E2E2E2E2E2E2E2EUL; // '.' bytes become zero
                    int dot = System.Numerics.BitOperations.TrailingZeroCount((x - 0x0101010101010101UL) & ~x & 0x8080808080808080UL) >> 3;
                    int fd = dl - dot - 1;
                    if (dot >= 1 && dot < 8 && fd >= 1 && fd <= 16 && dot + fd <= 19
                        && System.Numerics.BitOperations.TrailingZeroCount(NonDigits(a)) >> 3 == dot)
                    {
                        byte* f = d + dot + 1;
                        ulong fa = *(ulong*)f;
                        int run = Math.Min(8, System.Numerics.BitOperations.TrailingZeroCount(NonDigits(fa)) >> 3);
                        ulong frac = ulong.MaxValue;
                        if (fd <= 8)
                        {
                            if (run >= fd) frac = PaddedDigits(fa, fd);
                        }
                        else
                        {
                            ulong fb = *(ulong*)(f + 8);
                            int run2 = Math.Min(8, System.Numerics.BitOperations.TrailingZeroCount(NonDigits(fb)) >> 3);
                            if (run == 8 && run2 >= fd - 8) frac = ParseEight(fa) * Pow10Long[fd - 8] + PaddedDigits(fb, fd - 8);
                        }
                        if (frac != ulong.MaxValue)
                        {
                            ulong mantissa = PaddedDigits(a, dot) * Pow10Long[fd] + frac;
                            if (mantissa <= (1UL << 53))
                            {
                                double value = mantissa / powers[fd];
                                return BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(value) | ((long)negative << 63));
                            }
                        }
                    }
                }
                Fallbacks++;
                byte* p = s;
                double v = ParseNumberSwar(ref p, s + len, powers);
                if (p != s + len) throw new InvalidDataException("prototype: not a plain number");
                return v;
            }

            public double Parse(byte[] buffer, int length, bool engine)
            {
                if (_indexed) return ParseIndexed(buffer, length, engine);
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
                                row[c] = _lengths && p + 24 <= end ? ParseNumberByLength(ref p, end, powers)
                                    : _swar ? ParseNumberSwar(ref p, end, powers) : ParseNumber(ref p, end, powers);
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

            // As ParseNumber, but eight digits at a time where eight are there (fast_float's SWAR trick: one 64-bit
            // load, a digit check and three multiplications instead of eight dependent multiply-adds), and the
            // sign taken without a branch.
            private static double ParseNumberSwar(ref byte* p, byte* end, double* powers)
            {
                ulong negative = *p == '-' ? 1UL : 0UL;
                p += (int)negative;
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
                    if (p + 8 <= end)
                    {
                        ulong v = *(ulong*)p;
                        if (IsEightDigits(v))
                        {
                            mantissa = mantissa * 100_000_000 + ParseEight(v);
                            p += 8;
                        }
                    }
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
                double value = scale < 0 ? m / powers[-scale] : m * powers[scale];
                // The sign as a bit: -0.0 for a negative zero, as NumberText gives.
                return BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(value) | (long)(negative << 63));
            }

            // Branch-light: the integer and fraction digit runs are measured with one 64-bit load and a trailing-zero
            // count each (the first non-digit byte), then parsed eight-at-a-time with the run left-padded by '0's; only
            // runs of eight or more digits, exponents and numbers near the chunk's end take the scalar ParseNumberSwar.
            // Needs 24 readable bytes from p.
            private static double ParseNumberByLength(ref byte* p, byte* end, double* powers)
            {
                byte* start = p;
                ulong negative = *p == '-' ? 1UL : 0UL;
                byte* q = p + (int)negative;
                ulong v = *(ulong*)q;
                int intDigits = System.Numerics.BitOperations.TrailingZeroCount(NonDigits(v)) >> 3;
                if (intDigits == 0 || intDigits == 8) return ParseNumberSwar(ref p, end, powers);
                ulong mantissa = PaddedDigits(v, intDigits);
                q += intDigits;
                int fracDigits = 0;
                if (*q == '.')
                {
                    q++;
                    ulong f = *(ulong*)q;
                    fracDigits = System.Numerics.BitOperations.TrailingZeroCount(NonDigits(f)) >> 3;
                    if (fracDigits == 8) return ParseNumberSwar(ref p, end, powers);
                    if (fracDigits > 0) mantissa = mantissa * Pow10Int[fracDigits] + PaddedDigits(f, fracDigits);
                    q += fracDigits;
                }
                if (*q == 'e' || *q == 'E') return ParseNumberSwar(ref p, end, powers);
                p = q;
                double value = fracDigits == 0 ? mantissa : mantissa / powers[fracDigits];
                return BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(value) | (long)(negative << 63));
            }

            private static readonly ulong[] Pow10Int = { 1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000 };

            // A byte's high bit set where it is not an ASCII digit; exact up to the first non-digit (the lowest set
            // byte), which is all a trailing-zero count reads.
            private static ulong NonDigits(ulong v) => ((v + 0x4646464646464646UL) | (v - 0x3030303030303030UL)) & 0x8080808080808080UL;

            // The first n (1..7) digit bytes of v as a number: shifted up so they end the eight-byte lane, '0's below.
            private static ulong PaddedDigits(ulong v, int n)
            {
                int shift = (8 - n) * 8;
                return ParseEight((v << shift) | (0x3030303030303030UL >> (64 - shift)));
            }

            private static bool IsEightDigits(ulong v) =>
                (((v + 0x4646464646464646UL) | (v - 0x3030303030303030UL)) & 0x8080808080808080UL) == 0;

            private static ulong ParseEight(ulong v)
            {
                const ulong mask = 0x000000FF000000FFUL;
                const ulong mul1 = 0x000F424000000064UL; // 100 + (1000000 << 32)
                const ulong mul2 = 0x0000271000000001UL; // 1 + (10000 << 32)
                v -= 0x3030303030303030UL;
                v = (v * 10) + (v >> 8);
                return (((v & mask) * mul1) + (((v >> 16) & mask) * mul2)) >> 32;
            }

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
