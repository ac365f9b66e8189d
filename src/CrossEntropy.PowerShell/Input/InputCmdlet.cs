using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Management.Automation;
using CrossEntropy.Data;

namespace CrossEntropy.Input
{
    /// <summary>
    /// The input parameters every compute cmdlet shares, and the one place that turns them into records: files
    /// (-Path/-LiteralPath, or FileInfo objects from Get-ChildItem) streamed through <see cref="CsvRecordSource"/>,
    /// pipeline objects through <see cref="PipelineRecords"/>, explicit arrays through <see cref="ArrayInput"/>.
    /// Derived cmdlets see only schemas and records.
    /// </summary>
    public abstract class InputCmdlet : PSCmdlet
    {
        /// <summary>Parameter set names.</summary>
        protected const string ObjectSet = "InputObject", PathSet = "Path", LiteralPathSet = "LiteralPath",
            LogitSet = "Logit", ProbabilitySet = "Probability";

        private const string PipelineSource = "pipeline input";

        private PipelineRecords? _pipeline;
        private long _pipelineRow;
        private bool _arraysDone, _pipelineUnreadable;

        /// <summary>Rows from the pipeline: Import-Csv output, [pscustomobject], hashtables; FileInfo objects are read as files, a DataFrame as a source of its own.</summary>
        [Parameter(ParameterSetName = ObjectSet, ValueFromPipeline = true)]
        public PSObject? InputObject { get; set; }

