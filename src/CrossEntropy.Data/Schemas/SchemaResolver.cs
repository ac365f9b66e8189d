using System;
using System.Collections.Generic;
using System.Linq;
using CrossEntropy.Data.Problems;
using CrossEntropy.Data.Records;
using CrossEntropy.Engine;

namespace CrossEntropy.Data.Schemas
{
    /// <summary>
    /// Maps a header to a <see cref="Schema"/> (the README's Input table): explicit column options first, then the defaults —
    /// logit_* (else p_*/prob_*, else the columns named by -Class, else every numeric column that is not the label,
    /// a target, a weight, a group or an id); label, target, y or class as the label; y_*/target_* as soft targets.
    /// One score column with 0/1 labels is a binary loss.
    /// </summary>
    internal static class SchemaResolver
    {
        private static readonly string[] LabelDefaults = { "label", "target", "y", "class" };
        private static readonly string[] LogitDefaults = { "logit_*" };
        private static readonly string[] ProbabilityDefaults = { "p_*", "prob_*" };
        private static readonly string[] TargetDefaults = { "y_*", "target_*" };
        private static readonly string[] IdDefaults = { "id" };
        // Never taken as scores by the numeric fallback: pandas' unnamed index (""), ids, and the figures this module's
        // own output objects carry (Find-NoisyLabel's rows, Get-Softmax's, summaries), so piping them back in cannot
        // turn a loss, a rank or a confidence into a class.
        private static readonly HashSet<string> NeverScores = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "", "id", "row", "index", "rank", "loss", "margin", "confidence", "count", "weight", "sampleweight", "weightsum",
            "predicted", "correct", "ignored", "used", "rejected", "accuracy", "perplexity", "entropy", "gradientnorm",
            "labelprobability", "normalizedscore", "givenlabel", "source", "group", "log", "topk", "topkaccuracy",
        };

        /// <summary>
        /// Resolves the mapping. <paramref name="firstRow"/> (may be null) decides which columns are numeric when no
        /// score column is named. Throws <see cref="InputException"/> with the header listed when it cannot.
        /// </summary>
        public static Schema Resolve(ISourceHeader source, IRecord? firstRow, ColumnOptions options)
        {
            var r = new Resolution(source, options ?? new ColumnOptions());
            return r.Run(firstRow);
        }

        private sealed class Resolution
        {
            private readonly ISourceHeader _source;
            private readonly IReadOnlyList<string> _cols;
            private readonly ColumnOptions _o;
            // Trimmed column name (case-insensitive) → its ordinals: every lookup is O(1), so wide headers resolve in linear time.
            private readonly Dictionary<string, List<int>> _byName = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase);
            private bool _fallback;

            public Resolution(ISourceHeader source, ColumnOptions o)
            {
                _source = source;
                _cols = source.Columns;
                _o = o;
                for (int c = 0; c < _cols.Count; c++)
                {
                    string key = _cols[c].Trim();
                    if (!_byName.TryGetValue(key, out List<int>? hits)) _byName.Add(key, hits = new List<int>(1));
                    hits.Add(c);
                }
                if (_cols.Count == 0) throw Fail("there is no header (the input is empty)");
            }

