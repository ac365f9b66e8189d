using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;
using Xunit;

namespace CrossEntropy.Engine.Tests
{
    /// <summary>One case of tests/data/expected.json (written by tests/data/generate_expected.py with PyTorch).</summary>
    public sealed class ExpectedCase
    {
        [JsonPropertyName("name")] public string Name { get; set; } = "";
        [JsonPropertyName("kind")] public string Kind { get; set; } = "";
        [JsonPropertyName("logits")] public JsonElement Logits { get; set; }
        [JsonPropertyName("probabilities")] public double[][]? Probabilities { get; set; }
        [JsonPropertyName("target")] public JsonElement Target { get; set; }
        [JsonPropertyName("weight")] public double[]? Weight { get; set; }
        [JsonPropertyName("pos_weight")] public double[]? PosWeight { get; set; }
        [JsonPropertyName("ignore_index")] public int IgnoreIndex { get; set; } = -100;
        [JsonPropertyName("label_smoothing")] public double LabelSmoothing { get; set; }
        [JsonPropertyName("temperature")] public double Temperature { get; set; } = 1;
        [JsonPropertyName("epsilon")] public double Epsilon { get; set; }
        [JsonPropertyName("top_k")] public int TopK { get; set; } = 1;
        [JsonPropertyName("loss_none")] public JsonElement LossNone { get; set; }
        [JsonPropertyName("loss_mean")] public double LossMean { get; set; }
        [JsonPropertyName("loss_sum")] public double LossSum { get; set; }
        [JsonPropertyName("grad_mean")] public JsonElement GradMean { get; set; }
        [JsonPropertyName("grad_sum")] public JsonElement GradSum { get; set; }
        [JsonPropertyName("softmax")] public double[][]? Softmax { get; set; }
        [JsonPropertyName("log_softmax")] public double[][]? LogSoftmax { get; set; }
        [JsonPropertyName("sigmoid")] public JsonElement Sigmoid { get; set; }
        [JsonPropertyName("accuracy")] public double? Accuracy { get; set; }
        [JsonPropertyName("top_k_accuracy")] public double? TopKAccuracy { get; set; }
        [JsonPropertyName("sample_weight")] public double[]? SampleWeight { get; set; }
        [JsonPropertyName("loss_mean_sample_weighted")] public double? LossMeanSampleWeighted { get; set; }
        [JsonPropertyName("loss_sum_sample_weighted")] public double? LossSumSampleWeighted { get; set; }
        [JsonPropertyName("grad_mean_sample_weighted")] public double[][]? GradMeanSampleWeighted { get; set; }
        [JsonPropertyName("torch_nll_mean")] public double TorchNllMean { get; set; }
        [JsonPropertyName("sklearn_log_loss")] public double? SklearnLogLoss { get; set; }
        [JsonPropertyName("sklearn_log_loss_sample_weighted")] public double? SklearnLogLossSampleWeighted { get; set; }

        public bool IsBinaryLike => Kind is "binary" or "multilabel";

        /// <summary>Scores as rows (a binary case's flat vector becomes rows of one).</summary>
        public double[][] ScoreRows() => Kind == "probabilities" ? Probabilities! : Rows(Logits);

        public double[][] TargetRows() => Rows(Target);

        public int[] Labels() => Target.EnumerateArray().Select(e => (int)Number(e)).ToArray();

        public double[] RowLosses() => Kind == "multilabel"
            ? Rows(LossNone).Select(r => r.Sum()).ToArray() // our per-row loss is the row's total over its labels
            : LossNone.EnumerateArray().Select(Number).ToArray();

        public double[][] GradientRows(bool mean) => Rows(mean ? GradMean : GradSum);

        public double[][] SigmoidRows() => Rows(Sigmoid);

        public override string ToString() => Name;

        private static double[][] Rows(JsonElement e) => e.EnumerateArray()
            .Select(r => r.ValueKind == JsonValueKind.Array ? r.EnumerateArray().Select(Number).ToArray() : new[] { Number(r) })
            .ToArray();

        /// <summary>A JSON number, or "NaN"/"Infinity"/"-Infinity" written as a string (JSON has no such numbers).</summary>
        public static double Number(JsonElement e) => e.ValueKind == JsonValueKind.String
            ? double.Parse(e.GetString()!, System.Globalization.CultureInfo.InvariantCulture)
            : e.GetDouble();
    }

    public static class Expected
    {
        private static readonly Lazy<(Dictionary<string, ExpectedCase> Cases, JsonElement Meta)> Data = new(Load);

        public static ExpectedCase Case(string name) => Data.Value.Cases[name];

        public static IEnumerable<ExpectedCase> All => Data.Value.Cases.Values;

        public static double Meta(string key) => ExpectedCase.Number(Data.Value.Meta.GetProperty(key));

        public static TheoryData<string> Names(Func<ExpectedCase, bool> where)
        {
            var data = new TheoryData<string>();
            foreach (ExpectedCase c in All.Where(where)) data.Add(c.Name);
            return data;
        }

        private static (Dictionary<string, ExpectedCase>, JsonElement) Load()
        {
            string path = Path.Combine(AppContext.BaseDirectory, "data", "expected.json");
            var options = new JsonSerializerOptions { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions());
            var cases = doc.RootElement.GetProperty("cases").EnumerateArray()
                .Select(e => JsonSerializer.Deserialize<ExpectedCase>(e.GetRawText(), options)!)
                .ToDictionary(c => c.Name);
            return (cases, doc.RootElement.GetProperty("meta").Clone());
        }
    }

    public static class Near
    {
        /// <summary>
        /// |a - b| ≤ rel·max(|a|, |b|) + abs. The default absolute floor (1e-14) only matters for values near 0, where
        /// PyTorch's own float64 formulas (e.g. BCE's (1-y)·x + softplus(-x)) carry absolute errors of ~1e-15.
        /// </summary>
        public static void Equal(double expected, double actual, double rel = 1e-12, double abs = 1e-14, string? what = null)
        {
            if (double.IsNaN(expected) && double.IsNaN(actual)) return;
            if (expected == actual) return;
            double tol = rel * Math.Max(Math.Abs(expected), Math.Abs(actual)) + abs;
            Assert.True(Math.Abs(expected - actual) <= tol,
                $"{what ?? "value"}: expected {expected:R}, got {actual:R} (difference {Math.Abs(expected - actual):R}, tolerance {tol:R})");
        }

        public static void All(double[] expected, double[] actual, double rel = 1e-12, double abs = 1e-14, string? what = null)
        {
            Assert.Equal(expected.Length, actual.Length);
            for (int i = 0; i < expected.Length; i++) Equal(expected[i], actual[i], rel, abs, $"{what ?? "element"}[{i}]");
        }
    }
}
