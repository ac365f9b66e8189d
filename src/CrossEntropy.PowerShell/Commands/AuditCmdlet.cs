using System;
using System.Globalization;
using System.Management.Automation;
using CrossEntropy.Data;
using CrossEntropy.Engine;

namespace CrossEntropy.Commands
{
    /// <summary>
    /// The audit cmdlets' shared part: the options that shape the predicted distribution (-Temperature, -Epsilon,
    /// -IgnoreIndex), an <see cref="AuditRun"/> per source behind the usual <see cref="LossRun"/> lifecycle, and
    /// -AsDataFrame output.
    /// </summary>
    public abstract class AuditCmdlet : RunCmdlet
    {
        private AuditRun? _audit;
        private RowSink? _sink;

        /// <summary>Logits are divided by this before the softmax or sigmoid.</summary>
        [Parameter]
        public double Temperature { get; set; } = 1.0;

        /// <summary>Probability inputs are clipped to [Epsilon, 1 - Epsilon] inside log q (default: double's machine epsilon).</summary>
        [Parameter]
        public double Epsilon { get; set; } = LossOptions.MachineEpsilon;

        /// <summary>Rows whose label is this index or class name are ignored (counted in Ignored); -100 as in PyTorch.</summary>
        [Parameter]
        public object IgnoreIndex { get; set; } = -100;

        /// <summary>The audit options of this cmdlet.</summary>
        protected virtual AuditOptions AuditOptions() => new AuditOptions();

        /// <summary>Called once an audit has seen every row of its source(s).</summary>
        protected abstract void Complete(AuditRun audit);

        /// <summary>Called with each computed block (per-row output).</summary>
        protected virtual void OnRows(AuditRun audit, RowBlock block, BlockResult result, AuditResult figures)
        {
        }

        /// <inheritdoc/>
        protected override LossRun CreateRun(Schema schema)
        {
            var settings = new LossSettings
            {
                Temperature = Temperature,
                Epsilon = Epsilon,
                IgnoreIndex = Convert.ToString(IgnoreIndex is PSObject ps ? ps.BaseObject : IgnoreIndex, CultureInfo.InvariantCulture),
            };
            var audit = new AuditRun(schema, settings, AuditOptions());
            audit.RowsComputed = (block, result, figures) => OnRows(audit, block, result, figures);
            _audit = audit;
            return audit.Run;
        }

        /// <inheritdoc/>
        protected override void Complete(LossRun run)
        {
            AuditRun audit = _audit ?? throw new InvalidOperationException("No audit is running.");
            _audit = null;
            WriteCounts(run);
            Complete(audit);
        }

        /// <summary>Writes <paramref name="item"/>, or keeps it for one DataFrame when <paramref name="asDataFrame"/>.</summary>
        protected void Emit(object item, bool asDataFrame)
        {
            _sink ??= new RowSink(this);
            _sink.AsDataFrame = asDataFrame;
            _sink.Write(item);
        }

        /// <summary>Writes the rows kept by <see cref="Emit"/> as one DataFrame (nothing if none were kept).</summary>
        protected void WriteFrame() => _sink?.Flush();

        /// <summary>The row's cells as a [pscustomobject]-like object (for sources that have no object of their own).</summary>
        protected static string?[] CellsOf(IRecord record, int columns)
        {
            var cells = new string?[columns];
            for (int c = 0; c < columns; c++) cells[c] = record.HasField(c) ? record.GetText(c) : null;
            return cells;
        }
    }
}
