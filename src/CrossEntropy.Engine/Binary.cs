using System;

namespace CrossEntropy.Engine
{
    /// <summary>
    /// One element of nn.BCEWithLogitsLoss (logits) or nn.BCELoss (probabilities), with weight and pos_weight.
    /// The logit form uses softplus(z) = max(z, 0) + log1p(exp(-|z|)), stable for |x| of 1e4 and beyond.
    /// </summary>
    internal static class Binary
    {
        public static bool TryElementLoss(LossOptions o, double score, double target, int column,
            out double loss, out double p1, out string? why)
        {
            loss = p1 = double.NaN;
            why = null;
            double w = o.WeightOf(column), pos = o.PosWeightOf(column);
            if (o.Input == InputKind.Logits)
            {
                if (double.IsNaN(score))
                {
                    why = "the logit is NaN";
                    return false;
                }
                double x = score / o.Temperature;
                if (o.FocalGamma is double gamma)
                {
                    loss = SigmoidFocal.Loss(x, target, o.FocalAlphaOf(column), gamma, out p1);
                    return true;
                }
                // t·P·softplus(-x) + (1-t)·softplus(x); a zero coefficient contributes 0 even where softplus is infinite.
                double pos_ = target != 0 ? target * pos * Softplus(-x) : 0;
                double neg_ = target != 1 ? (1 - target) * Softplus(x) : 0;
                loss = w * (pos_ + neg_);
                p1 = Sigmoid(x);
                return true;
            }
            if (!(score >= 0 && score <= 1))
            {
                why = double.IsNaN(score) ? "the probability is NaN" : "a probability must be in [0, 1]";
                return false;
            }
            double p = Math.Min(Math.Max(score, o.Epsilon), 1 - o.Epsilon);
            double lp = target != 0 ? -target * pos * Math.Log(p) : 0;
            double ln = target != 1 ? -(1 - target) * Math.Log(1 - p) : 0;
            loss = w * (lp + ln);
            p1 = score;
            return true;
        }

        /// <summary>P(label = 1) of a score.</summary>
        public static double Probability(LossOptions o, double score) =>
            o.Input == InputKind.Logits ? Sigmoid(score / o.Temperature) : score;

        public static double Softplus(double z) => Math.Max(z, 0) + Log1p(Math.Exp(-Math.Abs(z)));

        public static double Sigmoid(double x) =>
            x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));

        /// <summary>
        /// log(1 + x) to a few ulps for every x &gt; -1 (Goldberg's correction); .NET's double.LogP1 is plain log(x + 1).
        /// </summary>
        public static double Log1p(double x)
        {
            double u = 1 + x;
            if (u == 1) return x;
            if (double.IsInfinity(u)) return u;
            return Math.Log(u) * (x / (u - 1));
        }
    }
}
