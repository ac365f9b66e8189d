using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using CrossEntropy.Data.Audit;
using CrossEntropy.Data.Problems;
using CrossEntropy.Data.Records;
using CrossEntropy.Data.Runs;
using CrossEntropy.Data.Schemas;
using CrossEntropy.Engine.Audit;
using Xunit;

namespace CrossEntropy.Engine.Tests
{
    /// <summary>
    /// Calibration, entropy, KL and the noisy-label ranking against tests/data/audit_expected.json (torch, numpy, scipy,
    /// scikit-learn), through the data layer's audit runs over the same files the cmdlets read.
    /// </summary>
    public class AuditTests
    {
        /// <summary>An audit run and what it wrote: its problems and (if asked) each computed block's rows.</summary>
        internal sealed class AuditRun : IRunSink
        {
            public AuditRun(Schema schema, LossSettings settings, AuditOptions? options = null, int blockSize = 0) =>
                Run = AuditStage.CreateRun(schema, settings, options ?? new AuditOptions(), this, blockSize);

            public LossRun Run { get; }
            public List<Problem> Problems { get; } = new();
            public Action<RowOutcomes>? RowsComputed { get; set; }
            public bool HasLabels => Run.Audit!.HasLabels;
            public CalibrationAccumulator Calibration => Run.Audit!.Calibration;
            public EntropyAccumulator Entropy => Run.Audit!.Entropy;
            public NoisyLabelRanking? Noisy => Run.Audit!.Noisy;
            public Histogram LossHistogram => Run.Audit!.LossHistogram;

            void IRunSink.Rows(in RowOutcomes rows) => RowsComputed?.Invoke(rows);

            void IRunSink.Problem(Problem problem) => Problems.Add(problem);
        }

        public static TheoryData<string> CalibrationCases => new()
        {
            "iris_logits", "iris_probabilities", "digits_logits", "digits_logits_m10", "digits_logits_t2",
            "iris_logits_sample_weight", "soft_targets", "binary_logits",
        };

