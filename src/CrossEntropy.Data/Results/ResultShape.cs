using System;
using CrossEntropy.Data.Schemas;
using CrossEntropy.Engine;

namespace CrossEntropy.Data.Results
{
    /// <summary>
    /// What a summary's figures are of, apart from its sums: the classes, the kind of input and targets, and the
    /// options that define the figures (<see cref="OptionsText"/>). A run takes it from its schema and options; a
    /// merge from the results it merges, which must all have the same.
    /// </summary>
    internal sealed class ResultShape
    {
        /// <summary>Class names in order.</summary>
        public string[] Classes { get; init; } = Array.Empty<string>();
        /// <summary>Logits, Probabilities or LogProbabilities (-TargetLogProbabilityColumn).</summary>
        public string Input { get; init; } = "";
        /// <summary>ClassIndex, Soft, Binary or MultiLabel.</summary>
        public string Target { get; init; } = "";
        /// <summary>The options text.</summary>
        public string Options { get; init; } = "";
        /// <summary>k of top-k accuracy.</summary>
        public int TopK { get; init; } = 1;
        /// <summary>True with -ZLoss: the summary then shows the z-loss part apart (ZLoss).</summary>
        public bool ZLoss { get; init; }

        /// <summary>The shape of a run over <paramref name="schema"/> with <paramref name="options"/>.</summary>
        public static ResultShape Of(Schema schema, LossOptions options, string optionsText) => new ResultShape
        {
            Classes = schema.Classes,
            Input = schema.Target == TargetKind.TargetLogProbability ? "LogProbabilities" : schema.Input.ToString(),
            Target = schema.Target.ToString(),
            Options = optionsText,
            TopK = options.TopK,
            ZLoss = options.ZLoss != 0,
        };

        /// <summary>The name of class <paramref name="c"/>, or its index as text beyond the names (as Schema.ClassName).</summary>
        public string ClassName(int c) =>
            c >= 0 && c < Classes.Length ? Classes[c] : c.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
