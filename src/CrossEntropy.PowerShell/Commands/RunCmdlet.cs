using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using CrossEntropy.Data;
using CrossEntropy.Engine;
using CrossEntropy.Input;

namespace CrossEntropy.Commands
{
    /// <summary>
    /// The life of a <see cref="LossRun"/> behind a cmdlet: one run per source (or one over all sources when
    /// combining), rows fed in, problems written as errors, and the finished run handed to the cmdlet.
    /// </summary>
    public abstract class RunCmdlet : InputCmdlet
    {
        private readonly List<string> _sources = new List<string>();
        private LossRun? _run;

        /// <summary>The sources feeding the current run, joined for display.</summary>
        protected string SourceLabel => string.Join(", ", _sources);

        /// <summary>True to keep one run across sources (files must then share classes and input kind).</summary>
        protected virtual bool CombineSources => false;

        /// <summary>Creates the run for a source; an <see cref="ArgumentException"/> becomes a terminating error.</summary>
        protected abstract LossRun CreateRun(Schema schema);

        /// <summary>Called once a run has seen all its rows (after the final flush).</summary>
        protected abstract void Complete(LossRun run);

        /// <inheritdoc/>
        protected override void BeginSource(Schema schema, bool isFile)
        {
            if (_run != null && CombineSources)
            {
                if (!_run.Schema.IsCompatibleWith(schema, out string why))
                {
                    ThrowTerminatingError(new ErrorRecord(
                        new InvalidOperationException($"{schema.SourceName} cannot be combined with {_run.Schema.SourceName}: {why}."),
                        "CrossEntropy.IncompatibleSources", ErrorCategory.InvalidData, schema.SourceName));
                }
                _sources.Add(schema.SourceName);
                return;
            }
            FinishRun();
            try
            {
                _run = CreateRun(schema);
            }
            catch (ArgumentException e)
            {
                ThrowTerminatingError(new ErrorRecord(e, "CrossEntropy.InvalidOption", ErrorCategory.InvalidArgument, schema.SourceName));
            }
            _run!.Problem = OnProblem;
            _sources.Clear();
            _sources.Add(schema.SourceName);
        }

        /// <summary>Called for each rejected row; writes it as a non-terminating error unless overridden.</summary>
        protected virtual void OnProblem(InputProblem problem) => WriteProblem(problem, problem.Tag);

        /// <inheritdoc/>
        protected override void AddRecord(IRecord record, long row, object? tag) => _run!.Add(record, row, tag);

        /// <summary>Parses and computes the file's chunks on up to -ThrottleLimit threads; output stays in file order.</summary>
        private protected override long ReadFile(CsvFile file, FileProgress progress)
        {
            long rows = ParallelFile.Run(file, _run!, ThrottleLimit, () => Stopping, progress.Update);
            progress.Complete();
            return rows;
        }

        /// <inheritdoc/>
        protected override void EndSource(bool isFile)
        {
            if (!CombineSources) FinishRun();
        }

        /// <inheritdoc/>
        protected override void EndAll() => FinishRun();

        /// <summary>The verbose line that accounts for every row of a run.</summary>
        protected void WriteCounts(LossRun run) =>
            WriteVerbose(string.Format(CultureInfo.InvariantCulture, "{0}: {1} rows read, {2} used, {3} ignored, {4} rejected.",
                SourceLabel, run.Total.Read, run.Total.Used, run.Total.Ignored, run.Total.Rejected));

        private void FinishRun()
        {
            if (_run == null) return;
            LossRun run = _run;
            _run = null;
            if (run.Mode == RunMode.Gradient && run.GradientNormaliser == null) run.ReplayGradients();
            else run.Flush();
            if (run.OffSumRows > 0)
            {
                WriteWarning(string.Format(CultureInfo.InvariantCulture,
                    "{0}: {1} probability rows do not sum to 1 within {2} (first rows: {3}); they were used as given, not renormalised (as scikit-learn 1.5+ does).",
                    run.Schema.SourceName, run.OffSumRows, NumberText.Format(run.Engine.Options.ProbabilitySumTolerance), string.Join(", ", run.OffSumExamples)));
            }
            Complete(run);
        }
    }
}
