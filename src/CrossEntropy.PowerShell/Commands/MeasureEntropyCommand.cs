using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using CrossEntropy.Data.Audit;
using CrossEntropy.Engine;
using CrossEntropy.Input;
using CrossEntropy.Output;
using CrossEntropy.Runs;
using Microsoft.Data.Analysis;

namespace CrossEntropy.Commands
{
    /// <summary>
    /// Measure-Entropy: the entropy of the predicted distributions (the model's uncertainty) and, against labels or
    /// soft targets, the target entropy, cross-entropy and KL divergence (H(t, q) = H(t) + KL(t ‖ q)); or, with
    /// -Label or -Count, the entropy and Gini impurity of a set of labels or class counts.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Measure, "Entropy", DefaultParameterSetName = DefaultSet, HelpUri = HelpRoot + "Measure-Entropy.md")]
    [OutputType(typeof(EntropySummary), typeof(EntropyRow), typeof(LabelEntropy), typeof(DataFrame))]
    public sealed class MeasureEntropyCommand : ScoringCmdlet
    {
        private const string LabelSet = "Label", CountSet = "Count";

        /// <summary>Labels (any values): the entropy of their empirical distribution.</summary>
        [Parameter(ParameterSetName = LabelSet, Mandatory = true)]
        [AllowEmptyString]
        public object[]? Label { get; set; }

        /// <summary>Class counts: a hashtable of class name to count, or an array of counts in class order.</summary>
        [Parameter(ParameterSetName = CountSet, Mandatory = true)]
        public object? Count { get; set; }

        /// <summary>The logarithm's base: 2 (bits), e (nats, the default) or 10.</summary>
        [Parameter]
        [ValidateSet("2", "e", "10")]
        public string Base { get; set; } = "e";

        /// <summary>Mean (default) or Sum over rows, or None for one object per row.</summary>
        [Parameter]
        public Reduction Reduction { get; set; } = Reduction.Mean;

        /// <summary>With -Reduction None, return the rows as one Microsoft.Data.Analysis DataFrame.</summary>
        [Parameter]
        public SwitchParameter AsDataFrame { get; set; }

        private double LogBase => Base == "e" ? 1.0 : Engine.Audit.Entropy.LogOfBase(double.Parse(Base, CultureInfo.InvariantCulture));

        private ObjectWriter? _writer;
        private RunDriver? _runs;
        private InputSources? _inputs;

        /// <inheritdoc/>
        protected override void BeginProcessing()
        {
            if (ParameterSetName == LabelSet || ParameterSetName == CountSet) return;
            _writer = new ObjectWriter(this, AsDataFrame.IsPresent);
            _runs = new RunDriver(this, new EntropyOutput(_writer, Reduction, Base, LogBase),
                (schema, sink) => AuditStage.CreateRun(schema, ScoringSettings(), new AuditOptions(), sink));
            _inputs = Inputs(_runs, Columns(labelOptional: true)); // the entropy of predictions needs no labels
        }

        /// <inheritdoc/>
        protected override void ProcessRecord() => _inputs?.Process();

        /// <inheritdoc/>
        protected override void EndProcessing()
        {
            if (_inputs == null)
            {
                WriteLabelEntropy();
                return;
            }
            _inputs.Complete();
            _runs!.Finish();
            _writer!.Flush();
        }

        private void WriteLabelEntropy()
        {
            (string[] classes, double[] counts) = ParameterSetName == LabelSet ? Tally(Label!) : Counts(Count);
            double total = counts.Sum();
            double h;
            try
            {
                h = Engine.Audit.Entropy.OfCounts(counts);
            }
            catch (ArgumentException e)
            {
                ThrowTerminatingError(new ErrorRecord(e, "CrossEntropy.InvalidCount", ErrorCategory.InvalidArgument, Count));
                return;
            }
            if (!(total > 0)) WriteWarning("There are no labels (the counts sum to 0), so the entropy is NaN.");
            WriteObject(new LabelEntropy
            {
                Entropy = h / LogBase,
                GiniImpurity = Engine.Audit.Entropy.GiniOfCounts(counts),
                NormalizedEntropy = classes.Length > 1 ? h / Math.Log(classes.Length) : double.NaN,
                Base = Base,
                Total = total,
                Classes = classes,
                Counts = counts,
                Proportions = counts.Select(n => total > 0 ? n / total : double.NaN).ToArray(),
            });
        }

        // Classes in order of first appearance; labels compare as invariant text ("1" and 1 are one class).
        private static (string[], double[]) Tally(object[] labels)
        {
            var order = new List<string>();
            var counts = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (object label in labels)
            {
                string key = Text(label);
                if (!counts.TryGetValue(key, out double n)) order.Add(key);
                counts[key] = n + 1;
            }
            return (order.ToArray(), order.Select(k => counts[k]).ToArray());
        }

        private (string[], double[]) Counts(object? given)
        {
            object? value = given is PSObject ps ? ps.BaseObject : given;
            try
            {
                if (value is IDictionary map)
                {
                    var names = new List<string>();
                    var counts = new List<double>();
                    foreach (DictionaryEntry e in map)
                    {
                        names.Add(Text(e.Key));
                        counts.Add(LanguagePrimitives.ConvertTo<double>(e.Value));
                    }
                    return (names.ToArray(), counts.ToArray());
                }
                double[] array = LanguagePrimitives.ConvertTo<double[]>(value);
                return (array.Select((_, c) => c.ToString(CultureInfo.InvariantCulture)).ToArray(), array);
            }
            catch (PSInvalidCastException e)
            {
                ThrowTerminatingError(new ErrorRecord(new ArgumentException($"-Count takes numbers (a hashtable of class = count, or an array): {e.Message}", e),
                    "CrossEntropy.InvalidCount", ErrorCategory.InvalidArgument, given));
                throw;
            }
        }

        private static string Text(object? o) => (o is PSObject ps ? ps.BaseObject : o) switch
        {
            null => "",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            object x => x.ToString() ?? "",
        };
    }
}
