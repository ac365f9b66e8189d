using System;

namespace CrossEntropy.Engine
{
    /// <summary>
    /// Counts over fixed bins [e_k, e_{k+1}) (the last bin is closed at +Infinity): mergeable because the edges are
    /// chosen before any row is seen.
    /// </summary>
    public sealed class Histogram
    {
        /// <summary>
        /// Loss edges in nats, roughly log-spaced: a per-row loss is heavy-tailed (most rows near 0, a few beyond 5),
        /// so equal widths would put nearly every row in the first bar.
        /// </summary>
        public static readonly double[] LossEdges = { 0, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, double.PositiveInfinity };

        /// <summary>Bins between consecutive <paramref name="edges"/> (ascending, at least two).</summary>
        public Histogram(double[] edges)
        {
            if (edges == null || edges.Length < 2) throw new ArgumentException("A histogram needs at least two edges.", nameof(edges));
            for (int k = 1; k < edges.Length; k++)
                if (!(edges[k] > edges[k - 1])) throw new ArgumentException("Edges must be strictly ascending.", nameof(edges));
            Edges = (double[])edges.Clone();
            Counts = new long[edges.Length - 1];
        }

        /// <summary>Bin edges.</summary>
        public double[] Edges { get; }
        /// <summary>Rows per bin.</summary>
        public long[] Counts { get; }
        /// <summary>Values below the first edge, or NaN.</summary>
        public long Outside { get; private set; }

        /// <summary>Counts one value.</summary>
        public void Add(double v)
        {
            if (double.IsNaN(v) || v < Edges[0])
            {
                Outside++;
                return;
            }
            int k = Array.BinarySearch(Edges, v);
            k = k >= 0 ? k : ~k - 1;
            Counts[Math.Min(k, Counts.Length - 1)]++;
        }

        /// <summary>Adds another histogram's counts.</summary>
        public void Merge(Histogram other)
        {
            if (other.Counts.Length != Counts.Length) throw new ArgumentException("Edges differ.", nameof(other));
            for (int k = 0; k < Counts.Length; k++) Counts[k] += other.Counts[k];
            Outside += other.Outside;
        }
    }
}
