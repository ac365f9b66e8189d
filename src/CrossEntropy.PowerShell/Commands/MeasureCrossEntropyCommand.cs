using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using CrossEntropy.Data;
using CrossEntropy.Engine;
using CrossEntropy.Input;

namespace CrossEntropy.Commands
{
    /// <summary>
    /// Measure-CrossEntropy: the cross-entropy loss of predictions against labels, with PyTorch's
    /// nn.CrossEntropyLoss options. Returns a summary (per file, or per group) or, with -Reduction None, one
    /// object per row.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Measure, "CrossEntropy", DefaultParameterSetName = ObjectSet)]
    [OutputType(typeof(LossSummary), typeof(RowLoss))]
    public sealed class MeasureCrossEntropyCommand : InputCmdlet
    {
        private LossRun? _run;
        private readonly List<string> _sources = new List<string>();

        /// <summary>Mean (default), Sum, or None for one object per row.</summary>
        [Parameter]
        public Reduction Reduction { get; set; } = Reduction.Mean;

        /// <summary>Class weights: an array in class order, or a hashtable keyed by class name.</summary>
        [Parameter]
        public object? Weight { get; set; }

        /// <summary>Rows whose label is this index or class name are ignored (counted in Ignored).</summary>
        [Parameter]
        public object? IgnoreIndex { get; set; }

        /// <summary>Label smoothing ε in [0, 1).</summary>
        [Parameter]
        [ValidateRange(0.0, 1.0)]
        public double LabelSmoothing { get; set; }

        /// <summary>Logits are divided by this before the softmax.</summary>
        [Parameter]
        public double Temperature { get; set; } = 1.0;

        /// <summary>Probability inputs are clipped to [Epsilon, 1 - Epsilon] (default: double's machine epsilon).</summary>
        [Parameter]
        public double Epsilon { get; set; } = LossOptions.MachineEpsilon;

        /// <summary>Weight of positive labels for binary and multi-label losses (one value, or one per column).</summary>
        [Parameter]
        public double[]? PosWeight { get; set; }

        /// <summary>k for TopKAccuracy on the summary.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int TopK { get; set; } = 1;

        /// <summary>With several files, one summary over all of them instead of one per file.</summary>
        [Parameter]
        public SwitchParameter Combine { get; set; }

        /// <inheritdoc/>
        protected override void BeginSource(Schema schema, bool isFile)
        {
            if (_run != null)
            {
                if (!schema.IsCompatibleWith(_run.Schema, out string why))
                {
                    ThrowTerminatingError(new ErrorRecord(
                        new InvalidOperationException($"{schema.SourceName} cannot be combined with {_run.Schema.SourceName}: {why}."),
                        "CrossEntropy.IncompatibleSources", ErrorCategory.InvalidData, schema.SourceName));
                }
                _sources.Add(schema.SourceName);
                return;
            }
            LossOptions options;
            try
            {
                options = Settings().Resolve(schema);
            }
            catch (ArgumentException e)
            {
                ThrowTerminatingError(new ErrorRecord(e, "CrossEntropy.InvalidOption", ErrorCategory.InvalidArgument, schema.SourceName));
                return;
            }
            _run = new LossRun(schema, options);
            _run.Problem = p => WriteProblem(p, p.Tag);
            if (Reduction == Reduction.None) _run.BlockComputed = WriteRows;
            _sources.Clear();
            _sources.Add(schema.SourceName);
        }

        /// <inheritdoc/>
        protected override void AddRecord(IRecord record, long row, object? tag)
        {
            _run!.Add(record, row, tag);
        }

        /// <inheritdoc/>
        protected override void EndSource(bool isFile)
        {
            if (!isFile || !Combine) Finish();
        }

        /// <inheritdoc/>
        protected override void EndAll() => Finish();

