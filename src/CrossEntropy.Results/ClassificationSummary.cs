using System;
using System.Globalization;
using System.Linq;
using System.Text;

namespace CrossEntropy
{
    /// <summary>Threshold figures of one class (scikit-learn's classification_report row) and its sufficient statistics.</summary>
    public sealed class ClassMetrics
    {
        /// <summary>Class name.</summary>
        public string Class { get; set; } = "";
        /// <summary>TruePositives / Predicted; 0 when the class is never predicted (zero_division=0).</summary>
        public double Precision { get; set; }
        /// <summary>TruePositives / Support; 0 when the class has no rows.</summary>
        public double Recall { get; set; }
        /// <summary>2·Precision·Recall / (Precision + Recall); 0 when both are 0.</summary>
        public double F1 { get; set; }
        /// <summary>Σ sample weight of the rows of this class (the row count without weights).</summary>
        public double Support { get; set; }
        /// <summary>Σ sample weight of the rows predicted as this class.</summary>
        public double Predicted { get; set; }
        /// <summary>Σ sample weight of the rows of this class predicted as it.</summary>
        public double TruePositives { get; set; }
        /// <summary>Rows of this class (unweighted).</summary>
        public long Count { get; set; }
        /// <summary>One-vs-rest ROC AUC of this class's probability (multi-class; binary: the positive class only); NaN when undefined.</summary>
        public double RocAuc { get; set; } = double.NaN;
        /// <summary>One-vs-rest average precision, as RocAuc.</summary>
        public double AveragePrecision { get; set; } = double.NaN;

        /// <inheritdoc/>
        public override string ToString() => Class + ": F1 " + F1.ToString("G6", CultureInfo.InvariantCulture);

        private static readonly string[] Header = { "class", "precision", "recall", "F1", "support" };

        /// <summary>scikit-learn's classification_report as aligned text (4 significant digits): what the summary view shows.</summary>
        public static string Table(ClassMetrics[] rows)
        {
            if (rows == null) return "";
            var cells = new string[rows.Length + 1][];
            cells[0] = Header;
            for (int i = 0; i < rows.Length; i++)
            {
                ClassMetrics m = rows[i];
                cells[i + 1] = new[] { m.Class, G4(m.Precision), G4(m.Recall), G4(m.F1), m.Support.ToString("G6", CultureInfo.InvariantCulture) };
            }
            var width = new int[Header.Length];
            foreach (string[] row in cells)
                for (int j = 0; j < width.Length; j++) width[j] = Math.Max(width[j], row[j].Length);
            var text = new StringBuilder();
            foreach (string[] row in cells)
            {
                text.Append(row[0].PadRight(width[0]));
                for (int j = 1; j < width.Length; j++) text.Append(' ', 2).Append(row[j].PadLeft(width[j]));
                text.Append('\n');
            }
            return text.ToString().TrimEnd('\n');
        }

