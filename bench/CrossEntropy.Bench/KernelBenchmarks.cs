using System;
using BenchmarkDotNet.Attributes;
using CrossEntropy.Engine.Kernels;

namespace CrossEntropy.Bench
{
    /// <summary>
    /// The driver's loops at each width on this machine (a width the hardware lacks runs in software, so compare only
    /// the accelerated ones): exp over a tile, the sum of a ten-class row, and a wide row's exp-sum.
    /// </summary>
    public class KernelBenchmarks
    {
        private readonly double[] _tile = new double[2048], _tileOut = new double[2048];
        private readonly double[] _wide = new double[1000];
        private readonly double[] _rows = new double[10 * 2048];

        /// <summary>Which of the driver's loops runs.</summary>
        public enum Path { Scalar, Vector128, Vector256, Vector512 }

        [ParamsAllValues]
        public Path Width { get; set; } = Path.Vector512;

        [GlobalSetup]
        public void Setup()
        {
            var rng = new Random(3);
            for (int i = 0; i < _tile.Length; i++) _tile[i] = -rng.NextDouble() * 20;
            for (int i = 0; i < _wide.Length; i++) _wide[i] = rng.NextDouble() * 8 - 4;
            for (int i = 0; i < _rows.Length; i++) _rows[i] = rng.NextDouble();
        }

        [Benchmark(Description = "exp, 2048 elements")]
        public void Exp()
        {
            var op = default(ExpOperator);
            switch (Width)
            {
                case Path.Scalar: VectorDriver.MapScalar(_tile, _tileOut, op); break;
                case Path.Vector128: VectorDriver.Map128(_tile, _tileOut, op); break;
                case Path.Vector256: VectorDriver.Map256(_tile, _tileOut, op); break;
                default: VectorDriver.Map512(_tile, _tileOut, op); break;
            }
        }

        [Benchmark(Description = "sum, 2048 rows of 10")]
        public double RowSums()
        {
            double total = 0;
            for (int at = 0; at < _rows.Length; at += 10) total += Sum(new ReadOnlySpan<double>(_rows, at, 10), default(IdentityOperator));
            return total;
        }

        [Benchmark(Description = "exp-sum, 1000 elements")]
        public double ExpSum() => Sum(_wide, new ExpOfDifferenceOperator(4));

        private double Sum<TOp>(ReadOnlySpan<double> x, TOp op) where TOp : struct, IUnaryOperator => Width switch
        {
            Path.Scalar => VectorDriver.MapSumScalar(x, Span<double>.Empty, op),
            Path.Vector128 => VectorDriver.MapSum128(x, Span<double>.Empty, op),
            Path.Vector256 => VectorDriver.MapSum256(x, Span<double>.Empty, op),
            _ => VectorDriver.MapSum512(x, Span<double>.Empty, op),
        };
    }
}
