using System;
using CrossEntropy.Engine.Kernels;

namespace CrossEntropy.Engine
{
    /// <summary>
    /// Per-row losses for a block, with PyTorch's semantics (README, Numeric semantics). Stateless apart from the options, so one
    /// instance serves every worker; each worker brings its own <see cref="BlockResult"/>.
    /// </summary>
    internal sealed class LossEngine
    {
        private readonly double _weightTotal;
        private readonly Action<RowBlock, int, BlockResult> _indexRow;

        /// <summary>Validates and keeps the options.</summary>
        public LossEngine(LossOptions options)
        {
            Options = (options ?? throw new ArgumentNullException(nameof(options))).Validate();
            _weightTotal = options.WeightTotal();
            _indexRow = IndexRow;
        }

        /// <summary>The loss definition.</summary>
        public LossOptions Options { get; }

        /// <summary>A result buffer shaped for blocks of <paramref name="capacity"/> rows.</summary>
        public BlockResult CreateResult(int capacity) => new BlockResult(capacity, Options.Classes);

        /// <summary>Empty sums with one per-class bucket per class (two for binary; one per label column for multi-label).</summary>
        public LossAccumulator CreateAccumulator() => new LossAccumulator(Options.Target == TargetKind.Binary ? 2 : Options.Classes);

        /// <summary>Computes loss, prediction and status for every row of <paramref name="block"/>.</summary>
        public void Compute(RowBlock block, BlockResult result) => Compute(block, result, keepExponentials: false);

        /// <summary>
        /// As <see cref="Compute(RowBlock, BlockResult)"/>; <paramref name="keepExponentials"/> keeps every row's
        /// exp(x - max) in the result for a <see cref="GradientKernel"/> pass to reuse (a forward-only pass over wide
        /// rows skips writing them: half the memory traffic).
        /// </summary>
        public void Compute(RowBlock block, BlockResult result, bool keepExponentials) => Compute(block, result, keepExponentials, double.NaN);

        /// <summary>True when <see cref="ComputeWithGradient"/> can run (class indices on wide logit rows).</summary>
        public bool FusesGradient => IndexLogitsKernel.FusesGradient(Options);

        /// <summary>
        /// As <see cref="Compute(RowBlock, BlockResult)"/>, and every row's gradient of the loss over
        /// <paramref name="normaliser"/> into <see cref="BlockResult.Gradient"/>, the same bits as
        /// <see cref="GradientKernel.Compute"/> gives, written while the row is in cache. Only where <see cref="FusesGradient"/>.
        /// </summary>
        public void ComputeWithGradient(RowBlock block, BlockResult result, double normaliser)
        {
            if (!FusesGradient) throw new InvalidOperationException("These options have no fused gradient.");
            if (double.IsNaN(normaliser)) throw new ArgumentOutOfRangeException(nameof(normaliser));
            Compute(block, result, keepExponentials: false, normaliser);
        }

        private void Compute(RowBlock block, BlockResult result, bool keepExponentials, double gradientNormaliser)
        {
            if (block.Classes != Options.Classes)
                throw new ArgumentException($"The block has {block.Classes} score columns; the options expect {Options.Classes}.", nameof(block));
            result.Reset(block.Count);
            if (Options.Target == TargetKind.ClassIndex && Options.Input == InputKind.Logits && !Options.HasTrainingLoss)
            {
                IndexLogitsKernel.Compute(Options, _weightTotal, block, result, _indexRow, keepExponentials, gradientNormaliser);
                return;
            }
            if (Options.Target == TargetKind.MultiLabel) result.EnsureLabelBuffers();
            bool training = Options.HasTrainingLoss && Options.Target == TargetKind.ClassIndex;
            if (training) result.EnsureZLoss();
            for (int i = 0; i < block.Count; i++)
            {
                result.Status[i] = RowStatus.Used;
                switch (Options.Target)
                {
                    case TargetKind.ClassIndex when training: TrainingLoss.Row(Options, _weightTotal, block, i, result); break;
                    case TargetKind.ClassIndex: IndexRow(block, i, result); break;
                    case TargetKind.Soft: SoftRow(block, i, result); break;
                    case TargetKind.Binary: BinaryRow(block, i, result); break;
                    case TargetKind.TargetLogProbability: TargetLogProbabilityRow(block, i, result); break;
                    default: MultiLabelRow(block, i, result); break;
                }
            }
        }

        private void IndexRow(RowBlock block, int i, BlockResult r)
        {
            int y = block.Labels[i];
            if (Options.IgnoreIndex == y)
            {
                MarkIgnored(r, i);
                return;
            }
            int classes = Options.Classes;
            if (y < 0 || y >= classes)
            {
                r.Reject(i, RejectedField.Label, -1, y, $"target {y} is outside the class range 0..{classes - 1}");
                return;
            }
            if (!LogProbabilities.TryPrepare(Options, block.Row(i), r, i, out double logS)) return;
            Span<double> shifted = r.Shifted;

            double wy = Options.WeightOf(y);
            double eps = Options.LabelSmoothing;
            double loss = (1 - eps) * wy * (logS - shifted[y]);
            if (eps > 0)
            {
                // Σ_c w_c·(-log p_c) = W·log s - Σ_c w_c·(x_c - m): no cancellation between large terms.
                double dot = Options.ClassWeights == null ? Vec.Sum(shifted) : Vec.DotZeroSafe(Options.ClassWeights, shifted);
                loss += eps / classes * (_weightTotal * logS - dot);
            }
            r.Loss[i] = loss;
            r.Norm[i] = wy;
            r.TrueClass[i] = y;
            r.Correct[i] = r.Predicted[i] == y ? 1 : 0;
            r.TopKCorrect[i] = Vec.RankOf(shifted, y) < Options.TopK;
        }

