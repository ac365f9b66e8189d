using System;
using System.Linq;
using Xunit;

namespace CrossEntropy.Engine.Tests
{
    /// <summary>Losses against PyTorch (tests/data/expected.json) and against closed forms.</summary>
    public class LossEngineTests
    {
        public static TheoryData<string> LogitCases => Expected.Names(c => c.Kind != "probabilities");

        [Theory]
        [MemberData(nameof(LogitCases))]
        public void RowLossesMeanAndSumMatchPyTorch(string name)
        {
            ExpectedCase c = Expected.Case(name);
            Runner run = Runner.Run(c);
            Near.All(c.RowLosses(), run.Loss.ToArray(), what: name + " per-row loss");
            Near.Equal(c.LossMean, run.Total.Mean, what: name + " mean");
            Near.Equal(c.LossSum, run.Total.LossSum, what: name + " sum");
        }

        [Theory]
        [MemberData(nameof(LogitCases))]
        public void BlockSizeDoesNotChangeAnyRowAndMergedSumsAgree(string name)
        {
            ExpectedCase c = Expected.Case(name);
            Runner one = Runner.Run(c, blockSize: 1);
            foreach (int size in new[] { 2, 3, 7, 64, 1024 })
            {
                Runner other = Runner.Run(c, blockSize: size);
                Assert.Equal(one.Loss, other.Loss); // each row's loss is computed alone: bit-identical
                Near.Equal(one.Total.Mean, other.Total.Mean, rel: 1e-14, what: $"mean with blocks of {size}");
                Assert.Equal(one.Total.Used, other.Total.Used);
                Assert.Equal(one.Total.Ignored, other.Total.Ignored);
            }
        }

        public static TheoryData<string> IndexCases => Expected.Names(c => c.Kind is "index" or "soft" && c.Accuracy is double a && !double.IsNaN(a));

        [Theory]
        [MemberData(nameof(IndexCases))]
        public void AccuracyMatchesArgmax(string name)
        {
            ExpectedCase c = Expected.Case(name);
            Runner run = Runner.Run(c);
            Near.Equal(c.Accuracy!.Value, run.Total.Accuracy, what: "accuracy");
            if (c.TopKAccuracy is double topK) Near.Equal(topK, run.Total.TopKAccuracy, what: "top-k accuracy");
        }

        [Theory]
        [InlineData("index_sample_weight")]
        [InlineData("soft_sample_weight")]
        public void SampleWeightsWeighTheMean(string name)
        {
            ExpectedCase c = Expected.Case(name);
            Runner run = Runner.Run(c, sampleWeights: true);
            Near.Equal(c.LossMeanSampleWeighted!.Value, run.Total.Mean, what: "sample-weighted mean");
            Near.Equal(c.LossSumSampleWeighted!.Value, run.Total.LossSum, what: "sample-weighted sum");
        }

        public static TheoryData<string> ProbabilityCases => Expected.Names(c => c.Kind == "probabilities");

        [Theory]
        [MemberData(nameof(ProbabilityCases))]
        public void ProbabilityInputsMatchTheClippedLogLoss(string name)
        {
            ExpectedCase c = Expected.Case(name);
            Runner run = Runner.Run(c);
            Near.All(c.RowLosses(), run.Loss.ToArray(), what: "per-row loss");
            Near.Equal(c.LossMean, run.Total.Mean, what: "mean");
            Near.Equal(c.TorchNllMean, run.Total.Mean, what: "PyTorch NLLLoss on the clipped log-probabilities");
            if (c.SklearnLogLoss is double sk) Near.Equal(sk, run.Total.Mean, what: "scikit-learn log_loss");
            if (c.SampleWeight == null) return;
            Runner weighted = Runner.Run(c, sampleWeights: true);
            Near.Equal(c.LossMeanSampleWeighted!.Value, weighted.Total.Mean, what: "sample-weighted mean");
            if (c.SklearnLogLossSampleWeighted is double skw) Near.Equal(skw, weighted.Total.Mean, what: "scikit-learn weighted log_loss");
        }

