using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;

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
    /// separator index with AVX-512 first; mem_* parse chunks already in memory (no file reads); mem_numbers / mem_numbers_runs put every cell through
    /// Utf8Number.Parse / its digit-run path alone (Parse before its 16-byte window): alternate them for an A/B. Every prototype's
    /// checksum and loss must equal the Sylvan + NumberText path's (bit-identical doubles).
    /// --reader bytes reads the stages tokenize..parallel2 with CsvFile's byte path (ByteChunkReader, Utf8Number)
    /// instead of Sylvan + NumberText (the default, as before that path existed).
    /// usage: csv-profile --path F [--repeats 7] [--stages all|chunks,decode,...] [--reader sylvan|bytes]
    /// </summary>
    internal static class Program
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
            string reader = Arg(args, "--reader") ?? "sylvan";
            var p = new Profile(path, bytes: reader == "bytes");
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
                    "mem_plain" => p.MemoryPlain,
                    "mem_numbers" => () => p.MemoryNumbers(window: true),
                    "mem_numbers_runs" => () => p.MemoryNumbers(window: false),
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
                if (ByteNumbers.Fallbacks > 0) Console.Error.WriteLine($"(fallbacks: {ByteNumbers.Fallbacks})");
                Console.WriteLine($"profile stage={s} ms={ms:F2} cpu_ms={cpu:F0} mb_per_s={mb / (ms / 1000):F0} mb_per_cpu_s={mb / (cpu / 1000):F0} checksum={checksum:R} reader={reader}");
            }
            return 0;
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
