using System;
using System.Management.Automation;
using CrossEntropy.Data.Runs;
using CrossEntropy.Engine;
using CrossEntropy.Input;
using CrossEntropy.Output;
using CrossEntropy.Runs;

namespace CrossEntropy.Commands
{
    /// <summary>
    /// Get-Softmax: per-row probabilities of logits (F.softmax / F.log_softmax; the sigmoid for a single logit
    /// column), with the predicted class and its probability. Labels are optional.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "Softmax", DefaultParameterSetName = DefaultSet, HelpUri = HelpRoot + "Get-Softmax.md")]
    [OutputType(typeof(SoftmaxRow), typeof(LogSoftmaxRow))]
    public sealed class GetSoftmaxCommand : CrossEntropyCmdlet
    {
        private RunDriver? _runs;
        private InputSources? _inputs;

        /// <summary>Logits are divided by this before the softmax (Get-Softmax has no -Epsilon or -IgnoreIndex, so not the shared scoring options).</summary>
        [Parameter]
        [Input.InvariantNumber]
        public double Temperature { get; set; } = 1.0;

        /// <summary>Log-probabilities (F.log_softmax) instead of probabilities.</summary>
        [Parameter]
        public SwitchParameter Log { get; set; }

        /// <inheritdoc/>
        protected override void BeginProcessing()
        {
            var output = new SoftmaxOutput(new ObjectWriter(this), Log.IsPresent);
            _runs = new RunDriver(this, output, (schema, sink) =>
            {
                if (schema.Input != InputKind.Logits)
                    throw new ArgumentException($"{schema.SourceName} holds probabilities; Get-Softmax takes logits (name them with -LogitColumn).");
                // Labels are only shown; PyTorch's ignore index (-100) passes as a label rather than being rejected.
                var settings = new LossSettings { Temperature = Temperature, IgnoreIndex = ScoringCmdlet.IndexText(LossOptions.PyTorchIgnoreIndex) };
                var run = new LossRun(new RunPlan(schema, settings.Resolve(schema), RunMode.Softmax) { PerRowOutput = true, LogProbabilities = Log.IsPresent }, sink);
                output.Begin(schema.Classes);
                return run;
            });
            _inputs = Inputs(_runs, Columns(labelOptional: true));
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
