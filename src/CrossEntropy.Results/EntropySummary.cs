using System;

namespace CrossEntropy
{
    /// <summary>
    /// What Measure-Entropy returns for predictions: the mean (or sum) over used rows of the predicted distribution's
    /// entropy and, against the labels or soft targets t, of H(t), the cross-entropy H(t, q) and KL(t ‖ q).
    /// </summary>
    public sealed class EntropySummary
    {
        /// <summary>H(q) = -Σ_c q_c·log q_c of the predicted distribution (the model's uncertainty).</summary>
        public double Entropy { get; set; }
        /// <summary>H(t) of the targets (0 for class labels); NaN without labels.</summary>
        public double TargetEntropy { get; set; }
        /// <summary>H(t, q) = -Σ_c t_c·log q_c; NaN without labels.</summary>
        public double CrossEntropy { get; set; }
        /// <summary>KL(t ‖ q) = Σ_c t_c·log(t_c / q_c); NaN without labels.</summary>
        public double KLDivergence { get; set; }
        /// <summary>Entropy of the label distribution (the class mix of the used rows: a decision-tree node's impurity).</summary>
        public double LabelEntropy { get; set; }
        /// <summary>Gini impurity of the label distribution, 1 - Σ_c p_c².</summary>
        public double LabelGini { get; set; }
        /// <summary>2, e or 10: the logarithm's base (bits, nats, hartleys).</summary>
        public string Base { get; set; } = "e";
        /// <summary>Mean or Sum.</summary>
        public string Reduction { get; set; } = "Mean";
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
        /// <summary>ClassIndex, Soft or Binary.</summary>
        public string Target { get; set; } = "";
        /// <summary>Class names in order.</summary>
        public string[] Classes { get; set; } = Array.Empty<string>();
        /// <summary>The file, or "pipeline input".</summary>
        public string Source { get; set; } = "";
        /// <summary>The group's value with -GroupBy; null otherwise.</summary>
        public string? Group { get; set; }

        // Sufficient statistics, in nats whatever the Base: plain numbers and arrays of numbers (they survive
        // remoting, jobs, Clixml and JSON), from which Merge-CrossEntropyResult rebuilds every figure above exactly.

        /// <summary>The options that define the figures, as "Name=value; ..." (Merge-CrossEntropyResult refuses to merge results whose options differ).</summary>
        public string Options { get; set; } = "";
        /// <summary>Σ sample weight over used rows.</summary>
        public double WeightSum { get; set; }
        /// <summary>Σ w·H(q), nats.</summary>
        public double EntropySum { get; set; }
        /// <summary>Used rows with a label or target.</summary>
        public long Labelled { get; set; }
        /// <summary>Σ w over rows with a label or target.</summary>
        public double LabelledWeightSum { get; set; }
        /// <summary>Σ w·H(t), nats.</summary>
        public double TargetEntropySum { get; set; }
        /// <summary>Σ w·H(t, q), nats.</summary>
        public double CrossEntropySum { get; set; }
        /// <summary>Σ w·KL(t ‖ q), nats.</summary>
        public double KLDivergenceSum { get; set; }
        /// <summary>Σ sample weight per label class, in class order (the label mix behind LabelEntropy and LabelGini).</summary>
        public double[] ClassWeightSums { get; set; } = Array.Empty<double>();
    }

    /// <summary>One row's entropy figures (Measure-Entropy -Reduction None).</summary>
    public sealed class EntropyRow
    {
        /// <summary>1-based data row number in its source.</summary>
        public long Row { get; set; }
        /// <summary>The file, or "pipeline input".</summary>
        public string Source { get; set; } = "";
        /// <summary>The row's label (the most likely target class for soft targets); null without labels.</summary>
        public string? Label { get; set; }
        /// <summary>The most likely class.</summary>
        public string? Predicted { get; set; }
        /// <summary>Its probability.</summary>
        public double Confidence { get; set; }
        /// <summary>H(q).</summary>
        public double Entropy { get; set; }
        /// <summary>H(t).</summary>
        public double TargetEntropy { get; set; }
        /// <summary>H(t, q).</summary>
        public double CrossEntropy { get; set; }
        /// <summary>KL(t ‖ q).</summary>
        public double KLDivergence { get; set; }
        /// <summary>The group's value with -GroupBy; null otherwise.</summary>
        public string? Group { get; set; }
    }

    /// <summary>Entropy of a set of labels or class counts (Measure-Entropy -Label / -Count).</summary>
    public sealed class LabelEntropy
    {
        /// <summary>H = -Σ_c p_c·log p_c with p_c = n_c / Σn.</summary>
        public double Entropy { get; set; }
        /// <summary>1 - Σ_c p_c².</summary>
        public double GiniImpurity { get; set; }
        /// <summary>Entropy / log(classes): 1 for a uniform mix, 0 for a pure one (NaN for fewer than 2 classes).</summary>
        public double NormalizedEntropy { get; set; }
        /// <summary>2, e or 10.</summary>
        public string Base { get; set; } = "e";
        /// <summary>Σn.</summary>
        public double Total { get; set; }
        /// <summary>Class names in order.</summary>
        public string[] Classes { get; set; } = Array.Empty<string>();
        /// <summary>n_c in class order.</summary>
        public double[] Counts { get; set; } = Array.Empty<double>();
        /// <summary>p_c in class order.</summary>
        public double[] Proportions { get; set; } = Array.Empty<double>();
    }
}
