using System;

namespace CrossEntropy
{
    /// <summary>One confidence bin of a calibration summary (a point of the reliability diagram).</summary>
    public sealed class CalibrationBin
    {
        /// <summary>1-based bin number m.</summary>
        public int Bin { get; set; }
        /// <summary>(m-1)/M, excluded.</summary>
        public double Lower { get; set; }
        /// <summary>m/M, included.</summary>
        public double Upper { get; set; }
        /// <summary>Rows whose confidence falls in the bin.</summary>
        public long Count { get; set; }
        /// <summary>Σ sample weight of those rows (= Count without -SampleWeightColumn): ECE = Σ (Weight / Σ Weight)·|Gap|.</summary>
        public double Weight { get; set; }
        /// <summary>Their mean confidence (NaN for an empty bin).</summary>
        public double MeanConfidence { get; set; }
        /// <summary>Their accuracy (NaN for an empty bin).</summary>
        public double Accuracy { get; set; }
        /// <summary>Accuracy - MeanConfidence: negative where the model is overconfident.</summary>
        public double Gap { get; set; }
        /// <summary>The file, or "pipeline input".</summary>
        public string Source { get; set; } = "";
        /// <summary>The group's value with -GroupBy; null otherwise.</summary>
        public string? Group { get; set; }
    }

    /// <summary>What Measure-Calibration returns: one per source, or per group with -GroupBy.</summary>
    public sealed class CalibrationSummary
    {
        /// <summary>ECE = Σ_m (|B_m|/n)·|acc(B_m) - conf(B_m)| over equal-width bins (Guo et al. 2017).</summary>
        public double ExpectedCalibrationError { get; set; }
        /// <summary>MCE = max over non-empty bins of |acc(B_m) - conf(B_m)|.</summary>
        public double MaximumCalibrationError { get; set; }
        /// <summary>Mean over rows of Σ_c (q_c - t_c)²; (q_1 - y)² for binary.</summary>
        public double BrierScore { get; set; }
        /// <summary>Fraction of rows predicted right.</summary>
        public double Accuracy { get; set; }
        /// <summary>Mean top-label confidence (above Accuracy: overconfident on the whole).</summary>
        public double MeanConfidence { get; set; }
        /// <summary>M.</summary>
        public int BinCount { get; set; }
        /// <summary>The bins, in order.</summary>
        public CalibrationBin[] Bins { get; set; } = Array.Empty<CalibrationBin>();
        /// <summary>Rows read.</summary>
        public long Count { get; set; }
        /// <summary>Rows binned.</summary>
        public long Used { get; set; }
        /// <summary>Rows whose label is the ignore index.</summary>
        public long Ignored { get; set; }
        /// <summary>Rows rejected with an error.</summary>
        public long Rejected { get; set; }
        /// <summary>Logits or Probabilities.</summary>
        public string Input { get; set; } = "";
        /// <summary>ClassIndex, Soft or Binary.</summary>
        public string Target { get; set; } = "";
        /// <summary>Class names in order.</summary>
        public string[] Classes { get; set; } = Array.Empty<string>();
        /// <summary>The file, or "pipeline input".</summary>
        public string Source { get; set; } = "";
        /// <summary>The group's value with -GroupBy; null otherwise.</summary>
        public string? Group { get; set; }

        // Sufficient statistics: plain numbers and arrays of numbers (they survive remoting, jobs, Clixml and JSON),
        // from which Merge-CrossEntropyResult rebuilds every figure above exactly.

        /// <summary>The options that define the figures, as "Name=value; ..." (Merge-CrossEntropyResult refuses to merge results whose options differ).</summary>
        public string Options { get; set; } = "";
        /// <summary>Σ sample weight over the binned rows (= Used without -SampleWeightColumn).</summary>
        public double WeightSum { get; set; }
        /// <summary>Σ sample weight × Brier term.</summary>
        public double BrierSum { get; set; }
        /// <summary>Rows per bin, in bin order.</summary>
        public long[] BinCounts { get; set; } = Array.Empty<long>();
        /// <summary>Σ sample weight per bin.</summary>
        public double[] BinWeights { get; set; } = Array.Empty<double>();
        /// <summary>Σ sample weight × confidence per bin.</summary>
        public double[] BinConfidenceSums { get; set; } = Array.Empty<double>();
        /// <summary>Σ sample weight × correct per bin.</summary>
        public double[] BinCorrectSums { get; set; } = Array.Empty<double>();
    }
}
