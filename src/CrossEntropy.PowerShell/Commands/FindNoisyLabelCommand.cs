using System;
using System.Collections.Generic;
using System.Management.Automation;
using CrossEntropy.Data;
using CrossEntropy.Engine;
using Microsoft.Data.Analysis;

namespace CrossEntropy.Commands
{
    /// <summary>
    /// Find-NoisyLabel: the rows whose given label the model finds least plausible — by loss, by margin, or by a
    /// per-class normalised score so that one hard class does not flood the list — returned as the original rows
    /// (the pipeline object, or the row's cells for files and DataFrames) with the scores added.
    /// </summary>
    [Cmdlet(VerbsCommon.Find, "NoisyLabel", DefaultParameterSetName = ObjectSet)]
    [OutputType(typeof(PSObject), typeof(DataFrame))]
    public sealed class FindNoisyLabelCommand : AuditCmdlet
    {
        /// <summary>The type name the format view selects.</summary>
        public const string TypeName = "CrossEntropy.NoisyLabel";

        private IReadOnlyList<string> _columns = Array.Empty<string>();

        /// <summary>How many rows to return (per source).</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int Top { get; set; } = 20;

        /// <summary>Normalized (default), Loss or Margin.</summary>
        [Parameter]
        public NoisyLabelOrder By { get; set; } = NoisyLabelOrder.Normalized;

        /// <summary>Return the rows as one Microsoft.Data.Analysis DataFrame.</summary>
        [Parameter]
        public SwitchParameter AsDataFrame { get; set; }

        /// <inheritdoc/>
        protected override AuditOptions AuditOptions() => new AuditOptions { NoisyTop = Top, NoisyBy = By };

        /// <inheritdoc/>
        protected override LossRun CreateRun(Schema schema)
        {
            if (schema.Target != TargetKind.ClassIndex && schema.Target != TargetKind.Binary)
                throw new ArgumentException($"{schema.SourceName}: Find-NoisyLabel needs one class label per row (a label column), not {schema.Target} targets.");
            _columns = schema.Columns;
            return base.CreateRun(schema);
        }

        /// <inheritdoc/>
        protected override void AddRecord(IRecord record, long row, object? tag) =>
            base.AddRecord(record, row, tag ?? RecordCells(record, _columns.Count)); // DataFrame and array rows keep their cells; file rows are read back

        /// <inheritdoc/>
        protected override void Complete(AuditRun audit)
        {
            Schema schema = audit.Run.Schema;
            int rank = 0;
            List<NoisyLabelCandidate> top = audit.Noisy!.Top();
            Dictionary<NoisyLabelCandidate, string?[]> cells = CellsOf(top, schema.Columns);
            foreach (NoisyLabelCandidate c in top)
            {
                PSObject row = c.Tag is PSObject original ? original.Copy()
                    : FromCells(schema.Columns, cells.TryGetValue(c, out string?[]? kept) ? kept : new string?[schema.Columns.Count]);
                Add(row, "Rank", ++rank);
                Add(row, "Row", c.RowNumber);
                Add(row, "Source", schema.SourceName);
                Add(row, "GivenLabel", schema.ClassName(c.Class));
                Add(row, "Predicted", schema.ClassName(c.Predicted));
                Add(row, "LabelProbability", c.LabelProbability);
                Add(row, "Confidence", c.Confidence);
                Add(row, "Loss", c.Loss);
                Add(row, "Margin", c.Margin);
                Add(row, "NormalizedScore", c.NormalizedScore);
                row.TypeNames.Insert(0, TypeName);
                Emit(row, AsDataFrame);
            }
        }

        /// <inheritdoc/>
        protected override void EndProcessing()
        {
            base.EndProcessing();
            WriteFrame();
        }

        private static PSObject FromCells(IReadOnlyList<string> columns, string?[] cells)
        {
            var o = new PSObject();
            for (int c = 0; c < columns.Count; c++)
                if (o.Properties[columns[c]] == null) o.Properties.Add(new PSNoteProperty(columns[c], cells[c]));
            return o;
        }

        // A score never overwrites a column of the row: on a clash (a column called "Loss") the score is "ce_Loss".
        private static void Add(PSObject row, string name, object value)
        {
            while (row.Properties[name] != null) name = "ce_" + name;
            row.Properties.Add(new PSNoteProperty(name, value));
        }
    }
}
