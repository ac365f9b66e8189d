using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace CrossEntropy.Engine.Tests
{
    /// <summary>tests/data/sequence_expected.json (written by tests/data/generate_sequence_expected.py with PyTorch and torchvision).</summary>
    internal static class SequenceExpected
    {
        private static readonly Lazy<JsonElement> Root = new(() =>
        {
            string path = Path.Combine(AppContext.BaseDirectory, "data", "sequence_expected.json");
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(path));
            return doc.RootElement.Clone();
        });

        /// <summary>The case named <paramref name="name"/> of the list <paramref name="section"/>.</summary>
        public static JsonElement Case(string section, string name) =>
            Root.Value.GetProperty(section).EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

        /// <summary>The names of a section's cases, for a theory.</summary>
        public static TheoryData<string> Names(string section)
        {
            var data = new TheoryData<string>();
            foreach (JsonElement c in Root.Value.GetProperty(section).EnumerateArray()) data.Add(c.GetProperty("name").GetString()!);
            return data;
        }

        public static JsonElement Section(string section) => Root.Value.GetProperty(section);

        public static double Number(this JsonElement e, string property) => ExpectedCase.Number(e.GetProperty(property));

        public static double? NumberOrNull(this JsonElement e, string property) =>
            e.TryGetProperty(property, out JsonElement v) && v.ValueKind != JsonValueKind.Null ? ExpectedCase.Number(v) : null;

        public static double[] Vector(this JsonElement e, string property) =>
            e.TryGetProperty(property, out JsonElement v) && v.ValueKind == JsonValueKind.Array ? v.EnumerateArray().Select(ExpectedCase.Number).ToArray() : null!;

        public static double[][] Matrix(this JsonElement e, string property) => e.GetProperty(property).EnumerateArray()
            .Select(r => r.ValueKind == JsonValueKind.Array ? r.EnumerateArray().Select(ExpectedCase.Number).ToArray() : new[] { ExpectedCase.Number(r) })
            .ToArray();

        /// <summary>The gradient tolerance: |a - b| ≤ 1e-12·max(1, |b|) (elements near 0 differ by ~1e-17 between exact formulas).</summary>
        public static void GradientNear(double[][] expected, double[][] actual, string what)
        {
            Assert.Equal(expected.Length, actual.Length);
            for (int i = 0; i < expected.Length; i++)
                for (int k = 0; k < expected[i].Length; k++)
                {
                    double b = expected[i][k], a = actual[i][k];
                    Assert.True(Math.Abs(a - b) <= 1e-12 * Math.Max(1, Math.Abs(b)), $"{what} [{i},{k}]: expected {b:R}, got {a:R}");
                }
        }
    }
}
