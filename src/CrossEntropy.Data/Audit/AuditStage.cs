using System;
using System.Collections.Generic;
using CrossEntropy.Data.Runs;
using CrossEntropy.Data.Schemas;
using CrossEntropy.Engine;
using CrossEntropy.Engine.Audit;
using CrossEntropy.Engine.Classification;

namespace CrossEntropy.Data.Audit
{
    /// <summary>What an audit collects besides the loss sums every run keeps.</summary>
    internal sealed class AuditOptions
    {
        /// <summary>Calibration bins M.</summary>
        public int BinCount { get; init; } = CalibrationAccumulator.DefaultBinCount;
        /// <summary>Rows to rank as likely label errors (0: none).</summary>
        public int NoisyTop { get; init; }
        /// <summary>Their order.</summary>
        public NoisyLabelOrder NoisyBy { get; init; } = NoisyLabelOrder.Normalized;
        /// <summary>Class thresholds t_y to rank by (Find-NoisyLabel -ClassThreshold, merged over shards); null: the rows' own.</summary>
        public ClassThresholds? NoisyThresholds { get; init; }
        /// <summary>Keep the confusion matrix and score rankings (Measure-Classification).</summary>
        public bool Classification { get; init; }
    }

    /// <summary>
    /// The audit part of a run: each computed block goes through <see cref="AuditKernel"/> and into mergeable
    /// calibration and entropy sums (overall and per group), a loss histogram and, if asked, the noisy-label ranking.
    /// The run calls it for each block, in row order, before the block's rows go to the sink.
    /// </summary>
    internal sealed class AuditStage
    {
        private readonly AuditKernel _kernel;
        private readonly AuditResult _figures;
        private readonly List<CalibrationAccumulator> _groupCalibration = new List<CalibrationAccumulator>();
        private readonly List<EntropyAccumulator> _groupEntropy = new List<EntropyAccumulator>();
        private readonly List<ClassificationAccumulator> _groupClassification = new List<ClassificationAccumulator>();
        private readonly LossOptions _lossOptions;

        private AuditStage(RunPlan plan, AuditOptions options, bool hasLabels)
        {
            Options = options;
            HasLabels = hasLabels;
            _kernel = new AuditKernel(plan.Options);
            _figures = _kernel.CreateResult(plan.BlockSize);
            Calibration = new CalibrationAccumulator(options.BinCount);
            if (options.NoisyTop > 0 && hasLabels)
            {
                int classes = plan.NewAccumulator().ClassCount;
                Noisy = new NoisyLabelRanking(classes, options.NoisyTop, options.NoisyBy, GivenThresholds(options.NoisyThresholds, plan.Schema, classes));
            }
            _lossOptions = plan.Options;
            if (options.Classification) Classification = new ClassificationAccumulator(plan.Options);
        }

        /// <summary>
        /// A run that audits rows of <paramref name="schema"/>: with labels (or target distributions) the loss is
        /// computed too; without, the run only takes the softmax (entropy needs no labels). An
        /// <see cref="ArgumentException"/> names an option or input that cannot be audited.
        /// </summary>
        public static LossRun CreateRun(Schema schema, LossSettings settings, AuditOptions options, IRunSink sink, int blockSize = 0)
        {
            if (schema.Target == TargetKind.MultiLabel)
                throw new ArgumentException($"{schema.SourceName}: audits take multi-class, soft-target or binary predictions, not multi-label ones.");
            if (options.BinCount < 1) throw new ArgumentException("BinCount must be at least 1.");
            if (options.Classification && !CanClassify(schema))
                throw new ArgumentException($"{schema.SourceName}: classification figures need a label column (a class name or index per row), not target distributions.");
            bool hasLabels = schema.LabelColumn >= 0 || schema.Target == TargetKind.Soft;
            var plan = new RunPlan(schema, settings.Resolve(schema), hasLabels ? RunMode.Loss : RunMode.Softmax, blockSize);
            return new LossRun(plan, sink, new AuditStage(plan, options, hasLabels));
        }

        // The given thresholds in class order, after checking they are for these classes (null when none are given).
        private static double[]? GivenThresholds(ClassThresholds? given, Schema schema, int classes)
        {
            if (given == null) return null;
            var names = new string[classes];
            for (int c = 0; c < classes; c++) names[c] = schema.ClassName(c);
            if (!System.Linq.Enumerable.SequenceEqual(given.Classes, names) || given.Thresholds.Length != classes)
                throw new ArgumentException($"{schema.SourceName}: the class thresholds of -ClassThreshold are for the classes {string.Join(", ", given.Classes)} ({given.Source}), " +
                    $"but these rows have the classes {string.Join(", ", names)}. Compute them with Find-NoisyLabel -ThresholdOnly over the same classes (the same -Class).");
            return (double[])given.Thresholds.Clone();
        }

