using System;

namespace CrossEntropy
{
    /// <summary>
    /// Find-NoisyLabel -ThresholdOnly: each class's threshold t_y (the mean probability of the label over the rows
    /// labelled y) and the sums it is made of, as plain data. Shards' thresholds merge exactly with
    /// Merge-CrossEntropyResult; the merged thresholds go back to Find-NoisyLabel -ClassThreshold.
    /// </summary>
    public sealed class ClassThresholds
    {
        /// <summary>Class names in order.</summary>
        public string[] Classes { get; set; } = Array.Empty<string>();
        /// <summary>Per class, t_y = LabelProbabilitySums / ClassCounts (NaN for a class without rows).</summary>
        public double[] Thresholds { get; set; } = Array.Empty<double>();
        /// <summary>Per class, the rows labelled with it that were ranked.</summary>
        public long[] ClassCounts { get; set; } = Array.Empty<long>();
        /// <summary>Per class, Σ q_y over those rows.</summary>
        public double[] LabelProbabilitySums { get; set; } = Array.Empty<double>();
        /// <summary>Rows read.</summary>
        public long Count { get; set; }
        /// <summary>Rows used.</summary>
        public long Used { get; set; }
        /// <summary>Rows whose label is the ignore index.</summary>
        public long Ignored { get; set; }
        /// <summary>Rows rejected with an error.</summary>
        public long Rejected { get; set; }
        /// <summary>Logits or Probabilities.</summary>
        public string Input { get; set; } = "";
        /// <summary>ClassIndex or Binary.</summary>
        public string Target { get; set; } = "";
        /// <summary>The options that define the probabilities ("Name=value; ..."); thresholds merge only with the same text.</summary>
        public string Options { get; set; } = "";
        /// <summary>The file, or "pipeline input".</summary>
        public string Source { get; set; } = "";
    }
}
