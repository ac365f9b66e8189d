using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace CrossEntropy.Engine.Tests
{
    /// <summary>
    /// tests/data/audit_expected.json, written by tests/data/generate_audit_expected.py with torch, numpy, scipy and
    /// scikit-learn: calibration, entropy, KL and noisy-label rankings computed independently of the engine.
    /// </summary>
    public static class AuditExpected
    {
        private static readonly Lazy<Dictionary<string, JsonElement>> Cases = new(Load);

        public static JsonElement Case(string name) => Cases.Value[name];

        public static string DataFile(string name) => Path.Combine(AppContext.BaseDirectory, "data", name);

        public static double D(this JsonElement e, string name) => ExpectedCase.Number(e.GetProperty(name));

        public static double[] Ds(this JsonElement e, string name) =>
            e.GetProperty(name).EnumerateArray().Select(ExpectedCase.Number).ToArray();

        public static int[] Ints(this JsonElement e, string name) => e.GetProperty(name).EnumerateArray().Select(v => v.GetInt32()).ToArray();

        public static double[][] Rows(this JsonElement e, string name) =>
            e.GetProperty(name).EnumerateArray().Select(r => r.EnumerateArray().Select(ExpectedCase.Number).ToArray()).ToArray();

        public static bool Has(this JsonElement e, string name) =>
            e.TryGetProperty(name, out JsonElement v) && v.ValueKind != JsonValueKind.Null;

        private static Dictionary<string, JsonElement> Load()
        {
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(DataFile("audit_expected.json")));
            return doc.RootElement.GetProperty("cases").EnumerateArray()
                .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.Clone());
        }
    }
}
