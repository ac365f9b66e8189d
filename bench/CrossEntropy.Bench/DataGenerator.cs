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
        /// <summary>
        /// Writes N rows of C logits and a label column: float32 values in their shortest round-trip text (as pandas
        /// writes a float32 column, ~9 digits), or with --float64 double values in theirs (a float64 column, up to 17).
        /// </summary>
        public static void Generate(string[] args)
        {
            string path = EngineTimings.Args(args, "--out") ?? throw new ArgumentException("--out FILE");
            long rows = long.Parse(EngineTimings.Args(args, "--rows") ?? "1000000", CultureInfo.InvariantCulture);
            int classes = EngineTimings.Arg(args, "--classes", 10);
            bool float64 = args.Contains("--float64");
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
                    double x = 2 * Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v);
                    sb.Append(float64 ? x.ToString("R", CultureInfo.InvariantCulture) : ((float)x).ToString("R", CultureInfo.InvariantCulture)).Append(',');
                }
                sb.Append(rng.Next(classes).ToString(CultureInfo.InvariantCulture)).Append('\n');
                w.Write(sb);
            }
        }
    }
}
