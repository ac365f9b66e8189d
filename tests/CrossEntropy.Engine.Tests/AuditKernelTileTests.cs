using System;
using System.Collections.Generic;
using CrossEntropy.Engine.Audit;
using CrossEntropy.Engine.Kernels;
using Xunit;

namespace CrossEntropy.Engine.Tests
{
    /// <summary>
    /// The audit kernel's tiled pass over a labelled row gives, bit for bit, what its separate passes gave (kept below as
    /// the reference: softmax or clipped log, then entropy, best other class and the Brier sum, each over the whole row).
    /// </summary>
    public class AuditKernelTileTests
    {
        public static TheoryData<int> Widths => new TheoryData<int> { 2, 3, 7, 8, 9, 511, AuditKernel.Tile, AuditKernel.Tile + 1, 2 * AuditKernel.Tile - 1, 5000, 70000 };

        [Theory]
        [MemberData(nameof(Widths))]
        public void LogitRowsMatchTheSeparatePasses(int classes)
        {
            foreach (double temperature in new[] { 1.0, 0.37 })
                Compare(new LossOptions { Classes = classes, Temperature = temperature }, LogitRows(classes, new Random(classes)));
        }

        [Theory]
        [MemberData(nameof(Widths))]
        public void ProbabilityRowsMatchTheSeparatePasses(int classes)
        {
            Compare(new LossOptions { Classes = classes, Input = InputKind.Probabilities }, ProbabilityRows(classes, new Random(classes + 1)));
        }

        [Theory]
        [MemberData(nameof(Widths))]
        public void RowsWithoutLabelsGetTheirEntropyAsBefore(int classes)
        {
            // A softmax run (Measure-Entropy without labels): the engine takes no loss and every label is -1.
            Compare(new LossOptions { Classes = classes }, LogitRows(classes, new Random(classes + 2)), softmax: true);
            Compare(new LossOptions { Classes = classes, Input = InputKind.Probabilities }, ProbabilityRows(classes, new Random(classes + 3)), softmax: true);
        }

        private static void Compare(LossOptions o, List<double[]> rows, bool softmax = false)
        {
            int c = o.Classes;
            var engine = new LossEngine(o);
            var kernel = new AuditKernel(o);
            var random = new Random(c * 7 + rows.Count);
            var block = new RowBlock(rows.Count, c);
            for (int i = 0; i < rows.Count; i++)
            {
                rows[i].CopyTo(block.Row(i));
                // Labels: the argmax (a tie with the best other class) or any class; -1 in a softmax run.
                block.Labels[i] = softmax ? -1 : random.Next(3) == 0 ? Vec.IndexOfMax(rows[i]) : random.Next(c);
            }
            block.Count = rows.Count;
            BlockResult r = engine.CreateResult(rows.Count);
            if (softmax) SoftmaxKernel.Compute(o, block, r, log: false);
            else engine.Compute(block, r, keepExponentials: false);
            AuditResult actual = kernel.CreateResult(rows.Count), expected = kernel.CreateResult(rows.Count);
            kernel.Compute(block, r, actual);
            Reference.Compute(o, block, r, expected);
            int used = 0;
            for (int i = 0; i < rows.Count; i++) if (r.Status[i] == RowStatus.Used) used++;
            Assert.True(used >= 12, $"{used} of {rows.Count} rows used"); // the random rows at least
            Same(expected.Probabilities, actual.Probabilities, "q", c);
            Same(expected.LogProbabilities, actual.LogProbabilities, "log q", c);
            Same(expected.Entropy, actual.Entropy, "entropy", 1);
            Same(expected.LabelProbability, actual.LabelProbability, "label probability", 1);
            Same(expected.Margin, actual.Margin, "margin", 1);
            Same(expected.Brier, actual.Brier, "Brier", 1);
            Same(expected.TargetEntropy, actual.TargetEntropy, "H(t)", 1);
            Same(expected.CrossEntropy, actual.CrossEntropy, "H(t, q)", 1);
            Same(expected.KLDivergence, actual.KLDivergence, "KL", 1);
        }

        private static void Same(double[] expected, double[] actual, string what, int width)
        {
            for (int k = 0; k < expected.Length; k++)
                if (BitConverter.DoubleToInt64Bits(expected[k]) != BitConverter.DoubleToInt64Bits(actual[k]))
                    Assert.Fail($"{what} of row {k / width} (element {k % width}): expected {expected[k]:R}, got {actual[k]:R}");
        }

