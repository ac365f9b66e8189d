using System;
using System.Collections.Generic;
using CrossEntropy.Data.Problems;
using CrossEntropy.Data.Records;
using CrossEntropy.Data.Schemas;
using CrossEntropy.Engine;

namespace CrossEntropy.Data.Runs
{
    /// <summary>
    /// Turns records into block rows through a <see cref="Schema"/> (cells read by the <see cref="CellReader"/>), group
    /// keys numbered in the order first seen. A record that cannot be read comes back as a <see cref="Problems.Problem"/> naming
    /// the row, column and value; it never half-fills the block.
    /// </summary>
    internal sealed class RowReader
    {
        private readonly Schema _schema;
        private readonly CellReader _cells;
        private readonly Dictionary<string, int> _groups = new Dictionary<string, int>(StringComparer.Ordinal);
        private readonly List<string> _groupNames = new List<string>();
        private readonly bool _labelsAreOptional;

        /// <summary>Creates a reader.</summary>
        /// <param name="schema">The mapping.</param>
        /// <param name="ignoreIndex">Labels equal to it pass through to be ignored.</param>
        /// <param name="labelsAreOptional">
        /// The label is only shown, not computed with (softmax): a label that cannot be read becomes "no label" (-1)
        /// instead of rejecting a row whose scores are fine.
        /// </param>
        public RowReader(Schema schema, int? ignoreIndex = null, bool labelsAreOptional = false)
        {
            _schema = schema;
            _cells = new CellReader(schema, ignoreIndex);
            _labelsAreOptional = labelsAreOptional;
            PlainRows = PlainRowLayout.Of(schema);
        }

        /// <summary>The mapping records are read through.</summary>
        public Schema Schema => _schema;

        /// <summary>The schema's columns for readers that fill blocks straight from bytes; null when its rows are not plain.</summary>
        public PlainRowLayout? PlainRows { get; }

        /// <summary>Group names in the order first seen (index = RowBlock.Groups value).</summary>
        public IReadOnlyList<string> GroupNames => _groupNames;

        /// <summary>Forgets the groups seen (a reused chunk numbers its own groups from 0).</summary>
        public void ResetGroups()
        {
            _groups.Clear();
            _groupNames.Clear();
        }

        /// <summary>The index of group <paramref name="key"/>, numbering it if it is new.</summary>
        public int GroupIndexOf(string key)
        {
            if (_groups.TryGetValue(key, out int g)) return g;
            g = _groupNames.Count;
            _groups.Add(key, g);
            _groupNames.Add(key);
            return g;
        }

        /// <summary>The group of a record (numbering it if new), or -1 when the schema has no group column.</summary>
        public int GroupOf(IRecord record)
        {
            int col = _schema.GroupColumn;
            if (col < 0) return -1;
            return GroupIndexOf(record.HasField(col) ? record.GetText(col) : "");
        }

        /// <summary>A block shaped for this schema.</summary>
        public RowBlock CreateBlock(int capacity) => new RowBlock(capacity, _schema.ScoreCount,
            hasTargets: _schema.TargetColumns.Length > 0,
            hasSampleWeights: _schema.SampleWeightColumn >= 0,
            hasGroups: _schema.GroupColumn >= 0);

        /// <summary>Appends <paramref name="record"/> to <paramref name="block"/>, or returns why it cannot.</summary>
        public Problem? TryAdd(IRecord record, long rowNumber, RowBlock block)
        {
            if (block.IsFull) throw new InvalidOperationException("The block is full.");
            if (record.ShapeProblem != null) return Problem(ProblemKind.RaggedRow, rowNumber, null, null, record.ShapeProblem);
            int i = block.Count;
            int[] scores = _schema.ScoreColumns;
            int classes = scores.Length;
            double[] values = block.Values;
            bool copied = record is INumberRow numbers && numbers.TryGetDoubles(scores, values.AsSpan(i * classes, classes));
            for (int c = 0; c < classes && !copied; c++)
            {
                // The common case inline (this runs once per number of a file); the cell reader says what is wrong otherwise.
                int col = scores[c];
                if (record.HasField(col) && record.TryGetDouble(col, out values[i * classes + c]) == NumberParse.Ok) continue;
                return Issue(rowNumber, col, CellReader.Number(record, col, out _));
            }
            if (block.Targets != null)
            {
                int[] targets = _schema.TargetColumns;
                for (int c = 0; c < classes; c++)
                {
                    int col = targets[c];
                    if (record.HasField(col) && record.TryGetDouble(col, out block.Targets[i * classes + c]) == NumberParse.Ok) continue;
                    return Issue(rowNumber, col, CellReader.Number(record, col, out _));
                }
            }
            block.Labels[i] = -1;
            if (_schema.LabelColumn >= 0 && _schema.Target != TargetKind.Soft && _schema.Target != TargetKind.MultiLabel)
            {
                CellIssue issue = _cells.Label(record, binaryLabelsOnly: false, out block.Labels[i]);
                if (!issue.IsNone && !_labelsAreOptional) return Issue(rowNumber, _schema.LabelColumn, issue);
                if (!issue.IsNone) block.Labels[i] = -1;
            }
            if (block.SampleWeights != null)
            {
                int col = _schema.SampleWeightColumn;
                CellIssue issue = CellReader.Number(record, col, out double w);
                if (!issue.IsNone) return Issue(rowNumber, col, issue);
                if (!(w >= 0) || double.IsInfinity(w))
                    return Problem(ProblemKind.OutOfRange, rowNumber, col, record.GetText(col), "a sample weight must be a finite number of 0 or more");
                block.SampleWeights[i] = w;
            }
            if (block.Groups != null) block.Groups[i] = GroupOf(record);
            block.RowNumbers[i] = rowNumber;
            block.Count = i + 1;
            return null;
        }

        private Problem Issue(long row, int col, in CellIssue issue) => Problem(issue.Kind, row, col, issue.Value, issue.Reason!);

        private Problem Problem(ProblemKind kind, long row, int? col, string? value, string reason) =>
            new Problem(kind, _schema.SourceName, row, col == null ? null : _schema.Columns[col.Value], value, reason);
    }
}
