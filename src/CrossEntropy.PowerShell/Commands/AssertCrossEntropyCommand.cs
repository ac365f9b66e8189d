using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using CrossEntropy.Data.Audit;
using CrossEntropy.Data.Checks;
using CrossEntropy.Data.Problems;
using CrossEntropy.Data.Results;
using CrossEntropy.Engine.Audit;
using CrossEntropy.Input;
using CrossEntropy.Output;
using CrossEntropy.Runs;

namespace CrossEntropy.Commands
{
    /// <summary>
    /// Assert-CrossEntropy: a CI gate. Reads every source as one audit (loss, accuracy, calibration; per class and per
    /// group), checks the limits given (<see cref="Limits"/>), optionally against a baseline file's figures, and
    /// returns the result when every limit holds — or throws one terminating error that lists every limit broken,
    /// so `$?` is false, try/catch and -ErrorAction Stop see it, and pwsh -c exits with 1.
    /// Rejected rows are warnings here (and counted against -MaximumRejected), not errors.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Assert, "CrossEntropy", DefaultParameterSetName = DefaultSet, SupportsShouldProcess = true, HelpUri = HelpRoot + "Assert-CrossEntropy.md")]
    [OutputType(typeof(AssertionResult))]
    public sealed class AssertCrossEntropyCommand : ScoringCmdlet
    {
        private AssertionSide? _input, _baseline;
        private RunDriver? _runs;
        private InputSources? _inputs;
        private Output.OutFile? _outFile;
        private readonly SummaryInput _summaries = new SummaryInput();

        /// <summary>Highest mean cross-entropy (nats) allowed.</summary>
        [Parameter]
        [ValidateRange(0.0, double.MaxValue)]
        [Input.InvariantNumber]
        public double MaximumLoss { get; set; }

        /// <summary>Lowest accuracy allowed.</summary>
        [Parameter]
        [ValidateRange(0.0, 1.0)]
        [Input.InvariantNumber]
        public double MinimumAccuracy { get; set; }

        /// <summary>Highest expected calibration error (top-label, equal-width bins) allowed.</summary>
        [Parameter]
        [ValidateRange(0.0, 1.0)]
        [Input.InvariantNumber]
        public double MaximumCalibrationError { get; set; }

        /// <summary>Calibration bins for -MaximumCalibrationError; 15 as in Guo et al.</summary>
        [Parameter]
        [ValidateRange(1, 100000)]
        public int BinCount { get; set; } = CalibrationAccumulator.DefaultBinCount;

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
        [Input.InvariantNumber]
        public double MaximumIncrease { get; set; }

        /// <summary>How much the accuracy may fall below the baseline's (absolute; a fraction of it with -Relative).</summary>
        [Parameter]
        [ValidateRange(0.0, double.MaxValue)]
        [Input.InvariantNumber]
        public double MaximumDecrease { get; set; }

        /// <summary>-MaximumIncrease and -MaximumDecrease are fractions of the baseline's figure (0.05 = 5%).</summary>
        [Parameter]
        public SwitchParameter Relative { get; set; }

        /// <summary>Also write the result as JSON to this file (written whether the assertion holds or not).</summary>
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

        /// <summary>Also write each failed check as a GitHub Actions ::error annotation, rejected rows as ::warning.</summary>
        [Parameter]
        public SwitchParameter GitHubAnnotation { get; set; }

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
            // An assertion with nothing to check would pass whatever the input is: refuse it rather than pass silently.
            if (!new[] { nameof(MaximumLoss), nameof(MinimumAccuracy), nameof(MaximumCalibrationError), nameof(MaximumRejected), nameof(MinimumUsed) }.Any(Given)
                && !limits.ComparesWithBaseline && Baseline == null)
                Invalid("No limit was given, so the assertion would pass whatever the input: give -MaximumLoss, -MinimumAccuracy, -MaximumCalibrationError, "
                    + "-MaximumRejected or -MinimumUsed, or -Baseline with -MaximumIncrease or -MaximumDecrease.");
            if (Baseline != null && !limits.ComparesWithBaseline)
                Invalid("-Baseline needs -MaximumIncrease (the loss) or -MaximumDecrease (the accuracy): how much worse than the baseline may the input be?");
            if (Baseline == null && limits.ComparesWithBaseline)
                Invalid("-MaximumIncrease and -MaximumDecrease compare with a baseline: give it with -Baseline.");
            if (Relative && !limits.ComparesWithBaseline)
                Invalid("-Relative applies to -MaximumIncrease and -MaximumDecrease.");
            if (OutFile != null) _outFile = Output.OutFile.Resolve(this, OutFile, NoClobber, Force, "Write the JSON result");
            var options = new AuditOptions { BinCount = BinCount };
            if (Baseline != null)
            {
                // The baseline is read first, through the same input layer and column options, as a run of its own.
                _baseline = new AssertionSide(this, "baseline: ");
                var baselineRuns = NewRuns(_baseline, options);
                Inputs(baselineRuns, Columns(), _baseline.Fail, writesTo: _outFile).ReadPath(Baseline);
                baselineRuns.Finish();
            }
            _input = new AssertionSide(this, "");
            _runs = NewRuns(_input, options);
            _inputs = Inputs(_runs, Columns(), _input.Fail, writesTo: _outFile);
        }

