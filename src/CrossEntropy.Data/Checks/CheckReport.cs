using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;
using CrossEntropy.Data.Problems;
using CrossEntropy.Engine;

namespace CrossEntropy.Data.Checks
{
    /// <summary>Row counts and headline figures of one side (the input, or the baseline) of a check.</summary>
    internal sealed class CheckSide
    {
        /// <summary>Files (or "pipeline input").</summary>
        public IReadOnlyList<string> Sources { get; set; } = Array.Empty<string>();
        /// <summary>Rows read, used, ignored and rejected.</summary>
        public RowCounts Counts { get; set; }
        /// <summary>Named figures (loss, accuracy, ...) in a fixed order; empty for Test-Prediction.</summary>
        public List<KeyValuePair<string, double>> Metrics { get; } = new List<KeyValuePair<string, double>>();
    }

    /// <summary>
    /// The machine-readable result of Test-Prediction and Assert-CrossEntropy (-OutFile): one JSON document, written by
    /// <see cref="WriteJson"/> in schema version <see cref="SchemaVersion"/>. The fields, in order:
    /// schemaVersion, tool, toolVersion, command, passed, sources, counts {read, used, ignored, rejected},
    /// metrics {name: number}, checks [{name, metric, scope, subject, comparison, limit, measured, value, baseline,
    /// passed, message}], failedChecks, baseline (null, or {sources, counts, metrics}), files [{source, rows, used,
    /// ignored, rejected, problems}], problems {total, byKind {kind: count}, shown [{kind, source, row, column, value,
    /// message}]}. Numbers are JSON numbers (culture-invariant, shortest round-trip form); NaN and ±Infinity, which
    /// JSON cannot hold, are null. Fields are never left out: an absent value is null or an empty array/object.
    /// </summary>
    internal sealed class CheckReport
    {
        /// <summary>Bumped when a field changes meaning or is removed (adding fields keeps the version).</summary>
        public const int SchemaVersion = 1;

        /// <summary>The cmdlet: Test-Prediction or Assert-CrossEntropy.</summary>
        public string Command { get; set; } = "";
        /// <summary>The module version.</summary>
        public string ToolVersion { get; set; } = "";
        /// <summary>True when every check passed.</summary>
        public bool Passed { get; set; }
        /// <summary>The input checked.</summary>
        public CheckSide Input { get; set; } = new CheckSide();
        /// <summary>Every check.</summary>
        public List<AssertionCheck> Checks { get; } = new List<AssertionCheck>();
        /// <summary>The baseline of a comparison, or null.</summary>
        public CheckSide? Baseline { get; set; }
        /// <summary>Per-source row counts (Test-Prediction; empty for Assert-CrossEntropy, which combines its sources).</summary>
        public List<SourceValidation> Files { get; } = new List<SourceValidation>();
        /// <summary>Every problem found (rows rejected, sources that could not be read).</summary>
        public long ProblemCount { get; set; }
        /// <summary>Problems by kind (only kinds that occurred), in a fixed order.</summary>
        public List<KeyValuePair<string, long>> ProblemsByKind { get; } = new List<KeyValuePair<string, long>>();
        /// <summary>The first problems, with their details.</summary>
        public List<Problem> ShownProblems { get; } = new List<Problem>();

        /// <summary>A report of a validation: one check per problem kind (limit 0), and the problems.</summary>
        public static CheckReport FromValidation(PredictionValidation v, string command, string toolVersion)
        {
            var r = new CheckReport { Command = command, ToolVersion = toolVersion, Passed = v.Passed };
            r.Input.Sources = v.Sources.Select(s => s.Source).ToArray();
            r.Input.Counts = v.Counts;
            foreach (ProblemKind kind in Enum.GetValues(typeof(ProblemKind)).Cast<ProblemKind>().Where(k => k != ProblemKind.Rejected))
            {
                long n = v.CountOf(kind);
                r.Checks.Add(Limits.NoProblems(kind.ToString(), n));
                if (n > 0) r.ProblemsByKind.Add(new KeyValuePair<string, long>(kind.ToString(), n));
            }
            r.Files.AddRange(v.Sources);
            r.ProblemCount = v.ProblemCount;
            r.ShownProblems.AddRange(v.ShownProblems);
            return r;
        }

