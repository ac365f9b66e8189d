using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using CrossEntropy.Engine.Tests;

namespace CrossEntropy.PowerShell.Tests
{
    /// <summary>
    /// tests/data/classification_expected.json and tests/data/classification/*.csv, written by
    /// tests/data/generate_classification_expected.py with scikit-learn 1.2.1 (and torch for the softmax).
    /// </summary>
    public static class ClassificationExpected
    {
        private static readonly Lazy<JsonElement> Root = new(() =>
        {
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(AuditExpected.DataFile("classification_expected.json")));
            return doc.RootElement.Clone();
        });

        public static IEnumerable<string> Names => Root.Value.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("name").GetString()!);

        public static JsonElement Case(string name) =>
            Root.Value.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

        public static JsonElement Big => Root.Value.GetProperty("big_binary");

        public static string CsvOf(JsonElement c) => AuditExpected.DataFile(c.GetProperty("file").GetString()!);

        /// <summary>The cmdlet options a case needs (its weight and group columns).</summary>
        public static string OptionsOf(JsonElement c) =>
            (c.Has("sample_weight_column") ? " -SampleWeightColumn " + c.GetProperty("sample_weight_column").GetString() : "") +
            (c.Has("group_by") ? " -GroupBy " + c.GetProperty("group_by").GetString() : "");

        /// <summary>A number, or NaN for JSON null (scikit-learn raised).</summary>
        public static double NumberOrNaN(this JsonElement e, string name) =>
            e.TryGetProperty(name, out JsonElement v) && v.ValueKind != JsonValueKind.Null ? ExpectedCase.Number(v) : double.NaN;
    }
}