        // Random logits, and rows with ties, NaN, ±Infinity, huge values and all -Infinity.
        private static List<double[]> LogitRows(int c, Random random)
        {
            var rows = new List<double[]>();
            for (int k = 0; k < 12; k++) rows.Add(Fill(c, _ => (random.NextDouble() - 0.5) * 20));
            rows.Add(Fill(c, j => j % 3)); // ties, and the max repeated
            rows.Add(Fill(c, _ => 0)); // uniform
            rows.Add(Fill(c, j => j == c / 2 ? 800 : -800)); // probabilities underflow to 0
            rows.Add(Fill(c, j => j == c - 1 ? double.PositiveInfinity : random.NextDouble())); // one +Infinity takes all
            rows.Add(Fill(c, j => j == 0 ? double.NegativeInfinity : random.NextDouble())); // q = 0 for a class
            rows.Add(Fill(c, j => j % 2 == 0 ? double.NegativeInfinity : 1e300)); // overflow under a temperature
            rows.Add(Fill(c, j => j == 1 ? double.NaN : 0)); // rejected by the engine
            rows.Add(Fill(c, _ => double.NegativeInfinity)); // rejected by the engine
            if (c > 2) rows.Add(Fill(c, j => j < 2 ? double.PositiveInfinity : 0)); // two +Infinity: rejected
            return rows;
        }

        // Random distributions, and rows with zeros, a one, ties, values off the sum and outside [0, 1].
        private static List<double[]> ProbabilityRows(int c, Random random)
        {
            var rows = new List<double[]>();
            for (int k = 0; k < 12; k++)
            {
                double[] p = Fill(c, _ => random.NextDouble() < 0.2 ? 0 : random.NextDouble());
                double s = 0;
                foreach (double v in p) s += v;
                for (int j = 0; j < c; j++) p[j] = s > 0 ? p[j] / s : 1.0 / c;
                rows.Add(p);
            }
            rows.Add(Fill(c, j => j == c / 3 ? 1 : 0)); // one-hot: q = 0 and q = 1
            rows.Add(Fill(c, _ => 1.0 / c)); // ties everywhere
            rows.Add(Fill(c, j => j < 2 ? 0.5 : 0)); // a tie for the best
            rows.Add(Fill(c, _ => 1e-300)); // below ε, off the sum (kept, counted as off-sum)
            rows.Add(Fill(c, j => j == 0 ? double.NaN : 0)); // rejected by the engine
            rows.Add(Fill(c, j => j == 0 ? 1.5 : 0)); // rejected by the engine
            return rows;
        }

        private static double[] Fill(int c, Func<int, double> value)
        {
            var row = new double[c];
            for (int j = 0; j < c; j++) row[j] = value(j);
            return row;
        }

        // The kernel's label rows as they were computed before the tiled pass (main 2255bb0), copied verbatim.
        private static class Reference
        {
            public static void Compute(LossOptions o, RowBlock block, BlockResult r, AuditResult a)
            {
                int width = o.Classes;
                var scratch = new BlockResult(1, o.Classes);
                a.Reset(r.Count);
                for (int i = 0; i < r.Count; i++)
                {
                    a.Clear(i);
                    if (r.Status[i] != RowStatus.Used) continue;
                    Span<double> q = new Span<double>(a.Probabilities, i * width, width);
                    Span<double> logq = new Span<double>(a.LogProbabilities, i * width, width);
                    if (!TryDistribution(o, scratch, block.Row(i), q, logq)) continue;
                    a.Entropy[i] = AuditKernel.EntropyOf(q, o.Input == InputKind.Logits ? logq : default);
                    int y = block.Labels[i];
                    if (y >= 0 && y < width) AgainstLabel(y, q, logq, a, i);
                }
            }

            private static bool TryDistribution(LossOptions o, BlockResult scratch, ReadOnlySpan<double> scores, Span<double> q, Span<double> logq)
            {
                if (o.Input == InputKind.Probabilities)
                {
                    scores.CopyTo(q);
                    Vec.Clamp(scores, o.Epsilon, 1 - o.Epsilon, logq);
                    Vec.Log(logq, logq);
                    return true;
                }
                if (!LogProbabilities.TryPrepare(o, scores, scratch, 0, out double logS)) return false;
                Vec.Subtract(scratch.Shifted, logS, logq);
                Vec.Exp(logq, q);
                return true;
            }

            private static void AgainstLabel(int y, ReadOnlySpan<double> q, ReadOnlySpan<double> logq, AuditResult a, int i)
            {
                a.LabelProbability[i] = q[y];
                a.Margin[i] = q[y] - BestOther(q, y);
                double s = 0;
                for (int c = 0; c < q.Length; c++)
                {
                    double d = q[c] - (c == y ? 1 : 0);
                    s += d * d;
                }
                a.Brier[i] = s;
                a.TargetEntropy[i] = 0;
                a.CrossEntropy[i] = -logq[y];
                a.KLDivergence[i] = -logq[y];
            }

            private static double BestOther(ReadOnlySpan<double> q, int y)
            {
                double best = double.NegativeInfinity;
                for (int c = 0; c < q.Length; c++)
                    if (c != y && q[c] > best) best = q[c];
                return best;
            }
        }
    }
}