        /// <summary>Writes the report as indented UTF-8 JSON (no BOM).</summary>
        public void WriteJson(Stream stream)
        {
            var options = new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
            using var w = new Utf8JsonWriter(stream, options);
            w.WriteStartObject();
            w.WriteNumber("schemaVersion", SchemaVersion);
            w.WriteString("tool", "CrossEntropy");
            w.WriteString("toolVersion", ToolVersion);
            w.WriteString("command", Command);
            w.WriteBoolean("passed", Passed);
            WriteStrings(w, "sources", Input.Sources);
            WriteCounts(w, Input.Counts);
            WriteMetrics(w, Input.Metrics);
            w.WriteStartArray("checks");
            foreach (AssertionCheck c in Checks)
            {
                w.WriteStartObject();
                w.WriteString("name", c.Name);
                w.WriteString("metric", c.Metric);
                w.WriteString("scope", c.Scope);
                WriteString(w, "subject", c.Subject);
                w.WriteString("comparison", c.Comparison);
                WriteNumber(w, "limit", c.Limit);
                WriteNumber(w, "measured", c.Measured);
                WriteNumber(w, "value", c.Value);
                WriteNumber(w, "baseline", c.Baseline);
                w.WriteBoolean("passed", c.Passed);
                w.WriteString("message", c.Message);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteNumber("failedChecks", Checks.Count(c => !c.Passed));
            if (Baseline == null) w.WriteNull("baseline");
            else
            {
                w.WriteStartObject("baseline");
                WriteStrings(w, "sources", Baseline.Sources);
                WriteCounts(w, Baseline.Counts);
                WriteMetrics(w, Baseline.Metrics);
                w.WriteEndObject();
            }
            w.WriteStartArray("files");
            foreach (SourceValidation f in Files)
            {
                w.WriteStartObject();
                w.WriteString("source", f.Source);
                w.WriteNumber("rows", f.Counts.Read);
                w.WriteNumber("used", f.Counts.Used);
                w.WriteNumber("ignored", f.Counts.Ignored);
                w.WriteNumber("rejected", f.Counts.Rejected);
                w.WriteNumber("problems", f.Problems);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartObject("problems");
            w.WriteNumber("total", ProblemCount);
            w.WriteStartObject("byKind");
            foreach (KeyValuePair<string, long> kv in ProblemsByKind) w.WriteNumber(kv.Key, kv.Value);
            w.WriteEndObject();
            w.WriteStartArray("shown");
            foreach (Problem p in ShownProblems)
            {
                w.WriteStartObject();
                w.WriteString("kind", p.Kind.ToString());
                w.WriteString("source", p.Source);
                if (p.Row > 0) w.WriteNumber("row", p.Row);
                else w.WriteNull("row");
                WriteString(w, "column", p.Column);
                WriteString(w, "value", p.Value);
                w.WriteString("message", p.ToString());
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
            w.Flush();
        }

        private static void WriteCounts(Utf8JsonWriter w, RowCounts counts)
        {
            w.WriteStartObject("counts");
            w.WriteNumber("read", counts.Read);
            w.WriteNumber("used", counts.Used);
            w.WriteNumber("ignored", counts.Ignored);
            w.WriteNumber("rejected", counts.Rejected);
            w.WriteEndObject();
        }

        private static void WriteMetrics(Utf8JsonWriter w, List<KeyValuePair<string, double>> metrics)
        {
            w.WriteStartObject("metrics");
            foreach (KeyValuePair<string, double> kv in metrics) WriteNumber(w, kv.Key, kv.Value);
            w.WriteEndObject();
        }

        private static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
        {
            w.WriteStartArray(name);
            foreach (string v in values) w.WriteStringValue(v);
            w.WriteEndArray();
        }

        private static void WriteString(Utf8JsonWriter w, string name, string? value)
        {
            if (value == null) w.WriteNull(name);
            else w.WriteString(name, value);
        }

        // JSON has no NaN or Infinity: they are written as null.
        private static void WriteNumber(Utf8JsonWriter w, string name, double? value)
        {
            if (value is double v && !double.IsNaN(v) && !double.IsInfinity(v)) w.WriteNumber(name, v);
            else w.WriteNull(name);
        }
    }
}
