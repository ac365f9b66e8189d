using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using CrossEntropy.Engine;

namespace CrossEntropy.Bench
{
    /// <summary>
    /// Times the in-memory engine on the shapes: mean-loss forward, and forward + gradient of the mean, for
    /// each thread count; prints one line per measurement (median of several runs) for bench/run.sh to tabulate.
    /// </summary>
    internal static class EngineTimings
    {
        public static void Run(string[] args)
        {
            var shapes = new List<(int Rows, int Classes)> { (1_000_000, 10), (100_000, 1_000), (2_000, 50_000) };
            if (Args(args, "--shape") is string only)
                shapes = shapes.Where(s => $"{s.Rows}x{s.Classes}" == only).ToList();
            int repeats = Arg(args, "--repeats", 7);
            int[] threads = (Args(args, "--threads") ?? "1,2").Split(',').Select(int.Parse).ToArray();
            foreach ((int rows, int classes) in shapes)
            {
                List<RowBlock> blocks = MakeBlocks(rows, classes, seed: 42);
                var engine = new LossEngine(new LossOptions { Classes = classes });
                var results = blocks.Select(b => engine.CreateResult(b.Capacity)).ToList();
                foreach (int t in threads)
                {
                    double forward = Median(repeats, () => BlockParallel.Forward(engine, blocks, t));
                    double both = args.Contains("--forward-only") ? double.NaN : Median(repeats, () => BlockParallel.ForwardBackward(engine, blocks, results, t));
                    Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
                        "engine {0}x{1} float64 threads={2} forward_ms={3:F2} forward_backward_ms={4:F2}", rows, classes, t, forward, both));
                }
                if (args.Contains("--scalar"))
                {
                    (double[] x, int[] y) = Flatten(blocks, classes);
                    var o = new LossOptions { Classes = classes };
                    double scalar = Median(Math.Min(repeats, 3), () => ScalarReference.MeanLoss(o, x, y, rows));
                    Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "scalar {0}x{1} float64 threads=1 forward_ms={2:F2}", rows, classes, scalar));
                }
                blocks.Clear();
                results.Clear();
                GC.Collect();
            }
        }

        /// <summary>Rows of N(0, 2²) logits and uniform labels in blocks of about 64K doubles (at least one row).</summary>
        public static List<RowBlock> MakeBlocks(int rows, int classes, int seed)
        {
            int blockRows = Math.Max(1, 65_536 / classes);
            var rng = new Random(seed);
            var blocks = new List<RowBlock>();
            for (int start = 0; start < rows; start += blockRows)
            {
                int n = Math.Min(blockRows, rows - start);
                var b = new RowBlock(blockRows, classes);
                for (int k = 0; k < n * classes; k++) b.Values[k] = Normal(rng) * 2;
                for (int i = 0; i < n; i++)
                {
                    b.Labels[i] = rng.Next(classes);
                    b.RowNumbers[i] = start + i + 1;
                }
                b.Count = n;
                blocks.Add(b);
            }
            return blocks;
        }

        private static (double[], int[]) Flatten(List<RowBlock> blocks, int classes)
        {
            int rows = blocks.Sum(b => b.Count);
            var x = new double[rows * classes];
            var y = new int[rows];
            int at = 0;
            foreach (RowBlock b in blocks)
            {
                Array.Copy(b.Values, 0, x, at * classes, b.Count * classes);
                Array.Copy(b.Labels, 0, y, at, b.Count);
                at += b.Count;
            }
            return (x, y);
        }

        private static double Normal(Random rng) =>
            Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

        /// <summary>Median wall time in ms of <paramref name="repeats"/> runs, after warming up.</summary>
        public static double Median(int repeats, Action run)
        {
            WarmUp(run);
            var times = new double[repeats];
            for (int r = 0; r < repeats; r++)
            {
                var sw = Stopwatch.StartNew();
                run();
                times[r] = sw.Elapsed.TotalMilliseconds;
            }
            Array.Sort(times);
            return times[repeats / 2];
        }

        /// <summary>
        /// Runs <paramref name="run"/> at least three times and for at least half a second, so the kernels are timed
        /// after tiered compilation has installed their optimised code (one run left a 40 ms call timing tier-0 code),
        /// and after the first runs' page faults.
        /// </summary>
        public static void WarmUp(Action run)
        {
            var sw = Stopwatch.StartNew();
            for (int i = 0; i < 3 || sw.ElapsedMilliseconds < 500; i++) run();
        }

        private static double Median(int repeats, Func<object> run) => Median(repeats, () => { run(); });

        public static int Arg(string[] args, string name, int fallback)
        {
            string? v = Args(args, name);
            return v == null ? fallback : int.Parse(v, CultureInfo.InvariantCulture);
        }

        public static string? Args(string[] args, string name)
        {
            int i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }
    }
}
