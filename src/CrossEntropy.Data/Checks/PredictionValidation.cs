using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CrossEntropy.Engine;

namespace CrossEntropy.Data
{
    /// <summary>What Test-Prediction checks beyond the column mapping.</summary>
    public sealed class ValidationOptions
    {
        /// <summary>How far a probability row (or soft-target row) may sum from 1.</summary>
        public double Tolerance { get; set; } = 1e-6;
        /// <summary>Labels equal to this index or class name are ignored (not problems), as the loss ignores them.</summary>
        public string? IgnoreIndex { get; set; }
        /// <summary>Rows every file must have; null for any number (but at least one).</summary>
        public long? ExpectedRowCount { get; set; }
        /// <summary>Problems kept with their details (every problem is counted).</summary>
        public int ShownProblems { get; set; } = PredictionValidation.DefaultShownProblems;
    }

    /// <summary>One source's share of a validation.</summary>
    public sealed class SourceValidation
    {
        internal SourceValidation(string source, Schema? schema)
        {
            Source = source;
            Schema = schema;
        }

        /// <summary>File path or "pipeline input".</summary>
        public string Source { get; }
        /// <summary>The column mapping; null when the source could not be read at all.</summary>
        public Schema? Schema { get; }
        /// <summary>Data rows read.</summary>
        public long Rows => Used + Ignored + Rejected;
        /// <summary>Rows without a problem.</summary>
        public long Used { get; internal set; }
        /// <summary>Rows whose label is the ignore index (and have no problem).</summary>
        public long Ignored { get; internal set; }
        /// <summary>Rows with at least one problem.</summary>
        public long Rejected { get; internal set; }
        /// <summary>Problems found in this source (rows and the source itself).</summary>
        public long Problems { get; internal set; }
    }

    /// <summary>
    /// Test-Prediction's checks over one or more sources read through the shared input layer: every cell the schema
    /// reads parses culture-invariantly and is not NaN; scores are finite (logits) or in [0, 1] summing to 1 within the
    /// tolerance (probabilities); soft or multi-label targets are in [0, 1] (soft ones summing to 1); labels are known
    /// classes or indices in range; sample weights are finite and not negative; ids are unique within a file; every
    /// file has rows (the expected number, if given) and the first file's classes. Unlike the loss, which stops at a
    /// row's first bad cell, every problem of a row is reported. Every row read is counted as used (no problem),
    /// ignored (its label is the ignore index) or rejected (at least one problem). Every problem is counted by kind;
    /// the first <see cref="ValidationOptions.ShownProblems"/> are kept with their details.
    /// </summary>
    public sealed class PredictionValidation
    {
        /// <summary>Problems kept with their details unless told otherwise.</summary>
        public const int DefaultShownProblems = 20;

        private readonly ValidationOptions _options;
        private readonly List<SourceValidation> _sources = new List<SourceValidation>();
        private readonly List<ValidationProblem> _shown = new List<ValidationProblem>();
        private readonly long[] _byKind = new long[Enum.GetValues(typeof(ProblemKind)).Length];
        private readonly Dictionary<string, long> _ids = new Dictionary<string, long>(StringComparer.Ordinal);
        private Schema? _first;
        private SourceValidation? _current;
        private int? _ignoreIndex;
        private double[] _scores = Array.Empty<double>();
        private int _rowProblems;

        /// <summary>Starts a validation.</summary>
        public PredictionValidation(ValidationOptions? options = null) => _options = options ?? new ValidationOptions();

