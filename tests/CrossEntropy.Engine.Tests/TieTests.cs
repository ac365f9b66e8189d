using System;
using System.Linq;
using CrossEntropy.Engine.Audit;
using CrossEntropy.Engine.Kernels;
using Xunit;

namespace CrossEntropy.Engine.Tests
{
    /// <summary>Issue 12 item 7: ties are broken by a stated rule — the lower class index in top-k, the earlier row in Find-NoisyLabel.</summary>
    public class TieTests
    {
        [Fact]
        public void RankBreaksTiesByTheLowerClassIndex()
        {
            double[] x = { 1, 3, 3, 0, 3 };
            Assert.Equal(new[] { 3, 0, 1, 4, 2 }, Enumerable.Range(0, x.Length).Select(k => Vec.RankOf(x, k)).ToArray());
            // Class 1 is argmax (first of the ties), so rank 0 is exactly "predicted": top-1 equals accuracy.
            Assert.Equal(1, Vec.IndexOfMax(x));
        }

        [Fact]
        public void ScoresEqualButForRoundingTie()
        {
            Assert.Equal(NoisyLabelRanking.TieKey(1.0), NoisyLabelRanking.TieKey(Math.BitIncrement(1.0)));
            Assert.Equal(NoisyLabelRanking.TieKey(-0.25), NoisyLabelRanking.TieKey(Math.BitDecrement(-0.25)));
            Assert.NotEqual(NoisyLabelRanking.TieKey(1.0), NoisyLabelRanking.TieKey(1.0 + 1e-9));
            Assert.True(double.IsPositiveInfinity(NoisyLabelRanking.TieKey(double.PositiveInfinity)));
        }

        [Theory]
        [InlineData(NoisyLabelOrder.Loss)]
        [InlineData(NoisyLabelOrder.Normalized)]
        [InlineData(NoisyLabelOrder.Margin)]
        public void NoisyLabelTiesGoByRow(NoisyLabelOrder by)
        {
            // Rows 1..4 with the same loss and margin but for the last bit, the later rows a hair worse: row order wins.
            var ranking = new NoisyLabelRanking(classes: 2, top: 4, by);
            for (int row = 1; row <= 4; row++)
            {
                double loss = 2.0, margin = -0.5;
                for (int k = 1; k < row; k++)
                {
                    loss = Math.BitIncrement(loss);
                    margin = Math.BitDecrement(margin);
                }
                ranking.Add(new NoisyLabelCandidate { RowNumber = row, Class = 0, Predicted = 1, LabelProbability = Math.Exp(-loss), Confidence = 0.9, Loss = loss, Margin = margin });
            }
            Assert.Equal(new long[] { 1, 2, 3, 4 }, ranking.Top().Select(c => c.RowNumber).ToArray()); // before: 4, 3, 2, 1
        }
    }
}
