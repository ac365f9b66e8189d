using System;
using System.Collections.Generic;
using CrossEntropy.Engine;

namespace CrossEntropy.Data
{
    /// <summary>What an audit collects besides the loss sums every run keeps.</summary>
    public sealed class AuditOptions
    {
        /// <summary>Calibration bins M.</summary>
        public int BinCount { get; set; } = CalibrationAccumulator.DefaultBinCount;
        /// <summary>Rows to rank as likely label errors (0: none).</summary>
        public int NoisyTop { get; set; }
        /// <summary>Their order.</summary>
        public NoisyLabelOrder NoisyBy { get; set; } = NoisyLabelOrder.Normalized;
    }

    /// <summary>How many rows were read, used, ignored and rejected (Read = Used + Ignored + Rejected).</summary>
    public sealed class RowCounts
    {
        /// <summary>Rows used.</summary>
        public long Used { get; internal set; }
        /// <summary>Rows whose label is the ignore index.</summary>
        public long Ignored { get; internal set; }
        /// <summary>Rows rejected.</summary>
        public long Rejected { get; internal set; }
        /// <summary>Every row read.</summary>
        public long Read => Used + Ignored + Rejected;

        internal static RowCounts Of(LossAccumulator a) => new RowCounts { Used = a.Used, Ignored = a.Ignored, Rejected = a.Rejected };
    }

    /// <summary>
    /// A <see cref="LossRun"/> with the audit kernels behind it: each computed block goes through
    /// <see cref="AuditKernel"/> and into mergeable calibration and entropy sums (overall and per group), a loss
    /// histogram and, if asked, the noisy-label ranking. Inputs without labels run in softmax mode (entropy only).
    /// </summary>
    public sealed class AuditRun
    {
        private readonly AuditKernel _kernel;
        private readonly AuditResult _audit;
        private readonly List<RowCounts> _groupCounts = new List<RowCounts>();

        /// <summary>Prepares the run; an <see cref="ArgumentException"/> names an option or input it cannot audit.</summary>
        public AuditRun(Schema schema, LossSettings settings, AuditOptions? options = null, int blockSize = 0)
        {
            options ??= new AuditOptions();
            if (schema.Target == TargetKind.MultiLabel)
                throw new ArgumentException($"{schema.SourceName}: audits take multi-class, soft-target or binary predictions, not multi-label ones.");
            if (options.BinCount < 1) throw new ArgumentException("BinCount must be at least 1.");
            Options = options;
            HasLabels = schema.LabelColumn >= 0 || schema.Target == TargetKind.Soft;
            LossOptions o = settings.Resolve(schema);
            if (blockSize <= 0) blockSize = LossRun.BlockRowsFor(o.Classes);
            Run = new LossRun(schema, o, HasLabels ? RunMode.Loss : RunMode.Softmax, blockSize);
            _kernel = new AuditKernel(o);
            _audit = _kernel.CreateResult(blockSize);
            Calibration = new CalibrationAccumulator(options.BinCount);
            if (options.NoisyTop > 0 && HasLabels)
                Noisy = new NoisyLabelRanking(Run.Engine.CreateAccumulator().ClassCount, options.NoisyTop, options.NoisyBy);
            Run.BlockComputed = OnBlock;
        }

        /// <summary>The run to feed records to.</summary>
        public LossRun Run { get; }
        /// <summary>The options.</summary>
        public AuditOptions Options { get; }
        /// <summary>True when rows have labels or target distributions (calibration, KL and ranking need them).</summary>
        public bool HasLabels { get; }
        /// <summary>Probabilities per row (2 for a binary score column).</summary>
        public int Width => _kernel.Width;
        /// <summary>Calibration over every row.</summary>
        public CalibrationAccumulator Calibration { get; }
        /// <summary>Calibration per group, indexed like <see cref="RowReader.GroupNames"/>.</summary>
        public List<CalibrationAccumulator> GroupCalibration { get; } = new List<CalibrationAccumulator>();
        /// <summary>Entropy figures over every row.</summary>
        public EntropyAccumulator Entropy { get; } = new EntropyAccumulator();
        /// <summary>Entropy figures per group.</summary>
        public List<EntropyAccumulator> GroupEntropy { get; } = new List<EntropyAccumulator>();
        /// <summary>Per-row losses (-log q_y) over <see cref="Histogram.LossEdges"/>.</summary>
        public Histogram LossHistogram { get; } = new Histogram(Histogram.LossEdges);
        /// <summary>The least plausible labels, when asked for.</summary>
        public NoisyLabelRanking? Noisy { get; }

