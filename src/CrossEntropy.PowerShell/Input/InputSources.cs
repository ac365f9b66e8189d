using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using CrossEntropy.Commands;
using CrossEntropy.Data.Csv;
using CrossEntropy.Data.Formats;
using CrossEntropy.Data.Problems;
using CrossEntropy.Data.Records;
using CrossEntropy.Data.Schemas;
using CrossEntropy.Data.Sources;

namespace CrossEntropy.Input
{
    /// <summary>
    /// The one place that turns a cmdlet's input parameters into sources, for every cmdlet: files (-Path with
    /// wildcards, -LiteralPath, FileInfo objects from Get-ChildItem), pipeline objects, a DataFrame, explicit arrays.
    /// Each source is mapped to a <see cref="Schema"/> and its records handed to the cmdlet's
    /// <see cref="IRecordTarget"/>, one source after another; progress is shown for long files, and a source that
    /// cannot be read becomes a <see cref="SourceFailure"/> naming it.
    /// </summary>
    internal sealed class InputSources
    {
        private const string PipelineSource = "pipeline input";

        private readonly CrossEntropyCmdlet _cmdlet;
        private readonly IRecordTarget _target;
        private readonly ColumnOptions _columns;
        private readonly CsvOptions _csv;
        private readonly Action<SourceFailure>? _failed;
        private PipelineRecords? _pipeline;
        private long _pipelineRow;
        private bool _arraysDone, _pipelineUnreadable, _anyInput;
        // -Target with files: the labels of one .npy, taken by the first file read.
        private bool _fileTargetsTaken;

        /// <summary>Sources of <paramref name="cmdlet"/>'s parameters into <paramref name="target"/>; failures to <paramref name="failed"/> (null: written).</summary>
        public InputSources(CrossEntropyCmdlet cmdlet, IRecordTarget target, ColumnOptions columns, CsvOptions csv, Action<SourceFailure>? failed)
        {
            _cmdlet = cmdlet;
            _target = target;
            _columns = columns;
            _csv = csv;
            _failed = failed;
        }

        /// <summary>Pipeline objects also have their id column read (Test-Prediction checks ids).</summary>
        public bool ReadsIds { get; init; }

        /// <summary>The file the cmdlet writes (-OutFile), which is never read: reading it would mean overwriting an input.</summary>
        public Output.OutFile? WritesTo { get; init; }

        /// <summary>Reads what the current pipeline input (or the parameters) gives; call from ProcessRecord.</summary>
        public void Process()
        {
            // The default set (CrossEntropyCmdlet.DefaultSet) without its -Logit is a call with no input at all: Complete
            // says so, unless -Target was given for rows that never came.
            if (_cmdlet.ParameterSetName == CrossEntropyCmdlet.DefaultSet && _cmdlet.Logit == null)
            {
                if (_cmdlet.Target != null)
                    _cmdlet.ThrowTerminatingError(new ErrorRecord(new ArgumentException(
                        "-Target gives the targets of -Logit or -Probability rows, or of a lone .npy file given by -Path or -LiteralPath: give those too."),
                        "CrossEntropy.InvalidArguments", ErrorCategory.InvalidArgument, null));
                return;
            }
            if (_cmdlet.ParameterSetName != CrossEntropyCmdlet.ObjectSet || _cmdlet.InputObject != null) _anyInput = true;
            switch (_cmdlet.ParameterSetName)
            {
                case CrossEntropyCmdlet.PathSet:
                    foreach (string p in Given(_cmdlet.Path, "-Path")) ReadPath(p, literal: false);
                    break;
                case CrossEntropyCmdlet.LiteralPathSet:
                    foreach (string p in Given(_cmdlet.LiteralPath, "-LiteralPath")) ReadPath(p, literal: true);
                    break;
                case CrossEntropyCmdlet.LogitSet:
                case CrossEntropyCmdlet.ProbabilitySet:
                    ReadArrays();
                    break;
                default:
                    PSObject? input = _cmdlet.InputObject;
                    if (input == null) return;
                    if (input.BaseObject is PSCustomObject) ReadObject(input); // Import-Csv's rows: never a file or a frame, and asked once per row
                    else if (input.BaseObject is FileInfo file) ReadFile(file.FullName);
                    else if (DataFrameRecords.IsFrame(input.BaseObject)) ReadDataFrame(input.BaseObject);
                    else ReadObject(input);
                    break;
            }
        }

