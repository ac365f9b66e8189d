using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using CrossEntropy.Host;

namespace CrossEntropy.Bench
{
    /// <summary>The module end to end, through the embedded PowerShell engine: -Path, pipeline input, allocations, memory.</summary>
    internal static class ModuleTimings
    {
        /// <summary>Writes N rows of C float32 logits (shortest round-trip text, as pandas writes) and a label column.</summary>
        public static void Generate(string[] args)
        {
            string path = EngineTimings.Args(args, "--out") ?? throw new ArgumentException("--out FILE");
            long rows = long.Parse(EngineTimings.Args(args, "--rows") ?? "1000000", CultureInfo.InvariantCulture);
            int classes = EngineTimings.Arg(args, "--classes", 10);
            var rng = new Random(0);
            using var w = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
            w.Write(string.Join(",", Enumerable.Range(0, classes).Select(c => "logit_" + c)) + ",label\n");
            var sb = new StringBuilder();
            for (long i = 0; i < rows; i++)
            {
                sb.Clear();
                for (int c = 0; c < classes; c++)
                {
                    double u = 1 - rng.NextDouble(), v = rng.NextDouble();
                    float x = (float)(2 * Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v));
                    sb.Append(x.ToString("R", CultureInfo.InvariantCulture)).Append(',');
                }
                sb.Append(rng.Next(classes).ToString(CultureInfo.InvariantCulture)).Append('\n');
                w.Write(sb);
            }
        }

        /// <summary>Measure-CrossEntropy -Path on each thread count (median of runs).</summary>
        public static void Csv(string[] args)
        {
            string path = Path.GetFullPath(EngineTimings.Args(args, "--path") ?? throw new ArgumentException("--path FILE"));
            int repeats = EngineTimings.Arg(args, "--repeats", 5);
            using var s = new ModuleSession();
            foreach (int t in (EngineTimings.Args(args, "--threads") ?? "1,2").Split(',').Select(int.Parse))
            {
                double loss = 0;
                double ms = EngineTimings.Median(repeats, () => loss = s.Invoke("param($p, $t) Measure-CrossEntropy -Path $p -ThrottleLimit $t", path, t).Single().Properties["Loss"].Value is double d ? d : double.NaN);
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "module_csv threads={0} ms={1:F2} loss={2:R}", t, ms, loss));
            }
        }

        /// <summary>
        /// Pipeline input: N rows built as Import-Csv builds them ([pscustomobject] with one string NoteProperty per
        /// column, from the file's lines) — timed as the Import-Csv stand-in — then piped into Measure-CrossEntropy.
        /// </summary>
        public static void Pipeline(string[] args)
        {
            string path = Path.GetFullPath(EngineTimings.Args(args, "--path") ?? throw new ArgumentException("--path FILE"));
            int rows = EngineTimings.Arg(args, "--rows", 200_000), repeats = EngineTimings.Arg(args, "--repeats", 5);
            string[] lines = File.ReadLines(path).Take(rows + 1).ToArray();
            string[] header = lines[0].Split(',');
            List<PSObject> objects = new();
            double build = EngineTimings.Median(repeats, () => objects = Build(header, lines));
            using var s = new ModuleSession();
            s.Invoke("param($rows) $global:rows = $rows", new object?[] { objects.ToArray() });
            double measure = EngineTimings.Median(repeats, () => s.Invoke("$global:rows | Measure-CrossEntropy"));
            double consume = EngineTimings.Median(repeats, () => s.Invoke("$global:rows | ForEach-Object -Process { }"));
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
                "pipeline rows={0} build_us_per_row={1:F3} measure_us_per_row={2:F3} foreach_noop_us_per_row={3:F3}",
                objects.Count, build * 1000 / objects.Count, measure * 1000 / objects.Count, consume * 1000 / objects.Count));
        }

        private static List<PSObject> Build(string[] header, string[] lines)
        {
            var list = new List<PSObject>(lines.Length - 1);
            for (int i = 1; i < lines.Length; i++)
            {
                string[] cells = lines[i].Split(',');
                var o = new PSObject();
                for (int c = 0; c < header.Length; c++) o.Properties.Add(new PSNoteProperty(header[c], cells[c]));
                list.Add(o);
            }
            return list;
        }

        /// <summary>
        /// Bytes allocated per output row by the per-row cmdlets, over what reading the same file for a summary costs
        /// (output discarded with Out-Null, so only the cmdlet's own allocations count).
        /// </summary>
        public static void Allocations(string[] args)
        {
            string path = Path.GetFullPath(EngineTimings.Args(args, "--path") ?? throw new ArgumentException("--path FILE"));
            using var s = new ModuleSession();
            long rows = Convert.ToInt64(s.Invoke("param($p) (Measure-CrossEntropy -Path $p).Count", path).Single().BaseObject, CultureInfo.InvariantCulture);
            double summary = BytesPerRow(s, "Measure-CrossEntropy", path, rows);
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "alloc command=\"Measure-CrossEntropy\" rows={0} bytes_per_row={1:F0}", rows, summary));
            foreach (string command in new[] { "Measure-CrossEntropy -Reduction None", "Get-Softmax", "Get-LossGradient -Reduction Sum" })
            {
                double perRow = BytesPerRow(s, command, path, rows);
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "alloc command=\"{0}\" rows={1} bytes_per_row={2:F0} over_summary={3:F0}",
                    command, rows, perRow, perRow - summary));
            }
        }

        private static double BytesPerRow(ModuleSession s, string command, string path, long rows)
        {
            string script = "param($p) " + command + " -Path $p -ThrottleLimit 1 | Out-Null";
            s.Invoke(script, path); // warm-up: JIT, emitted types, caches
            long before = GC.GetTotalAllocatedBytes(precise: true);
            s.Invoke(script, path);
            return (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)rows;
        }

        /// <summary>Peak working set of this process after Measure-CrossEntropy -Path on a (large) file.</summary>
        public static void Memory(string[] args)
        {
            string path = Path.GetFullPath(EngineTimings.Args(args, "--path") ?? throw new ArgumentException("--path FILE"));
            using var s = new ModuleSession();
            long before = PeakWorkingSet();
            var sw = Stopwatch.StartNew();
            PSObject r = s.Invoke("param($p) Measure-CrossEntropy -Path $p", path).Single();
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
                "memory file_mb={0:F0} rows={1} seconds={2:F1} peak_working_set_mb={3:F0} peak_before_run_mb={4:F0}",
                new FileInfo(path).Length / 1048576.0, r.Properties["Count"].Value, sw.Elapsed.TotalSeconds, PeakWorkingSet() / 1048576.0, before / 1048576.0));
        }

        private static long PeakWorkingSet()
        {
            // VmHWM is the peak resident set; Process.PeakWorkingSet64 reads the same on Linux.
            using var p = Process.GetCurrentProcess();
            return p.PeakWorkingSet64;
        }
    }
}