        [Fact]
        public void FoundationExampleIsPyTorchsValue()
        {
            Runner run = Runner.Run(new LossOptions { Classes = 3 }, new[] { new[] { 2.0, 1.0, 0.1 } }, new[] { 0 });
            Assert.Equal(0.41703001627783354, run.Total.Mean, 15);
        }

        [Theory]
        [InlineData(2)]
        [InlineData(10)]
        [InlineData(1000)]
        public void EqualLogitsCostLogC(int classes)
        {
            double[] row = Enumerable.Repeat(3.25, classes).ToArray();
            Runner run = Runner.Run(new LossOptions { Classes = classes }, new[] { row }, new[] { classes - 1 });
            Near.Equal(Math.Log(classes), run.Loss[0]);
            Near.Equal(1.0 / classes, run.Confidence[0]);
        }

        [Theory]
        [InlineData(0.0)]
        [InlineData(1.5)]
        [InlineData(-30.0)]
        [InlineData(700.0)]
        public void TwoClassLossIsSoftplusOfTheMargin(double margin)
        {
            // -log softmax([0, m])_0 = log(1 + e^m)
            Runner run = Runner.Run(new LossOptions { Classes = 2 }, new[] { new[] { 0.0, margin } }, new[] { 0 });
            double softplus = Math.Max(margin, 0) + Math.Log(1 + Math.Exp(-Math.Abs(margin)));
            Near.Equal(softplus, run.Loss[0], rel: 1e-15);
        }

        [Fact]
        public void LabelSmoothingClosedFormOnUniformAndOneHot()
        {
            // logits (a, 0, 0, 0): -log p_0 = log(e^a + 3) - a, -log p_c = log(e^a + 3) for c > 0.
            double a = 2.0, eps = 0.2, lse = Math.Log(Math.Exp(a) + 3);
            double expected = (1 - eps) * (lse - a) + eps / 4 * ((lse - a) + 3 * lse);
            Runner run = Runner.Run(new LossOptions { Classes = 4, LabelSmoothing = eps }, new[] { new[] { a, 0, 0, 0 } }, new[] { 0 });
            Near.Equal(expected, run.Loss[0]);
        }

        [Fact]
        public void BinaryLossIsStableAtLargeLogits()
        {
            var o = new LossOptions { Classes = 1, Target = TargetKind.Binary };
            Runner run = Runner.Run(o, new[] { new[] { 1e4 }, new[] { -1e4 }, new[] { 1e4 }, new[] { 37.0 } }, new[] { 1, 0, 0, 0 });
            Assert.Equal(0.0, run.Loss[0]);
            Assert.Equal(0.0, run.Loss[1]);
            Assert.Equal(1e4, run.Loss[2]);
            Near.Equal(37 + Math.Exp(-37), run.Loss[3], rel: 1e-15);
        }

        [Fact]
        public void OnePositiveInfinityTakesAllTheProbability()
        {
            var o = new LossOptions { Classes = 3 };
            Runner run = Runner.Run(o, new[] { new[] { double.PositiveInfinity, 1, 2 }, new[] { double.PositiveInfinity, 1, 2 }, new[] { 0, double.NegativeInfinity, 1 } }, new[] { 0, 1, 1 });
            Assert.Equal(0.0, run.Loss[0]);
            Assert.Equal(double.PositiveInfinity, run.Loss[1]);
            Assert.Equal(double.PositiveInfinity, run.Loss[2]); // -log 0: the label's logit is -Infinity
            Assert.All(run.Status, s => Assert.Equal(RowStatus.Used, s));
            Assert.Equal(0, run.Predicted[0]);
        }

