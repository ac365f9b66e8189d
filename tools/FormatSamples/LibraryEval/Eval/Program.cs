// Library evaluation for issue 15: the measurements in tests/data/formats/LIBRARIES.md. Run through run.sh beside
// this folder; each mode is one measurement (see run.sh for the command lines).
using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using Apache.Arrow;
using Apache.Arrow.Types;
using Array = System.Array;
using Apache.Arrow.Ipc;
using DuckDB.NET.Data;

static partial class P
{
    const int K = 10;

    static async Task<int> Main(string[] a)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        switch (a[0])
        {
            case "gen": Gen(a[1]); break;
            case "pqnet": await Bench(a[0] + " " + a[2], () => PqNet(a[1], a[2] == "list")); break;
            case "pqnet-mem": await Bench(a[0] + " " + a[2], () => PqNetMem(a[1], a[2] == "list")); break;
            case "pqnet-par": await Bench(a[0] + " " + a[2] + " x" + a[3], () => Task.FromResult(Par(a[1], int.Parse(a[3]), (p, g) => PqNetGroup(p, g, a[2] == "list").GetAwaiter().GetResult()))); break;
            case "pqsharp-par": await Bench(a[0] + " " + a[2] + " x" + a[3], () => Task.FromResult(Par(a[1], int.Parse(a[3]), (p, g) => PqSharpGroup(p, g, a[2] == "list")))); break;
            case "pqsharp": await Bench(a[0] + " " + a[2], () => Task.FromResult(PqSharpLogical(a[1], a[2] == "list"))); break;
            case "pqsharp-phys": await Bench(a[0] + " " + a[2], () => Task.FromResult(PqSharpPhysical(a[1], a[2] == "list"))); break;
            case "ab": await AB(a[1], a[2] == "list", int.Parse(a[3])); break;
            case "duck": DuckLoss(a[1], int.Parse(a[2]), a[3] == "list"); break;
            case "zstd": await Bench("zstd " + a[2], () => Task.FromResult(Decompress(a[1], a[2]))); break;
            case "arrow-check": ArrowCheck(a[1]); break;
            case "arrow-write": ArrowWrite(a[1]); break;
            case "arrow-read": await Bench("arrow-read", () => Task.FromResult(ArrowRead(a[1]))); break;
            case "pq-check": await PqCheck(a[1]); break;
            default: Console.Error.WriteLine("?"); return 2;
        }
        return 0;
    }

    // ------------------------------------------------------------ harness: 1 warm-up, 5 timed, median
    static async Task Bench(string name, Func<Task<double>> run)
    {
        double check = await run();
        var times = new List<double>();
        var allocs = new List<long>();
        var cpus = new List<double>();
        int runs = int.Parse(Environment.GetEnvironmentVariable("RUNS") ?? "5");
        for (int i = 0; i < runs; i++)
        {
            GC.Collect(); GC.WaitForPendingFinalizers(); GC.Collect();
            long a0 = GC.GetTotalAllocatedBytes(true);
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            double c = await run();
            sw.Stop();
            cpus.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMilliseconds);
            allocs.Add(GC.GetTotalAllocatedBytes(true) - a0);
            times.Add(sw.Elapsed.TotalMilliseconds);
            if (c != check) throw new Exception("nondeterministic");
        }
        times.Sort(); cpus.Sort();
        Console.WriteLine($"{name}: min {times[0]:F0} ms, median {times[runs / 2]:F0} ms (of {runs}), cpu min {cpus[0]:F0} ms, allocated {allocs.Min() / 1048576.0:F1} MB/run, " +
                          $"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576} MB, check {check:R}");
    }

    // ------------------------------------------------------------ the loss over what was read (a plain scalar loop, to compare with DuckDB)
    static readonly bool NoLoss = Environment.GetEnvironmentVariable("LOSS") == "0";

    static double Loss(double[][] cols, int[] label, int n)
    {
        if (NoLoss) { double t = 0; for (int c = 0; c < K; c++) t += cols[c][n / 2]; return t + label[n - 1]; }
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            double m = cols[0][i];
            for (int c = 1; c < K; c++) m = Math.Max(m, cols[c][i]);
            double e = 0;
            for (int c = 0; c < K; c++) e += Math.Exp(cols[c][i] - m);
            s += m + Math.Log(e) - cols[label[i]][i];
        }
        return s;
    }

    static double LossRows(double[] flat, int[] label, int n)
    {
        if (NoLoss) { double t = 0; for (int c = 0; c < K; c++) t += flat[n / 2 * K + c]; return t + label[n - 1]; }
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            var r = new ReadOnlySpan<double>(flat, i * K, K);
            double m = r[0];
            for (int c = 1; c < K; c++) m = Math.Max(m, r[c]);
            double e = 0;
            for (int c = 0; c < K; c++) e += Math.Exp(r[c] - m);
            s += m + Math.Log(e) - r[label[i]];
        }
        return s;
    }

}
