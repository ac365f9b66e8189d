using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CrossEntropy.Engine;

namespace CrossEntropy.Data
{
    /// <summary>
    /// A source's header mapped once to meaning: which columns are scores (and of which classes), which is the
    /// label, the targets, the sample weight and the group. Built by <see cref="SchemaResolver"/>.
    /// </summary>
    public sealed class Schema
    {
        private readonly Dictionary<string, int> _classIndex;

        internal Schema(string sourceName, IReadOnlyList<string> columns, InputKind input, TargetKind target,
            int[] scoreColumns, string[] classes, int labelColumn, int[] targetColumns,
            int sampleWeightColumn, int groupColumn, int idColumn)
        {
            SourceName = sourceName;
            Columns = columns;
            Input = input;
            Target = target;
            ScoreColumns = scoreColumns;
            Classes = classes;
            LabelColumn = labelColumn;
            TargetColumns = targetColumns;
            SampleWeightColumn = sampleWeightColumn;
            GroupColumn = groupColumn;
            IdColumn = idColumn;
            _classIndex = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int c = 0; c < classes.Length; c++)
                if (!_classIndex.ContainsKey(classes[c])) _classIndex.Add(classes[c], c);
        }

        /// <summary>File path or "pipeline input".</summary>
        public string SourceName { get; }
        /// <summary>The header.</summary>
        public IReadOnlyList<string> Columns { get; }
        /// <summary>Logits or probabilities.</summary>
        public InputKind Input { get; }
        /// <summary>Index, soft, binary or multi-label targets.</summary>
        public TargetKind Target { get; }
        /// <summary>Ordinals of the score columns in class order.</summary>
        public int[] ScoreColumns { get; }
        /// <summary>Class names in order (two for binary: the names of labels 0 and 1).</summary>
        public string[] Classes { get; }
        /// <summary>Ordinal of the label column, -1 if none.</summary>
        public int LabelColumn { get; }
        /// <summary>Ordinals of soft or multi-label target columns in class order (empty if none).</summary>
        public int[] TargetColumns { get; }
        /// <summary>Ordinal of the sample-weight column, -1 if none.</summary>
        public int SampleWeightColumn { get; }
        /// <summary>Ordinal of the group column, -1 if none.</summary>
        public int GroupColumn { get; }
        /// <summary>Ordinal of the id column, -1 if none.</summary>
        public int IdColumn { get; }

        /// <summary>Every column a row is read through (scores, targets, label, weight, group), in header order.</summary>
        public int[] UsedColumns => ScoreColumns.Concat(TargetColumns)
            .Concat(new[] { LabelColumn, SampleWeightColumn, GroupColumn }.Where(c => c >= 0))
            .Distinct().OrderBy(c => c).ToArray();

        /// <summary>Scores per row: the engine's class count (1 for binary).</summary>
        public int ScoreCount => ScoreColumns.Length;

        /// <summary>Name of class <paramref name="index"/>, or the index as text when out of range.</summary>
        public string ClassName(int index) =>
            index >= 0 && index < Classes.Length ? Classes[index] : index.ToString(CultureInfo.InvariantCulture);

        /// <summary>Looks a class up by exact name.</summary>
        public bool TryGetClassIndex(string name, out int index) => _classIndex.TryGetValue(name, out index);

        /// <summary>Name of the column a rejection points at.</summary>
        public string? ColumnName(RejectedField field, int column) => field switch
        {
            RejectedField.Score when column >= 0 && column < ScoreColumns.Length => Columns[ScoreColumns[column]],
            RejectedField.Target when column >= 0 && column < TargetColumns.Length => Columns[TargetColumns[column]],
            RejectedField.Label when LabelColumn >= 0 => Columns[LabelColumn],
            _ => null,
        };

        /// <summary>True when rows of <paramref name="other"/> mean the same as rows of this schema.</summary>
        public bool IsCompatibleWith(Schema other, out string why)
        {
            why = "";
            if (other.Input != Input || other.Target != Target)
                why = $"it holds {Describe(other.Input, other.Target)}, not {Describe(Input, Target)}";
            else if (!other.Classes.SequenceEqual(Classes, StringComparer.Ordinal))
                why = $"its classes are {string.Join(", ", other.Classes)}, not {string.Join(", ", Classes)}";
            else if (!other.Columns.SequenceEqual(Columns, StringComparer.OrdinalIgnoreCase))
                // One run reads every file through the first file's column positions.
                why = $"its columns are {string.Join(", ", other.Columns)}, not {string.Join(", ", Columns)} (in that order)";
            return why.Length == 0;
        }

        /// <summary>One paragraph saying how the columns were mapped (for -Verbose).</summary>
        public string Describe()
        {
            var parts = new List<string>
            {
                $"{SourceName}: {Describe(Input, Target)}",
                $"score columns: {string.Join(", ", ScoreColumns.Select(c => Columns[c]))}",
                $"classes: {string.Join(", ", Classes)}",
            };
            if (LabelColumn >= 0) parts.Add($"label column: {Columns[LabelColumn]}");
            if (TargetColumns.Length > 0) parts.Add($"target columns: {string.Join(", ", TargetColumns.Select(c => Columns[c]))}");
            if (SampleWeightColumn >= 0) parts.Add($"sample weights: {Columns[SampleWeightColumn]}");
            if (GroupColumn >= 0) parts.Add($"grouped by: {Columns[GroupColumn]}");
            if (IdColumn >= 0) parts.Add($"id column: {Columns[IdColumn]}");
            return string.Join("; ", parts);
        }

        private static string Describe(InputKind input, TargetKind target)
        {
            string scores = input == InputKind.Logits ? "logits" : "probabilities";
            return target switch
            {
                TargetKind.ClassIndex => $"{scores} with class labels",
                TargetKind.Soft => $"{scores} with soft (distribution) targets",
                TargetKind.Binary => $"binary {scores} with 0/1 labels",
                _ => $"multi-label {scores} with 0/1 targets",
            };
        }
    }
}
