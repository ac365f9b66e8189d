using System;
using System.Linq;
using Xunit;

namespace CrossEntropy.Engine.Tests
{
    /// <summary>Gradients against torch.autograd and probabilities against F.softmax / F.log_softmax / torch.sigmoid.</summary>
    public class GradientAndSoftmaxTests
    {
        public static TheoryData<string> LogitCases => Expected.Names(c => c.Kind != "probabilities");

        private static double[][] Gradients(ExpectedCase c, bool mean, bool sampleWeights = false, double clip = 0, int blockSize = 8)
        {
            LossOptions o = Runner.OptionsFor(c);
            Runner first = Runner.Run(c, blockSize, sampleWeights);
            double normaliser = mean ? first.Total.WeightSum : 1;
            var engine = new LossEngine(o);
            double[][] scores = c.ScoreRows();
            bool hasTargets = o.Target is TargetKind.Soft or TargetKind.MultiLabel;
            var block = new RowBlock(blockSize, o.Classes, hasTargets, sampleWeights);
            BlockResult r = engine.CreateResult(blockSize);
            var rows = new double[scores.Length][];
            for (int start = 0; start < scores.Length; start += blockSize)
            {
                block.Clear();
                for (int i = start; i < Math.Min(scores.Length, start + blockSize); i++)
                {
                    int k = block.Count++;
                    scores[i].CopyTo(block.Row(k));
                    if (hasTargets) c.TargetRows()[i].CopyTo(block.TargetRow(k));
                    else block.Labels[k] = o.Target == TargetKind.Binary ? (int)c.TargetRows()[i][0] : c.Labels()[i];
                    if (sampleWeights) block.SampleWeights![k] = c.SampleWeight![i];
                }
                engine.Compute(block, r, keepExponentials: true);
                GradientKernel.Compute(o, block, r, normaliser, clip);
                for (int k = 0; k < block.Count; k++) rows[start + k] = r.Gradient!.AsSpan(k * o.Classes, o.Classes).ToArray();
            }
            return rows;
        }

        [Theory]
        [MemberData(nameof(LogitCases))]
        public void GradientOfTheMeanAndOfTheSumMatchAutograd(string name)
        {
            ExpectedCase c = Expected.Case(name);
            foreach (bool mean in new[] { true, false })
            {
                double[][] expected = c.GradientRows(mean), actual = Gradients(c, mean);
                for (int i = 0; i < expected.Length; i++)
                    Near.All(expected[i], actual[i], rel: 1e-12, abs: 1e-15, what: $"{name} {(mean ? "mean" : "sum")} gradient row {i}");
            }
        }

        [Theory]
        [InlineData("index_sample_weight")]
        [InlineData("soft_sample_weight")]
        public void SampleWeightedGradientMatchesAutograd(string name)
        {
            ExpectedCase c = Expected.Case(name);
            double[][] actual = Gradients(c, mean: true, sampleWeights: true);
            for (int i = 0; i < actual.Length; i++)
                Near.All(c.GradMeanSampleWeighted![i], actual[i], abs: 1e-15, what: $"row {i}");
        }

        [Fact]
        public void RowsOfTheMeanGradientSumToTheGradientOfTheMean()
        {
            // Per-row gradients divided by the shared normaliser add up like autograd's gradient of the mean:
            // for every class the column sums of ours and PyTorch's agree.
            ExpectedCase c = Expected.Case("index_weight_ignore_smoothing");
            double[][] ours = Gradients(c, mean: true), torch = c.GradientRows(true);
            for (int k = 0; k < ours[0].Length; k++)
                Near.Equal(torch.Sum(r => r[k]), ours.Sum(r => r[k]), rel: 1e-12, abs: 1e-15);
        }

        [Fact]
        public void ClipNormCapsEachRow()
        {
            ExpectedCase c = Expected.Case("index_plain");
            double[][] raw = Gradients(c, mean: false), clipped = Gradients(c, mean: false, clip: 0.5);
            for (int i = 0; i < raw.Length; i++)
            {
                double n = Math.Sqrt(raw[i].Sum(v => v * v)), m = Math.Sqrt(clipped[i].Sum(v => v * v));
                Near.Equal(Math.Min(n, 0.5), m);
                for (int k = 0; k < raw[i].Length; k++) Near.Equal(raw[i][k] * Math.Min(1, 0.5 / n), clipped[i][k]);
            }
        }

