using System.Management.Automation;
using CrossEntropy.Data.Runs;
using CrossEntropy.Engine;
using CrossEntropy.Input;
using CrossEntropy.Output;
using CrossEntropy.Runs;

namespace CrossEntropy.Commands
{
    /// <summary>
    /// Get-LossGradient: each row's loss and the gradient of the reduced loss with respect to its logits, as
    /// torch.autograd gives it. With -Reduction Mean every row is divided by the same normaliser as the loss, so the
    /// rows together are autograd's gradient of the mean; that needs every row first, so output starts at the end.
    /// -Reduction Sum streams.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "LossGradient", DefaultParameterSetName = DefaultSet, HelpUri = HelpRoot + "Get-LossGradient.md")]
    [OutputType(typeof(GradientRow))]
    public sealed class GetLossGradientCommand : LossCmdlet
    {
        private RunDriver? _runs;
        private InputSources? _inputs;

        /// <summary>Mean (default) or Sum: which reduced loss the gradient is of.</summary>
        [Parameter]
        [ValidateSet("Mean", "Sum")]
        public Reduction Reduction { get; set; } = Reduction.Mean;

        /// <summary>Caps each row's gradient at this Euclidean norm (0: no cap).</summary>
        [Parameter]
        [ValidateRange(0.0, double.MaxValue)]
        [Input.InvariantNumber]
        public double ClipNorm { get; set; }

        /// <inheritdoc/>
        protected override void BeginProcessing()
        {
            var output = new GradientOutput(new ObjectWriter(this));
            _runs = new RunDriver(this, output, (schema, sink) =>
            {
                var plan = new RunPlan(schema, Settings().Resolve(schema), RunMode.Gradient)
                {
                    PerRowOutput = true,
                    GradientNormaliser = Reduction == Reduction.Sum ? 1.0 : (double?)null,
                    ClipNorm = ClipNorm,
                };
                var run = new LossRun(plan, sink);
                output.Begin(schema.Target == TargetKind.Binary ? new[] { schema.Columns[schema.ScoreColumns[0]] } : schema.Classes);
                return run;
            });
            _inputs = Inputs(_runs, Columns());
        }

        /// <inheritdoc/>
        protected override void ProcessRecord() => _inputs!.Process();

        /// <inheritdoc/>
        protected override void EndProcessing()
        {
            _inputs!.Complete();
            _runs!.Finish();
        }
    }
}
