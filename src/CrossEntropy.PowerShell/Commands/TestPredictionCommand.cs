using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using CrossEntropy.Data.Checks;
using CrossEntropy.Data.Problems;
using CrossEntropy.Data.Results;
using CrossEntropy.Engine;
using CrossEntropy.Input;
using CrossEntropy.Output;

namespace CrossEntropy.Commands
{
    /// <summary>
    /// Test-Prediction: validates prediction files (or pipeline rows) before anything is computed from them — the
    /// header maps, every cell parses, no NaN, probabilities in [0, 1] summing to 1, labels known, ids unique, every
    /// file with rows and the same classes. Returns one report over every source (or $true/$false with -Quiet); the
    /// problems are in the report, never written as errors. The checks live in <see cref="PredictionValidation"/>.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "Prediction", DefaultParameterSetName = DefaultSet, SupportsShouldProcess = true, HelpUri = HelpRoot + "Test-Prediction.md")]
    [OutputType(typeof(PredictionReport), typeof(bool))]
    public sealed class TestPredictionCommand : CrossEntropyCmdlet
    {
        private ValidationTarget? _target;
        private InputSources? _inputs;
        private Output.OutFile? _outFile;

        /// <summary>How far a probability row (or soft-target row) may sum from 1.</summary>
        [Parameter]
        [ValidateRange(0.0, 1.0)]
        [Input.InvariantNumber]
        public double Tolerance { get; set; } = 1e-6;

        /// <summary>A column of row ids: an id seen twice in a file is a problem (default: a column named id, if any).</summary>
        [Parameter]
        [ArgumentCompleter(typeof(ColumnCompleter))]
        public string? IdColumn { get; set; }

        /// <summary>Labels equal to this index or class name are ignored, not problems; -100 as in PyTorch, $null for none.</summary>
        [Parameter]
        [AllowNull]
        public object? IgnoreIndex { get; set; } = LossOptions.PyTorchIgnoreIndex;

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

        /// <summary>Refuse to replace an existing -OutFile (as Export-Csv -NoClobber).</summary>
        [Parameter]
        [Alias("NoOverwrite")]
        public SwitchParameter NoClobber { get; set; }

        /// <summary>Replace a read-only -OutFile (as Export-Csv -Force).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Also write each problem as a GitHub Actions ::error annotation.</summary>
        [Parameter]
        public SwitchParameter GitHubAnnotation { get; set; }

        /// <inheritdoc/>
        protected override void BeginProcessing()
        {
            if (OutFile != null) _outFile = Output.OutFile.Resolve(this, OutFile, NoClobber, Force, "Write the JSON result");
            _target = new ValidationTarget(this, new PredictionValidation(new ValidationOptions
            {
                Tolerance = Tolerance,
                IgnoreIndex = ScoringCmdlet.IndexText(IgnoreIndex),
                ExpectedRowCount = MyInvocation.BoundParameters.ContainsKey(nameof(ExpectedRowCount)) ? ExpectedRowCount : (long?)null,
            }));
            // A header that cannot be mapped is a Header problem, a file that cannot be read a Source problem: the report, not errors.
            _inputs = Inputs(_target, Columns(idColumn: IdColumn), _target.Fail, readsIds: true, writesTo: _outFile);
        }

        /// <inheritdoc/>
        protected override void ProcessRecord() => _inputs!.Process();

        /// <inheritdoc/>
        protected override void EndProcessing()
        {
            _inputs!.Complete();
            PredictionValidation v = _target!.Validation;
            v.Finish();
            CheckReport report = CheckReport.FromValidation(v, "Test-Prediction", CheckOutput.ToolVersion);
            if (_outFile?.Approved == true) CheckOutput.WriteJson(this, report, _outFile);
            if (GitHubAnnotation) CheckOutput.WriteAnnotations(this, Annotations(v));
            if (Quiet) WriteObject(v.Passed);
            else WriteObject(CheckResults.Prediction(v, report));
        }

        private IEnumerable<string> Annotations(PredictionValidation v)
        {
            foreach (Problem p in v.ShownProblems)
                yield return Data.Checks.GitHubAnnotation.Format("error", p.ToString(), CheckOutput.AnnotationFile(this, p.Source),
                    Data.Checks.GitHubAnnotation.LineOf(p.Row), "Test-Prediction: " + p.Kind);
            if (v.ProblemCount > v.ShownProblems.Count)
            {
                string kinds = string.Join(", ", Enum.GetValues(typeof(ProblemKind)).Cast<ProblemKind>()
                    .Where(k => v.CountOf(k) > 0).Select(k => k + ": " + v.CountOf(k).ToString(CultureInfo.InvariantCulture)));
                yield return Data.Checks.GitHubAnnotation.Format("error",
                    string.Format(CultureInfo.InvariantCulture, "{0} problems in all ({1}); the first {2} are annotated.", v.ProblemCount, kinds, v.ShownProblems.Count),
                    title: "Test-Prediction");
            }
        }
    }
}