        private void SoftRow(RowBlock block, int i, BlockResult r)
        {
            Span<double> t = block.TargetRow(i);
            double tMin = Vec.Min(t), tMax = Vec.Max(t);
            if (double.IsNaN(tMax) || double.IsInfinity(tMin) || double.IsInfinity(tMax))
            {
                int c = FirstNonFinite(t);
                r.Reject(i, RejectedField.Target, c, t[c], "the target is not a finite number");
                return;
            }
            if (!LogProbabilities.TryPrepare(Options, block.Row(i), r, i, out double logS)) return;
            Span<double> shifted = r.Shifted;
            Span<double> a = r.Exps; // free once TryPrepare has the sum
            int classes = Options.Classes;
            double eps = Options.LabelSmoothing;
            for (int c = 0; c < classes; c++)
            {
                double tc = eps > 0 ? t[c] * (1 - eps) + eps / classes : t[c];
                a[c] = Options.WeightOf(c) * tc;
            }
            // -Σ_c a_c·log p_c = log s·Σ a - Σ a_c·(x_c - m); a_c = 0 terms count 0 (the 0·log 0 limit).
            r.Loss[i] = logS * Vec.Sum(a) - Vec.DotZeroSafe(a, shifted);
            r.Norm[i] = 1;
            int truth = Vec.IndexOfMax(t);
            r.TrueClass[i] = truth;
            r.Correct[i] = r.Predicted[i] == truth ? 1 : 0;
            r.TopKCorrect[i] = Vec.RankOf(shifted, truth) < Options.TopK;
        }

        private void BinaryRow(RowBlock block, int i, BlockResult r)
        {
            int y = block.Labels[i];
            if (y != 0 && y != 1)
            {
                r.Reject(i, RejectedField.Label, -1, y, $"a binary target must be 0 or 1, not {y}");
                return;
            }
            double x = block.Values[i];
            if (!Binary.TryElementLoss(Options, x, y, 0, out double loss, out double p1, out string? why))
            {
                r.Reject(i, RejectedField.Score, 0, x, why!);
                return;
            }
            int predicted = p1 > 0.5 ? 1 : 0;
            r.Loss[i] = loss;
            r.Norm[i] = 1;
            r.Predicted[i] = predicted;
            r.Confidence[i] = predicted == 1 ? p1 : 1 - p1;
            r.TrueClass[i] = y;
            r.Correct[i] = predicted == y ? 1 : 0;
            r.TopKCorrect[i] = predicted == y || Options.TopK >= 2;
        }

        // log p(target) given: loss = -log p. No prediction, so accuracy is NaN (Correct NaN), never a made-up 0.
        private static void TargetLogProbabilityRow(RowBlock block, int i, BlockResult r)
        {
            double logP = block.Values[i];
            if (!(logP <= 0))
            {
                r.Reject(i, RejectedField.Score, 0, logP, double.IsNaN(logP) ? "the log-probability is NaN" : "a log-probability must be 0 or less");
                return;
            }
            r.Loss[i] = -logP;
            r.Norm[i] = 1;
            r.Predicted[i] = -1;
            r.Confidence[i] = Math.Exp(logP);
            r.TrueClass[i] = -1;
            r.Correct[i] = double.NaN;
            r.TopKCorrect[i] = false;
        }

        private void MultiLabelRow(RowBlock block, int i, BlockResult r)
        {
            Span<double> x = block.Row(i);
            Span<double> t = block.TargetRow(i);
            int k = Options.Classes;
            double sum = 0, right = 0;
            for (int c = 0; c < k; c++)
            {
                double tc = t[c];
                if (double.IsNaN(tc) || tc < 0 || tc > 1)
                {
                    r.Reject(i, RejectedField.Target, c, tc, "a multi-label target must be in [0, 1]");
                    return;
                }
                if (!Binary.TryElementLoss(Options, x[c], tc, c, out double l, out double p1, out string? why))
                {
                    r.Reject(i, RejectedField.Score, c, x[c], why!);
                    return;
                }
                sum += l;
                bool hit = (p1 > 0.5) == (tc >= 0.5);
                if (hit) right++;
                r.LabelLoss![i * k + c] = l;
                r.LabelCorrect![i * k + c] = hit ? 1 : 0;
            }
            int best = Vec.IndexOfMax(x);
            r.Loss[i] = sum; // the row's total; with Norm = K the mean is PyTorch's mean over N×K elements
            r.Norm[i] = k;
            r.Predicted[i] = best;
            r.Confidence[i] = Binary.Probability(Options, x[best]);
            r.TrueClass[i] = -1;
            r.Correct[i] = right / k;
            r.TopKCorrect[i] = false;
        }

        internal static void MarkIgnored(BlockResult r, int i)
        {
            r.Status[i] = RowStatus.Ignored;
            r.Loss[i] = 0; // PyTorch's reduction='none' gives 0 for ignored rows
            r.Norm[i] = 0;
            r.Predicted[i] = -1;
            r.Confidence[i] = double.NaN;
            r.Correct[i] = 0;
            r.TopKCorrect[i] = false;
            r.TrueClass[i] = -1;
        }

        internal static int FirstNonFinite(ReadOnlySpan<double> x)
        {
            for (int c = 0; c < x.Length; c++)
                if (double.IsNaN(x[c]) || double.IsInfinity(x[c])) return c;
            return 0;
        }
    }
}
