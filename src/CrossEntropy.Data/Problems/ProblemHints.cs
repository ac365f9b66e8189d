using System;
using System.Collections.Generic;
using System.Linq;
using CrossEntropy.Data.Schemas;
using CrossEntropy.Engine;

namespace CrossEntropy.Data.Problems
{
    /// <summary>The fix for a systematic problem, where its cause is clear from the rejected values and the mapping.</summary>
    internal static class ProblemHints
    {
        /// <summary>A hint sentence for rows rejected like <paramref name="first"/> with <paramref name="values"/>; "" when none is sure.</summary>
        public static string For(Problem first, IReadOnlyCollection<string> values, Schema schema)
        {
            switch (first.Kind)
            {
                case ProblemKind.UnknownLabel:
                    return LabelsNameColumns(values, schema);
                case ProblemKind.NotANumber when values.Count > 0 && values.All(IsListText):
                    return "The values are lists, not numbers: give one property (or column) per class.";
                default:
                    if (schema.Input == InputKind.Probabilities && first.Reason.Contains("[0, 1]"))
                        return $"Values outside [0, 1]: these look like logits; name the columns with -LogitColumn {Columns(schema)}.";
                    return "";
            }
        }

        // Labels cat, dog, bird with score columns cat_score, dog_score, bird_score (or score_cat, ...): each column's
        // name holds exactly one label as a word of its own, and each label names one column.
        private static string LabelsNameColumns(IReadOnlyCollection<string> labels, Schema schema)
        {
            if (labels.Count < 2 || schema.Target != TargetKind.ClassIndex) return "";
            var classes = new string[schema.ScoreColumns.Length];
            var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (int c = 0; c < classes.Length; c++)
            {
                string column = schema.Columns[schema.ScoreColumns[c]];
                string[] matches = labels.Where(l => l.Length > 0 && NamesWord(column, l)).ToArray();
                if (matches.Length != 1 || !used.Add(matches[0])) return "";
                classes[c] = matches[0];
            }
            string option = schema.Input == InputKind.Probabilities ? "-ProbabilityColumn" : "-LogitColumn";
            return $"The labels look like the score columns' names: map them with {option} {Columns(schema)} -Class {string.Join(",", classes.Select(Printable.Of))}.";
        }

        // "cat" in "cat_score", "score-cat", "cat.logit": the label, then a separator or the end, after a separator or the start.
        private static bool NamesWord(string column, string label)
        {
            int at = column.IndexOf(label, StringComparison.OrdinalIgnoreCase);
            while (at >= 0)
            {
                int end = at + label.Length;
                bool before = at == 0 || IsSeparator(column[at - 1]);
                bool after = end == column.Length || IsSeparator(column[end]);
                if (before && after && column.Length > label.Length) return true;
                at = column.IndexOf(label, at + 1, StringComparison.OrdinalIgnoreCase);
            }
            return false;
        }

        private static bool IsSeparator(char ch) => ch == '_' || ch == '-' || ch == '.' || ch == ' ' || ch == ':';

        private static bool IsListText(string value) => value.StartsWith("System.", StringComparison.Ordinal) && value.EndsWith("[]", StringComparison.Ordinal);

        private static string Columns(Schema schema) => string.Join(",", schema.ScoreColumns.Select(c => Printable.Of(schema.Columns[c])));
    }
}
