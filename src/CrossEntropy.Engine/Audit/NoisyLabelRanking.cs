using System;
using System.Collections.Generic;

namespace CrossEntropy.Engine.Audit
{
    /// <summary>A row whose label the model finds implausible, with its scores.</summary>
    internal sealed class NoisyLabelCandidate
    {
        /// <summary>Arrival order of the row (ties are broken by it, earlier first).</summary>
        public long Sequence { get; internal set; }
        /// <summary>1-based data row number in its source.</summary>
        public long RowNumber { get; internal set; }
        /// <summary>The given label (class index).</summary>
        public int Class { get; internal set; }
        /// <summary>The class the model prefers.</summary>
        public int Predicted { get; internal set; }
        /// <summary>q of the given label.</summary>
        public double LabelProbability { get; internal set; }
        /// <summary>q of the predicted class.</summary>
        public double Confidence { get; internal set; }
        /// <summary>-log q_y (probabilities clipped as the loss clips them).</summary>
        public double Loss { get; internal set; }
        /// <summary>q_y - max over other classes of q_c.</summary>
        public double Margin { get; internal set; }
        /// <summary>log(t_y) - log(q_y) = Loss + log t_y; set by <see cref="NoisyLabelRanking.Top"/>.</summary>
        public double NormalizedScore { get; internal set; } = double.NaN;
        /// <summary>The caller's handle on the row (a pipeline object, the row's cells).</summary>
        public object? Tag { get; internal set; }
        /// <summary>
        /// NormalizedScore for ordering: the loss's tie key plus the class's log threshold, so rows of one class whose
        /// losses tie also tie here (the sum near 0 would otherwise magnify their last-bit differences).
        /// </summary>
        internal double NormalizedKey { get; set; } = double.NaN;
    }

    /// <summary>
    /// The N rows whose given label is least plausible, by loss, margin or a per-class normalised score, kept in
    /// O(classes × N) memory: every order ranks rows of one class as their loss (or margin) does, so the overall
    /// top N is always among each class's own top N. The normalised score divides the label's probability q_y by
    /// t_y, the mean of q_y over every row labelled y (the per-class threshold of confident learning, Northcutt et
    /// al. 2021): a hard class has a low t_y, so its rows must be unusually bad for their class to rank, and one
    /// hard class cannot flood the list. t_y is a mean of probabilities, bounded in [0, 1], so a few rows with
    /// near-zero q_y (the noisy rows themselves) barely move it, unlike a class's mean loss.
    /// </summary>
    internal sealed class NoisyLabelRanking
    {
        // A class's list is made when its first row arrives: 50,000 classes cost 50,000 empty slots, not lists.
        private readonly List<NoisyLabelCandidate>?[] _perClass;
        private readonly double[] _selfConfidenceSum;
        private readonly long[] _classCount;
        private readonly double[]? _givenThresholds;
        private long _next;

        /// <summary>
        /// A ranking of the <paramref name="top"/> least plausible rows over <paramref name="classes"/> classes; with
        /// <paramref name="thresholds"/>, the normalised score uses these t_y (merged over every shard) instead of
        /// the rows' own.
        /// </summary>
        public NoisyLabelRanking(int classes, int top, NoisyLabelOrder by, double[]? thresholds = null)
        {
            if (thresholds != null && thresholds.Length != classes) throw new ArgumentException("One threshold per class.", nameof(thresholds));
            _givenThresholds = thresholds;
            if (classes < 1) throw new ArgumentOutOfRangeException(nameof(classes));
            if (top < 1) throw new ArgumentOutOfRangeException(nameof(top), "Top must be at least 1.");
            TopCount = top;
            By = by;
            _perClass = new List<NoisyLabelCandidate>?[classes];
            _selfConfidenceSum = new double[classes];
            _classCount = new long[classes];
        }

        /// <summary>How many rows to return.</summary>
        public int TopCount { get; }
        /// <summary>The order.</summary>
        public NoisyLabelOrder By { get; }

        /// <summary>t_y: mean q_y over the rows labelled <paramref name="c"/> (NaN without rows).</summary>
        public double ClassThreshold(int c) => _givenThresholds != null ? _givenThresholds[c] : _classCount[c] > 0 ? _selfConfidenceSum[c] / _classCount[c] : double.NaN;

        /// <summary>Σ q_y over the rows labelled <paramref name="c"/> (what t_y is made of, with <see cref="ClassCount"/>).</summary>
        public double LabelProbabilitySum(int c) => _selfConfidenceSum[c];

        /// <summary>Rows labelled <paramref name="c"/>.</summary>
        public long ClassCount(int c) => _classCount[c];