        /// <summary>CSV or TSV files to stream (wildcards allowed).</summary>
        [Parameter(ParameterSetName = PathSet, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Path { get; set; }

        /// <summary>CSV or TSV files to stream, taken literally (no wildcards).</summary>
        [Parameter(ParameterSetName = LiteralPathSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[]? LiteralPath { get; set; }

        /// <summary>Logits given directly: one row (2.0,1.0,0.1) or several ((2,1,0),(0,1,2)).</summary>
        [Parameter(ParameterSetName = LogitSet, Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public object[]? Logit { get; set; }

        /// <summary>Probabilities given directly, shaped like -Logit.</summary>
        [Parameter(ParameterSetName = ProbabilitySet, Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public object[]? Probability { get; set; }

        /// <summary>Targets for -Logit/-Probability rows: a class index or name per row, or a distribution per row.</summary>
        [Parameter(ParameterSetName = LogitSet)]
        [Parameter(ParameterSetName = ProbabilitySet)]
        public object[]? Target { get; set; }

        /// <summary>Logit columns (names or wildcard patterns; default logit_*).</summary>
        [Parameter]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(ColumnCompleter))]
        public string[]? LogitColumn { get; set; }

        /// <summary>Probability columns (names or patterns; default p_* or prob_*): their presence means probability input.</summary>
        [Parameter]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(ColumnCompleter))]
        public string[]? ProbabilityColumn { get; set; }

        /// <summary>The label column (default label, target, y or class); labels are class names or indices.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(ColumnCompleter))]
        public string? LabelColumn { get; set; }

        /// <summary>Soft-target (or multi-label target) columns (default y_* or target_*).</summary>
        [Parameter]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(ColumnCompleter))]
        public string[]? TargetColumn { get; set; }

        /// <summary>Class names in order; also names the score columns when they have no prefix.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(ColumnCompleter))]
        public string[]? Class { get; set; }

        /// <summary>Per-row sample weights (scikit-learn's sample_weight).</summary>
        [Parameter]
        [ArgumentCompleter(typeof(ColumnCompleter))]
        public string? SampleWeightColumn { get; set; }

        /// <summary>One summary per value of this column.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(ColumnCompleter))]
        public string? GroupBy { get; set; }

        /// <summary>K score columns with K 0/1 target columns: multi-label binary loss.</summary>
        [Parameter]
        public SwitchParameter MultiLabel { get; set; }

        /// <summary>Field delimiter of -Path files (default: detected; tab for .tsv).</summary>
        [Parameter]
        public char Delimiter { get; set; }

        /// <summary>Read ',' as the decimal point (comma-decimal files, usually with -Delimiter ';').</summary>
        [Parameter]
        public SwitchParameter DecimalComma { get; set; }

        /// <summary>Threads that parse and compute a -Path file's chunks at once (default: one per processor).</summary>
        [Parameter]
        [ValidateRange(1, 1024)]
        public int ThrottleLimit { get; set; } = Environment.ProcessorCount;

        /// <summary>Called when a source's columns are mapped, before its first record.</summary>
        protected abstract void BeginSource(Schema schema, bool isFile);

        /// <summary>Called for each record; <paramref name="tag"/> is the pipeline object, if any.</summary>
        protected abstract void AddRecord(IRecord record, long row, object? tag);

        /// <summary>Called when a source has no more records.</summary>
        protected abstract void EndSource(bool isFile);

        /// <summary>Called once after every source has ended.</summary>
        protected virtual void EndAll()
        {
        }

        /// <summary>
        /// Called with the error a source that cannot be read would raise (a path not found, a directory, an unreadable
        /// or malformed file, a header whose columns cannot be mapped), before it is written. Return true to take it
        /// over (it is then neither written nor thrown); the source is skipped either way. For pipeline input whose
        /// columns cannot be mapped, the remaining pipeline objects are skipped too.
        /// </summary>
        protected virtual bool OnSourceError(string source, ErrorRecord error) => false;

        /// <summary>The columns read from pipeline objects once the schema is known (default: those the schema uses).</summary>
        protected virtual int[] ColumnsToRead(Schema schema) => schema.UsedColumns;

        /// <summary>Reads the files <paramref name="path"/> names (wildcards unless <paramref name="literal"/>), as -Path does.</summary>
        protected void ReadPath(string path, bool literal = false) => ProcessPaths(path, literal);

        /// <summary>Column options from the parameters.</summary>
        protected virtual ColumnOptions Columns() => new ColumnOptions
        {
            LogitColumn = LogitColumn,
            ProbabilityColumn = ProbabilityColumn,
            LabelColumn = LabelColumn,
            TargetColumn = TargetColumn,
            Class = Class,
            SampleWeightColumn = SampleWeightColumn,
            GroupBy = GroupBy,
            MultiLabel = MultiLabel.IsPresent,
        };

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            switch (ParameterSetName)
            {
                case PathSet:
                    foreach (string p in Path!) ProcessPaths(p, literal: false);
                    break;
                case LiteralPathSet:
                    foreach (string p in LiteralPath!) ProcessPaths(p, literal: true);
                    break;
                case LogitSet:
                case ProbabilitySet:
                    ProcessArrays();
                    break;
                default:
                    if (InputObject == null) return;
                    if (InputObject.BaseObject is FileInfo file) ProcessFile(file.FullName);
                    else if (DataFrameRecords.IsFrame(InputObject.BaseObject)) ProcessDataFrame(InputObject.BaseObject);
                    else ProcessObject(InputObject);
                    break;
            }
        }

        /// <inheritdoc/>
        protected override void EndProcessing()
        {
            if (_pipeline != null) EndSource(isFile: false);
            EndAll();
        }

        /// <summary>Writes a rejected row as a non-terminating InvalidData error whose target is the row.</summary>
        protected void WriteProblem(InputProblem problem, object? row) =>
            WriteError(new ErrorRecord(new InvalidDataException(problem.ToString()), "CrossEntropy.InvalidRow",
                ErrorCategory.InvalidData, row ?? problem));

        private void ProcessPaths(string path, bool literal)
        {
            List<string> files;
            try
            {
                files = ResolveFiles(path, literal);
            }
            catch (Exception e) when (e is ItemNotFoundException || e is System.Management.Automation.DriveNotFoundException || e is ProviderNotFoundException || e is NotSupportedException)
            {
                SourceError(path, new ErrorRecord(e, "CrossEntropy.PathNotFound", ErrorCategory.ObjectNotFound, path));
                return;
            }
            foreach (string f in files)
            {
                if (Stopping) return;
                ProcessFile(f);
            }
        }

        private List<string> ResolveFiles(string path, bool literal)
        {
            var result = new List<string>();
            ProviderInfo provider;
            if (literal)
            {
                result.Add(SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out provider, out _));
            }
            else
            {
                result.AddRange(GetResolvedProviderPathFromPSPath(path, out provider));
            }
            if (provider.Name != "FileSystem")
                throw new NotSupportedException($"'{path}' is on the {provider.Name} provider; only files can be read.");
            return result;
        }

