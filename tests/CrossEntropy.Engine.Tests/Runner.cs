using System;
using System.Collections.Generic;
using System.Linq;

namespace CrossEntropy.Engine.Tests
{
    /// <summary>Runs the engine over rows in blocks of a chosen size and gathers per-row results and the sums.</summary>
    internal sealed class Runner
    {
        public List<double> Loss { get; } = new();
        public List<RowStatus> Status { get; } = new();
        public List<int> Predicted { get; } = new();
        public List<double> Confidence { get; } = new();
        public List<RowRejection> Rejections { get; } = new();
        public List<int> OffSum { get; } = new();
        public LossAccumulator Total { get; private set; } = new(0);

        public static LossOptions OptionsFor(ExpectedCase c)
        {
            double[][] scores = c.ScoreRows();
            return new LossOptions
            {
                Input = c.Kind == "probabilities" ? InputKind.Probabilities : InputKind.Logits,
                Target = c.Kind switch
                {
                    "soft" => TargetKind.Soft,
                    "binary" => TargetKind.Binary,
                    "multilabel" => TargetKind.MultiLabel,
                    _ => TargetKind.ClassIndex,
                },
                Classes = scores[0].Length,
                ClassWeights = c.Weight,
                IgnoreIndex = c.Kind == "index" ? c.IgnoreIndex : null,
                LabelSmoothing = c.LabelSmoothing,
                Temperature = c.Temperature,
                Epsilon = c.Kind == "probabilities" ? c.Epsilon : LossOptions.MachineEpsilon,
                PosWeight = c.PosWeight,
                TopK = c.TopK,
            };
        }

        public static Runner Run(ExpectedCase c, int blockSize = 8, bool sampleWeights = false)
        {
            LossOptions o = OptionsFor(c);
            double[][] scores = c.ScoreRows();
            bool hasTargets = o.Target is TargetKind.Soft or TargetKind.MultiLabel;
            double[][]? targets = hasTargets ? c.TargetRows() : null;
            int[]? labels = hasTargets ? null : (o.Target == TargetKind.Binary ? c.TargetRows().Select(r => (int)r[0]).ToArray() : c.Labels());
            return Run(o, scores, labels, targets, sampleWeights ? c.SampleWeight : null, blockSize);
        }

        public static Runner Run(LossOptions o, double[][] scores, int[]? labels, double[][]? targets = null, double[]? sampleWeights = null, int blockSize = 8)
        {
            var engine = new LossEngine(o);
            var run = new Runner { Total = engine.CreateAccumulator() };
            var block = new RowBlock(blockSize, o.Classes, targets != null, sampleWeights != null);
            BlockResult result = engine.CreateResult(blockSize);
            for (int start = 0; start < scores.Length; start += blockSize)
            {
                block.Clear();
                for (int i = start; i < Math.Min(scores.Length, start + blockSize); i++)
                {
                    int k = block.Count;
                    scores[i].CopyTo(block.Row(k));
                    if (labels != null) block.Labels[k] = labels[i];
                    if (targets != null) targets[i].CopyTo(block.TargetRow(k));
                    if (sampleWeights != null) block.SampleWeights![k] = sampleWeights[i];
                    block.RowNumbers[k] = i + 1;
                    block.Count++;
                }
                engine.Compute(block, result);
                for (int i = 0; i < result.Count; i++)
                {
                    run.Loss.Add(result.Loss[i]);
                    run.Status.Add(result.Status[i]);
                    run.Predicted.Add(result.Predicted[i]);
                    run.Confidence.Add(result.Confidence[i]);
                }
                run.Rejections.AddRange(result.Rejections.Select(r => new RowRejection(r.Index + start, r.Field, r.Column, r.Value, r.Reason)));
                run.OffSum.AddRange(result.OffSumRows.Select(i => i + start));
                var part = engine.CreateAccumulator();
                part.AddBlock(block, result);
                run.Total.Merge(part);
            }
            return run;
        }
    }
}