        /// <summary>
        /// Ends the pipeline source, if one began; call from EndProcessing. <paramref name="tookOtherInput"/>: the cmdlet
        /// took pipeline objects itself (Assert-CrossEntropy's summaries), so an empty row input is no mistake.
        /// </summary>
        public void Complete(bool tookOtherInput = false)
        {
            if (_pipeline != null) _target.EndSource();
            _pipeline = null;
            // An empty pipeline (@() | ..., a Get-ChildItem that found nothing) is said, never silently nothing.
            if (!_anyInput && !tookOtherInput)
            {
                _anyInput = true;
                var e = new InvalidOperationException("There was no input: the pipeline gave no objects (and no -Path or -LiteralPath was given), so no row was read.");
                Fail(PipelineSource, e.Message, ProblemKind.Source, new ErrorRecord(e, "CrossEntropy.NoInput", ErrorCategory.InvalidArgument, null));
            }
        }

        /// <summary>Reads the files <paramref name="path"/> names (wildcards unless <paramref name="literal"/>), as -Path does.</summary>
        public void ReadPath(string path, bool literal = false)
        {
            List<string> files;
            try
            {
                files = Resolve(path, literal);
            }
            catch (Exception e) when (e is ItemNotFoundException || e is System.Management.Automation.DriveNotFoundException || e is ProviderNotFoundException || e is NotSupportedException)
            {
                Fail(path, e.Message, ProblemKind.Source, new ErrorRecord(e, "CrossEntropy.PathNotFound", ErrorCategory.ObjectNotFound, path));
                return;
            }
            if (files.Count == 0)
            {
                var e = new ItemNotFoundException($"No file matches '{path}', so no row was read.");
                Fail(path, e.Message, ProblemKind.Source, new ErrorRecord(e, "CrossEntropy.NoMatchingFile", ErrorCategory.ObjectNotFound, path));
                return;
            }
            foreach (string f in files)
            {
                if (_cmdlet.Stopping) return;
                ReadFile(f);
            }
        }

        // The parameter a set is chosen by (not Mandatory, for the speed of pipeline binding: see CrossEntropyCmdlet);
        // PowerShell cannot choose the set without it, and if it ever did the call is refused rather than read nothing.
        private T[] Given<T>(T[]? values, string parameter)
        {
            if (values == null)
                _cmdlet.ThrowTerminatingError(new ErrorRecord(new ArgumentException($"The {_cmdlet.ParameterSetName} parameter set needs {parameter}."),
                    "CrossEntropy.InvalidArguments", ErrorCategory.InvalidArgument, null));
            return values!;
        }

        private List<string> Resolve(string path, bool literal)
        {
            var result = new List<string>();
            ProviderInfo provider;
            if (literal) result.Add(_cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out provider, out _));
            else result.AddRange(_cmdlet.GetResolvedProviderPathFromPSPath(path, out provider));
            if (provider.Name != "FileSystem")
                throw new NotSupportedException($"'{path}' is on the {provider.Name} provider; only files can be read.");
            return result;
        }