        /// <summary>The sources in the order read, including those that could not be read.</summary>
        public IReadOnlyList<SourceValidation> Sources => _sources;
        /// <summary>The first problems found, in order, with their details.</summary>
        public IReadOnlyList<ValidationProblem> ShownProblems => _shown;
        /// <summary>Every problem found.</summary>
        public long ProblemCount => _byKind.Sum();
        /// <summary>Problems of one kind.</summary>
        public long CountOf(ProblemKind kind) => _byKind[(int)kind];
        /// <summary>Rows read over every source.</summary>
        public long Read => _sources.Sum(s => s.Rows);
        /// <summary>Rows without a problem.</summary>
        public long Used => _sources.Sum(s => s.Used);
        /// <summary>Rows whose label is the ignore index.</summary>
        public long Ignored => _sources.Sum(s => s.Ignored);
        /// <summary>Rows with at least one problem.</summary>
        public long Rejected => _sources.Sum(s => s.Rejected);
        /// <summary>True when nothing is wrong (and something was read).</summary>
        public bool Passed => ProblemCount == 0;
        /// <summary>The options.</summary>
        public ValidationOptions Options => _options;
        /// <summary>The source being read (begun and not yet ended), or null.</summary>
        public string? CurrentSource => _current?.Source;

        /// <summary>
        /// Starts a source mapped to <paramref name="schema"/>. Throws <see cref="ArgumentException"/> when the ignore
        /// index is neither a class nor an index.
        /// </summary>
        public void BeginSource(Schema schema)
        {
            EndSource();
            _ignoreIndex = new LossSettings { IgnoreIndex = _options.IgnoreIndex }.Resolve(schema).IgnoreIndex;
            _current = new SourceValidation(schema.SourceName, schema);
            _sources.Add(_current);
            _ids.Clear();
            _scores = new double[schema.ScoreCount];
            if (_first == null)
            {
                _first = schema;
                return;
            }
            string? why = null;
            if (schema.Input != _first.Input || schema.Target != _first.Target)
                why = $"it holds {Describe(schema)}, not {Describe(_first)} as {_first.SourceName} does";
            else if (!schema.Classes.SequenceEqual(_first.Classes, StringComparer.Ordinal))
                why = $"its classes are {string.Join(", ", schema.Classes)}, not {string.Join(", ", _first.Classes)} as in {_first.SourceName}";
            if (why != null) SourceProblem(ProblemKind.ClassMismatch, why);
        }

        /// <summary>A source that could not be read (or whose reading broke off): counted as a problem of <paramref name="kind"/>.</summary>
        public void SourceFailed(string source, ProblemKind kind, string reason)
        {
            if (_current != null && _current.Source == source)
            {
                // Reading broke off (a malformed record): its rows so far stay counted; the row checks are not run.
                Add(kind, source, 0, null, null, reason);
                _current.Problems++;
                _current = null;
                return;
            }
            EndSource();
            var failed = new SourceValidation(source, null);
            _sources.Add(failed);
            failed.Problems++;
            Add(kind, source, 0, null, null, reason);
        }

        /// <summary>Checks one row (1-based <paramref name="row"/>) of the current source.</summary>
        public void Add(IRecord record, long row)
        {
            SourceValidation s = _current ?? throw new InvalidOperationException("No source has begun.");
            Schema schema = s.Schema!;
            _rowProblems = 0;
            bool ignored = false;
            if (record.ShapeProblem != null) RowProblem(ProblemKind.RaggedRow, row, null, null, record.ShapeProblem);
            else
            {
                CheckScores(record, row, schema);
                if (schema.TargetColumns.Length > 0) CheckTargets(record, row, schema);
                if (schema.LabelColumn >= 0 && schema.Target != TargetKind.Soft && schema.Target != TargetKind.MultiLabel)
                    ignored = CheckLabel(record, row, schema);
                if (schema.SampleWeightColumn >= 0) CheckWeight(record, row, schema);
                if (schema.IdColumn >= 0) CheckId(record, row, schema);
            }
            if (_rowProblems > 0) s.Rejected++;
            else if (ignored) s.Ignored++;
            else s.Used++;
        }

