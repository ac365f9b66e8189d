using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
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

        /// <summary>Rows whose label is this index or class name are ignored (counted in Ignored); -100 as in PyTorch, $null for none.</summary>
        [Parameter]
        [AllowNull]
        public object? IgnoreIndex { get; set; } = -100;

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
                IgnoreIndex = (IgnoreIndex is PSObject ps ? ps.BaseObject : IgnoreIndex) is object index ? Convert.ToString(index, CultureInfo.InvariantCulture) : null,
            };
            var audit = new AuditRun(schema, settings, AuditOptions());
            audit.RowsComputed = (block, result, figures) => OnRows(audit, block, result, figures);
            _audit = audit;
            return audit.Run;
        }

        /// <inheritdoc/>
        protected override void BeginSource(Schema schema, bool isFile)
        {
            base.BeginSource(schema, isFile);
            if (_audit != null) _audit.CurrentFile = isFile ? schema.SourceName : null;
        }

        /// <summary>
        /// The cells of ranked rows, in header order: kept with the row (pipeline, DataFrame and array rows), or read
        /// back from the file by row number. A row whose file cannot be read again gets a warning and no cells.
        /// </summary>
        protected Dictionary<NoisyLabelCandidate, string?[]> CellsOf(IReadOnlyList<NoisyLabelCandidate> rows, IReadOnlyList<string> columns)
        {
            var cells = new Dictionary<NoisyLabelCandidate, string?[]>();
            foreach (NoisyLabelCandidate row in rows)
            {
                if (row.Tag is string?[] kept) cells[row] = kept;
                else if (row.Tag is PSObject obj) cells[row] = ObjectCells(obj, columns);
            }
            var options = new CsvOptions { Delimiter = Delimiter == '\0' ? (char?)null : Delimiter, DecimalComma = DecimalComma.IsPresent };
            foreach (IGrouping<string, NoisyLabelCandidate> file in rows.Where(r => r.Tag is string).GroupBy(r => (string)r.Tag!))
            {
                try
                {
                    Dictionary<long, string?[]> read = RowCells.Read(file.Key, options, file.Select(r => r.RowNumber), columns);
                    foreach (NoisyLabelCandidate row in file)
                        if (read.TryGetValue(row.RowNumber, out string?[]? c)) cells[row] = c;
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is InputException)
                {
                    WriteWarning($"{file.Key}: the ranked rows' cells could not be read again: {e.Message}");
                }
            }
            return cells;
        }

        // A pipeline object's values by column name (the pipeline reader looks up only the columns the schema uses).
        private static string?[] ObjectCells(PSObject obj, IReadOnlyList<string> columns)
        {
            var cells = new string?[columns.Count];
            for (int c = 0; c < columns.Count; c++)
            {
                object? v = obj.BaseObject is System.Collections.IDictionary d ? d[columns[c]] : obj.Properties[columns[c]]?.Value;
                if (v is PSObject ps) v = ps.BaseObject;
                cells[c] = v is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : v?.ToString();
            }
            return cells;
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

        /// <summary>The record's cells as text in header order (kept with DataFrame and array rows, which have no object of their own).</summary>
        protected static string?[] RecordCells(IRecord record, int columns)
        {
            var cells = new string?[columns];
            for (int c = 0; c < columns; c++) cells[c] = record.HasField(c) ? record.GetText(c) : null;
            return cells;
        }
    }
}
