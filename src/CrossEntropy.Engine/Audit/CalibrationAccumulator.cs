using System;

namespace CrossEntropy.Engine.Audit
{
    /// <summary>
    /// Mergeable sums for top-label calibration (Guo et al. 2017): used rows fall into M equal-width confidence bins
    /// B_m = ((m-1)/M, m/M] (a confidence of exactly 0 goes to the first), each keeping Σw, Σw·confidence and
    /// Σw·correct; plus Σw·Brier term. With W = Σw over used rows (w = sample weight, 1 without):
    /// ECE = Σ_m (W_m/W)·|acc(B_m) - conf(B_m)|, MCE = max over non-empty bins of |acc(B_m) - conf(B_m)|,
    /// Brier = Σ w·Σ_c (q_c - t_c)² / W. Blocks are summed alone and merged in block order, so results do not depend
    /// on how the rows were split.
    /// </summary>
    internal sealed class CalibrationAccumulator
    {
        /// <summary>Guo et al.'s default bin count.</summary>
        public const int DefaultBinCount = 15;

        /// <summary>Empty sums over <paramref name="binCount"/> bins.</summary>
        public CalibrationAccumulator(int binCount = DefaultBinCount)
        {
            if (binCount < 1) throw new ArgumentOutOfRangeException(nameof(binCount), "There must be at least one bin.");
            BinCount = binCount;
            Count = new long[binCount];
            WeightSum = new double[binCount];
            ConfidenceSum = new double[binCount];
            CorrectSum = new double[binCount];
        }

        /// <summary>Sums given as plain data (a merge of results), one array entry per bin.</summary>
        public static CalibrationAccumulator FromSums(long[] count, double[] weight, double[] confidence, double[] correct, double brierSum)
        {
            var cal = new CalibrationAccumulator(count.Length);
            Array.Copy(count, cal.Count, count.Length);
            Array.Copy(weight, cal.WeightSum, count.Length);
            Array.Copy(confidence, cal.ConfidenceSum, count.Length);
            Array.Copy(correct, cal.CorrectSum, count.Length);
            cal.BrierSum = brierSum;
            foreach (long n in count) cal.Used += n;
            return cal;
        }

        /// <summary>M.</summary>
        public int BinCount { get; }
        /// <summary>Rows per bin.</summary>
        public long[] Count { get; }
        /// <summary>Σ sample weight per bin.</summary>
        public double[] WeightSum { get; }
        /// <summary>Σ sample weight × confidence per bin.</summary>
        public double[] ConfidenceSum { get; }
        /// <summary>Σ sample weight × correct per bin.</summary>
        public double[] CorrectSum { get; }
        /// <summary>Σ sample weight × Brier term.</summary>
        public double BrierSum { get; private set; }
        /// <summary>Rows added.</summary>
        public long Used { get; private set; }

        /// <summary>W: Σ sample weight over every bin.</summary>
        public double TotalWeight
        {
            get
            {
                double w = 0;
                foreach (double v in WeightSum) w += v;
                return w;
            }
        }

        /// <summary>Lower edge of bin <paramref name="m"/> (0-based): m/M.</summary>
        public double Lower(int m) => (double)m / BinCount;
        /// <summary>Upper edge of bin <paramref name="m"/> (0-based): (m+1)/M, included in the bin.</summary>
        public double Upper(int m) => (double)(m + 1) / BinCount;
        /// <summary>Mean confidence in bin <paramref name="m"/>; NaN when it is empty.</summary>
        public double MeanConfidence(int m) => WeightSum[m] > 0 ? ConfidenceSum[m] / WeightSum[m] : double.NaN;
        /// <summary>Accuracy in bin <paramref name="m"/>; NaN when it is empty.</summary>
        public double Accuracy(int m) => WeightSum[m] > 0 ? CorrectSum[m] / WeightSum[m] : double.NaN;

        /// <summary>Expected calibration error; NaN without rows.</summary>
        public double ExpectedCalibrationError
        {
            get
            {
                double w = TotalWeight, gap = 0;
                if (!(w > 0)) return double.NaN;
                for (int m = 0; m < BinCount; m++) gap += Math.Abs(CorrectSum[m] - ConfidenceSum[m]);
                return gap / w;
            }
        }

        /// <summary>Maximum calibration error over non-empty bins; NaN without rows.</summary>
        public double MaximumCalibrationError
        {
            get
            {
                double worst = double.NaN;
                for (int m = 0; m < BinCount; m++)
                {
                    if (!(WeightSum[m] > 0)) continue;
                    double gap = Math.Abs(Accuracy(m) - MeanConfidence(m));
                    if (double.IsNaN(worst) || gap > worst) worst = gap;
                }
                return worst;
            }
        }

        /// <summary>Mean Brier term; NaN without rows.</summary>
        public double BrierScore => TotalWeight > 0 ? BrierSum / TotalWeight : double.NaN;

        /// <summary>Overall accuracy of the rows binned.</summary>
        public double OverallAccuracy => Ratio(CorrectSum);

        /// <summary>Overall mean confidence of the rows binned.</summary>
        public double OverallConfidence => Ratio(ConfidenceSum);

        /// <summary>The 0-based bin of a confidence: the m with m/M &lt; c ≤ (m+1)/M, edges computed as m/M.</summary>
        public static int BinOf(double confidence, int binCount)
        {
            int m = (int)Math.Ceiling(confidence * binCount) - 1;
            // confidence·M can round across an edge; settle against the edges exactly as they are defined.
            if (m < binCount - 1 && confidence > (double)(m + 1) / binCount) m++;
            if (m > 0 && confidence <= (double)m / binCount) m--;
            return Math.Min(Math.Max(m, 0), binCount - 1);
        }

        /// <summary>Adds one row.</summary>
        public void Add(double confidence, double correct, double brier, double weight = 1.0)
        {
            int m = BinOf(confidence, BinCount);
            Count[m]++;
            WeightSum[m] += weight;
            ConfidenceSum[m] += weight * confidence;
            CorrectSum[m] += weight * correct;
            BrierSum += weight * brier;
            Used++;
        }

        /// <summary>Adds the used rows of a computed block that have a label.</summary>
        public void AddBlock(RowBlock block, BlockResult r, AuditResult a)
        {
            for (int i = 0; i < r.Count; i++) AddRow(block, r, a, i);
        }

        /// <summary>Adds row <paramref name="i"/> of a computed block if it is used and has a label.</summary>
        public void AddRow(RowBlock block, BlockResult r, AuditResult a, int i)
        {
            if (r.Status[i] != RowStatus.Used || double.IsNaN(a.Brier[i])) return;
            Add(r.Confidence[i], r.Correct[i], a.Brier[i], block.SampleWeight(i));
        }

        /// <summary>Adds another accumulator's sums (call in a fixed order for bit-identical results).</summary>
        public void Merge(CalibrationAccumulator other)
        {
            if (other.BinCount != BinCount) throw new ArgumentException("Bin counts differ.", nameof(other));
            for (int m = 0; m < BinCount; m++)
            {
                Count[m] += other.Count[m];
                WeightSum[m] += other.WeightSum[m];
                ConfidenceSum[m] += other.ConfidenceSum[m];
                CorrectSum[m] += other.CorrectSum[m];
            }
            BrierSum += other.BrierSum;
            Used += other.Used;
        }

        private double Ratio(double[] sums)
        {
            double w = TotalWeight, s = 0;
            foreach (double v in sums) s += v;
            return w > 0 ? s / w : double.NaN;
        }
    }
}
