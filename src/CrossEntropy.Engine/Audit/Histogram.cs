using System;
using System.Collections.Generic;

namespace CrossEntropy.Engine.Audit
{
    /// <summary>
    /// Counts over fixed bins [e_k, e_{k+1}) (the last bin is closed at +Infinity): mergeable because the edges are
    /// chosen before any row is seen.
    /// </summary>
    internal sealed class Histogram
    {
        // Loss edges in nats, roughly log-spaced: a per-row loss is heavy-tailed (most rows near 0, a few beyond 5), so
        // equal widths would put nearly every row in the first bar.
        private static readonly double[] LossEdges = { 0, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, double.PositiveInfinity };

        private readonly double[] _edges;
        private readonly long[] _counts;

        /// <summary>Bins between consecutive <paramref name="edges"/> (ascending, at least two).</summary>
        public Histogram(double[] edges)
        {
            if (edges == null || edges.Length < 2) throw new ArgumentException("A histogram needs at least two edges.", nameof(edges));
            for (int k = 1; k < edges.Length; k++)
                if (!(edges[k] > edges[k - 1])) throw new ArgumentException("Edges must be strictly ascending.", nameof(edges));
            _edges = (double[])edges.Clone();
            _counts = new long[edges.Length - 1];
        }

        /// <summary>A histogram of per-row losses over the loss edges (0, 0.01, 0.02, 0.05, ..., 10, ∞).</summary>
        public static Histogram OfLosses() => new Histogram(LossEdges);

        /// <summary>Bin edges (one more than the bins).</summary>
        public IReadOnlyList<double> Edges => _edges;
        /// <summary>Rows per bin.</summary>
        public IReadOnlyList<long> Counts => _counts;
        /// <summary>Values below the first edge, or NaN.</summary>
        public long Outside { get; private set; }

        /// <summary>Counts one value.</summary>
        public void Add(double v)
        {
            if (double.IsNaN(v) || v < _edges[0])
            {
                Outside++;
                return;
            }
            int k = Array.BinarySearch(_edges, v);
            k = k >= 0 ? k : ~k - 1;
            _counts[Math.Min(k, _counts.Length - 1)]++;
        }

        /// <summary>Adds another histogram's counts.</summary>
        public void Merge(Histogram other)
        {
            if (other._counts.Length != _counts.Length) throw new ArgumentException("Edges differ.", nameof(other));
            for (int k = 0; k < _counts.Length; k++) _counts[k] += other._counts[k];
            Outside += other.Outside;
        }
    }
}