        private static string G4(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// A confusion matrix: rows are the true class, columns the predicted class, in class order. Weights holds Σ sample
    /// weight per cell (scikit-learn's confusion_matrix with sample_weight), Counts the rows; without sample weights the
    /// two agree. Its text form (what PowerShell shows) is a table. Up to <see cref="MaxDenseClasses"/> classes only:
    /// with more, Weights and Counts are empty (C² cells would not fit) and the summary's ConfusionTrue,
    /// ConfusionPredicted, ConfusionWeights and ConfusionCounts list the cells that occur.
    /// </summary>
    public sealed class ConfusionMatrix
    {
        /// <summary>The most classes whose matrix is spelled out cell by cell.</summary>
        public const int MaxDenseClasses = 100;

        private static readonly string[] Corner = { "true \\ predicted" };

        /// <summary>Class names, in order.</summary>
        public string[] Classes { get; set; } = Array.Empty<string>();
        /// <summary>Σ sample weight per cell, [true][predicted].</summary>
        public double[][] Weights { get; set; } = Array.Empty<double[]>();
        /// <summary>Rows per cell, [true][predicted].</summary>
        public long[][] Counts { get; set; } = Array.Empty<long[]>();
        /// <summary>True when rows had sample weights (Weights then differ from Counts).</summary>
        public bool IsWeighted { get; set; }

        /// <summary>The matrix as an aligned table: Weights (with sample weights) or Counts.</summary>
        public override string ToString()
        {
            int c = Classes.Length;
            if (c > 0 && Weights.Length != c)
                return string.Format(CultureInfo.InvariantCulture, "{0} classes: too many to show; the summary's ConfusionTrue, ConfusionPredicted, ConfusionWeights and ConfusionCounts list the cells that occur", c);
            var cells = new string[c + 1][];
            cells[0] = Corner.Concat(Classes).ToArray();
            for (int t = 0; t < c; t++)
            {
                cells[t + 1] = new string[c + 1];
                cells[t + 1][0] = Classes[t];
                for (int p = 0; p < c; p++)
                    cells[t + 1][p + 1] = IsWeighted ? Weights[t][p].ToString("G6", CultureInfo.InvariantCulture) : Counts[t][p].ToString(CultureInfo.InvariantCulture);
            }
            var width = new int[c + 1];
            foreach (string[] row in cells)
                for (int j = 0; j <= c; j++) width[j] = Math.Max(width[j], row[j].Length);
            var text = new StringBuilder();
            foreach (string[] row in cells)
            {
                text.Append(row[0].PadRight(width[0]));
                for (int j = 1; j <= c; j++) text.Append(' ', 2).Append(row[j].PadLeft(width[j]));
                text.Append('\n');
            }
            return text.ToString().TrimEnd('\n');
        }
    }

    /// <summary>What Measure-Classification returns: one per source, or per group with -GroupBy.</summary>
    public sealed class ClassificationSummary
    {
        /// <summary>Fraction of rows (of sample weight) predicted right.</summary>
        public double Accuracy { get; set; }
        /// <summary>Mean recall over the classes that occur in the labels.</summary>
        public double BalancedAccuracy { get; set; }
        /// <summary>Mean precision over every class.</summary>
        public double MacroPrecision { get; set; }
        /// <summary>Mean recall over every class.</summary>
        public double MacroRecall { get; set; }
        /// <summary>Mean F1 over every class.</summary>
        public double MacroF1 { get; set; }
        /// <summary>F1 averaged with the supports as weights.</summary>
        public double WeightedF1 { get; set; }
        /// <summary>F1 of the pooled counts (equals Accuracy for single-label rows).</summary>
        public double MicroF1 { get; set; }
        /// <summary>Matthews' correlation coefficient (multi-class form); 0 when undefined.</summary>
        public double MatthewsCorrelation { get; set; }
        /// <summary>Cohen's kappa.</summary>
        public double CohenKappa { get; set; }
        /// <summary>Binary: ROC AUC of the positive class; multi-class: macro mean of the one-vs-rest AUCs (NaN when a class has no rows).</summary>
        public double RocAuc { get; set; }
        /// <summary>Binary: average precision of the positive class; multi-class: macro mean one-vs-rest (NaN when a class has no rows).</summary>
        public double AveragePrecision { get; set; }
        /// <summary>The positive class of a binary problem (the second class); null for more classes.</summary>
        public string? PositiveClass { get; set; }
        /// <summary>True × predicted, in class order.</summary>
        public ConfusionMatrix ConfusionMatrix { get; set; } = new ConfusionMatrix();
        /// <summary>Precision, recall, F1 and support per class, in class order.</summary>
        public ClassMetrics[] PerClass { get; set; } = Array.Empty<ClassMetrics>();
        /// <summary>Σ sample weight of the used rows.</summary>
        public double WeightSum { get; set; }
        /// <summary>Rows read.</summary>
        public long Count { get; set; }
        /// <summary>Rows counted in the figures.</summary>
        public long Used { get; set; }
        /// <summary>Rows whose label is the ignore index.</summary>
        public long Ignored { get; set; }
        /// <summary>Rows rejected with an error.</summary>
        public long Rejected { get; set; }
        /// <summary>Logits or Probabilities.</summary>
        public string Input { get; set; } = "";
        /// <summary>ClassIndex or Binary.</summary>
        public string Target { get; set; } = "";
        /// <summary>Class names in order.</summary>
        public string[] Classes { get; set; } = Array.Empty<string>();
        /// <summary>The file, or "pipeline input".</summary>
        public string Source { get; set; } = "";
        /// <summary>The group's value with -GroupBy; null otherwise.</summary>
        public string? Group { get; set; }

        // Sufficient statistics, as plain data that survives remoting, Clixml and JSON: Merge-CrossEntropyResult adds them.

        /// <summary>The options that define the figures ("Name=value; ..."); results merge only with the same text.</summary>
        public string Options { get; set; } = "";
        // The confusion matrix as the cells that occur (at most one per row, so it stays small at any class count):
        // four parallel arrays, sorted by true then predicted class.

        /// <summary>True class index (into Classes) of each confusion-matrix cell that occurs.</summary>
        public int[] ConfusionTrue { get; set; } = Array.Empty<int>();
        /// <summary>Predicted class index of each cell, parallel to ConfusionTrue.</summary>
        public int[] ConfusionPredicted { get; set; } = Array.Empty<int>();
        /// <summary>Σ sample weight of each cell, parallel to ConfusionTrue.</summary>
        public double[] ConfusionWeights { get; set; } = Array.Empty<double>();
        /// <summary>Rows of each cell, parallel to ConfusionTrue.</summary>
        public long[] ConfusionCounts { get; set; } = Array.Empty<long>();
        /// <summary>
        /// With -IncludeRanking: per class, how many distinct scores its ranking has (binary: 0 for the first class);
        /// empty without it. The rankings make RocAuc and AveragePrecision mergeable exactly.
        /// </summary>
        public long[] RankingLengths { get; set; } = Array.Empty<long>();
        /// <summary>With -IncludeRanking: the distinct scores of each class's ranking, class after class.</summary>
        public double[] RankingScores { get; set; } = Array.Empty<double>();
        /// <summary>With -IncludeRanking: Σ sample weight of the class's own rows at each score of RankingScores.</summary>
        public double[] RankingPositiveWeights { get; set; } = Array.Empty<double>();
        /// <summary>With -IncludeRanking: Σ sample weight of the other classes' rows at each score of RankingScores.</summary>
        public double[] RankingNegativeWeights { get; set; } = Array.Empty<double>();

        /// <summary>The full C×C matrix of Σ sample weight, [true][predicted] (C² entries: mind the memory for many classes).</summary>
        public double[][] GetConfusionWeights() => Dense(ConfusionWeights);

        /// <summary>The full C×C matrix of rows, [true][predicted] (C² entries: mind the memory for many classes).</summary>
        public long[][] GetConfusionCounts() => Dense(ConfusionCounts);

        private T[][] Dense<T>(T[] cells)
        {
            int c = Classes.Length;
            var m = new T[c][];
            for (int t = 0; t < c; t++) m[t] = new T[c];
            for (int i = 0; i < cells.Length; i++) m[ConfusionTrue[i]][ConfusionPredicted[i]] = cells[i];
            return m;
        }
    }

    /// <summary>A point of a ROC curve (scikit-learn's roc_curve), one-vs-rest for a class.</summary>
    public sealed class RocPoint
    {
        /// <summary>The class whose probability is ranked (binary: the positive class).</summary>
        public string Class { get; set; } = "";
        /// <summary>Rows whose probability is at least this are predicted as the class; +Infinity for the first point (none).</summary>
        public double Threshold { get; set; }
        /// <summary>False positive rate at the threshold.</summary>
        public double FalsePositiveRate { get; set; }
        /// <summary>True positive rate (recall) at the threshold.</summary>
        public double TruePositiveRate { get; set; }
        /// <summary>The file, or "pipeline input".</summary>
        public string Source { get; set; } = "";
        /// <summary>The group's value with -GroupBy; null otherwise.</summary>
        public string? Group { get; set; }
    }

    /// <summary>A point of a precision-recall curve (scikit-learn's precision_recall_curve), one-vs-rest for a class.</summary>
    public sealed class PrecisionRecallPoint
    {
        /// <summary>The class whose probability is ranked (binary: the positive class).</summary>
        public string Class { get; set; } = "";
        /// <summary>Rows whose probability is at least this are predicted as the class; +Infinity for the end point (precision 1, recall 0).</summary>
        public double Threshold { get; set; }
        /// <summary>Precision at the threshold.</summary>
        public double Precision { get; set; }
        /// <summary>Recall at the threshold.</summary>
        public double Recall { get; set; }
        /// <summary>The file, or "pipeline input".</summary>
        public string Source { get; set; } = "";
        /// <summary>The group's value with -GroupBy; null otherwise.</summary>
        public string? Group { get; set; }
    }
}