        [Fact]
        public void UndefinedSoftmaxRowsAreRejectedNeverNaN()
        {
            var o = new LossOptions { Classes = 3 };
            double inf = double.PositiveInfinity;
            Runner run = Runner.Run(o, new[]
            {
                new[] { inf, inf, 0 },
                new[] { double.NegativeInfinity, double.NegativeInfinity, double.NegativeInfinity },
                new[] { 0, double.NaN, 1 },
                new[] { 1.0, 2, 3 },
            }, new[] { 0, 0, 0, 5 });
            Assert.Equal(new[] { RowStatus.Rejected, RowStatus.Rejected, RowStatus.Rejected, RowStatus.Rejected }, run.Status);
            Assert.Equal(new[] { RejectedField.Score, RejectedField.Row, RejectedField.Score, RejectedField.Label }, run.Rejections.Select(r => r.Field));
            Assert.Equal(1, run.Rejections[2].Column); // the NaN's column
            Assert.Contains("outside the class range", run.Rejections[3].Reason);
            Assert.Equal(4, run.Total.Rejected);
            Assert.True(double.IsNaN(run.Total.Mean));
        }

        [Fact]
        public void IgnoredRowsCountButAddNothing()
        {
            var o = new LossOptions { Classes = 2, IgnoreIndex = -1 };
            Runner run = Runner.Run(o, new[] { new[] { 1.0, 0 }, new[] { double.NaN, 0 }, new[] { 0.0, 1 } }, new[] { 0, -1, 1 });
            Assert.Equal(RowStatus.Ignored, run.Status[1]); // an ignored row's numbers are never looked at
            Assert.Equal(0.0, run.Loss[1]);
            Assert.Equal(2, run.Total.Used);
            Assert.Equal(1, run.Total.Ignored);
            Near.Equal(Math.Log(1 + Math.Exp(-1)), run.Total.Mean);
        }

        [Fact]
        public void ProbabilityRowsOutsideTheSimplexAreRejectedOrReported()
        {
            var o = new LossOptions { Classes = 3, Input = InputKind.Probabilities };
            Runner run = Runner.Run(o, new[]
            {
                new[] { 0.5, 0.5, 0.0 },
                new[] { -0.1, 0.6, 0.5 },
                new[] { 1.0, 0.5, 0.5 },
                new[] { 0.5, 0.2, 0.1 },
            }, new[] { 2, 0, 0, 0 });
            Assert.Equal(new[] { RowStatus.Used, RowStatus.Rejected, RowStatus.Used, RowStatus.Used }, run.Status);
            Near.Equal(-Math.Log(LossOptions.MachineEpsilon), run.Loss[0]); // clipped, as scikit-learn
            Assert.Equal(new[] { 2, 3 }, run.OffSum); // sums 2 and 0.8: reported, not renormalised
            Near.Equal(-Math.Log(0.5), run.Loss[3]);
        }

        [Fact]
        public void ZeroWeightClassWithMinusInfinityLogitDoesNotPoisonSmoothing()
        {
            var o = new LossOptions { Classes = 3, LabelSmoothing = 0.3, ClassWeights = new[] { 1.0, 0.0, 1.0 } };
            Runner run = Runner.Run(o, new[] { new[] { 1.0, double.NegativeInfinity, 0.5 } }, new[] { 0 });
            Assert.False(double.IsNaN(run.Loss[0]));
            double lse = Math.Log(Math.Exp(1) + Math.Exp(0.5));
            Near.Equal(0.7 * (lse - 1) + 0.1 * ((lse - 1) + (lse - 0.5)), run.Loss[0]);
        }

        [Fact]
        public void OptionsAreValidated()
        {
            Assert.Throws<ArgumentException>(() => new LossEngine(new LossOptions { Classes = 3, ClassWeights = new[] { 1.0, 2 } }));
            Assert.Throws<ArgumentException>(() => new LossEngine(new LossOptions { Classes = 3, LabelSmoothing = 1 }));
            Assert.Throws<ArgumentException>(() => new LossEngine(new LossOptions { Classes = 3, Temperature = 0 }));
            Assert.Throws<ArgumentException>(() => new LossEngine(new LossOptions { Classes = 3, PosWeight = new[] { 2.0 } }));
            Assert.Throws<ArgumentException>(() => new LossEngine(new LossOptions { Classes = 2, Target = TargetKind.Binary }));
        }
    }
}