        /// <summary>The repository root (where CrossEntropy.psd1 is).</summary>
        internal static string RepoRoot()
        {
            for (DirectoryInfo? d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
                if (File.Exists(Path.Combine(d.FullName, "CrossEntropy.psd1"))) return d.FullName;
            throw new DirectoryNotFoundException("CrossEntropy.psd1 not found above the test binaries.");
        }

        /// <summary>The CSV a case was computed from: a bundled example or a synthetic file next to the JSON.</summary>
        internal static string CsvOf(JsonElement c) => c.Has("source")
            ? Path.Combine(RepoRoot(), "examples", c.GetProperty("source").GetString()!)
            : AuditExpected.DataFile(c.GetProperty("kind").GetString() == "binary_logits" ? "audit-binary.csv" : "audit-soft.csv");

        /// <summary>Runs a CSV through an audit (rows as strings, an optional sample-weight column appended).</summary>
        internal static AuditRun Audit(string csv, LossSettings settings, AuditOptions options, double[]? sampleWeights = null, int blockSize = 1024)
        {
            string[] lines = File.ReadAllLines(csv);
            var header = lines[0].Split(',').ToList();
            if (sampleWeights != null) header.Add("sw");
            var record = new ObjectRecord(Path.GetFileName(csv), header);
            Schema schema = SchemaResolver.Resolve(record, null, new ColumnOptions { SampleWeightColumn = sampleWeights == null ? null : "sw", LabelOptional = true });
            var audit = new AuditRun(schema, settings, options, blockSize);
            List<Problem> problems = audit.Problems;
            for (int r = 1; r < lines.Length; r++)
            {
                record.Clear();
                string[] cells = lines[r].Split(',');
                for (int c = 0; c < cells.Length; c++) record.Set(c, cells[c]);
                if (sampleWeights != null) record.Set(cells.Length, sampleWeights[r - 1].ToString("R", System.Globalization.CultureInfo.InvariantCulture));
                audit.Run.Add(record, r, r);
            }
            audit.Run.Flush();
            Assert.Empty(problems);
            return audit;
        }

        private static AuditRun AuditCase(JsonElement c, int blockSize = 1024) =>
            Audit(CsvOf(c), new LossSettings { Temperature = c.D("temperature") }, new AuditOptions { BinCount = c.GetProperty("bins").GetInt32() },
                c.Has("sample_weight") ? c.Ds("sample_weight") : null, blockSize);

        [Theory]
        [MemberData(nameof(CalibrationCases))]
        public void CalibrationMatchesTheReference(string name)
        {
            JsonElement c = AuditExpected.Case(name);
            CalibrationAccumulator cal = AuditCase(c).Calibration;
            Assert.Equal(c.GetProperty("n").GetInt32(), cal.Used);
            Near.Equal(c.D("ece"), cal.ExpectedCalibrationError, what: "ECE");
            Near.Equal(c.D("mce"), cal.MaximumCalibrationError, what: "MCE");
            Near.Equal(c.D("brier"), cal.BrierScore, what: "Brier");
            Near.Equal(c.D("accuracy"), cal.OverallAccuracy, what: "accuracy");
            Near.Equal(c.D("mean_confidence"), cal.OverallConfidence, what: "confidence");
            Assert.Equal(c.Ints("bin_counts").Select(v => (long)v), cal.Count);
            double[] conf = c.Ds("bin_confidence"), acc = c.Ds("bin_accuracy");
            for (int m = 0; m < cal.BinCount; m++)
            {
                Near.Equal(conf[m], cal.MeanConfidence(m), what: $"bin {m} confidence");
                Near.Equal(acc[m], cal.Accuracy(m), what: $"bin {m} accuracy");
            }
            if (c.Has("sklearn_brier")) Near.Equal(c.D("sklearn_brier"), cal.BrierScore, what: "sklearn brier_score_loss");
        }

        [Theory]
        [MemberData(nameof(CalibrationCases))]
        public void EntropyCrossEntropyAndKLMatchTheReference(string name)
        {
            JsonElement c = AuditExpected.Case(name);
            AuditRun audit = AuditCase(c);
            EntropyAccumulator e = audit.Entropy;
            Near.Equal(c.D("entropy_mean"), e.Entropy, what: "H(q)");
            Near.Equal(c.D("cross_entropy_mean"), e.CrossEntropy, what: "H(t, q)");
            Near.Equal(c.D("kl_mean"), e.KLDivergence, what: "KL");
            Near.Equal(c.D("target_entropy_mean"), e.TargetEntropy, what: "H(t)");
            // H(t, q) = H(t) + KL(t || q), each computed on its own.
            Near.Equal(e.CrossEntropy, e.TargetEntropy + e.KLDivergence, what: "identity");
            if (c.Has("entropy_mean_base"))
                Near.Equal(c.D("entropy_mean_base"), e.Entropy / Entropy.LogOfBase(c.D("base")), what: "H(q) in base " + c.D("base"));
            if (c.Has("torch_loss_mean") && !c.Has("sample_weight"))
                Near.Equal(c.D("torch_loss_mean"), audit.Run.Total.Mean, what: "the run's own loss");
        }

        [Fact]
        public void SoftTargetRowsMatchAndSatisfyTheIdentity()
        {
            JsonElement c = AuditExpected.Case("soft_targets");
            var h = new List<double>();
            var ht = new List<double>();
            var kl = new List<double>();
            var ce = new List<double>();
            string csv = CsvOf(c);
            string[] lines = File.ReadAllLines(csv);
            var record = new ObjectRecord("soft", lines[0].Split(','));
            Schema schema = SchemaResolver.Resolve(record, null, new ColumnOptions());
            var audit = new AuditRun(schema, new LossSettings(), blockSize: 7);
            audit.RowsComputed = rows =>
            {
                for (int i = 0; i < rows.Count; i++)
                {
                    h.Add(rows[i].Entropy);
                    ht.Add(rows[i].TargetEntropy);
                    kl.Add(rows[i].KLDivergence);
                    ce.Add(rows[i].CrossEntropy);
                }
            };
            for (int r = 1; r < lines.Length; r++)
            {
                record.Clear();
                string[] cells = lines[r].Split(',');
                for (int k = 0; k < cells.Length; k++) record.Set(k, cells[k]);
                audit.Run.Add(record, r);
            }
            audit.Run.Flush();
            Near.All(c.Ds("entropy_rows"), h.ToArray(), what: "H(q)");
            Near.All(c.Ds("target_entropy_rows"), ht.ToArray(), what: "H(t)");
            Near.All(c.Ds("kl_rows"), kl.ToArray(), what: "KL");
            Near.All(c.Ds("cross_entropy_rows"), ce.ToArray(), what: "H(t, q)");
            for (int i = 0; i < ce.Count; i++) Near.Equal(ce[i], ht[i] + kl[i], what: $"row {i + 1}: H(t, q) = H(t) + KL");
            Assert.Contains(ht, v => v > 0.5); // the identity is not trivially H(t) = 0
        }

        [Theory]
        [InlineData("counts_uniform3")]
        [InlineData("counts_skewed")]
        [InlineData("counts_pure")]
        public void CountEntropyAndGiniMatchScipy(string name)
        {
            JsonElement c = AuditExpected.Case(name);
            double[] counts = c.Ds("counts");
            Near.Equal(c.D("entropy"), Entropy.OfCounts(counts), what: "entropy");
            Near.Equal(c.D("entropy_bits"), Entropy.OfCounts(counts) / Entropy.LogOfBase(2), what: "bits");
            Near.Equal(c.D("gini"), Entropy.GiniOfCounts(counts), what: "gini");
        }

        [Fact]
        public void CountEntropyRejectsNegativeCountsAndEmptyIsNaN()
        {
            Assert.Throws<ArgumentException>(() => Entropy.OfCounts(new[] { 1.0, -1.0 }));
            Assert.True(double.IsNaN(Entropy.OfCounts(new[] { 0.0, 0.0 })));
            Assert.Throws<ArgumentOutOfRangeException>(() => Entropy.LogOfBase(1));
        }

        [Theory]
        [InlineData("noisy_digits", "Normalized")]
        [InlineData("noisy_digits", "Loss")]
        [InlineData("noisy_digits", "Margin")]
        [InlineData("noisy_iris", "Normalized")]
        [InlineData("noisy_iris", "Loss")]
        [InlineData("noisy_iris_probabilities", "Normalized")]
        [InlineData("noisy_iris_probabilities", "Margin")]
        public void NoisyLabelRankingMatchesTheReference(string name, string by)
        {
            JsonElement c = AuditExpected.Case(name);
            JsonElement e = c.GetProperty(by);
            var order = Enum.Parse<NoisyLabelOrder>(by);
            foreach (int blockSize in new[] { 1024, 13 })
            {
                AuditRun audit = Audit(CsvOf(c), new LossSettings(), new AuditOptions { NoisyTop = c.GetProperty("top").GetInt32(), NoisyBy = order }, blockSize: blockSize);
                List<NoisyLabelCandidate> top = audit.Noisy!.Top();
                Assert.Equal(e.Ints("rows").Select(r => (long)r), top.Select(t => t.RowNumber));
                Near.All(e.Ds("loss"), top.Select(t => t.Loss).ToArray(), what: "loss");
                Near.All(e.Ds("margin"), top.Select(t => t.Margin).ToArray(), rel: 1e-12, abs: 1e-15, what: "margin");
                Near.All(e.Ds("normalized"), top.Select(t => t.NormalizedScore).ToArray(), what: "normalised");
                Near.All(e.Ds("label_probability"), top.Select(t => t.LabelProbability).ToArray(), what: "q_y");
                double[] thresholds = c.Ds("class_threshold");
                for (int k = 0; k < thresholds.Length; k++) Near.Equal(thresholds[k], audit.Noisy.ClassThreshold(k), what: "t_y");
                Assert.All(top, t => Assert.Equal(t.RowNumber, (long)(int)t.Tag!)); // the tag travels with its row
            }
        }

        [Fact]
        public void NormalizedRankingDoesNotLetTheHardestClassFloodTheList()
        {
            // On digits, the plain loss ranking and the normalised one must differ in class mix: the normalised one
            // spreads over at least as many classes.
            JsonElement c = AuditExpected.Case("noisy_digits");
            var byLoss = Audit(CsvOf(c), new LossSettings(), new AuditOptions { NoisyTop = 20, NoisyBy = NoisyLabelOrder.Loss }).Noisy!.Top();
            var byNorm = Audit(CsvOf(c), new LossSettings(), new AuditOptions { NoisyTop = 20, NoisyBy = NoisyLabelOrder.Normalized }).Noisy!.Top();
            Assert.True(byNorm.Select(t => t.Class).Distinct().Count() >= byLoss.Select(t => t.Class).Distinct().Count());
            Assert.NotEqual(byLoss.Select(t => t.RowNumber), byNorm.Select(t => t.RowNumber));
        }

        [Theory]
        [InlineData(15)]
        [InlineData(10)]
        [InlineData(7)]
        [InlineData(3)]
        public void ABinIsOpenBelowAndClosedAbove(int bins)
        {
            for (int m = 1; m <= bins; m++)
            {
                double edge = (double)m / bins;
                Assert.Equal(m - 1, CalibrationAccumulator.BinOf(edge, bins)); // (m-1)/M < c <= m/M
                if (m < bins) Assert.Equal(m, CalibrationAccumulator.BinOf(Math.BitIncrement(edge), bins));
                Assert.Equal(m - 1, CalibrationAccumulator.BinOf(Math.BitDecrement(edge), bins));
            }
            Assert.Equal(0, CalibrationAccumulator.BinOf(0, bins));
            Assert.Equal(bins - 1, CalibrationAccumulator.BinOf(1, bins));
        }

        [Fact]
        public void CalibrationSumsAreDeterministicAndMergeable()
        {
            JsonElement c = AuditExpected.Case("digits_logits");
            CalibrationAccumulator a = AuditCase(c, blockSize: 64).Calibration;
            CalibrationAccumulator b = AuditCase(c, blockSize: 64).Calibration;
            Assert.Equal(a.ConfidenceSum, b.ConfidenceSum); // bit-identical for the same blocks
            Assert.Equal(a.CorrectSum, b.CorrectSum);
            CalibrationAccumulator one = AuditCase(c, blockSize: 1).Calibration;
            Assert.Equal(a.Count, one.Count);
            Near.Equal(a.ExpectedCalibrationError, one.ExpectedCalibrationError);
            Near.Equal(a.BrierScore, one.BrierScore);

            // Two halves merged in order give the whole.
            var first = new CalibrationAccumulator(15);
            var second = new CalibrationAccumulator(15);
            var rng = new Random(5);
            var rows = Enumerable.Range(0, 200).Select(_ => (Conf: 0.3 + 0.7 * rng.NextDouble(), Correct: rng.Next(2), Brier: rng.NextDouble())).ToList();
            var whole = new CalibrationAccumulator(15);
            for (int i = 0; i < rows.Count; i++)
            {
                (i < 100 ? first : second).Add(rows[i].Conf, rows[i].Correct, rows[i].Brier);
                whole.Add(rows[i].Conf, rows[i].Correct, rows[i].Brier);
            }
            first.Merge(second);
            Assert.Equal(whole.Count, first.Count);
            Near.Equal(whole.ExpectedCalibrationError, first.ExpectedCalibrationError);
            Near.Equal(whole.MaximumCalibrationError, first.MaximumCalibrationError);
            Assert.Throws<ArgumentException>(() => first.Merge(new CalibrationAccumulator(10)));
        }

        [Fact]
        public void ProbabilityInputsWithoutLabelsStillGiveEntropy()
        {
            // No label column: the run goes through softmax mode, which passes probabilities through.
            string csv = Path.Combine(RepoRoot(), "examples", "iris-probabilities.csv");
            string[] lines = File.ReadAllLines(csv).Select(l => string.Join(",", l.Split(',').Take(4))).ToArray();
            string path = Path.Combine(Path.GetTempPath(), "audit-nolabel-" + Guid.NewGuid().ToString("N") + ".csv");
            File.WriteAllLines(path, lines);
            try
            {
                AuditRun audit = Audit(path, new LossSettings(), new AuditOptions());
                Assert.False(audit.HasLabels);
                Near.Equal(AuditExpected.Case("iris_probabilities").D("entropy_mean"), audit.Entropy.Entropy);
                Assert.True(double.IsNaN(audit.Entropy.KLDivergence));
                Assert.Equal(0, audit.Calibration.Used);
                Assert.Equal(150, audit.Run.Total.Used);
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void LossHistogramCountsEveryUsedRow()
        {
            AuditRun audit = AuditCase(AuditExpected.Case("digits_logits"));
            Assert.Equal(1797, audit.LossHistogram.Counts.Sum());
            var h = new Histogram(new[] { 0.0, 1, 2 });
            foreach (double v in new[] { 0.0, 0.5, 1, 1.5, 2, 7, -1, double.NaN }) h.Add(v);
            Assert.Equal(new long[] { 2, 4 }, h.Counts); // [0,1) and [1,2] with everything beyond in the last bin
            Assert.Equal(2, h.Outside);
        }

        [Fact]
        public void MultiLabelInputIsRefused()
        {
            var record = new ObjectRecord("ml", new[] { "logit_a", "logit_b", "y_a", "y_b" });
            Schema schema = SchemaResolver.Resolve(record, null, new ColumnOptions { MultiLabel = true });
            Assert.Throws<ArgumentException>(() => new AuditRun(schema, new LossSettings()));
        }
    }
}