        private RunDriver NewRuns(AssertionSide side, AuditOptions options) =>
            new RunDriver(this, side, (schema, sink) => AuditStage.CreateRun(schema, ScoringSettings(), options, sink), combine: true);

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            // Summaries (e.g. Merge-CrossEntropyResult's) are checked as they are; anything else is a row.
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
            _inputs!.Complete(tookOtherInput: _summaries.Any);
            _runs!.Finish();
            AssertionSide input = _input!;
            _baseline?.WarnOfMore();
            input.WarnOfMore();

            if (_baseline?.Figures is RunFigures b && input.Figures is RunFigures i) RefuseOtherClasses(i, b);
            RunFigures current = _summaries.Any ? SummaryFiguresChecked(input) : input.Measured;
            RunFigures? baseline = _baseline?.Measured;
            List<AssertionCheck> checks = Limits().Evaluate(current, baseline);
            checks.AddRange(SourceChecks(input, "input"));
            if (_baseline != null)
            {
                checks.AddRange(SourceChecks(_baseline, "baseline"));
                if (_baseline.Sources.Count == 0 && _baseline.Failed.Count == 0)
                    checks.Add(Data.Checks.Limits.SourceFailure(Baseline!, $"the baseline '{Baseline}' matched no file"));
            }
            if (input.Sources.Count == 0 && input.Failed.Count == 0 && !_summaries.Any)
                checks.Add(Data.Checks.Limits.SourceFailure("input", "nothing was read: no file matched and no row came from the pipeline"));