        /// <summary>Groups seen (<see cref="RowReader.GroupNames"/>).</summary>
        public int GroupCount => Run.Reader.GroupNames.Count;

        /// <summary>Name of group <paramref name="g"/>.</summary>
        public string GroupName(int g) => Run.Reader.GroupNames[g];

        /// <summary>Calibration of group <paramref name="g"/> (empty if none of its rows reached the engine).</summary>
        public CalibrationAccumulator CalibrationOf(int g) => g < GroupCalibration.Count ? GroupCalibration[g] : new CalibrationAccumulator(Options.BinCount);

        /// <summary>Entropy figures of group <paramref name="g"/>.</summary>
        public EntropyAccumulator EntropyOf(int g) => g < GroupEntropy.Count ? GroupEntropy[g] : new EntropyAccumulator();

        /// <summary>Loss sums of group <paramref name="g"/> (with labels) or an empty one.</summary>
        public LossAccumulator SumsOf(int g) => g < Run.Groups.Count ? Run.Groups[g] : Run.Engine.CreateAccumulator();

        /// <summary>Row counts over every row.</summary>
        public RowCounts Counts() => RowCounts.Of(Run.Total);

        /// <summary>Row counts of group <paramref name="g"/>; without labels (softmax mode) they are counted here.</summary>
        public RowCounts CountsOf(int g)
        {
            if (HasLabels) return RowCounts.Of(SumsOf(g));
            RowCounts c = g < _groupCounts.Count ? _groupCounts[g] : new RowCounts();
            // Rows the reader rejected never reach a block; the run counts them per group.
            return new RowCounts { Used = c.Used, Ignored = c.Ignored, Rejected = c.Rejected + SumsOf(g).Rejected };
        }

        /// <summary>
        /// The file being read, if any: a ranked row without a handle of its own (file rows are computed in chunks that
        /// carry none) is tagged with it, so its cells can be read back (<see cref="RowCells"/>).
        /// </summary>
        public string? CurrentFile { get; set; }

        /// <summary>Called with each computed block and its audit figures (per-row output).</summary>
        public Action<RowBlock, BlockResult, AuditResult>? RowsComputed { get; set; }

        /// <summary>
        /// Σ sample weight per true class over used rows (the label distribution), from <paramref name="sums"/>
        /// (the run's total or a group's).
        /// </summary>
        public static double[] ClassWeights(LossAccumulator sums)
        {
            var w = new double[sums.PerClass.Length];
            for (int c = 0; c < w.Length; c++) w[c] = sums.PerClass[c].SampleWeightSum;
            return w;
        }

        private void OnBlock(RowBlock block, BlockResult result)
        {
            _kernel.Compute(block, result, _audit);
            var blockCalibration = new CalibrationAccumulator(Options.BinCount);
            var blockEntropy = new EntropyAccumulator();
            blockCalibration.AddBlock(block, result, _audit);
            blockEntropy.AddBlock(block, result, _audit);
            Calibration.Merge(blockCalibration);
            Entropy.Merge(blockEntropy);
            for (int i = 0; i < result.Count; i++)
                if (result.Status[i] == RowStatus.Used && !double.IsNaN(_audit.CrossEntropy[i])) LossHistogram.Add(_audit.CrossEntropy[i]);
            if (block.Groups != null)
            {
                while (GroupCalibration.Count < Run.Reader.GroupNames.Count)
                {
                    GroupCalibration.Add(new CalibrationAccumulator(Options.BinCount));
                    GroupEntropy.Add(new EntropyAccumulator());
                }
                while (_groupCounts.Count < GroupCalibration.Count) _groupCounts.Add(new RowCounts());
                for (int i = 0; i < result.Count; i++)
                {
                    int g = block.Groups[i];
                    GroupCalibration[g].AddRow(block, result, _audit, i);
                    GroupEntropy[g].AddRow(block, result, _audit, i);
                    RowCounts c = _groupCounts[g];
                    if (result.Status[i] == RowStatus.Used) c.Used++;
                    else if (result.Status[i] == RowStatus.Ignored) c.Ignored++;
                    else c.Rejected++;
                }
            }
            Noisy?.AddBlock(block, result, _audit, i => Run.TagOf(i) ?? CurrentFile);
            RowsComputed?.Invoke(block, result, _audit);
        }
    }
}
