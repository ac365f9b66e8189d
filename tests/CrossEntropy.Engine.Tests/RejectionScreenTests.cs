using System;
using System.Collections.Generic;
using Xunit;

namespace CrossEntropy.Engine.Tests
{
    /// <summary>
    /// The screen that lets a pipeline row's object go before its block is computed must never pass a row that the
    /// engine then rejects (its error would lose the object it names): random rows full of edge values, every option
    /// set, the screen against the engine's own verdict.
    /// </summary>
    public class RejectionScreenTests
    {
        private static readonly double[] Edges =
        {
            double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.MaxValue, -double.MaxValue, 1e308, -1e308,
            0, -0.0, 1, 0.5, 1e-300, -1, 2, double.Epsilon,
        };

        public static IEnumerable<object[]> Options()
        {
            foreach (bool probabilities in new[] { false, true })
            foreach (int classes in new[] { 2, 3, 5, 9, 40 })
            foreach (int variant in new[] { 0, 1, 2, 3, 4, 5, 6 })
                yield return new object[] { probabilities, classes, variant };
        }

        [Theory]
        [MemberData(nameof(Options))]
        public void ARowThatPassesTheScreenIsNeverRejected(bool probabilities, int classes, int variant)
        {
            InputKind input = probabilities ? InputKind.Probabilities : InputKind.Logits;
            LossOptions? o = Make(input, classes, variant);
            if (o == null) return; // an option set that applies to logits only
            var engine = new LossEngine(o);
            var rng = new Random(classes * 31 + variant * 7 + (int)input);
            const int rows = 400;
            var block = new RowBlock(rows, classes);
            for (int i = 0; i < rows; i++)
            {
                Span<double> row = block.Row(i);
                int kind = rng.Next(4);
                for (int c = 0; c < classes; c++)
                {
                    double plain = input == InputKind.Logits ? rng.NextDouble() * 20 - 10 : rng.NextDouble();
                    row[c] = kind == 0 && rng.Next(classes) == 0 ? Edges[rng.Next(Edges.Length)] : plain;
                }
                if (kind == 1) row[rng.Next(classes)] = Edges[rng.Next(Edges.Length)];
                block.Labels[i] = rng.Next(6) switch
                {
                    0 => -100,
                    1 => classes,
                    2 => -1,
                    _ => rng.Next(classes),
                };
            }
            block.Count = rows;
            var result = engine.CreateResult(rows);
            engine.Compute(block, result);
            int passed = 0;
            for (int i = 0; i < rows; i++)
            {
                if (!RejectionScreen.CannotReject(engine.Options, block, i)) continue;
                passed++;
                Assert.True(result.Status[i] != RowStatus.Rejected,
                    $"row {i} (label {block.Labels[i]}, scores {string.Join(", ", block.Row(i).ToArray())}) passed the screen but was rejected");
            }
            // Plain rows pass, so the screen does let objects go where it can.
            if (!o.HasTrainingLoss) Assert.True(passed > rows / 4, $"only {passed} of {rows} rows passed the screen");
        }

        [Fact]
        public void OtherTargetsAndTheTrainingLossKeepEveryRow()
        {
            var block = new RowBlock(1, 3);
            block.Row(0).Fill(0.25);
            block.Labels[0] = 1;
            block.Count = 1;
            Assert.True(RejectionScreen.CannotReject(new LossOptions { Classes = 3 }, block, 0));
            Assert.False(RejectionScreen.CannotReject(new LossOptions { Classes = 3, ZLoss = 1e-4 }, block, 0));
            Assert.False(RejectionScreen.CannotReject(new LossOptions { Classes = 3, Target = TargetKind.Soft }, block, 0));
            Assert.False(RejectionScreen.CannotReject(new LossOptions { Classes = 3, Target = TargetKind.MultiLabel }, block, 0));
            Assert.False(RejectionScreen.CannotReject(new LossOptions { Classes = 4 }, block, 0)); // a block of another width
        }

        private static LossOptions? Make(InputKind input, int classes, int variant)
        {
            bool logits = input == InputKind.Logits;
            var weights = new double[classes];
            for (int c = 0; c < classes; c++) weights[c] = 0.5 + c;
            LossOptions? o = variant switch
            {
                0 => new LossOptions { Input = input, Classes = classes },
                1 => new LossOptions { Input = input, Classes = classes, IgnoreIndex = -100 },
                2 => new LossOptions { Input = input, Classes = classes, LabelSmoothing = 0.1, ClassWeights = weights },
                3 when logits => new LossOptions { Input = input, Classes = classes, Temperature = 0.01 },
                4 when logits => new LossOptions { Input = input, Classes = classes, Temperature = 1e-300 },
                5 when logits => new LossOptions { Input = input, Classes = classes, ZLoss = 1e-4, Temperature = 0.5 },
                6 => new LossOptions { Input = input, Classes = classes, TopK = Math.Min(2, classes), IgnoreIndex = 0 },
                _ => null,
            };
            return o;
        }
    }
}