        private void ProcessFile(string path)
        {
            if (Directory.Exists(path))
            {
                SourceError(path, new ErrorRecord(new IOException($"'{path}' is a directory, not a file."), "CrossEntropy.NotAFile", ErrorCategory.InvalidArgument, path));
                return;
            }
            try
            {
                var file = CsvFile.Open(path, new CsvOptions { Delimiter = Delimiter == '\0' ? (char?)null : Delimiter, DecimalComma = DecimalComma.IsPresent });
                Schema schema = SchemaResolver.Resolve(file, file.ReadFirstRecord(), Columns());
                WriteVerbose(schema.Describe());
                BeginSource(schema, isFile: true);
                long rows = ReadFile(file, new FileProgress(this, path, file.Length));
                if (file.PartialTailBytes > 0)
                    WriteWarning($"{path} is still being written: read its first {rows} rows (up to byte {file.Length - file.PartialTailBytes}); the unfinished last line ({file.PartialTailBytes} bytes) was left out.");
                EndSource(isFile: true);
            }
            catch (InputException e)
            {
                SourceError(path, new ErrorRecord(e, "CrossEntropy.InvalidInput", ErrorCategory.InvalidData, path));
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                SourceError(path, new ErrorRecord(e, "CrossEntropy.FileUnreadable", ErrorCategory.ReadError, path));
            }
            catch (Exception e) when (IsCsvFormatError(e))
            {
                SourceError(path, new ErrorRecord(new InvalidDataException($"{path}: {e.Message}", e),
                    "CrossEntropy.MalformedCsv", ErrorCategory.InvalidData, path));
            }
        }

        /// <summary>
        /// Reads every record of a file into <see cref="AddRecord"/>, one chunk after another on this thread, and
        /// returns the rows read; cmdlets that can compute chunks in parallel override this.
        /// </summary>
        private protected virtual long ReadFile(CsvFile file, FileProgress progress)
        {
            long row = 0;
            foreach (CsvChunk chunk in file.Chunks())
            {
                try
                {
                    using CsvRecordSource records = file.ReadChunk(chunk);
                    while (records.Read())
                    {
                        if (Stopping) return row;
                        AddRecord(records, ++row, null);
                    }
                }
                finally
                {
                    chunk.Release();
                }
                progress.Update(chunk.FileOffset + chunk.Length, row);
            }
            progress.Complete();
            return row;
        }

        private void SourceError(string source, ErrorRecord error)
        {
            if (!OnSourceError(source, error)) WriteError(error);
        }

        // Sylvan reports malformed CSV (an unterminated quote, a record over the size limit) with its own exceptions.
        private static bool IsCsvFormatError(Exception e) =>
            e.GetType().Namespace == "Sylvan.Data.Csv" || e is FormatException;

        private void ProcessObject(PSObject obj)
        {
            if (_pipelineUnreadable) return;
            if (_pipeline == null)
            {
                var pipeline = new PipelineRecords(PipelineSource, PipelineRecords.HeaderOf(obj), DecimalComma.IsPresent);
                IRecord first = pipeline.Read(obj);
                Schema? schema = ResolveOrThrow(pipeline.Source, first, obj);
                if (schema == null)
                {
                    _pipelineUnreadable = true;
                    return;
                }
                _pipeline = pipeline;
                _pipeline.ReadOnly(ColumnsToRead(schema));
                WriteVerbose(schema.Describe());
                BeginSource(schema, isFile: false);
            }
            AddRecord(_pipeline.Read(obj), ++_pipelineRow, obj);
        }

