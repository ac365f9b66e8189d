using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using CrossEntropy.Data;

namespace CrossEntropy.Commands
{
    /// <summary>
    /// Assert-CrossEntropy: a CI gate. Reads every source as one audit (loss, accuracy, calibration; per class and per
    /// group), checks the limits given (<see cref="Limits"/>), optionally against a baseline file's figures, and
    /// returns the result when every limit holds — or throws one terminating error that lists every limit broken,
    /// so `$?` is false, try/catch and -ErrorAction Stop see it, and pwsh -c exits with 1.
    /// Rejected rows are warnings here (and counted against -MaximumRejected), not errors.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Assert, "CrossEntropy", DefaultParameterSetName = ObjectSet)]
    [OutputType(typeof(AssertionResult))]
    public sealed class AssertCrossEntropyCommand : AuditCmdlet
    {
        private const int ShownProblems = PredictionValidation.DefaultShownProblems;

        private sealed class Side
        {
            public readonly List<string> Sources = new List<string>();
            public readonly List<(string Source, ErrorRecord Error)> Failed = new List<(string, ErrorRecord)>();
            public readonly List<InputProblem> Problems = new List<InputProblem>();
            public long ProblemCount;
            public RunFigures? Figures;
        }

        private readonly Side _input = new Side(), _baseline = new Side();
        private Side _side;
        private string? _outFile;

        /// <summary>Creates the cmdlet.</summary>
        public AssertCrossEntropyCommand() => _side = _input;

        /// <summary>Highest mean cross-entropy (nats) allowed.</summary>
        [Parameter]
        [ValidateRange(0.0, double.MaxValue)]
        public double MaximumLoss { get; set; }

        /// <summary>Lowest accuracy allowed.</summary>
        [Parameter]
        [ValidateRange(0.0, 1.0)]
        public double MinimumAccuracy { get; set; }

        /// <summary>Highest expected calibration error (top-label, equal-width bins) allowed.</summary>
        [Parameter]
        [ValidateRange(0.0, 1.0)]
        public double MaximumCalibrationError { get; set; }

        /// <summary>Calibration bins for -MaximumCalibrationError; 15 as in Guo et al.</summary>
        [Parameter]
        [ValidateRange(1, 100000)]
        public int BinCount { get; set; } = Engine.CalibrationAccumulator.DefaultBinCount;

        /// <summary>The loss and accuracy limits (and baseline comparisons) apply to each class's rows too.</summary>
        [Parameter]
        public SwitchParameter PerClass { get; set; }

        /// <summary>Most rejected rows allowed (default 0).</summary>
        [Parameter]
        [ValidateRange(0L, long.MaxValue)]
        public long MaximumRejected { get; set; }

        /// <summary>Fewest used rows allowed (default 1).</summary>
        [Parameter]
        [ValidateRange(0L, long.MaxValue)]
        public long MinimumUsed { get; set; } = 1;

        /// <summary>A baseline predictions file (wildcards allowed) to compare with: -MaximumIncrease and -MaximumDecrease.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Baseline { get; set; }

        /// <summary>How much the loss may rise above the baseline's (absolute, in nats; a fraction of it with -Relative).</summary>
        [Parameter]
        [ValidateRange(0.0, double.MaxValue)]
        public double MaximumIncrease { get; set; }

        /// <summary>How much the accuracy may fall below the baseline's (absolute; a fraction of it with -Relative).</summary>
        [Parameter]
        [ValidateRange(0.0, double.MaxValue)]
        public double MaximumDecrease { get; set; }

        /// <summary>-MaximumIncrease and -MaximumDecrease are fractions of the baseline's figure (0.05 = 5%).</summary>
        [Parameter]
        public SwitchParameter Relative { get; set; }

        /// <summary>Also write the result as JSON to this file (written whether the assertion holds or not).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? OutFile { get; set; }

        /// <summary>Also write each failed check as a GitHub Actions ::error annotation, rejected rows as ::warning.</summary>
        [Parameter]
        public SwitchParameter GitHubAnnotation { get; set; }

        /// <inheritdoc/>
        protected override bool CombineSources => true;

        /// <inheritdoc/>
        protected override AuditOptions AuditOptions() => new AuditOptions { BinCount = BinCount };

        private bool Given(string name) => MyInvocation.BoundParameters.ContainsKey(name);

