namespace CrossEntropy.Engine
{
    /// <summary>Which curve Measure-Classification returns instead of summaries (a cmdlet parameter's type, so it is public).</summary>
    public enum ClassificationCurve
    {
        /// <summary>No curve: summaries.</summary>
        None,
        /// <summary>ROC points (scikit-learn's roc_curve with drop_intermediate=True).</summary>
        Roc,
        /// <summary>ROC points at every distinct score (drop_intermediate=False).</summary>
        RocAll,
        /// <summary>Precision-recall points (scikit-learn's precision_recall_curve).</summary>
        PrecisionRecall,
    }
}
