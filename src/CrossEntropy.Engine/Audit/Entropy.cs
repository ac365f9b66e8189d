using System;

namespace CrossEntropy.Engine.Audit
{
    /// <summary>Entropy and impurity of a class distribution given by counts (decision-tree node impurity).</summary>
    internal static class Entropy
    {
        /// <summary>H = -Σ p_c·log p_c in nats with p_c = n_c / Σn (0·log 0 = 0); NaN when Σn is 0.</summary>
        public static double OfCounts(ReadOnlySpan<double> counts)
        {
            double total = Total(counts), h = 0;
            if (!(total > 0)) return double.NaN;
            foreach (double n in counts)
            {
                if (!(n > 0)) continue;
                double p = n / total;
                h -= p * Math.Log(p);
            }
            return h;
        }

        /// <summary>Gini impurity 1 - Σ p_c²; NaN when Σn is 0.</summary>
        public static double GiniOfCounts(ReadOnlySpan<double> counts)
        {
            double total = Total(counts), s = 0;
            if (!(total > 0)) return double.NaN;
            foreach (double n in counts)
            {
                double p = n / total;
                s += p * p;
            }
            return 1 - s;
        }

        /// <summary>log(b): the divisor that turns nats into units of base b (2: bits, 10: hartleys).</summary>
        public static double LogOfBase(double b)
        {
            if (!(b > 0) || b == 1 || double.IsInfinity(b)) throw new ArgumentOutOfRangeException(nameof(b), "A logarithm base must be positive, finite and not 1.");
            return Math.Log(b);
        }

        private static double Total(ReadOnlySpan<double> counts)
        {
            double total = 0;
            foreach (double n in counts)
            {
                if (double.IsNaN(n) || n < 0 || double.IsInfinity(n))
                    throw new ArgumentException("Counts must be finite and non-negative.", nameof(counts));
                total += n;
            }
            return total;
        }
    }
}
