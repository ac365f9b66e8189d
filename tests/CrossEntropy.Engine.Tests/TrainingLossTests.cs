using System;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace CrossEntropy.Engine.Tests
{
    /// <summary>
    /// z-loss, soft-capping and focal losses (forward, reductions, the z part alone, autograd gradients) against
    /// PyTorch and torchvision (tests/data/sequence_expected.json), to 1e-12, across block boundaries.
    /// </summary>
    public class TrainingLossTests
    {
        public static TheoryData<string> ZLossCases => SequenceExpected.Names("z_loss");
        public static TheoryData<string> SoftCapCases => SequenceExpected.Names("softcap");
        public static TheoryData<string> FocalCases => SequenceExpected.Names("focal");
        public static TheoryData<string> SigmoidFocalCases => SequenceExpected.Names("sigmoid_focal");

        private sealed record Outcome(double[] RowLoss, double[][] LabelLoss, LossAccumulator Sums, double[][] GradMean, double[][] GradSum);

        // Runs the rows in blocks of 5 (so every case spans several blocks), then the gradient of the mean and of the sum.
        private static Outcome Run(LossOptions o, double[][] x, int[]? labels, double[][]? targets)
        {
            const int blockSize = 5;
            var engine = new LossEngine(o);
            LossAccumulator sums = engine.CreateAccumulator();
            var rowLoss = new double[x.Length];
            var labelLoss = new double[x.Length][];
            var block = new RowBlock(blockSize, o.Classes, targets != null);
            BlockResult r = engine.CreateResult(blockSize);
            var grads = new[] { new double[x.Length][], new double[x.Length][] };
            for (int pass = 0; pass < 3; pass++)
                for (int start = 0; start < x.Length; start += blockSize)
                {
                    block.Clear();
                    for (int i = start; i < Math.Min(x.Length, start + blockSize); i++)
                    {
                        int k = block.Count++;
                        x[i].CopyTo(block.Row(k));
                        if (targets != null) targets[i].CopyTo(block.TargetRow(k));
                        else block.Labels[k] = labels![i];
                    }
                    engine.Compute(block, r);
                    if (pass == 0)
                    {
                        sums.AddBlock(block, r);
                        for (int k = 0; k < block.Count; k++)
                        {
                            Assert.NotEqual(RowStatus.Rejected, r.Status[k]);
                            rowLoss[start + k] = r.Loss[k] + (r.ZLoss?[k] ?? 0);
                            if (r.LabelLoss != null) labelLoss[start + k] = r.LabelLoss.AsSpan(k * o.Classes, o.Classes).ToArray();
                        }
                        continue;
                    }
                    bool mean = pass == 1;
                    GradientKernel.Compute(o, block, r, mean ? sums.WeightSum : 1, zNormaliser: mean ? sums.SampleWeightSum : 1);
                    for (int k = 0; k < block.Count; k++) grads[pass - 1][start + k] = r.Gradient!.AsSpan(k * o.Classes, o.Classes).ToArray();
                }
            return new Outcome(rowLoss, labelLoss, sums, grads[0], grads[1]);
        }

        private static int[] Labels(JsonElement c) => c.GetProperty("target").EnumerateArray().Select(e => e.GetInt32()).ToArray();

        private static LossOptions SoftmaxOptions(JsonElement c, double[][] x) => new LossOptions
        {
            Classes = x[0].Length,
            IgnoreIndex = -100,
            ClassWeights = c.Vector("weight"),
            LabelSmoothing = c.NumberOrNull("label_smoothing") ?? 0,
            ZLoss = c.NumberOrNull("z") ?? 0,
            SoftCap = c.NumberOrNull("softcap"),
        };

        [Theory]
        [MemberData(nameof(ZLossCases))]
        public void ZLossMatchesLigerConventionInPyTorch(string name) => CheckCrossEntropyCase(SequenceExpected.Case("z_loss", name));

        [Theory]
        [MemberData(nameof(SoftCapCases))]
        public void SoftCapMatchesTanhCapInPyTorch(string name) => CheckCrossEntropyCase(SequenceExpected.Case("softcap", name));

        private static void CheckCrossEntropyCase(JsonElement c)
        {
            double[][] x = c.Matrix("logits");
            Outcome run = Run(SoftmaxOptions(c, x), x, Labels(c), null);
            string name = c.GetProperty("name").GetString()!;
            Near.All(c.Vector("loss_none"), run.RowLoss, what: name + " loss_none");
            Near.Equal(c.Number("loss_mean"), run.Sums.Reduce(Reduction.Mean), what: name + " mean");
            Near.Equal(c.Number("loss_sum"), run.Sums.Reduce(Reduction.Sum), what: name + " sum");
            Near.Equal(c.Number("ce_mean"), run.Sums.CrossEntropyMean, what: name + " ce mean");
            Near.Equal(c.Number("ce_sum"), run.Sums.LossSum, what: name + " ce sum");
            if (c.Number("z") != 0)
            {
                Near.Equal(c.Number("z_mean"), run.Sums.ReduceZLoss(Reduction.Mean), what: name + " z mean");
                Near.Equal(c.Number("z_sum"), run.Sums.ReduceZLoss(Reduction.Sum), what: name + " z sum");
            }
            Assert.Equal(Labels(c).Count(y => y == -100), run.Sums.Ignored);
            SequenceExpected.GradientNear(c.Matrix("grad_mean"), run.GradMean, name + " grad mean");
            SequenceExpected.GradientNear(c.Matrix("grad_sum"), run.GradSum, name + " grad sum");
        }

        [Theory]
        [MemberData(nameof(FocalCases))]
        public void MultiClassFocalMatchesAutograd(string name)
        {
            JsonElement c = SequenceExpected.Case("focal", name);
            double[][] x = c.Matrix("logits");
            var o = new LossOptions { Classes = x[0].Length, IgnoreIndex = -100, FocalGamma = c.Number("gamma"), FocalAlpha = c.Vector("alpha") };
            Outcome run = Run(o, x, Labels(c), null);
            Near.All(c.Vector("loss_none"), run.RowLoss, what: name + " loss_none");
            Near.Equal(c.Number("loss_mean"), run.Sums.Reduce(Reduction.Mean), what: name + " mean");
            Near.Equal(c.Number("loss_sum"), run.Sums.Reduce(Reduction.Sum), what: name + " sum");
            SequenceExpected.GradientNear(c.Matrix("grad_mean"), run.GradMean, name + " grad mean");
            SequenceExpected.GradientNear(c.Matrix("grad_sum"), run.GradSum, name + " grad sum");
        }

        [Theory]
        [MemberData(nameof(SigmoidFocalCases))]
        public void SigmoidFocalIsTorchvisions(string name)
        {
            JsonElement c = SequenceExpected.Case("sigmoid_focal", name);
            bool multi = c.GetProperty("kind").GetString() == "multilabel";
            double[][] x = c.Matrix("logits");
            double[][] t = c.Matrix("targets");
            var o = new LossOptions
            {
                Classes = x[0].Length,
                Target = multi ? TargetKind.MultiLabel : TargetKind.Binary,
                FocalGamma = c.Number("gamma"),
                FocalAlpha = new[] { c.Number("alpha") },
            };
            Outcome run = Run(o, x, multi ? null : t.Select(r => (int)r[0]).ToArray(), multi ? t : null);
            if (multi)
            {
                double[][] expected = c.Matrix("loss_none");
                for (int i = 0; i < expected.Length; i++) Near.All(expected[i], run.LabelLoss[i], what: $"{name} loss_none row {i}");
            }
            else Near.All(c.Vector("loss_none"), run.RowLoss, what: name + " loss_none");
            Near.Equal(c.Number("loss_mean"), run.Sums.Reduce(Reduction.Mean), what: name + " mean");
            Near.Equal(c.Number("loss_sum"), run.Sums.Reduce(Reduction.Sum), what: name + " sum");
            SequenceExpected.GradientNear(c.Matrix("grad_mean"), run.GradMean, name + " grad mean");
            SequenceExpected.GradientNear(c.Matrix("grad_sum"), run.GradSum, name + " grad sum");
        }

        [Fact]
        public void FocalWithoutGammaOrWithWeightIsRefused()
        {
            Assert.Throws<ArgumentException>(() => new LossOptions { Classes = 3, FocalAlpha = new[] { 1.0, 1, 1 } }.Validate());
            Assert.Throws<ArgumentException>(() => new LossOptions { Classes = 3, FocalGamma = 2, ClassWeights = new[] { 1.0, 1, 1 } }.Validate());
            Assert.Throws<ArgumentException>(() => new LossOptions { Classes = 3, ZLoss = 1e-4, Input = InputKind.Probabilities }.Validate());
            Assert.Throws<ArgumentException>(() => new LossOptions { Classes = 1, Target = TargetKind.Binary, FocalGamma = 2, FocalAlpha = new[] { 0.25, 0.5 } }.Validate());
        }

        [Fact]
        public void ZLossOfAnInfiniteLogitIsRejectedButACapBoundsIt()
        {
            double[][] x = { new[] { double.PositiveInfinity, 0.0, 1.0 } };
            var plain = new LossEngine(new LossOptions { Classes = 3, ZLoss = 1e-4 });
            var block = new RowBlock(1, 3) { Count = 1 };
            x[0].CopyTo(block.Row(0));
            BlockResult r = plain.CreateResult(1);
            plain.Compute(block, r);
            Assert.Equal(RowStatus.Rejected, r.Status[0]);
            Assert.Contains("z-loss", r.Rejections[0].Reason, StringComparison.Ordinal);
            var capped = new LossEngine(new LossOptions { Classes = 3, ZLoss = 1e-4, SoftCap = 30 });
            capped.Compute(block, r);
            Assert.Equal(RowStatus.Used, r.Status[0]);
            double lse = 30 + Math.Log(1 + Math.Exp(Math.Tanh(1.0 / 30) * 30 - 30) + Math.Exp(-30));
            Near.Equal(1e-4 * lse * lse, r.ZLoss![0]);
        }
    }
}