        private void ReadFile(string path)
        {
            if (WritesTo != null && WritesTo.SameFile(path))
                _cmdlet.ThrowTerminatingError(new ErrorRecord(
                    new InvalidOperationException($"-OutFile '{WritesTo.Path}' is also an input ('{path}'): writing it would overwrite the file being read. Write to another file."),
                    "CrossEntropy.OutFileIsInput", ErrorCategory.InvalidArgument, path));
            if (Directory.Exists(path))
            {
                var e = new IOException($"'{path}' is a directory, not a file.");
                Fail(path, e.Message, ProblemKind.Source, new ErrorRecord(e, "CrossEntropy.NotAFile", ErrorCategory.InvalidArgument, path));
                return;
            }
            GivenTargets? given = null;
            if (_cmdlet.Target != null && _cmdlet.ParameterSetName != CrossEntropyCmdlet.LogitSet && _cmdlet.ParameterSetName != CrossEntropyCmdlet.ProbabilitySet)
            {
                if (_fileTargetsTaken)
                    _cmdlet.ThrowTerminatingError(new ErrorRecord(new ArgumentException($"-Target gives the labels of one .npy of scores, but '{path}' is a second file: read each with its own -Target."),
                        "CrossEntropy.InvalidArguments", ErrorCategory.InvalidArgument, path));
                _fileTargetsTaken = true;
                try
                {
                    given = FileTargets.Of(_cmdlet.Target, _cmdlet.Class);
                }
                catch (ArgumentException e)
                {
                    _cmdlet.ThrowTerminatingError(new ErrorRecord(e, "CrossEntropy.InvalidArguments", ErrorCategory.InvalidArgument, _cmdlet.Target));
                }
            }
            bool begun = false;
            try
            {
                InputFile input = InputFile.Open(path, _csv, _columns, given);
                IChunkedFile file = input.File;
                using var opened = file as IDisposable; // a Parquet file's pooled readers
                Schema schema = SchemaResolver.Resolve(file, input.First, input.Columns);
                Announce(schema);
                _target.BeginSource(schema, SourceKind.File);
                begun = true;
                var progress = new FileProgress(_cmdlet, path, file.Length);
                long rows = _target.ReadFile(file, new FileReading
                {
                    Threads = _cmdlet.ThrottleLimit,
                    Stopping = () => _cmdlet.Stopping,
                    Progress = progress.Update,
                });
                progress.Complete();
                if (file is CsvFile csv) WarnIfChanged(csv, rows);
                _target.EndSource();
            }
            catch (InputException e) when (e.Failure == InputFailure.Malformed)
            {
                Fail(path, e.Reason, ProblemKind.Source, new ErrorRecord(new InvalidDataException(e.Message, e.InnerException),
                    "CrossEntropy.MalformedCsv", ErrorCategory.InvalidData, path));
            }
            catch (InputException e)
            {
                Fail(path, e.Reason, begun ? ProblemKind.Source : ProblemKind.Header,
                    new ErrorRecord(e, "CrossEntropy.InvalidInput", ErrorCategory.InvalidData, path));
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is InvalidDataException || e is ZstdSharp.ZstdException)
            {
                Fail(path, e.Message, ProblemKind.Source, new ErrorRecord(e, "CrossEntropy.FileUnreadable", ErrorCategory.ReadError, path));
            }
        }

        // A file written or truncated while it was read: the rows read are a prefix of it, and the user is told.
        private void WarnIfChanged(CsvFile file, long rows)
        {
            string path = file.Path;
            long now = File.Exists(path) ? new FileInfo(path).Length : 0;
            if (file.MissingBytes > 0)
                _cmdlet.WriteWarning($"{path} shrank while it was read: it had {file.Length} bytes when opened, and the last {file.MissingBytes} could not be read; {rows} rows were read, rows after them are missing.");
            else if (file.PartialTailBytes > 0)
                _cmdlet.WriteWarning($"{path} is still being written: read its first {rows} rows (up to byte {file.Length - file.PartialTailBytes}); the unfinished last line ({file.PartialTailBytes} bytes) was left out.");
            else if (now > file.Length)
                _cmdlet.WriteWarning($"{path} grew while it was read (it is still being written?): it had {file.Length} bytes when opened and has {now} now; the {rows} rows of its first {file.Length} bytes were read.");
            else if (now < file.Length)
                _cmdlet.WriteWarning($"{path} shrank after it was read: it had {file.Length} bytes when opened and has {now} now; the {rows} rows read may no longer be what it holds.");
        }

        private void ReadObject(PSObject obj)
        {
            if (_pipelineUnreadable) return;
            if (_pipeline == null)
            {
                ColumnOptions? columns = OwnOptions(obj);
                if (columns == null)
                {
                    _pipelineUnreadable = true;
                    return;
                }
                var pipeline = new PipelineRecords(PipelineSource, obj, _csv.DecimalComma, columns);
                IRecord first = pipeline.Read(obj);
                Schema? schema = Map(pipeline.Source, first, obj, pipeline.Columns);
                if (schema == null)
                {
                    _pipelineUnreadable = true;
                    return;
                }
                _pipeline = pipeline;
                _pipeline.ReadOnly(ReadsIds && schema.IdColumn >= 0 ? schema.UsedColumns.Append(schema.IdColumn).Distinct().ToArray() : schema.UsedColumns);
                Announce(schema);
                _target.BeginSource(schema, SourceKind.Pipeline);
            }
            _target.Add(_pipeline.Read(obj), ++_pipelineRow, obj);
        }

