using System;
using CrossEntropy.Engine.Classification;
using Xunit;

namespace CrossEntropy.Engine.Tests
{
    /// <summary>
    /// The classification sums are mergeable: any split of the rows, merged, gives the figures of the whole; and the
    /// ranking figures against closed forms (Mann-Whitney with ties counted half, step-wise average precision).
    /// </summary>
    public class ClassificationSumsTests
    {
        [Fact]
        public void SplitAndMergedEqualsWhole()
        {
            var rng = new Random(16);
            int n = 500;
            var scores = new double[n];
            var truth = new int[n];
            var pred = new int[n];
            var w = new double[n];
            for (int i = 0; i < n; i++)
            {
                scores[i] = Math.Round(rng.NextDouble(), 2); // ties
                truth[i] = rng.Next(3);
                pred[i] = rng.Next(3);
                w[i] = rng.Next(4) * 0.5;
            }
            (ConfusionCounts m, ScoreTable t) Sums(int from, int to)
            {
                var m = new ConfusionCounts(3);
                var t = new ScoreTable();
                for (int i = from; i < to; i++)
                {
                    m.Add(truth[i], pred[i], w[i]);
                    t.Add(scores[i], truth[i] == 1, w[i]);
                }
                return (m, t);
            }
            (ConfusionCounts whole, ScoreTable wholeT) = Sums(0, n);
            (ConfusionCounts a, ScoreTable at) = Sums(0, 123);
            (ConfusionCounts b, ScoreTable bt) = Sums(123, n);
            a.Merge(b);
            at.Merge(bt);
            Assert.Equal(whole.Cells().True, a.Cells().True);
            Assert.Equal(whole.Cells().Predicted, a.Cells().Predicted);
            Assert.Equal(whole.Cells().Counts, a.Cells().Counts);
            Assert.Equal(whole.Cells().Weights, a.Cells().Weights);
            Assert.Equal(new ClassificationFigures(whole).MacroF1, new ClassificationFigures(a).MacroF1);
            Assert.Equal(wholeT.Curve().RocAuc, at.Curve().RocAuc);
            Assert.Equal(wholeT.Curve().AveragePrecision, at.Curve().AveragePrecision);
            Assert.Equal(wholeT.Count, at.Count);
        }

        [Fact]
        public void RankingFiguresOfASmallCaseByHand()
        {
            // scores (label): 0.9 (1), 0.8 (0), 0.8 (1), 0.3 (0), 0.1 (1), and a zero-weight row that must not count
            var t = new ScoreTable();
            t.Add(0.9, true, 1);
            t.Add(0.8, false, 1);
            t.Add(0.8, true, 1);
            t.Add(0.3, false, 1);
            t.Add(0.1, true, 1);
            t.Add(0.95, false, 0);
            RankingCurve c = t.Curve();
            Assert.Equal(4, c.Count);
            // pairs (pos, neg) ranked right: 0.9 beats both; 0.8 ties 0.8 (half) and beats 0.3; 0.1 beats none -> 3.5/6
            Assert.Equal(3.5 / 6, c.RocAuc, 15);
            // AP: recall steps 1/3 at precision 1, 1/3 at 2/3, 1/3 at 3/5
            Assert.Equal((1 + 2.0 / 3 + 3.0 / 5) / 3, c.AveragePrecision, 15);
            Assert.Equal(double.PositiveInfinity, c.Roc(false)[0].Threshold);
            Assert.Equal(5, c.Roc(false).Count);
            Assert.Equal(5, c.PrecisionRecall().Count);
        }
    }
}
