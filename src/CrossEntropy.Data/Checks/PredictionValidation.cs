using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CrossEntropy.Data.Problems;
using CrossEntropy.Data.Records;
using CrossEntropy.Data.Runs;
using CrossEntropy.Data.Schemas;
using CrossEntropy.Engine;

namespace CrossEntropy.Data.Checks
{
    /// <summary>What Test-Prediction checks beyond the column mapping.</summary>
    internal sealed class ValidationOptions
    {
        /// <summary>How far a probability row (or soft-target row) may sum from 1.</summary>
        public double Tolerance { get; init; } = 1e-6;
        /// <summary>Labels equal to this index or class name are ignored (not problems), as the loss ignores them.</summary>
        public string? IgnoreIndex { get; init; }
        /// <summary>Rows every file must have; null for any number (but at least one).</summary>
        public long? ExpectedRowCount { get; init; }
        /// <summary>Problems kept with their details (every problem is counted).</summary>
        public int ShownProblems { get; init; } = PredictionValidation.DefaultShownProblems;
    }

    /// <summary>One source's share of a validation.</summary>
    internal sealed class SourceValidation
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
        /// <summary>Rows without a problem (used), whose label is the ignore index (ignored), with a problem (rejected).</summary>
        public RowCounts Counts;
        /// <summary>Problems found in this source (rows and the source itself).</summary>
        public long Problems { get; internal set; }
    }

    /// <summary>
    /// Test-Prediction's checks over one or more sources read through the shared input layer (<see cref="RowChecks"/>
    /// reads each row). Every row read is counted as used (no problem), ignored (its label is the ignore index) or
    /// rejected (at least one problem). Every problem is counted by kind; the first
    /// <see cref="ValidationOptions.ShownProblems"/> are kept with their details.
    /// </summary>
    internal sealed class PredictionValidation
    {
        /// <summary>Problems kept with their details unless told otherwise.</summary>
        public const int DefaultShownProblems = 20;

        private readonly List<SourceValidation> _sources = new List<SourceValidation>();
        private readonly List<Problem> _shown = new List<Problem>();
        private readonly long[] _byKind = new long[Enum.GetValues(typeof(ProblemKind)).Length];
        private Schema? _first;
        private SourceValidation? _current;
        private RowChecks? _rows;

        /// <summary>Starts a validation.</summary>
        public PredictionValidation(ValidationOptions? options = null) => Options = options ?? new ValidationOptions();

        /// <summary>The options.</summary>
        public ValidationOptions Options { get; }
        /// <summary>The sources in the order read, including those that could not be read.</summary>
        public IReadOnlyList<SourceValidation> Sources => _sources;
        /// <summary>The first problems found, in order, with their details.</summary>
        public IReadOnlyList<Problem> ShownProblems => _shown;
        /// <summary>Every problem found.</summary>
        public long ProblemCount => _byKind.Sum();
        /// <summary>Problems of one kind.</summary>
        public long CountOf(ProblemKind kind) => _byKind[(int)kind];
        /// <summary>Rows over every source.</summary>
        public RowCounts Counts
        {
            get
            {
                var all = new RowCounts();
                foreach (SourceValidation s in _sources) all.Add(s.Counts);
                return all;
            }
        }
        /// <summary>True when nothing is wrong.</summary>
        public bool Passed => ProblemCount == 0;

        /// <summary>
        /// Starts a source mapped to <paramref name="schema"/>. Throws <see cref="ArgumentException"/> when the ignore
        /// index is neither a class nor an index.
        /// </summary>
        public void BeginSource(Schema schema)
        {
            EndSource();
            int? ignoreIndex = new LossSettings { IgnoreIndex = Options.IgnoreIndex }.Resolve(schema).IgnoreIndex;
            _current = new SourceValidation(schema.SourceName, schema);
            _sources.Add(_current);
            _rows = new RowChecks(schema, new CellReader(schema, ignoreIndex), Options.Tolerance, RowProblem);
            if (_first == null)
            {
                _first = schema;
                return;
            }
            SchemaMismatch mismatch = _first.CompareWith(schema, columns: false);
            if (mismatch == SchemaMismatch.None) return;
            string suffix = mismatch == SchemaMismatch.Kind ? $" as {_first.SourceName} does" : $" as in {_first.SourceName}";
            SourceProblem(ProblemKind.ClassMismatch, _first.Explain(schema, mismatch, suffix));
        }

        /// <summary>A source that could not be read (or whose reading broke off): counted as a problem of <paramref name="kind"/>.</summary>
        public void SourceFailed(string source, ProblemKind kind, string reason)
        {
            if (_current != null && _current.Source == source)
            {
                // Reading broke off (a malformed record): its rows so far stay counted; the row checks are not run.
                Add(new Problem(kind, source, 0, null, null, reason));
                _current.Problems++;
                _current = null;
                return;
            }
            EndSource();
            var failed = new SourceValidation(source, null);
            _sources.Add(failed);
            failed.Problems++;
            Add(new Problem(kind, source, 0, null, null, reason));
        }

        /// <summary>Checks one row (1-based <paramref name="row"/>) of the current source.</summary>
        public void Add(IRecord record, long row)
        {
            SourceValidation s = _current ?? throw new InvalidOperationException("No source has begun.");
            s.Counts.Count(_rows!.Check(record, row));
        }

        /// <summary>Ends the current source: a file without rows, or with another row count than expected, is a problem.</summary>
        public void EndSource()
        {
            SourceValidation? s = _current;
            if (s == null) return;
            long rows = s.Counts.Read;
            if (rows == 0) SourceProblem(ProblemKind.NoRows, "there are no data rows (only a header)");
            else if (Options.ExpectedRowCount is long expected && rows != expected)
                SourceProblem(ProblemKind.RowCount, string.Format(CultureInfo.InvariantCulture, "{0} data rows, not the {1} expected", rows, expected));
            _current = null;
            _rows = null;
        }

        /// <summary>Ends the validation: no source at all is a problem.</summary>
        public void Finish(string noInputSource = "input")
        {
            EndSource();
            if (_sources.Count == 0)
                Add(new Problem(ProblemKind.Source, noInputSource, 0, null, null, "nothing was read: no file matched and no row came from the pipeline"));
        }

        private void RowProblem(Problem problem)
        {
            _current!.Problems++;
            Add(problem);
        }

        private void SourceProblem(ProblemKind kind, string reason)
        {
            SourceValidation s = _current!;
            s.Problems++;
            Add(new Problem(kind, s.Source, 0, null, null, reason));
        }

        private void Add(Problem problem)
        {
            _byKind[(int)problem.Kind]++;
            if (_shown.Count < Options.ShownProblems) _shown.Add(problem);
        }
    }
}