        [Fact]
        public void SoftmaxGradientRowsSumToZeroWithoutWeights()
        {
            ExpectedCase c = Expected.Case("index_smoothing");
            foreach (double[] row in Gradients(c, mean: false)) Assert.True(Math.Abs(row.Sum()) < 1e-15);
        }

        [Fact]
        public void ProbabilityGradientIsMinusCoefficientOverP()
        {
            var o = new LossOptions { Classes = 3, Input = InputKind.Probabilities, LabelSmoothing = 0.3 };
            var engine = new LossEngine(o);
            var block = new RowBlock(1, 3);
            new[] { 0.2, 0.5, 0.3 }.CopyTo(block.Row(0));
            block.Labels[0] = 1;
            block.Count = 1;
            BlockResult r = engine.CreateResult(1);
            engine.Compute(block, r);
            GradientKernel.Compute(o, block, r, 1);
            Near.Equal(-0.1 / 0.2, r.Gradient![0]);
            Near.Equal(-(0.7 + 0.1) / 0.5, r.Gradient[1]);
            Near.Equal(-0.1 / 0.3, r.Gradient[2]);
        }

        public static TheoryData<string> SoftmaxCases => Expected.Names(c => c.Kind is "index" or "soft");

        [Theory]
        [MemberData(nameof(SoftmaxCases))]
        public void SoftmaxAndLogSoftmaxMatchPyTorch(string name)
        {
            ExpectedCase c = Expected.Case(name);
            var o = new LossOptions { Classes = c.ScoreRows()[0].Length, Temperature = c.Temperature };
            foreach (bool log in new[] { false, true })
            {
                double[][] got = Softmax(o, c.ScoreRows(), log);
                double[][] want = log ? c.LogSoftmax! : c.Softmax!;
                for (int i = 0; i < want.Length; i++)
                    Near.All(want[i], got[i], rel: 1e-12, abs: log ? 1e-12 : 1e-300, what: $"{name} row {i}");
            }
        }

        [Fact]
        public void SigmoidAsTwoClassesMatchesPyTorch()
        {
            ExpectedCase c = Expected.Case("binary_weight_pos_weight_temperature");
            var o = new LossOptions { Classes = 1, Target = TargetKind.Binary, Temperature = c.Temperature };
            double[][] got = Softmax(o, c.ScoreRows(), log: false);
            double[][] sig = c.SigmoidRows();
            for (int i = 0; i < sig.Length; i++)
            {
                Near.Equal(sig[i][0], got[i][1]);
                Near.Equal(1 - sig[i][0], got[i][0], rel: 1e-12, abs: 1e-16);
            }
        }

        [Fact]
        public void InfinitiesGiveExactZerosAndOnes()
        {
            var o = new LossOptions { Classes = 3 };
            double inf = double.PositiveInfinity;
            double[][] p = Softmax(o, new[] { new[] { inf, 1, -inf }, new[] { 1e308, -1e308, 0 }, new[] { -inf, 0, 0 } }, log: false);
            Assert.Equal(new[] { 1.0, 0, 0 }, p[0]);
            Assert.Equal(new[] { 1.0, 0, 0 }, p[1]);
            Assert.Equal(new[] { 0, 0.5, 0.5 }, p[2]);
            double[][] lp = Softmax(o, new[] { new[] { inf, 1, -inf } }, log: true);
            Assert.Equal(new[] { 0.0, double.NegativeInfinity, double.NegativeInfinity }, lp[0]);
            Assert.DoesNotContain(p.SelectMany(r => r), double.IsNaN);
        }

        private static double[][] Softmax(LossOptions o, double[][] rows, bool log)
        {
            int width = SoftmaxKernel.OutputWidth(o);
            var block = new RowBlock(rows.Length, o.Classes);
            for (int i = 0; i < rows.Length; i++) rows[i].CopyTo(block.Row(i));
            block.Count = rows.Length;
            var r = new BlockResult(rows.Length, o.Classes);
            SoftmaxKernel.Compute(o, block, r, log);
            double[] output = r.Probabilities!;
            return Enumerable.Range(0, rows.Length).Select(i => output.AsSpan(i * width, width).ToArray()).ToArray();
        }
    }
}
