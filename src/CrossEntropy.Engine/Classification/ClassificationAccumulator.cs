using System;
using CrossEntropy.Engine.Audit;

namespace CrossEntropy.Engine.Classification
{
    /// <summary>
    /// Mergeable sums for Measure-Classification, filled in one pass: the confusion matrix (predicted = argmax, ties
    /// to the lowest class; one logit column: 1 iff the logit is above 0) and the exact score rankings — for binary
    /// problems of the positive class (index 1) by its probability, for more classes of every class one-vs-rest by
    /// its softmax probability (or the probability as given).
    /// </summary>
    internal sealed class ClassificationAccumulator
    {
        private readonly LossOptions _o;

        /// <summary>Empty sums for rows shaped by <paramref name="options"/>.</summary>
        public ClassificationAccumulator(LossOptions options)
        {
            _o = options ?? throw new ArgumentNullException(nameof(options));
            Classes = options.Classes == 1 ? 2 : options.Classes;
            Matrix = new ConfusionCounts(Classes);
            Rankings = new ScoreTable[Classes];
            for (int k = IsBinary ? 1 : 0; k < Classes; k++) Rankings[k] = new ScoreTable();
        }

        private ClassificationAccumulator(LossOptions options, ConfusionCounts matrix, ScoreTable?[] rankings)
        {
            _o = options;
            Classes = matrix.Classes;
            Matrix = matrix;
            Rankings = rankings;
        }

        /// <summary>
        /// Sums rebuilt from a merge: the matrix, and per class its ranking (binary: index 0 null) or, when the parts
        /// carried no rankings, null for every class (the ranking figures are then NaN).
        /// </summary>
        public static ClassificationAccumulator FromSums(ConfusionCounts matrix, ScoreTable?[] rankings)
        {
            if (rankings.Length != matrix.Classes) throw new ArgumentException("One ranking per class.", nameof(rankings));
            return new ClassificationAccumulator(new LossOptions { Classes = matrix.Classes }, matrix, rankings);
        }

        /// <summary>C (2 for one score column).</summary>
        public int Classes { get; }
        /// <summary>Two classes: ranking figures are the positive class's.</summary>
        public bool IsBinary => Classes == 2;
        /// <summary>True × predicted.</summary>
        public ConfusionCounts Matrix { get; }
        /// <summary>Per class, its scores' ranking (binary: only index 1; index 0 is null).</summary>
        public ScoreTable?[] Rankings { get; }

        /// <summary>Adds used row <paramref name="i"/>: its true class, prediction and probabilities from <paramref name="q"/>.</summary>
        public void AddRow(RowBlock block, BlockResult r, AuditResult q, int i)
        {
            if (r.Status[i] != RowStatus.Used) return;
            int truth = r.TrueClass[i];
            if (truth < 0 || truth >= Classes) return;
            double w = block.SampleWeight(i);
            int predicted = _o.Classes == 1 && _o.Input == InputKind.Logits ? (block.Values[i] > 0 ? 1 : 0) : r.Predicted[i];
            Matrix.Add(truth, predicted, w);
            int width = Classes;
            for (int k = 0; k < Classes; k++)
                Rankings[k]?.Add(q.Probabilities[i * width + k], truth == k, w);
        }

        /// <summary>Adds every used row of a block.</summary>
        public void AddBlock(RowBlock block, BlockResult r, AuditResult q)
        {
            for (int i = 0; i < r.Count; i++) AddRow(block, r, q, i);
        }

        /// <summary>Adds <paramref name="other"/>'s sums (same classes).</summary>
        public void Merge(ClassificationAccumulator other)
        {
            Matrix.Merge(other.Matrix);
            for (int k = 0; k < Classes; k++)
                if (Rankings[k] != null) Rankings[k]!.Merge(other.Rankings[k]!);
        }

        /// <summary>Rows counted.</summary>
        public long Used => Matrix.Used;
    }
}
