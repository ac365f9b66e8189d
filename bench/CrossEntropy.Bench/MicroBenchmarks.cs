using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using CrossEntropy.Engine;

namespace CrossEntropy.Bench
{
    /// <summary>Scalar reference vs the SIMD engine, one thread, float64 (the engine's only dtype).</summary>
    [MemoryDiagnoser]
    public class MicroBenchmarks
    {
        private List<RowBlock> _blocks = new();
        private BlockResult[] _results = System.Array.Empty<BlockResult>();
        private LossEngine _engine = null!;
        private LossOptions _options = null!;
        private double[] _x = System.Array.Empty<double>();
        private int[] _y = System.Array.Empty<int>();

        [Params(10, 1000)]
        public int Classes { get; set; }

        private int Rows => 2_000_000 / Classes;

        [GlobalSetup]
        public void Setup()
        {
            _options = new LossOptions { Classes = Classes };
            _engine = new LossEngine(_options);
            _blocks = EngineTimings.MakeBlocks(Rows, Classes, seed: 1);
            _results = _blocks.ConvertAll(b => _engine.CreateResult(b.Capacity)).ToArray();
            _x = new double[Rows * Classes];
            _y = new int[Rows];
            int at = 0;
            foreach (RowBlock b in _blocks)
            {
                System.Array.Copy(b.Values, 0, _x, at * Classes, b.Count * Classes);
                System.Array.Copy(b.Labels, 0, _y, at, b.Count);
                at += b.Count;
            }
        }

        [Benchmark(Baseline = true)]
        public double ScalarReferenceForward() => ScalarReference.MeanLoss(_options, _x, _y, Rows);

        [Benchmark]
        public double SimdForward() => BlockParallel.Forward(_engine, _blocks, threads: 1).Mean;

        [Benchmark]
        public double SimdForwardBackward() => BlockParallel.ForwardBackward(_engine, _blocks, _results, threads: 1).Mean;
    }
}
