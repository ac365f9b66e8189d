using System;

namespace CrossEntropy.Engine
{
    /// <summary>
    /// The regularisation term of the objective: λ1·‖θ‖₁ + λ2·‖θ‖²₂ over a model's parameters θ (scikit-learn's
    /// LogisticRegression minimises Σ CE + ‖coef‖²/(2C), i.e. λ2 = 1/(2C) with the Sum reduction).
    /// </summary>
    internal static class Penalty
    {
        /// <summary>λ1·Σ|θ| + λ2·Σθ², summed in double in the order given.</summary>
        public static double Of(ReadOnlySpan<double> theta, double l1, double l2)
        {
            if (double.IsNaN(l1) || double.IsInfinity(l1) || l1 < 0) throw new ArgumentException("L1 must be a finite non-negative number.", nameof(l1));
            if (double.IsNaN(l2) || double.IsInfinity(l2) || l2 < 0) throw new ArgumentException("L2 must be a finite non-negative number.", nameof(l2));
            double abs = 0, squares = 0;
            foreach (double t in theta)
            {
                abs += Math.Abs(t);
                squares += t * t;
            }
            return l1 * abs + l2 * squares;
        }
    }
}
