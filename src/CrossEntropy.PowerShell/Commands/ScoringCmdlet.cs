using System;
using System.Globalization;
using System.Management.Automation;
using CrossEntropy.Data.Runs;
using CrossEntropy.Engine;

namespace CrossEntropy.Commands
{
    /// <summary>
    /// The scoring options every loss and audit cmdlet shares, declared once: how scores become the predicted
    /// distribution (-Temperature, -Epsilon) and which rows are ignored (-IgnoreIndex). Parameters only.
    /// </summary>
    public abstract class ScoringCmdlet : CrossEntropyCmdlet
    {
        /// <summary>Logits are divided by this before the softmax or sigmoid.</summary>
        [Parameter]
        [Input.InvariantNumber]
        public double Temperature { get; set; } = 1.0;

        /// <summary>Probability inputs are clipped to [Epsilon, 1 - Epsilon] (default: double's machine epsilon).</summary>
        [Parameter]
        [Input.InvariantNumber]
        public double Epsilon { get; set; } = LossOptions.MachineEpsilon;

        /// <summary>Rows whose label is this index or class name are ignored (counted in Ignored); -100 as in PyTorch, $null for none.</summary>
        [Parameter]
        [AllowNull]
        [ArgumentCompleter(typeof(Input.ColumnCompleter))]
        public object? IgnoreIndex { get; set; } = LossOptions.PyTorchIgnoreIndex;

        /// <summary>-IgnoreIndex as text (an index or a class name), or null for none.</summary>
        private protected string? IgnoreIndexText => IndexText(IgnoreIndex);

        /// <summary>The scoring options as the input layer resolves them against a schema (the audits' settings).</summary>
        private protected LossSettings ScoringSettings() =>
            new LossSettings { Temperature = Temperature, Epsilon = Epsilon, IgnoreIndex = IgnoreIndexText };

        /// <summary>An index or class name given as any object, as text; null stays null.</summary>
        internal static string? IndexText(object? value) =>
            (value is PSObject ps ? ps.BaseObject : value) is object index ? Convert.ToString(index, CultureInfo.InvariantCulture) : null;
    }
}
