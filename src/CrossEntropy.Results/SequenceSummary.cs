using System.Globalization;

namespace CrossEntropy
{
    /// <summary>One sequence's figures (Measure-CrossEntropy -SequenceColumn with -Reduction None).</summary>
    public sealed class SequenceSummary
    {
        /// <summary>The sequence id (the -SequenceColumn value).</summary>
        public string Sequence { get; set; } = "";
        /// <summary>Tokens counted in the loss (padding with the ignore index and rejected rows not included).</summary>
        public long Tokens { get; set; }
        /// <summary>Padding tokens (rows whose label is the ignore index).</summary>
        public long Ignored { get; set; }
        /// <summary>Mean loss over the sequence's tokens (weighted as the overall mean); NaN for a sequence with no contributing token.</summary>
        public double Loss { get; set; }
        /// <summary>exp(Loss).</summary>
        public double Perplexity { get; set; }
        /// <summary>Loss / ln 2.</summary>
        public double BitsPerToken { get; set; }
        /// <summary>Fraction of the sequence's tokens predicted right (weighted by sample weight).</summary>
        public double Accuracy { get; set; }
        /// <summary>The file (or "pipeline input").</summary>
        public string Source { get; set; } = "";

        /// <inheritdoc/>
        public override string ToString() => Sequence + ": " + Loss.ToString("R", CultureInfo.InvariantCulture);
    }
}