            CheckReport report = Report(input, current, baseline, checks);
            AssertionResult result = CheckResults.Assertion(current, baseline, checks);
            if (_outFile?.Approved == true) CheckOutput.WriteJson(this, report, _outFile);
            if (GitHubAnnotation) CheckOutput.WriteAnnotations(this, Annotations(input, checks));
            if (result.Passed)
            {
                WriteObject(result);
                return;
            }
            List<AssertionCheck> failed = checks.Where(c => !c.Passed).ToList();
            string message = string.Format(CultureInfo.InvariantCulture, "{0} of {1} checks failed for {2}{3}:", failed.Count, checks.Count,
                current.Sources.Count == 0 ? "the input" : Data.Schemas.Schema.Names(current.Sources),
                baseline == null ? "" : $" (baseline {(baseline.Sources.Count == 0 ? Baseline : Data.Schemas.Schema.Names(baseline.Sources))})")
                + string.Concat(failed.Select(c => Environment.NewLine + "  " + Data.Problems.Printable.Of(c.Message))); // one line per check, whatever the input holds
            ThrowTerminatingError(new ErrorRecord(new InvalidOperationException(message), "CrossEntropy.AssertionFailed", ErrorCategory.LimitsExceeded, result));
        }

        /// <summary>Figures over other classes measure another task: comparing them would pass or fail for no reason.</summary>
        private void RefuseOtherClasses(RunFigures input, RunFigures baseline)
        {
            List<string> mine = input.Classes.Select(c => c.Key).ToList(), theirs = baseline.Classes.Select(c => c.Key).ToList();
            List<string> onlyInput = mine.Except(theirs, StringComparer.Ordinal).ToList(), onlyBaseline = theirs.Except(mine, StringComparer.Ordinal).ToList();
            if (onlyInput.Count == 0 && onlyBaseline.Count == 0) return;
            string message = $"The baseline '{Baseline}' has other classes than the input, so their figures cannot be compared: "
                + $"only in the baseline: {Listed(onlyBaseline)}; only in the input: {Listed(onlyInput)}. Give a baseline of the same model's classes (or name them with -Class).";
            ThrowTerminatingError(new ErrorRecord(new InvalidOperationException(message), "CrossEntropy.BaselineClassesDiffer", ErrorCategory.InvalidData, Baseline));
        }

        private static string Listed(List<string> classes) => classes.Count == 0 ? "none" : string.Join(", ", classes.Take(10)) + (classes.Count > 10 ? " and " + (classes.Count - 10).ToString(CultureInfo.InvariantCulture) + " more" : "");

        // The figures of piped summaries: never together with rows, and each limit needs the summary that has its figure.
        private RunFigures SummaryFiguresChecked(AssertionSide input)
        {
            if (input.Sources.Count > 0)
                Invalid("Assert-CrossEntropy got both summaries and prediction rows: give one or the other.");
            if (Given(nameof(MaximumCalibrationError)) && !_summaries.HasCalibration)
                Invalid("-MaximumCalibrationError needs a Measure-Calibration summary among the summaries piped in.");
            if ((Given(nameof(MaximumLoss)) || Given(nameof(MinimumAccuracy)) || PerClass || Baseline != null) && !_summaries.HasLoss)
                Invalid("-MaximumLoss, -MinimumAccuracy, -PerClass and -Baseline need a Measure-CrossEntropy summary among the summaries piped in.");
            try
            {
                return _summaries.Figures();
            }
            catch (Data.Results.Merging.MergeException e)
            {
                ThrowTerminatingError(new ErrorRecord(e, "CrossEntropy.SummaryRefused", ErrorCategory.InvalidData, null));
                throw;
            }
        }

        private static IEnumerable<AssertionCheck> SourceChecks(AssertionSide side, string what) =>
            side.Failed.Select(f => Data.Checks.Limits.SourceFailure(f.Source, $"{(what == "baseline" ? "the baseline " : "")}{f.Source} could not be read: {f.Reason}"));

        private static CheckReport Report(AssertionSide input, RunFigures current, RunFigures? baseline, List<AssertionCheck> checks)
        {
            var report = new CheckReport
            {
                Command = "Assert-CrossEntropy",
                ToolVersion = CheckOutput.ToolVersion,
                Passed = checks.All(c => c.Passed),
                Input = SideOf(current),
                Baseline = baseline == null ? null : SideOf(baseline),
                ProblemCount = input.ProblemCount + input.Failed.Count,
            };
            report.Checks.AddRange(checks);
            if (input.Failed.Count > 0) report.ProblemsByKind.Add(new KeyValuePair<string, long>(nameof(ProblemKind.Source), input.Failed.Count));
            if (input.ProblemCount > 0) report.ProblemsByKind.Add(new KeyValuePair<string, long>(nameof(ProblemKind.Rejected), input.ProblemCount));
            foreach (SourceFailure f in input.Failed)
                report.ShownProblems.Add(new Problem(ProblemKind.Source, f.Source, 0, null, null, f.Reason));
            foreach (Problem p in input.Problems.Take(AssertionSide.ShownProblems - report.ShownProblems.Count))
                report.ShownProblems.Add(p.As(ProblemKind.Rejected));
            return report;
        }

        private static CheckSide SideOf(RunFigures f)
        {
            var side = new CheckSide { Sources = f.Sources, Counts = f.All.Counts };
            side.Metrics.Add(new KeyValuePair<string, double>("loss", f.All.Loss));
            side.Metrics.Add(new KeyValuePair<string, double>("accuracy", f.All.Accuracy));
            side.Metrics.Add(new KeyValuePair<string, double>("expectedCalibrationError", f.All.ExpectedCalibrationError));
            return side;
        }

        private IEnumerable<string> Annotations(AssertionSide input, List<AssertionCheck> checks)
        {
            string? file = input.Sources.Select(s => CheckOutput.AnnotationFile(this, s)).FirstOrDefault(f => f != null);
            foreach (AssertionCheck c in checks.Where(c => !c.Passed))
            {
                string? at = c.Scope == nameof(CheckScope.Source) ? CheckOutput.AnnotationFile(this, c.Subject ?? "") : file;
                yield return Data.Checks.GitHubAnnotation.Format("error", c.Message, at, 0, "Assert-CrossEntropy: " + c.Name);
            }
            foreach (Problem p in input.Problems)
                yield return Data.Checks.GitHubAnnotation.Format("warning", p.ToString(), CheckOutput.AnnotationFile(this, p.Source),
                    Data.Checks.GitHubAnnotation.LineOf(p.Row), "Assert-CrossEntropy: rejected row");
        }

        private void Invalid(string message) =>
            ThrowTerminatingError(new ErrorRecord(new ArgumentException(message), "CrossEntropy.InvalidArguments", ErrorCategory.InvalidArgument, null));
    }
}
