using System;
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
    /// rows — drawn as inline SVG. Every source goes into one report (they must share classes).
    /// </summary>
    [Cmdlet(VerbsData.Export, "CrossEntropyReport", DefaultParameterSetName = ObjectSet)]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportCrossEntropyReportCommand : ScoringCmdlet
    {
        private ReportOutput? _report;
        private RunDriver? _runs;
        private InputSources? _inputs;

        /// <summary>The HTML file to write (overwritten if it exists).</summary>
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

        /// <inheritdoc/>
        protected override void BeginProcessing()
        {
            // Refuse a bad -OutFile before reading any input.
            string path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(OutFile, out ProviderInfo provider, out _);
            if (provider.Name != "FileSystem")
                Fail(new NotSupportedException($"-OutFile '{OutFile}' is on the {provider.Name} provider; the report is written to a file."), "CrossEntropy.OutFileNotOnFileSystem");
            if (Directory.Exists(path))
                Fail(new IOException($"-OutFile '{path}' is a directory; give a file name such as report.html."), "CrossEntropy.OutFileIsDirectory");
            string? dir = System.IO.Path.GetDirectoryName(path);
            if (!string.IsNullOrEmpty(dir) && !Directory.Exists(dir))
                Fail(new DirectoryNotFoundException($"-OutFile '{path}': the folder '{dir}' does not exist."), "CrossEntropy.OutFileFolderMissing");
            var options = new AuditOptions { BinCount = BinCount, NoisyTop = Top, NoisyBy = By };
            _report = new ReportOutput(new ObjectWriter(this), CsvOptions(), path, Title, e => Fail(e, "CrossEntropy.OutFileUnwritable"));
            _runs = new RunDriver(this, _report, (schema, sink) => AuditStage.CreateRun(schema, ScoringSettings(),
                AuditStage.CanClassify(schema) ? new AuditOptions { BinCount = BinCount, NoisyTop = Top, NoisyBy = By, Classification = true } : options, sink), combine: true);
            _inputs = Inputs(_runs, Columns());
        }

        /// <inheritdoc/>
        protected override void ProcessRecord() => _inputs!.Process();

        /// <inheritdoc/>
        protected override void EndProcessing()
        {
            _inputs!.Complete();
            _runs!.Finish();
            if (!_report!.Written)
                WriteError(new ErrorRecord(new InvalidOperationException("No rows were read, so no report was written."),
                    "CrossEntropy.NoInput", ErrorCategory.InvalidData, OutFile));
            else if (PassThru) WriteObject(new FileInfo(_report.File));
        }

        private void Fail(Exception e, string id) =>
            ThrowTerminatingError(new ErrorRecord(e, id, ErrorCategory.InvalidArgument, OutFile));
    }
}
