using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using CrossEntropy.Data.Problems;
using CrossEntropy.Data.Schemas;

namespace CrossEntropy.Input
{
    /// <summary>
    /// This module's own output objects piped back into a compute cmdlet. Get-Softmax rows map through their class
    /// properties (probabilities, or with -Log log-probabilities, which are logits of the same distribution), so
    /// <c>Get-Softmax | Measure-CrossEntropy</c> gives the loss of the scores Get-Softmax read. Objects that hold no
    /// scores (a row's loss or gradient, summaries, reports) are refused by name rather than read as numbers.
    /// Find-NoisyLabel rows are the input rows plus figures whose names the schema never takes as scores.
    /// Recognised by type name, so objects that come back from remoting (Deserialized.CrossEntropy.*) are too.
    /// </summary>
    internal static class OwnOutputs
    {
        private const string Softmax = "CrossEntropy.SoftmaxRow";
        private const string LogSoftmax = "CrossEntropy.LogSoftmaxRow";

        // Row-level outputs: the class properties Get-Softmax adds are the properties beyond these.
        private static readonly HashSet<string> SoftmaxProperties =
            new HashSet<string>(typeof(SoftmaxRow).GetProperties().Concat(typeof(LogSoftmaxRow).GetProperties()).Select(p => p.Name), StringComparer.OrdinalIgnoreCase);

        private static readonly Dictionary<string, string> WithoutScores = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["CrossEntropy.RowLoss"] = "Measure-CrossEntropy's per-row losses",
            ["CrossEntropy.GradientRow"] = "Get-LossGradient's gradients",
            ["CrossEntropy.EntropyRow"] = "Measure-Entropy's per-row entropies",
            ["CrossEntropy.LossSummary"] = "a Measure-CrossEntropy summary",
            ["CrossEntropy.ClassSummary"] = "a per-class summary",
            ["CrossEntropy.CalibrationSummary"] = "a Measure-Calibration summary",
            ["CrossEntropy.CalibrationBin"] = "a calibration bin",
            ["CrossEntropy.EntropySummary"] = "a Measure-Entropy summary",
            ["CrossEntropy.LabelEntropy"] = "a label-entropy summary",
            ["CrossEntropy.AssertionResult"] = "an Assert-CrossEntropy result",
            ["CrossEntropy.AssertionCheck"] = "an Assert-CrossEntropy check",
            ["CrossEntropy.PredictionReport"] = "a Test-Prediction report",
            ["CrossEntropy.PredictionProblem"] = "a Test-Prediction problem",
            ["CrossEntropy.PredictionFile"] = "a Test-Prediction file entry",
        };

        /// <summary>
        /// The column options to read pipeline objects like <paramref name="first"/> with: <paramref name="given"/>
        /// unless the object is one of ours. Throws <see cref="InputException"/> for our objects that hold no scores.
        /// </summary>
        public static ColumnOptions For(PSObject first, IReadOnlyList<string> header, ColumnOptions given, string source)
        {
            string? type = OurType(first);
            if (type == null) return given;
            if (WithoutScores.TryGetValue(type, out string? what))
                throw new InputException(source, $"the pipeline holds {what} ({type}), not predictions: pipe the predictions themselves "
                    + "(Import-Csv, -Path) or Get-Softmax's rows");
            if ((type != Softmax && type != LogSoftmax) || given.LogitColumn != null || given.ProbabilityColumn != null) return given;

            string[] classProperties = header.Where(h => !SoftmaxProperties.Contains(h)).ToArray();
            if (classProperties.Length == 0)
                throw new InputException(source, "the pipeline holds Get-Softmax rows without their class properties (select them, or pipe the rows whole)");
            bool log = type == LogSoftmax;
            string prefix = log ? "logp_" : "p_";
            return new ColumnOptions
            {
                // Log-probabilities are logits of the same distribution: their softmax gives the probabilities back.
                LogitColumn = log ? classProperties : null,
                ProbabilityColumn = log ? null : classProperties,
                Class = given.Class ?? classProperties.Select(p => ClassName(p, prefix)).ToArray(),
                LabelColumn = given.LabelColumn,
                TargetColumn = given.TargetColumn,
                SampleWeightColumn = given.SampleWeightColumn,
                GroupBy = given.GroupBy,
                IdColumn = given.IdColumn,
                LabelOptional = given.LabelOptional,
                MultiLabel = given.MultiLabel,
            };
        }

        // The type name ours is known by (the emitted per-class-set types derive from SoftmaxRow and list it too).
        private static string? OurType(PSObject obj)
        {
            foreach (string name in obj.TypeNames)
            {
                string plain = name.StartsWith("Deserialized.", StringComparison.Ordinal) ? name.Substring("Deserialized.".Length) : name;
                if (plain == Softmax || plain == LogSoftmax || WithoutScores.ContainsKey(plain)) return plain;
            }
            return null;
        }

        // Get-Softmax prefixes a class whose name is one of the row's own properties (class "Row" is p_Row): undone here.
        private static string ClassName(string property, string prefix)
        {
            string name = property;
            while (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && SoftmaxProperties.Contains(name.Substring(prefix.Length)))
                name = name.Substring(prefix.Length);
            return name;
        }
    }
}
