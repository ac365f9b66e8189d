using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using CrossEntropy.Data.Audit;
using CrossEntropy.Engine;
using CrossEntropy.Engine.Audit;
using CrossEntropy.Input;
using CrossEntropy.Output;
using CrossEntropy.Runs;

namespace CrossEntropy.Commands
{
    /// <summary>
    /// Export-CrossEntropyReport: one pass over the predictions and a single self-contained HTML page — summary,
    /// per-class and per-group tables, loss histogram, reliability diagram, confidence histogram and the noisiest
    /// rows — drawn as inline SVG. Every source goes into one report (they must share classes). A writer as Export-Csv
    /// is: -WhatIf/-Confirm, -NoClobber, -Force, and never over one of its inputs (see <see cref="Output.OutFile"/>).
    /// </summary>
    // Not DefaultSet: with the Mandatory -OutFile, PowerShell could not then resolve a set for pipeline input left
    // without -OutFile, and would say so instead of asking for it.
    [Cmdlet(VerbsData.Export, "CrossEntropyReport", DefaultParameterSetName = ObjectSet, SupportsShouldProcess = true, HelpUri = HelpRoot + "Export-CrossEntropyReport.md")]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportCrossEntropyReportCommand : ScoringCmdlet
    {
        private ReportOutput? _report;
        private RunDriver? _runs;
        private InputSources? _inputs;
        private bool _declined;
        private readonly ReportSummaryInput _summaries = new ReportSummaryInput();
        private ReportHeader? _header;

        /// <summary>The HTML file to write (replaced if it exists, unless -NoClobber).</summary>
        [Parameter(Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string OutFile { get; set; } = "";

        /// <summary>The page title.</summary>
        [Parameter]
        public string Title { get; set; } = "Model audit";

        /// <summary>Calibration bins M (15 as in Guo et al.).</summary>
        [Parameter]
        [ValidateRange(1, 1000)]
        public int BinCount { get; set; } = CalibrationAccumulator.DefaultBinCount;

        /// <summary>How many noisiest rows the report lists.</summary>
        [Parameter]
        [ValidateRange(1, 10000)]
        public int Top { get; set; } = 20;

        /// <summary>Their order: Normalized (default), Loss or Margin.</summary>
        [Parameter]
        public NoisyLabelOrder By { get; set; } = NoisyLabelOrder.Normalized;

        /// <summary>Return the report file (a FileInfo).</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>Refuse to replace an existing -OutFile (as Export-Csv -NoClobber).</summary>
        [Parameter]
        [Alias("NoOverwrite")]
        public SwitchParameter NoClobber { get; set; }

        /// <summary>Replace a read-only -OutFile (as Export-Csv -Force).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <inheritdoc/>
        protected override void BeginProcessing()
        {
            // Refuse a bad -OutFile, and ask -WhatIf/-Confirm, before reading any input.
            Output.OutFile file = Output.OutFile.Resolve(this, OutFile, NoClobber, Force, "Write the HTML report");
            _declined = !file.Approved;
            if (_declined) return;
            var options = new AuditOptions { BinCount = BinCount, NoisyTop = Top, NoisyBy = By };
            var header = _header = new ReportHeader(this, Setting(nameof(BinCount), BinCount), Setting(nameof(Top), Top), Setting(nameof(By), By));
            _report = new ReportOutput(new ObjectWriter(this), CsvOptions(), file, Title, header, e => Fail(e, "CrossEntropy.OutFileUnwritable"));
            _runs = new RunDriver(this, _report, (schema, sink) => AuditStage.CreateRun(schema, ScoringSettings(),
                AuditStage.CanClassify(schema) ? new AuditOptions { BinCount = BinCount, NoisyTop = Top, NoisyBy = By, Classification = true } : options, sink), combine: true);
            _inputs = Inputs(_runs, Columns(), writesTo: file);
        }

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            if (_declined) return;
            // Summaries (e.g. Merge-CrossEntropyResult's) make a report of what sums allow; anything else is a row.
            if (InputObject != null && ParameterSetName == ObjectSet && TakeSummary(InputObject)) return;
            _inputs!.Process();
        }

        private bool TakeSummary(PSObject item)
        {
            try
            {
                return _summaries.TryAdd(item);
            }
            catch (Data.Results.Merging.MergeException e)
            {
                ThrowTerminatingError(new ErrorRecord(e, "CrossEntropy.SummaryRefused", ErrorCategory.InvalidData, item));
                return false;
            }
        }

        /// <inheritdoc/>
        protected override void EndProcessing()
        {
            if (_declined) return;
            _inputs!.Complete(tookOtherInput: _summaries.Any);
            _runs!.Finish();
            if (_summaries.Any && !_report!.Written) WriteSummaryReport();
            else if (_summaries.Any)
                WriteError(new ErrorRecord(new InvalidOperationException("Summaries and rows came together: the report shows the rows. Give one report either rows or summaries."),
                    "CrossEntropy.RowsAndSummaries", ErrorCategory.InvalidData, OutFile));
            if (!_report!.Written)
                WriteError(new ErrorRecord(new InvalidOperationException("No rows were read, so no report was written."),
                    "CrossEntropy.NoInput", ErrorCategory.InvalidData, OutFile));
            else if (PassThru) WriteObject(new FileInfo(_report.File));
        }

        private void WriteSummaryReport()
        {
            try
            {
                (LossSummary? loss, CalibrationSummary? cal, ClassificationSummary? cls) = _summaries.Merged();
                Data.Report.ReportModel model = Data.Report.SummaryReport.Build(loss, cal, cls, Title, _summaries.Sources(),
                    DateTime.Now.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture));
                _header!.Describe(model, withDefaults: false);
                _report!.Write(model);
            }
            catch (Data.Results.Merging.MergeException e)
            {
                ThrowTerminatingError(new ErrorRecord(e, "CrossEntropy.SummaryRefused", ErrorCategory.InvalidData, OutFile));
            }
        }

        private static KeyValuePair<string, object> Setting(string name, object value) => new KeyValuePair<string, object>(name, value);

        private void Fail(Exception e, string id) =>
            ThrowTerminatingError(new ErrorRecord(e, id, ErrorCategory.InvalidArgument, OutFile));
    }
}
