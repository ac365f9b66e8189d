using System;
using BenchmarkDotNet.Running;

namespace CrossEntropy.Bench
{
    internal static class Program
    {
        private static int Main(string[] args)
        {
            string mode = args.Length > 0 ? args[0] : "engine";
            string[] rest = args.Length > 0 ? args[1..] : Array.Empty<string>();
            switch (mode)
            {
                case "engine":
                    EngineTimings.Run(rest);
                    return 0;
                case "gen":
                    DataGenerator.Generate(rest);
                    return 0;
                case "bdn":
                    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(rest);
                    return 0;
                default:
                    Console.Error.WriteLine("usage: CrossEntropy.Engine.Bench engine [--threads 1,2] [--repeats 7] [--scalar] | gen --out F [--rows N] [--classes C] [--float64]"
                        + " | bdn [BenchmarkDotNet args]" + " (the module itself: bench/module.ps1 on real pwsh)");
                    return 2;
            }
        }
    }
}