        private void Finish()
        {
            if (_run == null) return;
            _run.Flush();
            LossRun run = _run;
            _run = null;
            WarnAboutInputs(run);
            string source = string.Join(", ", _sources);
            if (Reduction == Reduction.None)
            {
                WriteVerbose(string.Format(CultureInfo.InvariantCulture, "{0}: {1} rows read, {2} used, {3} ignored, {4} rejected.",
                    source, run.Total.Read, run.Total.Used, run.Total.Ignored, run.Total.Rejected));
                return;
            }
            if (run.Schema.GroupColumn < 0)
            {
                WriteSummary(run, run.Total, source, null);
                return;
            }
            for (int g = 0; g < run.Groups.Count; g++) WriteSummary(run, run.Groups[g], source, run.Reader.GroupNames[g]);
        }

        private void WriteSummary(LossRun run, LossAccumulator a, string source, string? group)
        {
            if (a.WeightSum == 0)
            {
                string where = group == null ? source : $"{source}, group '{group}'";
                string why = a.Used == 0
                    ? $"no row was used ({a.Read} read: {a.Ignored} ignored, {a.Rejected} rejected)"
                    : $"the {a.Used} used rows have a total weight of 0";
                WriteWarning($"{where}: the mean loss is NaN (as in PyTorch) because {why}.");
            }
            WriteObject(LossSummary.From(a, run.Schema, run.Engine.Options, Reduction, source, group));
        }

        private void WarnAboutInputs(LossRun run)
        {
            if (run.OffSumRows == 0) return;
            WriteWarning(string.Format(CultureInfo.InvariantCulture,
                "{0}: {1} probability rows do not sum to 1 within {2} (first rows: {3}); they were used as given, not renormalised (as scikit-learn 1.5+ does).",
                run.Schema.SourceName, run.OffSumRows, NumberText.Format(run.Engine.Options.ProbabilitySumTolerance), string.Join(", ", run.OffSumExamples)));
        }

        private void WriteRows(RowBlock block, BlockResult result)
        {
            Schema schema = _run!.Schema;
            List<string> groups = _run.Reader.GroupNames;
            for (int i = 0; i < result.Count; i++)
            {
                RowStatus status = result.Status[i];
                if (status == RowStatus.Rejected) continue;
                bool ignored = status == RowStatus.Ignored;
                int truth = result.TrueClass[i];
                WriteObject(new RowLoss
                {
                    Row = block.RowNumbers[i],
                    Source = schema.SourceName,
                    Label = ignored ? schema.ClassName(block.Labels[i]) : truth >= 0 ? schema.ClassName(truth) : null,
                    Loss = result.Loss[i],
                    Predicted = ignored ? null : schema.ClassName(result.Predicted[i]),
                    Confidence = result.Confidence[i],
                    Correct = !ignored && result.Correct[i] == 1,
                    Ignored = ignored,
                    Group = block.Groups == null ? null : groups[block.Groups[i]],
                });
            }
        }

        private LossSettings Settings()
        {
            var s = new LossSettings
            {
                IgnoreIndex = IgnoreIndex == null ? null : Convert.ToString(Unwrap(IgnoreIndex), CultureInfo.InvariantCulture),
                LabelSmoothing = LabelSmoothing,
                Temperature = Temperature,
                Epsilon = Epsilon,
                PosWeight = PosWeight,
                TopK = TopK,
            };
            object? w = Unwrap(Weight);
            if (w is IDictionary d)
            {
                s.WeightByClass = new Dictionary<string, double>(StringComparer.Ordinal);
                foreach (DictionaryEntry e in d)
                    s.WeightByClass[Convert.ToString(Unwrap(e.Key), CultureInfo.InvariantCulture) ?? ""] = LanguagePrimitives.ConvertTo<double>(e.Value);
            }
            else if (w != null)
            {
                s.Weight = LanguagePrimitives.ConvertTo<double[]>(w);
            }
            return s;
        }

        private static object? Unwrap(object? o) => o is PSObject ps ? ps.BaseObject : o;
    }
}