        private Limits Limits() => new Limits
        {
            MaximumLoss = Given(nameof(MaximumLoss)) ? MaximumLoss : (double?)null,
            MinimumAccuracy = Given(nameof(MinimumAccuracy)) ? MinimumAccuracy : (double?)null,
            MaximumCalibrationError = Given(nameof(MaximumCalibrationError)) ? MaximumCalibrationError : (double?)null,
            MaximumRejected = MaximumRejected,
            MinimumUsed = MinimumUsed,
            PerClass = PerClass.IsPresent,
            MaximumIncrease = Given(nameof(MaximumIncrease)) ? MaximumIncrease : (double?)null,
            MaximumDecrease = Given(nameof(MaximumDecrease)) ? MaximumDecrease : (double?)null,
            Relative = Relative.IsPresent,
        };

        /// <inheritdoc/>
        protected override void BeginProcessing()
        {
            Limits limits = Limits();
            if (Baseline != null && !limits.ComparesWithBaseline)
                Invalid("-Baseline needs -MaximumIncrease (the loss) or -MaximumDecrease (the accuracy): how much worse than the baseline may the input be?");
            if (Baseline == null && limits.ComparesWithBaseline)
                Invalid("-MaximumIncrease and -MaximumDecrease compare with a baseline: give it with -Baseline.");
            if (Relative && !limits.ComparesWithBaseline)
                Invalid("-Relative applies to -MaximumIncrease and -MaximumDecrease.");
            if (OutFile != null) _outFile = CheckOutput.ResolveOutFile(this, OutFile);
            if (Baseline == null) return;
            // The baseline is read first, through the same input layer and column options, as a run of its own.
            _side = _baseline;
            ReadPath(Baseline);
            EndAll();
            _side = _input;
        }

        /// <inheritdoc/>
        protected override void BeginSource(Schema schema, bool isFile)
        {
            base.BeginSource(schema, isFile);
            _side.Sources.Add(schema.SourceName);
        }

        /// <inheritdoc/>
        protected override void OnProblem(InputProblem problem)
        {
            _side.ProblemCount++;
            if (_side.Problems.Count >= ShownProblems) return;
            _side.Problems.Add(problem);
            WriteWarning((_side == _baseline ? "baseline: " : "") + problem);
        }

        /// <inheritdoc/>
        protected override bool OnSourceError(string source, ErrorRecord error)
        {
            _side.Failed.Add((source, error));
            return true;
        }

        /// <inheritdoc/>
        protected override void Complete(AuditRun audit) => _side.Figures = RunFigures.From(audit, _side.Sources);

        /// <inheritdoc/>
        protected override void EndProcessing()
        {
            base.EndProcessing();
            foreach (Side side in new[] { _baseline, _input })
                if (side.ProblemCount > side.Problems.Count)
                    WriteWarning(string.Format(CultureInfo.InvariantCulture, "{0}{1} rows were rejected in all; the first {2} are shown above.",
                        side == _baseline ? "baseline: " : "", side.ProblemCount, side.Problems.Count));

            RunFigures current = _input.Figures ?? new RunFigures { Sources = _input.Sources };
            RunFigures? baseline = Baseline == null ? null : _baseline.Figures ?? new RunFigures { Sources = _baseline.Sources };
            List<Check> checks = Limits().Evaluate(current, baseline);
            checks.AddRange(SourceChecks(_input, "input"));
            if (Baseline != null)
            {
                checks.AddRange(SourceChecks(_baseline, "baseline"));
                if (_baseline.Sources.Count == 0 && _baseline.Failed.Count == 0)
                    checks.Add(SourceCheck(Baseline, $"the baseline '{Baseline}' matched no file"));
            }
            if (_input.Sources.Count == 0 && _input.Failed.Count == 0)
                checks.Add(SourceCheck("input", "nothing was read: no file matched and no row came from the pipeline"));

            CheckReport report = Report(current, baseline, checks);
            AssertionResult result = Result(current, baseline, checks);
            if (_outFile != null) CheckOutput.WriteJson(this, report, _outFile);
            if (GitHubAnnotation) CheckOutput.WriteAnnotations(this, Annotations(checks));
            if (result.Passed)
            {
                WriteObject(result);
                return;
            }
            List<Check> failed = checks.Where(c => !c.Passed).ToList();
            string message = string.Format(CultureInfo.InvariantCulture, "{0} of {1} checks failed for {2}{3}:", failed.Count, checks.Count,
                current.Sources.Count == 0 ? "the input" : string.Join(", ", current.Sources),
                baseline == null ? "" : $" (baseline {(baseline.Sources.Count == 0 ? Baseline : string.Join(", ", baseline.Sources))})")
                + string.Concat(failed.Select(c => Environment.NewLine + "  " + c.Message));
            ThrowTerminatingError(new ErrorRecord(new InvalidOperationException(message), "CrossEntropy.AssertionFailed", ErrorCategory.LimitsExceeded, result));
        }

