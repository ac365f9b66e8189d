using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using CrossEntropy.Data;
using CrossEntropy.Input;

namespace CrossEntropy.Commands
{
    /// <summary>
    /// Test-Prediction: validates prediction files (or pipeline rows) before anything is computed from them — the
    /// header maps, every cell parses, no NaN, probabilities in [0, 1] summing to 1, labels known, ids unique, every
    /// file with rows and the same classes. Returns one report over every source (or $true/$false with -Quiet); the
    /// problems are in the report, never written as errors. The checks live in <see cref="PredictionValidation"/>.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "Prediction", DefaultParameterSetName = ObjectSet)]
    [OutputType(typeof(PredictionReport), typeof(bool))]
    public sealed class TestPredictionCommand : InputCmdlet
    {
        private PredictionValidation? _validation;
        private string? _outFile;

        /// <summary>How far a probability row (or soft-target row) may sum from 1.</summary>
        [Parameter]
        [ValidateRange(0.0, 1.0)]
        public double Tolerance { get; set; } = 1e-6;

        /// <summary>A column of row ids: an id seen twice in a file is a problem (default: a column named id, if any).</summary>
        [Parameter]
        [ArgumentCompleter(typeof(ColumnCompleter))]
        public string? IdColumn { get; set; }

        /// <summary>Labels equal to this index or class name are ignored, not problems; -100 as in PyTorch, $null for none.</summary>
        [Parameter]
        [AllowNull]
        public object? IgnoreIndex { get; set; } = -100;

        /// <summary>The data rows every file must have.</summary>
        [Parameter]
        [ValidateRange(0L, long.MaxValue)]
        public long ExpectedRowCount { get; set; }

        /// <summary>Return only $true (no problem) or $false.</summary>
        [Parameter]
        public SwitchParameter Quiet { get; set; }

        /// <summary>Also write the result as JSON to this file.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? OutFile { get; set; }

        /// <summary>Also write each problem as a GitHub Actions ::error annotation.</summary>
        [Parameter]
        public SwitchParameter GitHubAnnotation { get; set; }

        private PredictionValidation Validation => _validation ??= new PredictionValidation(new ValidationOptions
        {
            Tolerance = Tolerance,
            IgnoreIndex = (IgnoreIndex is PSObject ps ? ps.BaseObject : IgnoreIndex) is object index ? Convert.ToString(index, CultureInfo.InvariantCulture) : null,
            ExpectedRowCount = MyInvocation.BoundParameters.ContainsKey(nameof(ExpectedRowCount)) ? ExpectedRowCount : (long?)null,
        });

        /// <inheritdoc/>
        protected override void BeginProcessing()
        {
            if (OutFile != null) _outFile = CheckOutput.ResolveOutFile(this, OutFile);
        }

        /// <inheritdoc/>
        protected override ColumnOptions Columns()
        {
            ColumnOptions o = base.Columns();
            o.IdColumn = IdColumn;
            return o;
        }

        /// <inheritdoc/>
        protected override int[] ColumnsToRead(Schema schema) =>
            schema.IdColumn < 0 ? schema.UsedColumns : schema.UsedColumns.Concat(new[] { schema.IdColumn }).Distinct().ToArray();

        /// <inheritdoc/>
        protected override void BeginSource(Schema schema, bool isFile)
        {
            try
            {
                Validation.BeginSource(schema);
            }
            catch (ArgumentException e)
            {
                ThrowTerminatingError(new ErrorRecord(e, "CrossEntropy.InvalidOption", ErrorCategory.InvalidArgument, schema.SourceName));
            }
        }

        /// <inheritdoc/>
        protected override void AddRecord(IRecord record, long row, object? tag) => Validation.Add(record, row);

        /// <inheritdoc/>
        protected override void EndSource(bool isFile)
        {
            SourceValidation? s = Validation.Sources.LastOrDefault();
            Validation.EndSource();
            if (s != null)
                WriteVerbose(string.Format(CultureInfo.InvariantCulture, "{0}: {1} rows read, {2} used, {3} ignored, {4} rejected; {5} problems.",
                    s.Source, s.Rows, s.Used, s.Ignored, s.Rejected, s.Problems));
        }

        /// <inheritdoc/>
        protected override bool OnSourceError(string source, ErrorRecord error)
        {
            // A header that cannot be mapped is a Header problem; a file that cannot be found or read (or breaks off
            // while being read) is a Source problem.
            bool reading = Validation.CurrentSource == source;
            bool header = !reading && error.FullyQualifiedErrorId.StartsWith("CrossEntropy.InvalidInput", StringComparison.Ordinal);
            Validation.SourceFailed(source, header ? ProblemKind.Header : ProblemKind.Source, CheckOutput.Reason(source, error));
            return true;
        }

        /// <inheritdoc/>
        protected override void EndAll()
        {
            PredictionValidation v = Validation;
            v.Finish();
            CheckReport report = CheckReport.FromValidation(v, "Test-Prediction", CheckOutput.ToolVersion);
            if (_outFile != null) CheckOutput.WriteJson(this, report, _outFile);
            if (GitHubAnnotation) CheckOutput.WriteAnnotations(this, Annotations(v));
            if (Quiet) WriteObject(v.Passed);
            else WriteObject(PredictionReport.From(v, report));
        }

        private IEnumerable<string> Annotations(PredictionValidation v)
        {
            foreach (ValidationProblem p in v.ShownProblems)
                yield return Data.GitHubAnnotation.Format("error", p.ToString(), CheckOutput.AnnotationFile(this, p.Source),
                    Data.GitHubAnnotation.LineOf(p.Row), "Test-Prediction: " + p.Kind);
            if (v.ProblemCount > v.ShownProblems.Count)
            {
                string kinds = string.Join(", ", Enum.GetValues(typeof(ProblemKind)).Cast<ProblemKind>()
                    .Where(k => v.CountOf(k) > 0).Select(k => k + ": " + v.CountOf(k).ToString(CultureInfo.InvariantCulture)));
                yield return Data.GitHubAnnotation.Format("error",
                    string.Format(CultureInfo.InvariantCulture, "{0} problems in all ({1}); the first {2} are annotated.", v.ProblemCount, kinds, v.ShownProblems.Count),
                    title: "Test-Prediction");
            }
        }
    }
}
