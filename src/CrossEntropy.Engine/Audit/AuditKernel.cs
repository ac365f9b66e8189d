using System;
using CrossEntropy.Engine.Kernels;

namespace CrossEntropy.Engine.Audit
{
    /// <summary>
    /// The audit figures of each used row (after <see cref="LossEngine.Compute(RowBlock, BlockResult, bool)"/> or <see cref="SoftmaxKernel.Compute"/>
    /// has set the statuses): the predicted distribution q and its entropy, the label's probability and margin, the
    /// Brier term and, against the label or target distribution t, H(t), H(t, q) and KL(t ‖ q). Logits go through the
    /// same max-shifted log-sum-exp (and temperature) as the loss; probabilities are used as given, clipped to
    /// [ε, 1-ε] only inside log q, exactly as the loss clips them. One instance per worker (it owns scratch).
    /// </summary>
    internal sealed class AuditKernel
    {
        private readonly LossOptions _o;
        private readonly BlockResult _scratch;
        private readonly int _width;

        /// <summary>A kernel for rows shaped by <paramref name="options"/>.</summary>
        public AuditKernel(LossOptions options)
        {
            _o = options ?? throw new ArgumentNullException(nameof(options));
            if (options.Target == TargetKind.MultiLabel)
                throw new ArgumentException("Audits take multi-class, soft-target or binary predictions, not multi-label ones.", nameof(options));
            _width = SoftmaxKernel.OutputWidth(options);
            _scratch = new BlockResult(1, options.Classes);
        }

        /// <summary>Probabilities per row: the class count, or 2 for binary.</summary>
        public int Width => _width;

        /// <summary>A result buffer for blocks of <paramref name="capacity"/> rows.</summary>
        public AuditResult CreateResult(int capacity) => new AuditResult(capacity, _width);

        /// <summary>Fills <paramref name="a"/> for every row of <paramref name="block"/> that <paramref name="r"/> marks Used.</summary>
        public void Compute(RowBlock block, BlockResult r, AuditResult a)
        {
            a.Reset(r.Count);
            for (int i = 0; i < r.Count; i++)
            {
                a.Clear(i);
                if (r.Status[i] != RowStatus.Used) continue;
                Span<double> q = new Span<double>(a.Probabilities, i * _width, _width);
                Span<double> logq = new Span<double>(a.LogProbabilities, i * _width, _width);
                if (_o.Classes > 1 && _o.Target != TargetKind.Soft)
                {
                    LabelRow(block.Row(i), block.Labels[i], q, logq, a, i);
                    continue;
                }
                if (!TryDistribution(block.Row(i), q, logq)) continue;
                a.Entropy[i] = EntropyOf(q, _o.Input == InputKind.Logits ? logq : default);
                if (_o.Target == TargetKind.Soft) AgainstTarget(block.TargetRow(i), q, logq, a, i);
                else
                {
                    int y = block.Labels[i];
                    if (y >= 0 && y < _width) AgainstLabel(y, q, logq, a, i);
                }
            }
        }

        // q and log q of one row; false only for rows the engine would have rejected.
        private bool TryDistribution(ReadOnlySpan<double> scores, Span<double> q, Span<double> logq)
        {
            if (_o.Classes == 1)
            {
                double x = scores[0];
                if (_o.Input == InputKind.Logits)
                {
                    double z = x / _o.Temperature;
                    q[0] = Binary.Sigmoid(-z);
                    q[1] = Binary.Sigmoid(z);
                    logq[0] = -Binary.Softplus(z);
                    logq[1] = -Binary.Softplus(-z);
                }
                else
                {
                    q[0] = 1 - x;
                    q[1] = x;
                    logq[0] = Math.Log(Clip(1 - x));
                    logq[1] = Math.Log(Clip(x));
                }
                return !double.IsNaN(q[1]);
            }
            if (_o.Input == InputKind.Probabilities)
            {
                scores.CopyTo(q);
                Vec.Clamp(scores, _o.Epsilon, 1 - _o.Epsilon, logq);
                Vec.Log(logq, logq);
                return true;
            }
            if (!LogProbabilities.TryPrepare(_o, scores, _scratch, 0, out double logS)) return false;
            Vec.Subtract(_scratch.Shifted, logS, logq); // log q = (x - m) - log Σ exp(x - m)
            Vec.Exp(logq, q);
            return true;
        }

        /// <summary>Classes per tile of <see cref="LabelRow"/>: its q, log q and shifted logits stay in the L1 cache.</summary>
        internal const int Tile = 512;

