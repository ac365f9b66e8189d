using System;
using System.Globalization;

namespace CrossEntropy
{
    /// <summary>Loss figures for one true class.</summary>
    public sealed class ClassSummary
    {
        /// <summary>Class name.</summary>
        public string Class { get; set; } = "";
        /// <summary>Rows whose true class this is (used rows only).</summary>
        public long Count { get; set; }
        /// <summary>Weighted mean loss over those rows.</summary>
        public double Loss { get; set; }
        /// <summary>Fraction of those rows predicted right.</summary>
        public double Accuracy { get; set; }

        /// <inheritdoc/>
        public override string ToString() => Class + ": " + Loss.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The summary Measure-CrossEntropy returns (one per source, or per group with -GroupBy). Count is every row
    /// read, and Count = Used + Ignored + Rejected always holds.
    /// </summary>
    public sealed class LossSummary
    {
        /// <summary>The reduced loss (mean or sum, per Reduction).</summary>
        public double Loss { get; set; }
        /// <summary>Mean or Sum.</summary>
        public string Reduction { get; set; } = "Mean";
        /// <summary>Rows read.</summary>
        public long Count { get; set; }
        /// <summary>Rows counted in the loss.</summary>
        public long Used { get; set; }
        /// <summary>Rows whose label is the ignore index.</summary>
        public long Ignored { get; set; }
        /// <summary>Rows rejected with an error.</summary>
        public long Rejected { get; set; }
        /// <summary>The mean's denominator: Σ sample weight × class weight of the target (× 1 for soft and binary targets).</summary>
        public double WeightSum { get; set; }
        /// <summary>Fraction of used rows whose predicted class is the label.</summary>
        public double Accuracy { get; set; }
        /// <summary>k of TopKAccuracy.</summary>
        public int TopK { get; set; }
        /// <summary>Fraction of used rows whose label is among the k highest scores.</summary>
        public double TopKAccuracy { get; set; }
        /// <summary>exp(mean loss per unit of weight) (of the cross-entropy part alone with -ZLoss), also on a Sum summary: there Loss is the sum, and Perplexity is still exp(LossSum / WeightSum), never exp(Loss).</summary>
        public double Perplexity { get; set; }
        /// <summary>The z-loss part of Loss alone (reduced like it) with -ZLoss; null otherwise.</summary>
        public double? ZLoss { get; set; }
        /// <summary>With -SequenceColumn: the unweighted mean of each sequence's own mean loss (sequences with no contributing token skipped); null otherwise.</summary>
        public double? SequenceLoss { get; set; }
        /// <summary>With -SequenceColumn: distinct sequence ids read; null otherwise.</summary>
        public long? Sequences { get; set; }
        /// <summary>With -SequenceColumn: sequences with no contributing token (all padding, or total weight 0); null otherwise.</summary>
        public long? EmptySequences { get; set; }
        /// <summary>With -SequenceColumn: tokens counted in the loss (= Used); null otherwise.</summary>
        public long? Tokens { get; set; }
        /// <summary>With -SequenceColumn: the mean loss in bits (mean / ln 2); null otherwise.</summary>
        public double? BitsPerToken { get; set; }
        /// <summary>With -ParameterPath: the reduced data loss (= Loss); null otherwise.</summary>
        public double? DataLoss { get; set; }
        /// <summary>With -ParameterPath: λ1·‖θ‖₁ + λ2·‖θ‖²₂ of the parameter file; null otherwise.</summary>
        public double? Penalty { get; set; }
        /// <summary>With -ParameterPath: DataLoss + Penalty, the regularised objective; null otherwise.</summary>
        public double? Objective { get; set; }
        /// <summary>Figures per true class.</summary>
        public ClassSummary[] PerClass { get; set; } = Array.Empty<ClassSummary>();
        /// <summary>Logits, Probabilities or LogProbabilities (-TargetLogProbabilityColumn).</summary>
        public string Input { get; set; } = "";
        /// <summary>ClassIndex, Soft, Binary or MultiLabel.</summary>
        public string Target { get; set; } = "";
        /// <summary>Class names in order.</summary>
        public string[] Classes { get; set; } = Array.Empty<string>();
        /// <summary>The file (or "pipeline input", or several files joined by ", " with -Combine).</summary>
        public string Source { get; set; } = "";
        /// <summary>The group's value with -GroupBy; null otherwise.</summary>
        public string? Group { get; set; }

        // Sufficient statistics: plain numbers and arrays of numbers (they survive remoting, jobs, Clixml and JSON),
        // from which Merge-CrossEntropyResult rebuilds every figure above exactly.

        /// <summary>The options that define the loss, as "Name=value; ..." (Merge-CrossEntropyResult refuses to merge results whose options differ).</summary>
        public string Options { get; set; } = "";
        /// <summary>Σ sample weight × row loss (the unreduced numerator of Loss).</summary>
        public double LossSum { get; set; }
        /// <summary>Σ sample weight × correct.</summary>
        public double CorrectSum { get; set; }
        /// <summary>Σ sample weight × top-k correct.</summary>
        public double TopKCorrectSum { get; set; }
        /// <summary>Σ sample weight × the row's z-loss part with -ZLoss (0 otherwise); LossSum then holds the cross-entropy part alone.</summary>
        public double ZLossSum { get; set; }
        /// <summary>Σ sample weight over used rows (Accuracy's denominator).</summary>
        public double SampleWeightSum { get; set; }
        /// <summary>Used rows per true class, in class order (PerClass[c].Count).</summary>
        public long[] ClassCounts { get; set; } = Array.Empty<long>();
        /// <summary>Σ sample weight × row loss per true class.</summary>
        public double[] ClassLossSums { get; set; } = Array.Empty<double>();
        /// <summary>Σ sample weight × row normaliser per true class (the class's WeightSum).</summary>
        public double[] ClassWeightSums { get; set; } = Array.Empty<double>();
        /// <summary>Σ sample weight × correct per true class.</summary>
        public double[] ClassCorrectSums { get; set; } = Array.Empty<double>();
        /// <summary>Σ sample weight per true class.</summary>
        public double[] ClassSampleWeightSums { get; set; } = Array.Empty<double>();
        /// <summary>With -SequenceColumn: the sequence ids, in ordinal order (empty otherwise); the Sequence* sums are theirs.</summary>
        public string[] SequenceIds { get; set; } = Array.Empty<string>();
        /// <summary>With -SequenceColumn: Σ weighted loss of each sequence's tokens (the cross-entropy part).</summary>
        public double[] SequenceLossSums { get; set; } = Array.Empty<double>();
        /// <summary>With -SequenceColumn: Σ weight of each sequence's tokens (the loss's denominator).</summary>
        public double[] SequenceWeightSums { get; set; } = Array.Empty<double>();
        /// <summary>With -SequenceColumn: Σ z-loss of each sequence's tokens (0 without -ZLoss).</summary>
        public double[] SequenceZLossSums { get; set; } = Array.Empty<double>();
        /// <summary>With -SequenceColumn: Σ sample weight of each sequence's used tokens.</summary>
        public double[] SequenceSampleWeightSums { get; set; } = Array.Empty<double>();
    }
}
