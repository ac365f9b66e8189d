using System;

namespace CrossEntropy.Engine
{
    /// <summary>
    /// One element of torchvision.ops.sigmoid_focal_loss, written as torchvision writes it so that the values agree
    /// to the last bits: p = sigmoid(x), ce = binary_cross_entropy_with_logits(x, t), p_t = p·t + (1 - p)(1 - t),
    /// loss = ce·(1 - p_t)^γ, times α_t = α·t + (1 - α)(1 - t) when α ≥ 0. The gradient is autograd's through that graph.
    /// </summary>
    internal static class SigmoidFocal
    {
        /// <summary>The loss of logit <paramref name="x"/> (already divided by the temperature) against target <paramref name="t"/>.</summary>
        public static double Loss(double x, double t, double alpha, double gamma, out double p)
        {
            p = 1 / (1 + Math.Exp(-x)); // torch.sigmoid in double
            double loss = CrossEntropy(x, t) * Math.Pow(1 - (p * t + (1 - p) * (1 - t)), gamma);
            return alpha >= 0 ? (alpha * t + (1 - alpha) * (1 - t)) * loss : loss;
        }

        /// <summary>∂loss/∂x (with respect to the logit the loss saw).</summary>
        public static double Gradient(double x, double t, double alpha, double gamma)
        {
            double p = 1 / (1 + Math.Exp(-x));
            double q = 1 - (p * t + (1 - p) * (1 - t));
            double g = (p - t) * Math.Pow(q, gamma);
            double dp = p * (1 - p); // sigmoid's backward from its output
            if (gamma != 0 && dp != 0)
                g += CrossEntropy(x, t) * gamma * Math.Pow(q, gamma - 1) * -(dp * t - dp * (1 - t));
            return alpha >= 0 ? (alpha * t + (1 - alpha) * (1 - t)) * g : g;
        }

        // PyTorch's binary_cross_entropy_with_logits without weights: (1 - t)·x + m + log(exp(-m) + exp(-x - m)), m = max(-x, 0).
        private static double CrossEntropy(double x, double t)
        {
            double m = Math.Max(-x, 0);
            return (1 - t) * x + m + Math.Log(Math.Exp(-m) + Math.Exp(-x - m));
        }
    }
}