        // A labelled row of two or more classes: what TryDistribution, EntropyOf and AgainstLabel compute, in one pass of
        // cache-sized tiles instead of five over the whole row (a row of 50,000 classes is 400 KB per array). Each
        // element gets the same operations (Vec's maps are elementwise, whatever the span) and each sum runs over c in
        // the same order, so the bits are those of the separate passes.
        private void LabelRow(ReadOnlySpan<double> scores, int y, Span<double> q, Span<double> logq, AuditResult a, int i)
        {
            bool logits = _o.Input == InputKind.Logits;
            double logS = 0;
            if (logits && !LogProbabilities.TryPrepare(_o, scores, _scratch, 0, out logS)) return;
            double h = 0, best = double.NegativeInfinity, brier = 0;
            for (int from = 0; from < _width; from += Tile)
            {
                int n = Math.Min(Tile, _width - from);
                Span<double> qt = q.Slice(from, n), lt = logq.Slice(from, n);
                if (logits)
                {
                    Vec.Subtract(_scratch.Shifted.Slice(from, n), logS, lt); // log q = (x - m) - log Σ exp(x - m)
                    Vec.Exp(lt, qt);
                }
                else
                {
                    ReadOnlySpan<double> st = scores.Slice(from, n);
                    st.CopyTo(qt);
                    Vec.Clamp(st, _o.Epsilon, 1 - _o.Epsilon, lt);
                    Vec.Log(lt, lt);
                }
                if (logits) Sums(qt, lt, from, y, ref h, ref best, ref brier);
                else Sums(qt, default, from, y, ref h, ref best, ref brier);
            }
            a.Entropy[i] = h;
            if (y < 0 || y >= _width) return;
            a.LabelProbability[i] = q[y];
            a.Margin[i] = q[y] - best;
            a.Brier[i] = brier;
            a.TargetEntropy[i] = 0;
            a.CrossEntropy[i] = -logq[y];
            a.KLDivergence[i] = -logq[y];
        }

        // One tile's part of -Σ q·log q (log q given, or Math.Log(q) when empty), the best class but y, and Σ (q - [c = y])².
        private static void Sums(ReadOnlySpan<double> q, ReadOnlySpan<double> logq, int from, int y, ref double h, ref double best, ref double brier)
        {
            double hs = h, b = best, s = brier;
            int at = y - from; // y's place in this tile (outside it when negative or past the end)
            if (logq.IsEmpty)
            {
                for (int k = 0; k < q.Length; k++)
                {
                    double p = q[k];
                    if (p > 0) hs -= p * Math.Log(p);
                    if (k != at && p > b) b = p;
                    double d = p - (k == at ? 1 : 0);
                    s += d * d;
                }
            }
            else
            {
                logq = logq.Slice(0, q.Length);
                for (int k = 0; k < q.Length; k++)
                {
                    double p = q[k];
                    if (p > 0) hs -= p * logq[k];
                    if (k != at && p > b) b = p;
                    double d = p - (k == at ? 1 : 0);
                    s += d * d;
                }
            }
            h = hs;
            best = b;
            brier = s;
        }

        private double Clip(double p) => Math.Min(Math.Max(p, _o.Epsilon), 1 - _o.Epsilon);

        /// <summary>-Σ q·log q with 0·log 0 = 0; log q from the log-softmax when given, else from q itself.</summary>
        internal static double EntropyOf(ReadOnlySpan<double> q, ReadOnlySpan<double> logq)
        {
            double h = 0;
            for (int c = 0; c < q.Length; c++)
            {
                if (!(q[c] > 0)) continue;
                h -= q[c] * (logq.IsEmpty ? Math.Log(q[c]) : logq[c]);
            }
            return h;
        }

        private void AgainstLabel(int y, ReadOnlySpan<double> q, ReadOnlySpan<double> logq, AuditResult a, int i)
        {
            a.LabelProbability[i] = q[y];
            a.Margin[i] = q[y] - BestOther(q, y);
            if (_o.Classes == 1)
            {
                double d = q[1] - y;
                a.Brier[i] = d * d; // Brier's binary score (scikit-learn's brier_score_loss), half the two-class sum
            }
            else
            {
                double s = 0;
                for (int c = 0; c < q.Length; c++)
                {
                    double d = q[c] - (c == y ? 1 : 0);
                    s += d * d;
                }
                a.Brier[i] = s;
            }
            a.TargetEntropy[i] = 0;
            a.CrossEntropy[i] = -logq[y];
            a.KLDivergence[i] = -logq[y];
        }

        private static void AgainstTarget(ReadOnlySpan<double> t, ReadOnlySpan<double> q, ReadOnlySpan<double> logq, AuditResult a, int i)
        {
            int truth = Vec.IndexOfMax(t);
            a.LabelProbability[i] = q[truth];
            a.Margin[i] = q[truth] - BestOther(q, truth);
            double brier = 0, ht = 0, ce = 0, kl = 0;
            for (int c = 0; c < q.Length; c++)
            {
                double d = q[c] - t[c];
                brier += d * d;
                if (t[c] == 0) continue; // 0·log 0 = 0, and 0·log q = 0 even where q = 0
                double logt = Math.Log(t[c]);
                ht -= t[c] * logt;
                ce -= t[c] * logq[c];
                kl += t[c] * (logt - logq[c]);
            }
            a.Brier[i] = brier;
            a.TargetEntropy[i] = ht;
            a.CrossEntropy[i] = ce;
            a.KLDivergence[i] = kl;
        }

        private static double BestOther(ReadOnlySpan<double> q, int y)
        {
            double best = double.NegativeInfinity;
            for (int c = 0; c < q.Length; c++)
                if (c != y && q[c] > best) best = q[c];
            return best;
        }
    }
}
