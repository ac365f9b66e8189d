using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using CrossEntropy.Data.Problems;
using CrossEntropy.Data.Records;
using CrossEntropy.Data.Runs;
using CrossEntropy.Data.Schemas;
using CrossEntropy.Data.Sources;
using CrossEntropy.Output;

namespace CrossEntropy.Runs
{
    /// <summary>A cmdlet's output side of its runs: the rows and problems of <see cref="IRunSink"/>, and each finished run.</summary>
    internal interface IRunOutput : IRunSink
    {
        /// <summary>A run has seen all its rows (computed and written); <paramref name="sources"/> fed it, in order.</summary>
        void Finished(LossRun run, IReadOnlyList<string> sources);
    }

    /// <summary>
    /// The life of the runs behind a cmdlet: one <see cref="LossRun"/> per source (or one over all sources when
    /// combining, the sources then checked to mean the same), records fed in, files read in parallel chunks, and each
    /// finished run handed to the output. Results flow one way: engine → run → the output given here.
    /// </summary>
    internal sealed class RunDriver : IRecordTarget
    {
        private readonly PSCmdlet _cmdlet;
        private readonly IRunOutput _output;
        private readonly Func<Schema, IRunSink, LossRun> _newRun;
        private readonly bool _combine;
        private readonly List<string> _sources = new List<string>();
        private LossRun? _run;

        /// <summary>
        /// Runs made by <paramref name="newRun"/> (an <see cref="ArgumentException"/> there is a terminating error),
        /// writing to <paramref name="output"/>; <paramref name="combine"/> keeps one run over every source.
        /// </summary>
        public RunDriver(PSCmdlet cmdlet, IRunOutput output, Func<Schema, IRunSink, LossRun> newRun, bool combine = false)
        {
            _cmdlet = cmdlet;
            _output = output;
            _newRun = newRun;
            _combine = combine;
        }

        /// <summary>The sources feeding the current run, joined for display.</summary>
        public static string Label(IReadOnlyList<string> sources) => string.Join(", ", sources);

        /// <inheritdoc/>
        public void BeginSource(Schema schema, SourceKind kind)
        {
            if (_run != null && _combine)
            {
                SchemaMismatch mismatch = _run.Schema.CompareWith(schema, columns: true);
                if (mismatch != SchemaMismatch.None)
                {
                    _cmdlet.ThrowTerminatingError(new ErrorRecord(
                        new InvalidOperationException($"{schema.SourceName} cannot be combined with {_run.Schema.SourceName}: {_run.Schema.Explain(schema, mismatch)}."),
                        "CrossEntropy.IncompatibleSources", ErrorCategory.InvalidData, schema.SourceName));
                }
            }
            else
            {
                Finish();
                try
                {
                    _run = _newRun(schema, _output);
                }
                catch (ArgumentException e)
                {
                    _cmdlet.ThrowTerminatingError(new ErrorRecord(ForUser(e), "CrossEntropy.InvalidOption", ErrorCategory.InvalidArgument, schema.SourceName));
                }
                _sources.Clear();
            }
            _sources.Add(schema.SourceName);
            _run!.CurrentFile = kind == SourceKind.File ? schema.SourceName : null;
            _run.CurrentSource = schema.SourceName;
        }

        /// <inheritdoc/>
        public void Add(IRecord record, long row, object? tag) => _run!.Add(record, row, tag);

        /// <summary>
        /// Parses and computes the file's chunks on up to -ThrottleLimit threads; output stays in file order. The gradient
        /// of the mean of a file takes two passes, so that memory stays flat (<see cref="MeanGradientPasses"/>).
        /// </summary>
        public long ReadFile(IChunkedFile file, FileReading reading)
        {
            if (!_combine) _run = MeanGradientPasses.ForFile(_run!, file, reading, _output);
            return ParallelFile.Run(file, _run!, reading);
        }

        /// <inheritdoc/>
        public void EndSource()
        {
            if (!_combine) Finish();
        }

        /// <summary>Finishes the current run, if any: its last rows, the warnings it calls for, its output.</summary>
        public void Finish()
        {
            if (_run == null) return;
            LossRun run = _run;
            _run = null;
            run.Finish();
            RunSums sums = run.Sums;
            if (sums.OffSumRows > 0)
            {
                _cmdlet.WriteWarning(string.Format(CultureInfo.InvariantCulture,
                    "{0}: {1} probability rows do not sum to 1 within {2} (first rows: {3}); they were used as given, not renormalised (as scikit-learn 1.5+ does).",
                    Printable.Of(run.Schema.SourceName), sums.OffSumRows, NumberText.Format(run.Plan.Options.ProbabilitySumTolerance), string.Join(", ", sums.OffSumExamples)));
            }
            if (run.Total.WeightsOverflow)
            {
                _cmdlet.WriteWarning(string.Format(CultureInfo.InvariantCulture,
                    "{0}: the weights of the used rows add up to more than the largest double ({1}), so the mean loss, accuracy and gradients of the mean are NaN; scale the weights down (only their ratios matter).",
                    Printable.Of(run.Schema.SourceName), NumberText.Format(double.MaxValue)));
            }
            ObjectWriter.Of(_cmdlet)?.EndRun(run.Schema);
            _output.Finished(run, _sources.ToArray());
        }

        /// <summary>The verbose line that accounts for every row of a run.</summary>
        public static void WriteCounts(Cmdlet cmdlet, LossRun run, IReadOnlyList<string> sources) =>
            cmdlet.WriteVerbose(string.Format(CultureInfo.InvariantCulture, "{0}: {1} rows read, {2} used, {3} ignored, {4} rejected.",
                Printable.Of(Label(sources)), run.Total.Read, run.Total.Used, run.Total.Ignored, run.Total.Rejected));

        /// <summary>
        /// An option error as the user should read it: the engine names its own options (ClassWeights, ...), and .NET
        /// appends "(Parameter 'ClassWeights')"; the message names the cmdlet's parameter (-Weight) instead.
        /// </summary>
        internal static ArgumentException ForUser(ArgumentException e)
        {
            string? name = e.ParamName;
            if (name == null) return e;
            string text = e.Message.Replace(" (Parameter '" + name + "')", "").Replace(Environment.NewLine + "Parameter name: " + name, "");
            string? parameter = name == "ClassWeights" ? "Weight"
                : Array.IndexOf(UserOptions, name) >= 0 ? name : null;
            return new ArgumentException(parameter == null ? text : "-" + parameter + ": " + text, e);
        }

        // Engine options whose cmdlet parameter has the same name.
        private static readonly string[] UserOptions = { "LabelSmoothing", "Temperature", "Epsilon", "PosWeight", "TopK" };
    }
}
