using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CrossEntropy.Data.Problems;
using CrossEntropy.Engine;

namespace CrossEntropy.Data.Schemas
{
    /// <summary>
    /// A source's header mapped once to meaning: which columns are scores (and of which classes), which is the
    /// label, the targets, the sample weight and the group. Built by <see cref="SchemaResolver"/>.
    /// </summary>
    internal sealed class Schema
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
        /// <summary>
        /// True when no score column was named or matched a default, so every numeric column was taken as a logit (the
        /// last rule of the README's Input table): the caller warns and lists them.
        /// </summary>
        public bool NumericFallback { get; init; }

        /// <summary>The warning a numeric fallback calls for: which columns were taken, and how to say so.</summary>
        public string FallbackWarning() =>
            $"{Printable.Of(SourceName)}: no logit_*, p_* or prob_* columns and no -Class, so every numeric column was taken as a logit: "
            + $"{Names(ScoreColumns.Take(ShownClasses).Select(c => Columns[c]))}{(ScoreColumns.Length > ShownClasses ? $", ... ({ScoreColumns.Length} in all)" : "")}. "
            + "Name them with -LogitColumn or -Class if these are not the scores.";

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

        /// <summary>
        /// How rows of <paramref name="other"/> differ in meaning from rows of this schema, checked in this order:
        /// input or target kind, classes, then (only when <paramref name="columns"/>) the header itself.
        /// </summary>
        public SchemaMismatch CompareWith(Schema other, bool columns)
        {
            if (other.Input != Input || other.Target != Target) return SchemaMismatch.Kind;
            if (!other.Classes.SequenceEqual(Classes, StringComparer.Ordinal)) return SchemaMismatch.Classes;
            // One run reads every file through the first file's column positions.
            if (columns && !other.Columns.SequenceEqual(Columns, StringComparer.OrdinalIgnoreCase)) return SchemaMismatch.Columns;
            return SchemaMismatch.None;
        }

        /// <summary>
        /// Why <paramref name="other"/> differs from this (first) schema, as "it holds ..., not ..." (with
        /// <paramref name="suffix"/> after the first schema's part); empty for <see cref="SchemaMismatch.None"/>.
        /// </summary>
        public string Explain(Schema other, SchemaMismatch mismatch, string suffix = "") => mismatch switch
        {
            SchemaMismatch.Kind => $"it holds {other.Kinds}, not {Kinds}{suffix}",
            SchemaMismatch.Classes => $"its classes are {Names(other.Classes)}, not {Names(Classes)}{suffix}",
            SchemaMismatch.Columns => $"its columns are {Names(other.Columns)}, not {Names(Columns)} (in that order){suffix}",
            _ => "",
        };

        /// <summary>What the scores and targets are, e.g. "logits with class labels".</summary>
        public string Kinds
        {
            get
            {
                string scores = Input == InputKind.Logits ? "logits" : "probabilities";
                return Target switch
                {
                    TargetKind.ClassIndex => $"{scores} with class labels",
                    TargetKind.Soft => $"{scores} with soft (distribution) targets",
                    TargetKind.Binary => $"binary {scores} with 0/1 labels",
                    _ => $"multi-label {scores} with 0/1 targets",
                };
            }
        }

        /// <summary>The class names for a message: all of them up to 12, else the first 12 and then <paramref name="more"/>.</summary>
        public string ClassList(string? more = null) => Classes.Length <= ShownClasses
            ? Names(Classes)
            : Names(Classes.Take(ShownClasses)) + (more ?? $", ... ({Classes.Length} in all)");

        /// <summary>Names from the input (untrusted text), comma-separated and made printable.</summary>
        public static string Names(IEnumerable<string> names) => string.Join(", ", names.Select(Printable.Of));

        private const int ShownClasses = 12;

        /// <summary>One paragraph saying how the columns were mapped (for -Verbose).</summary>
        public string Describe()
        {
            var parts = new List<string>
            {
                $"{Printable.Of(SourceName)}: {Kinds}",
                $"score columns: {Names(ScoreColumns.Select(c => Columns[c]))}",
                $"classes: {Names(Classes)}",
            };
            if (LabelColumn >= 0) parts.Add($"label column: {Printable.Of(Columns[LabelColumn])}");
            if (TargetColumns.Length > 0) parts.Add($"target columns: {Names(TargetColumns.Select(c => Columns[c]))}");
            if (SampleWeightColumn >= 0) parts.Add($"sample weights: {Printable.Of(Columns[SampleWeightColumn])}");
            if (GroupColumn >= 0) parts.Add($"grouped by: {Printable.Of(Columns[GroupColumn])}");
            if (IdColumn >= 0) parts.Add($"id column: {Printable.Of(Columns[IdColumn])}");
            return string.Join("; ", parts);
        }
    }

    /// <summary>How two sources' rows differ in meaning.</summary>
    internal enum SchemaMismatch
    {
        /// <summary>They mean the same.</summary>
        None,
        /// <summary>Logits against probabilities, or another kind of target.</summary>
        Kind,
        /// <summary>Other classes, or the same in another order.</summary>
        Classes,
        /// <summary>Other columns, or the same in another order.</summary>
        Columns,
    }
}
