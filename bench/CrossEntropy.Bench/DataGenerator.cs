using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace CrossEntropy.Bench
{
    /// <summary>Prediction files for the module benchmarks (bench/module.ps1 times the module on real pwsh).</summary>
    internal static class DataGenerator
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
    }
}
