using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using CrossEntropy.Engine;

namespace CrossEntropy.Bench.Peers
{
    /// <summary>
    /// The engine bench's measurement (EngineTimings: the same blocks, BlockParallel.Forward and ForwardBackward) with
    /// the median process CPU time beside the median wall time. Prints lines in the engine bench's format plus CPU:
    ///   engine 1000000x10 float64 threads=1 forward_ms=.. forward_backward_ms=.. forward_cpu_ms=.. forward_backward_cpu_ms=..
    /// usage: engine-cpu [--threads 1,2] [--repeats 7] [--shape 1000000x10]
    /// </summary>
    internal static class Program
    {
        private static void Main(string[] args)
        {
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            var shapes = new List<(int Rows, int Classes)> { (1_000_000, 10), (100_000, 1_000), (2_000, 50_000) };
            if (EngineTimings.Args(args, "--shape") is string only) shapes = shapes.Where(s => $"{s.Rows}x{s.Classes}" == only).ToList();
            int repeats = EngineTimings.Arg(args, "--repeats", 7);
            int[] threads = (EngineTimings.Args(args, "--threads") ?? "1,2").Split(',').Select(int.Parse).ToArray();
            foreach ((int rows, int classes) in shapes)
            {
                List<RowBlock> blocks = EngineTimings.MakeBlocks(rows, classes, seed: 42);
                var engine = new LossEngine(new LossOptions { Classes = classes });
                var results = blocks.Select(b => engine.CreateResult(b.Capacity)).ToList();
                foreach (int t in threads)
                {
                    (double f, double fc) = Median(repeats, () => BlockParallel.Forward(engine, blocks, t));
                    (double b, double bc) = Median(repeats, () => BlockParallel.ForwardBackward(engine, blocks, results, t));
                    Console.WriteLine($"engine {rows}x{classes} float64 threads={t} forward_ms={f:F2} forward_backward_ms={b:F2} forward_cpu_ms={fc:F2} forward_backward_cpu_ms={bc:F2}");
                }
                blocks.Clear();
                results.Clear();
                GC.Collect();
            }
        }

        private static (double Wall, double Cpu) Median(int repeats, Action run)
        {
            EngineTimings.WarmUp(run);
            var wall = new double[repeats];
            var cpu = new double[repeats];
            using Process self = Process.GetCurrentProcess();
            for (int r = 0; r < repeats; r++)
            {
                self.Refresh();
                TimeSpan c0 = self.TotalProcessorTime;
                var sw = Stopwatch.StartNew();
                run();
                wall[r] = sw.Elapsed.TotalMilliseconds;
                self.Refresh();
                cpu[r] = (self.TotalProcessorTime - c0).TotalMilliseconds;
            }
            Array.Sort(wall);
            Array.Sort(cpu);
            return (wall[repeats / 2], cpu[repeats / 2]);
        }
    }
}