        /// <summary>Ends the current source: a file without rows, or with another row count than expected, is a problem.</summary>
        public void EndSource()
        {
            SourceValidation? s = _current;
            if (s == null) return;
            if (s.Rows == 0) SourceProblem(ProblemKind.NoRows, "there are no data rows (only a header)");
            else if (_options.ExpectedRowCount is long expected && s.Rows != expected)
                SourceProblem(ProblemKind.RowCount, string.Format(CultureInfo.InvariantCulture, "{0} data rows, not the {1} expected", s.Rows, expected));
            _current = null;
            _ids.Clear();
        }

        /// <summary>Ends the validation: no source at all is a problem.</summary>
        public void Finish(string noInputSource = "input")
        {
            EndSource();
            if (_sources.Count == 0)
                Add(ProblemKind.Source, noInputSource, 0, null, null, "nothing was read: no file matched and no row came from the pipeline");
        }

        private void CheckScores(IRecord record, long row, Schema schema)
        {
            bool probabilities = schema.Input == InputKind.Probabilities;
            bool allRead = true;
            for (int c = 0; c < schema.ScoreColumns.Length; c++)
            {
                int col = schema.ScoreColumns[c];
                if (!Number(record, col, row, out double v))
                {
                    allRead = false;
                    continue;
                }
                _scores[c] = v;
                if (probabilities)
                {
                    if (!(v >= 0 && v <= 1))
                    {
                        CellProblem(ProblemKind.OutOfRange, row, col, record, "a probability must be in [0, 1]");
                        allRead = false;
                    }
                }
                else if (double.IsInfinity(v))
                {
                    CellProblem(ProblemKind.Infinite, row, col, record, "the logit is infinite");
                }
            }
            if (probabilities && allRead && _scores.Length > 1) CheckSum(_scores, row, "the probabilities");
        }

        private void CheckTargets(IRecord record, long row, Schema schema)
        {
            var targets = new double[schema.TargetColumns.Length];
            bool allRead = true;
            for (int c = 0; c < targets.Length; c++)
            {
                int col = schema.TargetColumns[c];
                if (!Number(record, col, row, out double v))
                {
                    allRead = false;
                    continue;
                }
                targets[c] = v;
                if (double.IsInfinity(v))
                {
                    CellProblem(ProblemKind.Infinite, row, col, record, "the target is infinite");
                    allRead = false;
                }
                else if (!(v >= 0 && v <= 1))
                {
                    CellProblem(ProblemKind.OutOfRange, row, col, record, "a target must be in [0, 1]");
                    allRead = false;
                }
            }
            if (schema.Target == TargetKind.Soft && allRead) CheckSum(targets, row, "the soft targets");
        }

        private void CheckSum(double[] values, long row, string what)
        {
            double sum = 0;
            foreach (double v in values) sum += v;
            if (Math.Abs(sum - 1) > _options.Tolerance)
                RowProblem(ProblemKind.SumNotOne, row, null, null,
                    $"{what} sum to {sum.ToString("G15", CultureInfo.InvariantCulture)}, not 1 (tolerance {_options.Tolerance.ToString("G15", CultureInfo.InvariantCulture)})");
        }

        // True when the label is the ignore index.
        private bool CheckLabel(IRecord record, long row, Schema schema)
        {
            int col = schema.LabelColumn;
            if (!record.HasField(col))
            {
                RowProblem(ProblemKind.MissingValue, row, col, null, "the label is missing");
                return false;
            }
            string text = record.GetText(col).Trim();
            if (text.Length == 0)
            {
                RowProblem(ProblemKind.MissingValue, row, col, "", "the label is empty");
                return false;
            }
            int classes = schema.Classes.Length;
            bool binary = schema.Target == TargetKind.Binary;
            if (schema.TryGetClassIndex(text, out int label)) return !binary && label == _ignoreIndex;
            if (RowReader.TryParseIndex(text, out label))
            {
                if (!binary && label == _ignoreIndex) return true;
                if (label >= 0 && label < classes) return false;
                RowProblem(ProblemKind.LabelOutOfRange, row, col, text,
                    binary ? "a binary label must be 0 or 1" : $"the label is outside the class range 0..{classes - 1}");
                return false;
            }
            if (binary && bool.TryParse(text, out _)) return false;
            string known = classes <= 12 ? string.Join(", ", schema.Classes) : string.Join(", ", schema.Classes, 0, 12) + $", ... ({classes} in all)";
            RowProblem(ProblemKind.UnknownLabel, row, col, text, $"not a known class (classes: {known}; or give a class index)");
            return false;
        }