        private static IEnumerable<Check> SourceChecks(Side side, string what) =>
            side.Failed.Select(f => SourceCheck(f.Source, $"{(what == "baseline" ? "the baseline " : "")}{f.Source} could not be read: {CheckOutput.Reason(f.Source, f.Error)}"));

        private static Check SourceCheck(string source, string message) => new Check
        {
            Name = "Source",
            Metric = "Source",
            Scope = "Source",
            Subject = source,
            Comparison = "<=",
            Limit = 0,
            Measured = 1,
            Value = 1,
            Passed = false,
            Message = message,
        };

        private CheckReport Report(RunFigures current, RunFigures? baseline, List<Check> checks)
        {
            var report = new CheckReport
            {
                Command = "Assert-CrossEntropy",
                ToolVersion = CheckOutput.ToolVersion,
                Passed = checks.All(c => c.Passed),
                Input = SideOf(current),
                Baseline = baseline == null ? null : SideOf(baseline),
                ProblemCount = _input.ProblemCount + _input.Failed.Count,
            };
            report.Checks.AddRange(checks);
            if (_input.Failed.Count > 0) report.ProblemsByKind.Add(new KeyValuePair<string, long>("Source", _input.Failed.Count));
            if (_input.ProblemCount > 0) report.ProblemsByKind.Add(new KeyValuePair<string, long>("Rejected", _input.ProblemCount));
            foreach ((string source, ErrorRecord error) in _input.Failed)
                report.ShownProblems.Add(new ValidationProblem(ProblemKind.Source, source, 0, null, null, CheckOutput.Reason(source, error)));
            foreach (InputProblem p in _input.Problems.Take(ShownProblems - report.ShownProblems.Count))
                report.ShownProblems.Add(new ValidationProblem(ProblemKind.Rejected, p.Source, p.Row, p.Column, p.Value, p.Reason));
            return report;
        }

        private static CheckSide SideOf(RunFigures f)
        {
            var side = new CheckSide { Sources = f.Sources, Counts = f.All };
            side.Metrics.Add(new KeyValuePair<string, double>("loss", f.All.Loss));
            side.Metrics.Add(new KeyValuePair<string, double>("accuracy", f.All.Accuracy));
            side.Metrics.Add(new KeyValuePair<string, double>("expectedCalibrationError", f.All.ExpectedCalibrationError));
            return side;
        }

        private static AssertionResult Result(RunFigures current, RunFigures? baseline, List<Check> checks) => new AssertionResult
        {
            Passed = checks.All(c => c.Passed),
            Loss = current.All.Loss,
            Accuracy = current.All.Accuracy,
            ExpectedCalibrationError = current.All.ExpectedCalibrationError,
            Count = current.All.Read,
            Used = current.All.Used,
            Ignored = current.All.Ignored,
            Rejected = current.All.Rejected,
            Checks = checks.Select(AssertionCheck.From).ToArray(),
            FailedChecks = checks.Count(c => !c.Passed),
            Source = string.Join(", ", current.Sources),
            Baseline = baseline == null ? null : string.Join(", ", baseline.Sources),
            BaselineLoss = baseline?.All.Loss,
            BaselineAccuracy = baseline?.All.Accuracy,
        };

        private IEnumerable<string> Annotations(List<Check> checks)
        {
            string? file = _input.Sources.Select(s => CheckOutput.AnnotationFile(this, s)).FirstOrDefault(f => f != null);
            foreach (Check c in checks.Where(c => !c.Passed))
            {
                string? at = c.Scope == "Source" ? CheckOutput.AnnotationFile(this, c.Subject ?? "") : file;
                yield return Data.GitHubAnnotation.Format("error", c.Message, at, 0, "Assert-CrossEntropy: " + c.Name);
            }
            foreach (InputProblem p in _input.Problems)
                yield return Data.GitHubAnnotation.Format("warning", p.ToString(), CheckOutput.AnnotationFile(this, p.Source),
                    Data.GitHubAnnotation.LineOf(p.Row), "Assert-CrossEntropy: rejected row");
        }

        private void Invalid(string message) =>
            ThrowTerminatingError(new ErrorRecord(new ArgumentException(message), "CrossEntropy.InvalidArguments", ErrorCategory.InvalidArgument, null));
    }
}