        /// <summary>True when rows of <paramref name="schema"/> have one label each (what classification figures need).</summary>
        public static bool CanClassify(Schema schema) =>
            (schema.Target == TargetKind.ClassIndex || schema.Target == TargetKind.Binary) && schema.LabelColumn >= 0;

        /// <summary>The options.</summary>
        public AuditOptions Options { get; }
        /// <summary>True when rows have labels or target distributions (calibration, KL and ranking need them).</summary>
        public bool HasLabels { get; }
        /// <summary>Calibration over every row.</summary>
        public CalibrationAccumulator Calibration { get; }
        /// <summary>Entropy figures over every row.</summary>
        public EntropyAccumulator Entropy { get; } = new EntropyAccumulator();
        /// <summary>Per-row losses (-log q_y).</summary>
        public Histogram LossHistogram { get; } = Histogram.OfLosses();
        /// <summary>The least plausible labels, when asked for.</summary>
        public NoisyLabelRanking? Noisy { get; }

        /// <summary>Confusion matrix and rankings over every row (Measure-Classification only).</summary>
        public ClassificationAccumulator? Classification { get; }

        /// <summary>Classification sums of group <paramref name="g"/> (empty if none of its rows reached the engine).</summary>
        public ClassificationAccumulator ClassificationOf(int g) =>
            g < _groupClassification.Count ? _groupClassification[g] : new ClassificationAccumulator(_lossOptions);

        /// <summary>Calibration of group <paramref name="g"/> (empty if none of its rows reached the engine).</summary>
        public CalibrationAccumulator CalibrationOf(int g) => g < _groupCalibration.Count ? _groupCalibration[g] : new CalibrationAccumulator(Options.BinCount);

        /// <summary>Entropy figures of group <paramref name="g"/>.</summary>
        public EntropyAccumulator EntropyOf(int g) => g < _groupEntropy.Count ? _groupEntropy[g] : new EntropyAccumulator();

        /// <summary>
        /// Audits a computed block; <paramref name="groups"/> is the run's group count, <paramref name="tags"/> the
        /// rows' handles (a ranked row without one is tagged <paramref name="sourceTag"/>, its file). Returns the
        /// block's per-row figures, valid until the next block.
        /// </summary>
        public AuditResult Add(RowBlock block, BlockResult result, int groups, object?[] tags, object? sourceTag)
        {
            _kernel.Compute(block, result, _figures);
            var blockCalibration = new CalibrationAccumulator(Options.BinCount);
            var blockEntropy = new EntropyAccumulator();
            blockCalibration.AddBlock(block, result, _figures);
            blockEntropy.AddBlock(block, result, _figures);
            Calibration.Merge(blockCalibration);
            Entropy.Merge(blockEntropy);
            Classification?.AddBlock(block, result, _figures);
            for (int i = 0; i < result.Count; i++)
                if (result.Status[i] == RowStatus.Used && !double.IsNaN(_figures.CrossEntropy[i])) LossHistogram.Add(_figures.CrossEntropy[i]);
            if (block.Groups != null)
            {
                while (_groupCalibration.Count < groups)
                {
                    _groupCalibration.Add(new CalibrationAccumulator(Options.BinCount));
                    _groupEntropy.Add(new EntropyAccumulator());
                    if (Classification != null) _groupClassification.Add(new ClassificationAccumulator(_lossOptions));
                }
                for (int i = 0; i < result.Count; i++)
                {
                    int g = block.Groups[i];
                    _groupCalibration[g].AddRow(block, result, _figures, i);
                    _groupEntropy[g].AddRow(block, result, _figures, i);
                    if (Classification != null) _groupClassification[g].AddRow(block, result, _figures, i);
                }
            }
            Noisy?.AddBlock(block, result, _figures, i => tags[i] ?? sourceTag);
            return _figures;
        }

        /// <summary>Σ sample weight per true class over used rows (the label mix) of <paramref name="sums"/>; one pass over the classes.</summary>
        public static double[] ClassWeights(LossAccumulator sums)
        {
            var w = new double[sums.ClassCount];
            for (int c = 0; c < w.Length; c++) w[c] = sums.ClassAt(c).SampleWeightSum;
            return w;
        }
    }
}