        private void CheckWeight(IRecord record, long row, Schema schema)
        {
            int col = schema.SampleWeightColumn;
            if (!Number(record, col, row, out double w)) return;
            if (double.IsInfinity(w)) CellProblem(ProblemKind.Infinite, row, col, record, "the sample weight is infinite");
            else if (w < 0) CellProblem(ProblemKind.OutOfRange, row, col, record, "a sample weight must be 0 or more");
        }

        private void CheckId(IRecord record, long row, Schema schema)
        {
            int col = schema.IdColumn;
            string id = record.HasField(col) ? record.GetText(col).Trim() : "";
            if (id.Length == 0)
            {
                RowProblem(ProblemKind.MissingValue, row, col, record.HasField(col) ? "" : null, "the id is empty");
                return;
            }
            if (_ids.TryGetValue(id, out long first))
                RowProblem(ProblemKind.DuplicateId, row, col, id, string.Format(CultureInfo.InvariantCulture, "the id is also on row {0}", first));
            else _ids.Add(id, row);
        }

        // Reads a number cell; false (with the problem recorded) when it is missing, empty, not a number or NaN.
        private bool Number(IRecord record, int col, long row, out double value)
        {
            value = double.NaN;
            if (!record.HasField(col))
            {
                RowProblem(ProblemKind.MissingValue, row, col, null, "the cell is missing");
                return false;
            }
            switch (record.TryGetDouble(col, out value))
            {
                case NumberParse.Ok:
                    if (!double.IsNaN(value)) return true;
                    CellProblem(ProblemKind.NaN, row, col, record, "the value is NaN");
                    return false;
                case NumberParse.Empty:
                    RowProblem(ProblemKind.MissingValue, row, col, "", "the cell is empty");
                    return false;
                case NumberParse.OutOfRange:
                    CellProblem(ProblemKind.OutOfRange, row, col, record, "the number is outside the range of a double");
                    return false;
                default:
                    string text = record.GetText(col);
                    string hint = text.IndexOf(',') >= 0
                        ? " (numbers are read with '.' as the decimal point in every culture; a comma-decimal file needs -DecimalComma)"
                        : "";
                    RowProblem(ProblemKind.NotANumber, row, col, text, "not a number" + hint);
                    return false;
            }
        }

        private void CellProblem(ProblemKind kind, long row, int col, IRecord record, string reason) =>
            RowProblem(kind, row, col, record.GetText(col), reason);

        private void RowProblem(ProblemKind kind, long row, int? col, string? value, string reason)
        {
            SourceValidation s = _current!;
            _rowProblems++;
            s.Problems++;
            Add(kind, s.Source, row, col == null ? null : s.Schema!.Columns[col.Value], value, reason);
        }

        private void SourceProblem(ProblemKind kind, string reason)
        {
            SourceValidation s = _current!;
            s.Problems++;
            Add(kind, s.Source, 0, null, null, reason);
        }

        private void Add(ProblemKind kind, string source, long row, string? column, string? value, string reason)
        {
            _byKind[(int)kind]++;
            if (_shown.Count < _options.ShownProblems) _shown.Add(new ValidationProblem(kind, source, row, column, value, reason));
        }

        private static string Describe(Schema s) =>
            (s.Input == InputKind.Logits ? "logits" : "probabilities") + s.Target switch
            {
                TargetKind.ClassIndex => " with class labels",
                TargetKind.Soft => " with soft targets",
                TargetKind.Binary => " with 0/1 labels (binary)",
                _ => " with multi-label targets",
            };
    }
}
