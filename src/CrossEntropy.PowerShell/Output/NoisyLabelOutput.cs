using System;
using System.Collections.Generic;
using System.Management.Automation;
using CrossEntropy.Data.Csv;
using CrossEntropy.Data.Problems;
using CrossEntropy.Data.Results;
using CrossEntropy.Data.Runs;
using CrossEntropy.Data.Schemas;
using CrossEntropy.Engine.Audit;
using CrossEntropy.Runs;

namespace CrossEntropy.Output
{
    /// <summary>Find-NoisyLabel's output: each run's ranked rows, as the original rows with the scores added.</summary>
    internal sealed class NoisyLabelOutput : IRunOutput
    {
        /// <summary>The type name the format view selects.</summary>
        public const string TypeName = "CrossEntropy.NoisyLabel";

        private static readonly HashSet<string> Reserved = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "psbase", "psadapted", "psextended", "psobject", "pstypenames",
        };

        private readonly ObjectWriter _writer;
        private readonly CsvOptions _csv;
        private readonly bool _thresholdOnly;

        public NoisyLabelOutput(ObjectWriter writer, CsvOptions csv, bool thresholdOnly)
        {
            _writer = writer;
            _csv = csv;
            _thresholdOnly = thresholdOnly;
        }

        public void Rows(in RowOutcomes rows)
        {
        }

        public void Problem(Problem problem) => _writer.Problem(problem);

        public void Finished(LossRun run, IReadOnlyList<string> sources)
        {
            RunDriver.WriteCounts(_writer.Cmdlet, run, sources);
            Schema schema = run.Schema;
            if (_thresholdOnly)
            {
                _writer.Write(Thresholds(run, RunDriver.Label(sources)));
                return;
            }
            int rank = 0;
            List<NoisyLabelCandidate> top = run.Audit!.Noisy!.Top();
            Dictionary<NoisyLabelCandidate, string?[]> cells = RankedCells.Of(_writer.Cmdlet, _csv, top, schema.Columns);
            FileRows? fileRows = null;
            foreach (NoisyLabelCandidate c in top)
            {
                object?[] scores =
                {
                    ++rank, c.RowNumber,
                    c.Tag as string ?? schema.SourceName, // a file's rows are tagged with their own path
                    schema.ClassName(c.Class), schema.ClassName(c.Predicted),
                    c.LabelProbability, c.Confidence, c.Loss, c.Margin, c.NormalizedScore,
                };
                PSObject row;
                if (c.Tag is PSObject original)
                {
                    row = original.Copy();
                    for (int k = 0; k < scores.Length; k++) Add(row, ScoreNames[k], scores[k]);
                }
                else
                {
                    row = (fileRows ??= new FileRows(schema.Columns)).Of(cells.TryGetValue(c, out string?[]? kept) ? kept : new string?[schema.Columns.Count], scores);
                }
                row.TypeNames.Insert(0, TypeName);
                _writer.Write(row);
            }
        }

        private static ClassThresholds Thresholds(LossRun run, string source)
        {
            NoisyLabelRanking r = run.Audit!.Noisy!;
            int n = run.Plan.NewAccumulator().ClassCount;
            var names = new string[n];
            var counts = new long[n];
            var sums = new double[n];
            for (int c = 0; c < n; c++)
            {
                names[c] = run.Schema.ClassName(c);
                counts[c] = r.ClassCount(c);
                sums[c] = r.LabelProbabilitySum(c);
            }
            return NoisyLabelResults.Thresholds(names, counts, sums, run.Total.Counts, run.Schema.Input.ToString(), run.Schema.Target.ToString(),
                OptionsText.Of(run.Plan.Options), source);
        }

        /// <summary>
        /// A file row's cells, one property per column name (the first of a repeated name wins), then the scores. Which
        /// columns those are, the scores' names and the row type are worked out once per run, not per row: rows are
        /// instances of a type emitted for these names (<see cref="ValueRowType"/>), else they get note properties.
        /// </summary>
        private sealed class FileRows
        {
            private readonly IReadOnlyList<string> _columns;
            private readonly int[] _first;
            private readonly bool[] _checked;
            private readonly string[] _scoreNames;
            private readonly ValueRowType.Maker? _make;

            public FileRows(IReadOnlyList<string> columns)
            {
                _columns = columns;
                var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                var first = new List<int>(columns.Count);
                for (int c = 0; c < columns.Count; c++)
                    if (taken.Add(columns[c])) first.Add(c);
                _first = first.ToArray();
                _checked = Array.ConvertAll(_first, c => Reserved.Contains(columns[c]));
                _scoreNames = Array.ConvertAll(ScoreNames, name =>
                {
                    while (!taken.Add(name)) name = "ce_" + name;
                    return name;
                });
                // PowerShell's reserved member names (psobject...) only as note properties, which it checks.
                if (Array.IndexOf(_checked, true) < 0)
                {
                    var names = new List<string>(_first.Length + ScoreNames.Length);
                    var types = new List<Type>(names.Capacity);
                    foreach (int c in _first)
                    {
                        names.Add(columns[c]);
                        types.Add(typeof(string));
                    }
                    names.AddRange(_scoreNames);
                    types.AddRange(ScoreTypes);
                    _make = ValueRowType.TryCreate(names, types);
                }
            }

            public PSObject Of(string?[] cells, object?[] scores)
            {
                if (_make != null)
                {
                    var values = new object?[_first.Length + scores.Length];
                    for (int k = 0; k < _first.Length; k++) values[k] = cells[_first[k]];
                    Array.Copy(scores, 0, values, _first.Length, scores.Length);
                    return PSObject.AsPSObject(_make(values));
                }
                var o = new PSObject();
                // The set above checked the names, so PowerShell need not check each again (its own check costs as much as
                // the rest of adding); only its reserved member names still go through it.
                for (int k = 0; k < _first.Length; k++)
                    o.Properties.Add(new PSNoteProperty(_columns[_first[k]], cells[_first[k]]), preValidated: !_checked[k]);
                for (int k = 0; k < scores.Length; k++) o.Properties.Add(new PSNoteProperty(_scoreNames[k], scores[k]));
                return o;
            }
        }

        // The scores added to every ranked row, in order, and their types.
        private static readonly string[] ScoreNames =
            { "Rank", "Row", "Source", "GivenLabel", "Predicted", "LabelProbability", "Confidence", "Loss", "Margin", "NormalizedScore" };
        private static readonly Type[] ScoreTypes =
        {
            typeof(int), typeof(long), typeof(string), typeof(string), typeof(string),
            typeof(double), typeof(double), typeof(double), typeof(double), typeof(double),
        };

        // A score never overwrites a column of the row: on a clash (a column called "Loss") the score is "ce_Loss".
        private static void Add(PSObject row, string name, object? value)
        {
            while (row.Properties[name] != null) name = "ce_" + name;
            row.Properties.Add(new PSNoteProperty(name, value));
        }
    }
}
