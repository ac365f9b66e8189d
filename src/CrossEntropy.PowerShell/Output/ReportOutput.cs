using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using CrossEntropy.Data.Csv;
using CrossEntropy.Data.Problems;
using CrossEntropy.Data.Report;
using CrossEntropy.Data.Runs;
using CrossEntropy.Engine.Audit;
using CrossEntropy.Runs;

namespace CrossEntropy.Output
{
    /// <summary>Export-CrossEntropyReport's output: the one run over every source, written as an HTML page.</summary>
    internal sealed class ReportOutput : IRunOutput
    {
        private readonly ObjectWriter _writer;
        private readonly CsvOptions _csv;
        private readonly OutFile _file;
        private readonly string _title;
        private readonly Action<Exception> _unwritable;
        private readonly ReportHeader _header;

        /// <summary>A report to <paramref name="file"/>, made as <paramref name="header"/> says; a write error goes to <paramref name="unwritable"/>.</summary>
        public ReportOutput(ObjectWriter writer, CsvOptions csv, OutFile file, string title, ReportHeader header, Action<Exception> unwritable)
        {
            _header = header;
            _writer = writer;
            _csv = csv;
            _file = file;
            _title = title;
            _unwritable = unwritable;
        }

        /// <summary>The page's path.</summary>
        public string File => _file.Path;

        /// <summary>True once the page is written.</summary>
        public bool Written { get; private set; }

        public void Rows(in RowOutcomes rows)
        {
        }

        public void Problem(Problem problem) => _writer.Problem(problem);

        public void Finished(LossRun run, IReadOnlyList<string> sources)
        {
            RunDriver.WriteCounts(_writer.Cmdlet, run, sources);
            Dictionary<NoisyLabelCandidate, string?[]> cells = RankedCells.Of(_writer.Cmdlet, _csv, run.Audit!.Noisy?.Top() ?? new List<NoisyLabelCandidate>(), run.Schema.Columns);
            ReportModel model = ReportBuilder.Build(run, _title, sources,
                DateTime.Now.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), c => cells.TryGetValue(c, out string?[]? v) ? v : null);
            _header.Describe(model);
            Write(model);
            _writer.Cmdlet.WriteVerbose($"Wrote {_file.Path}.");
        }

        /// <summary>Writes <paramref name="model"/> (made elsewhere, e.g. from summaries) to the file.</summary>
        public void Write(ReportModel model)
        {
            try
            {
                using var w = new StreamWriter(_file.Create(), new UTF8Encoding(false));
                ReportWriter.Write(model, w);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                _unwritable(e);
            }
            Written = true;
        }
    }
}