            public Schema Run(IRecord? firstRow)
            {
                int label = _o.LabelColumn != null ? Single(_o.LabelColumn, "-LabelColumn") : FirstPresent(LabelDefaults);
                int weight = _o.SampleWeightColumn != null ? Single(_o.SampleWeightColumn, "-SampleWeightColumn") : -1;
                int group = _o.GroupBy != null ? Single(_o.GroupBy, "-GroupBy") : -1;
                int id = _o.IdColumn != null ? Single(_o.IdColumn, "-IdColumn") : FirstPresent(IdDefaults);

                int[] targets = _o.TargetColumn != null
                    ? Matching(_o.TargetColumn, "-TargetColumn", required: true)
                    : (label < 0 || _o.MultiLabel ? Matching(TargetDefaults, null, required: false) : Array.Empty<int>());

                if (_o.TargetLogProbabilityColumn != null)
                {
                    // One number per row, log p(target): no score columns, no label.
                    int logP = Single(_o.TargetLogProbabilityColumn, "-TargetLogProbabilityColumn");
                    if (logP == weight || logP == group)
                        throw Fail($"column '{_cols[logP]}' cannot be both the target log-probability and a weight or a group");
                    return new Schema(_source.SourceName, _cols, InputKind.Logits, TargetKind.TargetLogProbability, new[] { logP },
                        new[] { _cols[logP] }, -1, Array.Empty<int>(), weight, group, id);
                }
                var taken = new HashSet<int>(targets) { label, weight, group, id };
                (int[] scores, InputKind input, string[] names) = Scores(firstRow, taken);
                if (scores.Any(taken.Contains))
                    throw Fail($"column '{_cols[scores.First(taken.Contains)]}' cannot be both a score column and the label, a target, a weight, a group or an id");

                TargetKind target;
                string[] classes;
                if (_o.MultiLabel)
                {
                    if (targets.Length != scores.Length && !(_o.LabelOptional && targets.Length == 0))
                        throw Fail($"-MultiLabel needs one target column per score column; found {scores.Length} score and {targets.Length} target columns (default target columns: y_*, target_*)");
                    target = TargetKind.MultiLabel;
                    classes = ClassNames(names, scores.Length);
                    targets = AlignTargets(targets, classes);
                }
                else if (targets.Length > 0 && (_o.TargetColumn != null || label < 0))
                {
                    if (targets.Length != scores.Length)
                        throw Fail($"soft targets need one target column per class; found {scores.Length} score and {targets.Length} target columns");
                    target = TargetKind.Soft;
                    classes = ClassNames(names, scores.Length);
                    targets = AlignTargets(targets, classes);
                    label = -1;
                }
                else if (label >= 0)
                {
                    target = scores.Length == 1 ? TargetKind.Binary : TargetKind.ClassIndex;
                    classes = target == TargetKind.Binary ? BinaryClassNames() : ClassNames(names, scores.Length);
                    targets = Array.Empty<int>();
                }
                else if (_o.LabelOptional)
                {
                    target = scores.Length == 1 ? TargetKind.Binary : TargetKind.ClassIndex;
                    classes = target == TargetKind.Binary ? BinaryClassNames() : ClassNames(names, scores.Length);
                }
                else
                {
                    throw Fail("there is no label column: name it with -LabelColumn (defaults: label, target, y, class) or give soft targets with -TargetColumn (defaults: y_*, target_*)");
                }
                if (target == TargetKind.ClassIndex && scores.Length < 2)
                    throw Fail("a multi-class loss needs at least two score columns");
                if (classes.Distinct(StringComparer.Ordinal).Count() != classes.Length)
                    throw Fail($"class names must be distinct: {string.Join(", ", classes)}");
                return new Schema(_source.SourceName, _cols, input, target, scores, classes, label, targets, weight, group, id)
                {
                    NumericFallback = _fallback,
                };
            }

            private (int[] Scores, InputKind Input, string[] Names) Scores(IRecord? firstRow, HashSet<int> taken)
            {
                if (_o.LogitColumn != null && _o.ProbabilityColumn != null)
                    throw Fail("give -LogitColumn or -ProbabilityColumn, not both");
                if (_o.LogitColumn != null) return Named(_o.LogitColumn, "-LogitColumn", InputKind.Logits);
                if (_o.ProbabilityColumn != null) return Named(_o.ProbabilityColumn, "-ProbabilityColumn", InputKind.Probabilities);

                int[] logits = Matching(LogitDefaults, null, required: false);
                if (logits.Length > 0) return (logits, InputKind.Logits, StripPrefix(logits, LogitDefaults));
                int[] probs = Matching(ProbabilityDefaults, null, required: false);
                if (probs.Length > 0) return (probs, InputKind.Probabilities, StripPrefix(probs, ProbabilityDefaults));
                if (_o.Class != null && _o.Class.Length > 1)
                {
                    int[] byClass = _o.Class.Select(c => Single(c, "-Class")).ToArray();
                    return (byClass, InputKind.Logits, _o.Class);
                }
                var numeric = new List<int>();
                for (int c = 0; c < _cols.Count; c++)
                {
                    if (taken.Contains(c) || NeverScores.Contains(_cols[c].Trim())) continue;
                    if (firstRow != null && firstRow.HasField(c) && firstRow.TryGetDouble(c, out _) != NumberParse.Ok) continue;
                    numeric.Add(c);
                }
                if (numeric.Count == 0)
                    throw Fail("no score columns found: name them with -LogitColumn or -ProbabilityColumn (defaults: logit_*, then p_* or prob_*, then the -Class names, then every numeric column)");
                _fallback = true;
                return (numeric.ToArray(), InputKind.Logits, numeric.Select(c => _cols[c]).ToArray());
            }

            private (int[], InputKind, string[]) Named(string[] patterns, string parameter, InputKind input)
            {
                int[] cols = Matching(patterns, parameter, required: true);
                bool plainNames = !patterns.Any(Glob.HasWildcard);
                string[] names = plainNames ? cols.Select(c => _cols[c]).ToArray() : StripPrefix(cols, patterns);
                return (cols, input, names);
            }