        // A DataFrame is a source of its own, like a file: mapped once, its rows numbered from 1.
        private void ProcessDataFrame(object frame)
        {
            var records = DataFrameRecords.Open(frame, DecimalComma.IsPresent);
            Schema? schema = ResolveOrThrow(records.Source, records.RowCount > 0 ? records.Read(0) : null, frame);
            if (schema == null) return;
            WriteVerbose(schema.Describe());
            BeginSource(schema, isFile: false);
            for (long r = 0; r < records.RowCount && !Stopping; r++) AddRecord(records.Read(r), r + 1, null);
            EndSource(isFile: false);
        }

        private void ProcessArrays()
        {
            if (_arraysDone) return;
            _arraysDone = true;
            ArrayInput input;
            try
            {
                input = ArrayInput.Build(Logit ?? Probability!, Target, ParameterSetName == ProbabilitySet, Class);
            }
            catch (ArgumentException e)
            {
                ThrowTerminatingError(new ErrorRecord(e, "CrossEntropy.InvalidArguments", ErrorCategory.InvalidArgument, Logit ?? Probability));
                return;
            }
            var record = new ObjectRecord(ArrayInput.SourceName, input.Header);
            Schema? schema = ResolveOrThrow(record, null, null);
            if (schema == null) return;
            BeginSource(schema, isFile: false);
            long row = 0;
            foreach (object?[] cells in input.Rows)
            {
                record.Clear();
                for (int c = 0; c < cells.Length; c++) record.Set(c, cells[c]);
                AddRecord(record, ++row, null);
            }
            EndSource(isFile: false);
        }

        // Null when the columns cannot be mapped and OnSourceError took the error over; otherwise that is terminating.
        private Schema? ResolveOrThrow(IRecordSource source, IRecord? first, object? target)
        {
            try
            {
                return SchemaResolver.Resolve(source, first, Columns());
            }
            catch (InputException e)
            {
                var error = new ErrorRecord(e, "CrossEntropy.InvalidInput", ErrorCategory.InvalidData, target);
                if (OnSourceError(source.SourceName, error)) return null;
                ThrowTerminatingError(error);
                throw; // unreachable: ThrowTerminatingError throws
            }
        }

        /// <summary>Write-Progress for one file: only after a second of work, at most four times a second.</summary>
        private protected sealed class FileProgress
        {
            private readonly InputCmdlet _cmdlet;
            private readonly ProgressRecord _record;
            private readonly long _length;
            private readonly Stopwatch _clock = Stopwatch.StartNew();
            private long _lastShown = -1;
            private bool _shown;

            public FileProgress(InputCmdlet cmdlet, string path, long length)
            {
                _cmdlet = cmdlet;
                _length = length;
                _record = new ProgressRecord(0x43452, "Reading " + System.IO.Path.GetFileName(path), "Starting");
            }

            public void Update(long bytes, long rows)
            {
                long ms = _clock.ElapsedMilliseconds;
                if (ms < 1000 || ms - _lastShown < 250) return;
                _lastShown = ms;
                _shown = true;
                int percent = _length > 0 ? (int)Math.Min(100, 100 * bytes / _length) : -1;
                _record.PercentComplete = percent;
                _record.StatusDescription = string.Format(System.Globalization.CultureInfo.InvariantCulture,
                    "{0:N0} rows, {1:N1} of {2:N1} MB, {3:N0} rows/s", rows, bytes / 1048576.0, _length / 1048576.0, rows * 1000.0 / ms);
                _cmdlet.WriteProgress(_record);
            }

            public void Complete()
            {
                if (!_shown) return;
                _record.RecordType = ProgressRecordType.Completed;
                _cmdlet.WriteProgress(_record);
            }
        }
    }
}
