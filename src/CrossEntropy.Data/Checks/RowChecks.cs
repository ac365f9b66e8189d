using System;
using System.Collections.Generic;
using System.Globalization;
using CrossEntropy.Data.Problems;
using CrossEntropy.Data.Records;
using CrossEntropy.Data.Schemas;
using CrossEntropy.Engine;

namespace CrossEntropy.Data.Checks
{
    /// <summary>
    /// The checks of one source's rows: every cell the schema reads parses (through the <see cref="CellReader"/>, as
    /// the loss reads it) and is not NaN; scores are finite (logits) or in [0, 1] summing to 1 within the tolerance
    /// (probabilities); soft or multi-label targets are in [0, 1] (soft ones summing to 1); labels are known classes or
    /// indices in range; sample weights are finite and not negative; ids are unique. Unlike the loss, which stops at a
    /// row's first bad cell, every problem of a row is reported.
    /// </summary>
    internal sealed class RowChecks
    {
        private readonly Schema _schema;
        private readonly CellReader _cells;
        private readonly double _tolerance;
        private readonly Action<Problem> _report;
        private readonly Dictionary<string, long> _ids = new Dictionary<string, long>(StringComparer.Ordinal);
        private readonly double[] _scores, _targets;
        private int _problems;

        /// <summary>Checks for rows of <paramref name="schema"/>; each problem goes to <paramref name="report"/>.</summary>
        public RowChecks(Schema schema, CellReader cells, double tolerance, Action<Problem> report)
        {
            _schema = schema;
            _cells = cells;
            _tolerance = tolerance;
            _report = report;
            _scores = new double[schema.ScoreCount];
            _targets = new double[schema.TargetColumns.Length];
        }

        /// <summary>Checks one row: Rejected when it has a problem, Ignored when its label is the ignore index, else Used.</summary>
        public RowStatus Check(IRecord record, long row)
        {
            _problems = 0;
            bool ignored = false;
            if (record.ShapeProblem != null) Report(ProblemKind.RaggedRow, row, null, null, record.ShapeProblem);
            else
            {
                Scores(record, row);
                if (_targets.Length > 0) Targets(record, row);
                if (_schema.LabelColumn >= 0 && _schema.Target != TargetKind.Soft && _schema.Target != TargetKind.MultiLabel) ignored = Label(record, row);
                if (_schema.SampleWeightColumn >= 0) Weight(record, row);
                if (_schema.IdColumn >= 0) Id(record, row);
            }
            return _problems > 0 ? RowStatus.Rejected : ignored ? RowStatus.Ignored : RowStatus.Used;
        }

        private void Scores(IRecord record, long row)
        {
            bool probabilities = _schema.Input == InputKind.Probabilities;
            bool allRead = true;
            for (int c = 0; c < _scores.Length; c++)
            {
                int col = _schema.ScoreColumns[c];
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
                        Cell(ProblemKind.OutOfRange, row, col, record, "a probability must be in [0, 1]");
                        allRead = false;
                    }
                }
                else if (double.IsInfinity(v))
                {
                    Cell(ProblemKind.Infinite, row, col, record, "the logit is infinite");
                }
            }
            if (probabilities && allRead && _scores.Length > 1) Sum(_scores, row, "the probabilities");
        }

        private void Targets(IRecord record, long row)
        {
            bool allRead = true;
            for (int c = 0; c < _targets.Length; c++)
            {
                int col = _schema.TargetColumns[c];
                if (!Number(record, col, row, out double v))
                {
                    allRead = false;
                    continue;
                }
                _targets[c] = v;
                if (double.IsInfinity(v))
                {
                    Cell(ProblemKind.Infinite, row, col, record, "the target is infinite");
                    allRead = false;
                }
                else if (!(v >= 0 && v <= 1))
                {
                    Cell(ProblemKind.OutOfRange, row, col, record, "a target must be in [0, 1]");
                    allRead = false;
                }
            }
            if (_schema.Target == TargetKind.Soft && allRead) Sum(_targets, row, "the soft targets");
        }

        private void Sum(double[] values, long row, string what)
        {
            double sum = 0;
            foreach (double v in values) sum += v;
            if (Math.Abs(sum - 1) > _tolerance)
                Report(ProblemKind.SumNotOne, row, null, null,
                    $"{what} sum to {sum.ToString("G15", CultureInfo.InvariantCulture)}, not 1 (tolerance {_tolerance.ToString("G15", CultureInfo.InvariantCulture)})");
        }

        // True when the label is the ignore index.
        private bool Label(IRecord record, long row)
        {
            CellIssue issue = _cells.Label(record, binaryLabelsOnly: true, out int label);
            if (issue.IsNone) return _cells.IsIgnored(label);
            Report(issue.Kind, row, _schema.LabelColumn, issue.Value, issue.Reason!);
            return false;
        }

        private void Weight(IRecord record, long row)
        {
            int col = _schema.SampleWeightColumn;
            if (!Number(record, col, row, out double w)) return;
            if (double.IsInfinity(w)) Cell(ProblemKind.Infinite, row, col, record, "the sample weight is infinite");
            else if (w < 0) Cell(ProblemKind.OutOfRange, row, col, record, "a sample weight must be 0 or more");
        }

        private void Id(IRecord record, long row)
        {
            int col = _schema.IdColumn;
            string id = record.HasField(col) ? record.GetText(col).Trim() : "";
            if (id.Length == 0)
            {
                Report(ProblemKind.MissingValue, row, col, record.HasField(col) ? "" : null, "the id is empty");
                return;
            }
            if (_ids.TryGetValue(id, out long first))
                Report(ProblemKind.DuplicateId, row, col, id, string.Format(CultureInfo.InvariantCulture, "the id is also on row {0}", first));
            else _ids.Add(id, row);
        }

        // Reads a number cell; false (with the problem reported) when it is missing, empty, not a number or NaN.
        private bool Number(IRecord record, int col, long row, out double value)
        {
            CellIssue issue = CellReader.Number(record, col, out value);
            if (!issue.IsNone)
            {
                Report(issue.Kind, row, col, issue.Value, issue.Reason!);
                return false;
            }
            if (!double.IsNaN(value)) return true;
            Cell(ProblemKind.NaN, row, col, record, "the value is NaN");
            return false;
        }

        private void Cell(ProblemKind kind, long row, int col, IRecord record, string reason) => Report(kind, row, col, record.GetText(col), reason);

        private void Report(ProblemKind kind, long row, int? col, string? value, string reason)
        {
            _problems++;
            _report(new Problem(kind, _schema.SourceName, row, col == null ? null : _schema.Columns[col.Value], value, reason));
        }
    }
}