        /// <summary>Adds the used, labelled rows of a computed block; <paramref name="tagOf"/> gives a row's handle.</summary>
        public void AddBlock(RowBlock block, BlockResult r, AuditResult a, Func<int, object?>? tagOf = null)
        {
            for (int i = 0; i < r.Count; i++)
            {
                if (r.Status[i] != RowStatus.Used || double.IsNaN(a.LabelProbability[i])) continue;
                int y = r.TrueClass[i];
                if (y < 0 || y >= _perClass.Length) continue;
                Add(new NoisyLabelCandidate
                {
                    RowNumber = block.RowNumbers[i],
                    Class = y,
                    Predicted = r.Predicted[i],
                    LabelProbability = a.LabelProbability[i],
                    Confidence = r.Confidence[i],
                    Loss = a.CrossEntropy[i],
                    Margin = a.Margin[i],
                    Tag = tagOf?.Invoke(i),
                });
            }
        }

        /// <summary>Adds one row (its Sequence is set here, in arrival order).</summary>
        public void Add(NoisyLabelCandidate row)
        {
            row.Sequence = _next++;
            _selfConfidenceSum[row.Class] += row.LabelProbability;
            _classCount[row.Class]++;
            Keep(KeptOf(row.Class), row);
        }

        /// <summary>Adds the rows another ranking saw after this one's (merge in row order).</summary>
        public void Merge(NoisyLabelRanking other)
        {
            if (other._perClass.Length != _perClass.Length) throw new ArgumentException("Class counts differ.", nameof(other));
            long offset = _next;
            for (int c = 0; c < _perClass.Length; c++)
            {
                _selfConfidenceSum[c] += other._selfConfidenceSum[c];
                _classCount[c] += other._classCount[c];
                if (other._perClass[c] is not List<NoisyLabelCandidate> theirs) continue;
                foreach (NoisyLabelCandidate row in theirs)
                {
                    row.Sequence += offset;
                    Keep(KeptOf(c), row);
                }
            }
            _next += other._next;
        }

        /// <summary>The top N rows, most suspicious first, with their normalised scores.</summary>
        public List<NoisyLabelCandidate> Top()
        {
            var all = new List<NoisyLabelCandidate>();
            for (int c = 0; c < _perClass.Length; c++)
            {
                if (_perClass[c] is not List<NoisyLabelCandidate> kept) continue;
                double logThreshold = Math.Log(ClassThreshold(c));
                foreach (NoisyLabelCandidate row in kept)
                {
                    row.NormalizedScore = row.Loss + logThreshold;
                    row.NormalizedKey = TieKey(TieKey(row.Loss) + logThreshold);
                    all.Add(row);
                }
            }
            all.Sort(Compare);
            if (all.Count > TopCount) all.RemoveRange(TopCount, all.Count - TopCount);
            return all;
        }

        // Within a class every order is the loss order (margin order for Margin), so this key decides who is kept.
        private int CompareWithinClass(NoisyLabelCandidate a, NoisyLabelCandidate b)
        {
            int k = By == NoisyLabelOrder.Margin ? TieKey(a.Margin).CompareTo(TieKey(b.Margin)) : TieKey(b.Loss).CompareTo(TieKey(a.Loss));
            return k != 0 ? k : a.Sequence.CompareTo(b.Sequence);
        }

        private int Compare(NoisyLabelCandidate a, NoisyLabelCandidate b)
        {
            int k = By switch
            {
                NoisyLabelOrder.Margin => TieKey(a.Margin).CompareTo(TieKey(b.Margin)),
                NoisyLabelOrder.Loss => TieKey(b.Loss).CompareTo(TieKey(a.Loss)),
                _ => b.NormalizedKey.CompareTo(a.NormalizedKey),
            };
            return k != 0 ? k : a.Sequence.CompareTo(b.Sequence);
        }

        /// <summary>
        /// A score rounded to 40 significant bits (about 12 decimal digits): rows whose scores are equal but for the
        /// rounding of their sums (the same logits in another class order, say) tie, and ties go by row, earlier first.
        /// Rounding to a grid keeps the order transitive, as a tolerance would not.
        /// </summary>
        internal static double TieKey(double score)
        {
            if (double.IsNaN(score) || double.IsInfinity(score) || score == 0) return score;
            const int DroppedBits = 12;
            long bits = BitConverter.DoubleToInt64Bits(score);
            long half = 1L << (DroppedBits - 1);
            long rounded = (bits + half) & ~((1L << DroppedBits) - 1); // round half up in magnitude; a carry moves the exponent, as it should
            return BitConverter.Int64BitsToDouble(rounded);
        }

        private List<NoisyLabelCandidate> KeptOf(int c) => _perClass[c] ??= new List<NoisyLabelCandidate>(TopCount + 1);

        private void Keep(List<NoisyLabelCandidate> kept, NoisyLabelCandidate row)
        {
            if (kept.Count == TopCount && CompareWithinClass(row, kept[kept.Count - 1]) >= 0) return;
            int at = kept.BinarySearch(row, Comparer<NoisyLabelCandidate>.Create(CompareWithinClass));
            kept.Insert(at < 0 ? ~at : at, row);
            if (kept.Count > TopCount) kept.RemoveAt(kept.Count - 1);
        }
    }
}
