using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Text;
using CrossEntropy.Data;
using CrossEntropy.Data.Report;
using CrossEntropy.Engine;

namespace CrossEntropy.Commands
{
    /// <summary>
    /// Export-CrossEntropyReport: one pass over the predictions and a single self-contained HTML page — summary,
    /// per-class and per-group tables, loss histogram, reliability diagram, confidence histogram and the noisiest
    /// rows — drawn as inline SVG. Every source goes into one report (they must share classes).
    /// </summary>
    [Cmdlet(VerbsData.Export, "CrossEntropyReport", DefaultParameterSetName = ObjectSet)]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportCrossEntropyReportCommand : AuditCmdlet
    {
        private string? _outFile;
        private IReadOnlyList<string> _columns = Array.Empty<string>();
        private bool _written;

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
        protected override bool CombineSources => true;

        /// <inheritdoc/>
        protected override AuditOptions AuditOptions() => new AuditOptions { BinCount = BinCount, NoisyTop = Top, NoisyBy = By };

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
            _outFile = path;
        }

        /// <inheritdoc/>
        protected override LossRun CreateRun(Schema schema)
        {
            _columns = schema.Columns;
            return base.CreateRun(schema);
        }

        /// <inheritdoc/>
        protected override void AddRecord(IRecord record, long row, object? tag) =>
            base.AddRecord(record, row, tag ?? RecordCells(record, _columns.Count)); // the noisiest rows show their cells

        /// <inheritdoc/>
        protected override void Complete(AuditRun audit)
        {
            var sources = new List<string>(SourceLabel.Split(new[] { ", " }, StringSplitOptions.None));
            Dictionary<NoisyLabelCandidate, string?[]> cells = CellsOf(audit.Noisy!.Top(), audit.Run.Schema.Columns);
            ReportModel model = ReportBuilder.Build(audit, Title, sources,
                DateTime.Now.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), c => cells.TryGetValue(c, out string?[]? v) ? v : null);
            try
            {
                using (var w = new StreamWriter(_outFile!, append: false, new UTF8Encoding(false)))
                    ReportWriter.Write(model, w);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                Fail(e, "CrossEntropy.OutFileUnwritable");
            }
            _written = true;
            WriteVerbose($"Wrote {_outFile}.");
            if (PassThru) WriteObject(new FileInfo(_outFile!));
        }

        /// <inheritdoc/>
        protected override void EndAll()
        {
            base.EndAll();
            if (!_written)
                WriteError(new ErrorRecord(new InvalidOperationException("No rows were read, so no report was written."),
                    "CrossEntropy.NoInput", ErrorCategory.InvalidData, OutFile));
        }

        private void Fail(Exception e, string id) =>
            ThrowTerminatingError(new ErrorRecord(e, id, ErrorCategory.InvalidArgument, OutFile));
    }
}
