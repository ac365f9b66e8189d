using System.Management.Automation;
using CrossEntropy.Data.Audit;
using CrossEntropy.Engine;
using CrossEntropy.Input;
using CrossEntropy.Output;
using CrossEntropy.Runs;

namespace CrossEntropy.Commands
{
    /// <summary>
    /// Measure-Classification: scikit-learn's classification figures of the predicted class (argmax) against the
    /// label — accuracy, balanced accuracy, precision/recall/F1 per class and their macro, weighted and micro means,
    /// Matthews' correlation, Cohen's kappa, the confusion matrix — and the ranking figures of the probabilities (ROC
    /// AUC and average precision; one-vs-rest for more than two classes). With -Curve, the ROC or precision-recall
    /// points instead. One summary per source, or per group with -GroupBy. The loss options (-Weight, smoothing) do not
    /// change any of these figures, so the cmdlet takes the scoring options only.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Measure, "Classification", DefaultParameterSetName = DefaultSet, HelpUri = HelpRoot + "Measure-Classification.md")]
    [OutputType(typeof(ClassificationSummary), typeof(RocPoint), typeof(PrecisionRecallPoint))]
    public sealed class MeasureClassificationCommand : ScoringCmdlet
    {
        private ObjectWriter? _writer;
        private RunDriver? _runs;
        private InputSources? _inputs;

        /// <summary>Return the points of this curve instead of summaries: Roc, RocAll (every threshold) or PrecisionRecall.</summary>
        [Parameter]
        public ClassificationCurve Curve { get; set; } = ClassificationCurve.None;

        /// <summary>
        /// Carry each class's exact score ranking on the summary (RankingScores, ...: 24 bytes per distinct score per
        /// ranked class), so Merge-CrossEntropyResult merges RocAuc and AveragePrecision exactly across shards.
        /// </summary>
        [Parameter]
        public SwitchParameter IncludeRanking { get; set; }

        /// <inheritdoc/>
        protected override void BeginProcessing()
        {
            _writer = new ObjectWriter(this);
            var options = new AuditOptions { Classification = true };
            _runs = new RunDriver(this, new ClassificationOutput(_writer, Curve, IncludeRanking),
                (schema, sink) => AuditStage.CreateRun(schema, ScoringSettings(), options, sink));
            _inputs = Inputs(_runs, Columns());
        }

        /// <inheritdoc/>
        protected override void ProcessRecord() => _inputs!.Process();

        /// <inheritdoc/>
        protected override void EndProcessing()
        {
            _inputs!.Complete();
            _runs!.Finish();
            _writer!.Flush();
        }
    }
}