            private string[] ClassNames(string[] fromColumns, int count)
            {
                if (_o.Class == null) return fromColumns;
                if (_o.Class.Length != count)
                    throw Fail($"-Class names {_o.Class.Length} classes but there are {count} score columns");
                return _o.Class;
            }

            private string[] BinaryClassNames()
            {
                if (_o.Class == null) return new[] { "0", "1" };
                if (_o.Class.Length != 2)
                    throw Fail($"a binary loss has two classes (labels 0 and 1); -Class names {_o.Class.Length}");
                return _o.Class;
            }

            // Soft targets y_<class> line up with scores by class name where every name matches, else by position.
            private int[] AlignTargets(int[] targets, string[] classes)
            {
                string[] suffixes = StripPrefix(targets, _o.TargetColumn ?? TargetDefaults);
                var bySuffix = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
                for (int k = 0; k < targets.Length; k++) bySuffix[suffixes[k]] = targets[k];
                return classes.All(bySuffix.ContainsKey) ? classes.Select(c => bySuffix[c]).ToArray() : targets;
            }

            private string[] StripPrefix(int[] cols, string[] patterns)
            {
                var names = new string[cols.Length];
                for (int k = 0; k < cols.Length; k++)
                {
                    string name = _cols[cols[k]];
                    string? prefix = patterns
                        .Where(p => p.EndsWith("*", StringComparison.Ordinal) && !Glob.HasWildcard(p.Substring(0, p.Length - 1)))
                        .Select(p => p.Substring(0, p.Length - 1))
                        .FirstOrDefault(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase) && name.Length > p.Length);
                    names[k] = prefix == null ? name : name.Substring(prefix.Length);
                }
                return names.Distinct(StringComparer.Ordinal).Count() == names.Length ? names : cols.Select(c => _cols[c]).ToArray();
            }

            private int FirstPresent(string[] names)
            {
                foreach (string n in names)
                {
                    IReadOnlyList<int> hits = Indexes(n);
                    if (hits.Count > 1) throw Duplicate(n);
                    if (hits.Count == 1) return hits[0];
                }
                return -1;
            }

            private int Single(string name, string parameter)
            {
                IReadOnlyList<int> hits = Indexes(name);
                if (hits.Count > 1) throw Duplicate(name);
                if (hits.Count == 0) throw Fail($"{parameter} names column '{Printable.Of(name)}', which is not in the header{NearMiss(name)}");
                return hits[0];
            }

            // Patterns expand in header order; plain names keep the order given (the user's class order).
            private int[] Matching(string[] patterns, string? parameter, bool required)
            {
                var result = new List<int>();
                var taken = new HashSet<int>();
                foreach (string p in patterns)
                {
                    if (Glob.HasWildcard(p))
                    {
                        for (int c = 0; c < _cols.Count; c++)
                            if (Glob.IsMatch(_cols[c], p) && taken.Add(c)) result.Add(c);
                    }
                    else
                    {
                        IReadOnlyList<int> hits = Indexes(p);
                        if (hits.Count > 1) throw Duplicate(p);
                        if (hits.Count == 0)
                        {
                            if (required) throw Fail($"{parameter} names column '{Printable.Of(p)}', which is not in the header{NearMiss(p)}");
                            continue;
                        }
                        if (taken.Add(hits[0])) result.Add(hits[0]);
                    }
                }
                if (required && result.Count == 0)
                    throw Fail($"{parameter} '{string.Join("', '", patterns)}' matches no column");
                foreach (int c in result)
                    if (Indexes(_cols[c]).Count > 1) throw Duplicate(_cols[c]);
                return result.ToArray();
            }

            private IReadOnlyList<int> Indexes(string name) =>
                _byName.TryGetValue(name.Trim(), out List<int>? hits) ? hits : (IReadOnlyList<int>)Array.Empty<int>();

            private InputException Duplicate(string name) => Fail($"column '{name}' appears more than once in the header");

            // " (did you mean 'label'?)" when one column is a near miss of the name given: a typo, another case or separator.
            private string NearMiss(string name)
            {
                string? best = ColumnNames.NearestTo(name, _cols);
                return best == null ? "" : $" (did you mean '{Printable.Of(best)}'?)";
            }

            private InputException Fail(string what) =>
                new InputException(_source.SourceName, $"{what}. Columns: {string.Join(", ", _cols.Select(c => "'" + Printable.Of(c) + "'"))}.");
        }
    }
}
