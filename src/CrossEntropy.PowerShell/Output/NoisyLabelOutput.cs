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
            CellProperties? properties = null;
            foreach (NoisyLabelCandidate c in top)
            {
                PSObject row = c.Tag is PSObject original ? original.Copy()
                    : (properties ??= new CellProperties(schema.Columns)).Of(cells.TryGetValue(c, out string?[]? kept) ? kept : new string?[schema.Columns.Count]);
                Add(row, "Rank", ++rank);
                Add(row, "Row", c.RowNumber);
                Add(row, "Source", c.Tag as string ?? schema.SourceName); // a file's rows are tagged with their own path
                Add(row, "GivenLabel", schema.ClassName(c.Class));
                Add(row, "Predicted", schema.ClassName(c.Predicted));
                Add(row, "LabelProbability", c.LabelProbability);
                Add(row, "Confidence", c.Confidence);
                Add(row, "Loss", c.Loss);
                Add(row, "Margin", c.Margin);
                Add(row, "NormalizedScore", c.NormalizedScore);
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
        /// A file row's cells as note properties, one per column name: the first of a repeated name wins. Which columns
        /// those are, and which names PowerShell must still check, is worked out once per run, not per row (rows of
        /// 50,000 columns would otherwise fill a 50,000-name set each).
        /// </summary>
        private sealed class CellProperties
        {
            private readonly IReadOnlyList<string> _columns;
            private readonly int[] _first;
            private readonly bool[] _checked;

            public CellProperties(IReadOnlyList<string> columns)
            {
                _columns = columns;
                var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                var first = new List<int>(columns.Count);
                for (int c = 0; c < columns.Count; c++)
                    if (seen.Add(columns[c])) first.Add(c);
                _first = first.ToArray();
                _checked = Array.ConvertAll(_first, c => Reserved.Contains(columns[c]));
            }

            public PSObject Of(string?[] cells)
            {
                var o = new PSObject();
                // The set above checked the names, so PowerShell need not check each again (its own check costs as much as
                // the rest of adding); only its reserved member names still go through it.
                for (int k = 0; k < _first.Length; k++)
                    o.Properties.Add(new PSNoteProperty(_columns[_first[k]], cells[_first[k]]), preValidated: !_checked[k]);
                return o;
            }
        }

        // A score never overwrites a column of the row: on a clash (a column called "Loss") the score is "ce_Loss".
        private static void Add(PSObject row, string name, object value)
        {
            while (row.Properties[name] != null) name = "ce_" + name;
            row.Properties.Add(new PSNoteProperty(name, value));
        }
    }
}