        // A DataFrame is a source of its own, like a file: mapped once, its rows numbered from 1.
        private void ReadDataFrame(object frame)
        {
            var records = DataFrameRecords.Open(frame, _csv.DecimalComma);
            Schema? schema = Map(records.Source, records.RowCount > 0 ? records.Read(0) : null, frame);
            if (schema == null) return;
            Announce(schema);
            _target.BeginSource(schema, SourceKind.DataFrame);
            for (long r = 0; r < records.RowCount && !_cmdlet.Stopping; r++) _target.Add(records.Read(r), r + 1, null);
            _target.EndSource();
        }

        private void ReadArrays()
        {
            if (_arraysDone) return;
            _arraysDone = true;
            ArrayInput input;
            object[] given = _cmdlet.ParameterSetName == CrossEntropyCmdlet.LogitSet ? Given(_cmdlet.Logit, "-Logit") : Given(_cmdlet.Probability, "-Probability");
            if (_cmdlet.Target == null && !_columns.LabelOptional)
            {
                string scores = _cmdlet.Logit != null ? "-Logit" : "-Probability";
                _cmdlet.ThrowTerminatingError(new ErrorRecord(
                    new ArgumentException($"{scores} needs -Target: the class index or name of each row (or a distribution per row), as in {scores} 2.0, 1.0, 0.1 -Target 0."),
                    "CrossEntropy.InvalidArguments", ErrorCategory.InvalidArgument, given));
            }
            try
            {
                input = ArrayInput.Build(given, _cmdlet.Target, _cmdlet.ParameterSetName == CrossEntropyCmdlet.ProbabilitySet, _cmdlet.Class);
            }
            catch (ArgumentException e)
            {
                _cmdlet.ThrowTerminatingError(new ErrorRecord(e, "CrossEntropy.InvalidArguments", ErrorCategory.InvalidArgument, given));
                return;
            }
            var record = new ObjectRecord(ArrayInput.SourceName, input.Header);
            Schema? schema = Map(record, null, null);
            if (schema == null) return;
            _target.BeginSource(schema, SourceKind.Arguments);
            long row = 0;
            foreach (object?[] cells in input.Rows)
            {
                record.Clear();
                for (int c = 0; c < cells.Length; c++) record.Set(c, cells[c]);
                _target.Add(record, ++row, null);
            }
            _target.EndSource();
        }

        // The mapping for -Verbose; a warning naming the columns when every numeric column was taken as a logit.
        private void Announce(Schema schema)
        {
            _cmdlet.WriteVerbose(schema.Describe());
            if (schema.NumericFallback) _cmdlet.WriteWarning(schema.FallbackWarning());
        }

        // The column options for pipeline objects like obj: this module's own objects map (or are refused) by their type.
        // Null when refused and the failure was taken over; otherwise the refusal is terminating.
        private ColumnOptions? OwnOptions(PSObject obj)
        {
            try
            {
                return OwnOutputs.For(obj, PipelineRecords.HeaderOf(obj), _columns, PipelineSource);
            }
            catch (InputException e)
            {
                Fail(PipelineSource, e.Reason, ProblemKind.Header, new ErrorRecord(e, "CrossEntropy.InvalidInput", ErrorCategory.InvalidData, obj),
                    terminating: true);
                return null;
            }
        }

        // Null when the columns cannot be mapped and the failure was taken over; otherwise that is terminating.
        private Schema? Map(ISourceHeader source, IRecord? first, object? target, ColumnOptions? columns = null)
        {
            try
            {
                return SchemaResolver.Resolve(source, first, columns ?? _columns);
            }
            catch (InputException e)
            {
                Fail(source.SourceName, e.Reason, ProblemKind.Header, new ErrorRecord(e, "CrossEntropy.InvalidInput", ErrorCategory.InvalidData, target),
                    terminating: true);
                return null;
            }
        }

        private void Fail(string source, string reason, ProblemKind kind, ErrorRecord error, bool terminating = false)
        {
            var failure = new SourceFailure(source, reason, kind, error, terminating);
            if (_failed != null) _failed(failure);
            else if (terminating) _cmdlet.ThrowTerminatingError(error);
            else _cmdlet.WriteError(error);
        }
    }
}
