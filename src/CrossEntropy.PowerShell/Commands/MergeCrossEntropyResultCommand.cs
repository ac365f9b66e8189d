using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using CrossEntropy.Data.Results.Merging;
using CrossEntropy.Input;

namespace CrossEntropy.Commands
{
    /// <summary>
    /// Merge-CrossEntropyResult: merges results computed on shards of the input — on other machines (Invoke-Command),
    /// in jobs, in parallel runspaces, or saved with Export-Clixml or ConvertTo-Json — into the result one run over all
    /// the rows gives. Summaries carry their sums as plain numbers; the merge adds counts as integers and every sum
    /// exactly (rounded once), so the result does not depend on how the rows were split or the order results arrive.
    /// Results of different kinds are merged kind by kind; results that do not fit together are refused.
    /// </summary>
    [Cmdlet(VerbsData.Merge, "CrossEntropyResult", HelpUri = CrossEntropyCmdlet.HelpRoot + "Merge-CrossEntropyResult.md")]
    [OutputType(typeof(LossSummary), typeof(CalibrationSummary), typeof(EntropySummary), typeof(ClassificationSummary), typeof(PredictionReport), typeof(ClassThresholds))]
    public sealed class MergeCrossEntropyResultCommand : PSCmdlet
    {
        private readonly List<KeyValuePair<object, string>> _results = new List<KeyValuePair<object, string>>();
        private int _seen;

        /// <summary>Results to merge: summaries of Measure-CrossEntropy, Measure-Calibration, Measure-Entropy, Measure-Classification; Test-Prediction reports.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [AllowEmptyCollection]
        public PSObject[] InputObject { get; set; } = Array.Empty<PSObject>();

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            foreach (PSObject item in InputObject)
            {
                if (item == null) continue;
                _seen++;
                string name = NameOf(item, _seen);
                try
                {
                    _results.Add(new KeyValuePair<object, string>(ResultReader.Read(item, name), name));
                }
                catch (MergeException e)
                {
                    Refuse(e, item);
                }
            }
        }

        /// <inheritdoc/>
        protected override void EndProcessing()
        {
            if (_results.Count == 0)
            {
                WriteWarning("Merge-CrossEntropyResult received no result, so there is nothing to merge.");
                return;
            }
            try
            {
                // Kind by kind, in the order each kind first came.
                foreach (Type kind in _results.Select(r => r.Key.GetType()).Distinct().ToList())
                {
                    if (kind == typeof(LossSummary)) WriteAll(LossMerge.Merge(Of<LossSummary>()));
                    else if (kind == typeof(CalibrationSummary)) WriteAll(AuditMerge.Calibration(Of<CalibrationSummary>()));
                    else if (kind == typeof(EntropySummary)) WriteAll(AuditMerge.Entropy(Of<EntropySummary>()));
                    else if (kind == typeof(PredictionReport)) WriteObject(PredictionMerge.Merge(Of<PredictionReport>()));
                    else if (kind == typeof(ClassificationSummary)) MergeClassification(Of<ClassificationSummary>());
                    else if (kind == typeof(ClassThresholds)) WriteObject(ThresholdMerge.Merge(Of<ClassThresholds>()));
                }
            }
            catch (MergeException e)
            {
                Refuse(e, null);
            }
        }

        private void MergeClassification(List<MergeInput<ClassificationSummary>> results)
        {
            List<ClassificationSummary> merged = ClassificationMerge.Merge(results);
            List<string> missing = ClassificationMerge.MissingRankings(results);
            if (missing.Count > 0) WriteWarning(ClassificationMerge.NoRankingWarning(missing));
            WriteAll(merged);
        }

        private List<MergeInput<T>> Of<T>()
            where T : class =>
            _results.Where(r => r.Key is T).Select(r => new MergeInput<T>((T)r.Key, r.Value)).ToList();

        private void WriteAll<T>(List<T> merged)
        {
            foreach (T m in merged)
            {
                if (m is LossSummary { WeightSum: 0 } s)
                    WriteWarning($"{s.Source}{(s.Group == null ? "" : $", group '{s.Group}'")}: the merged mean loss is NaN (as in PyTorch) because no used row carries weight ({s.Used} used of {s.Count}).");
                WriteObject(m);
            }
        }

        // "result 3 ('shard-3.csv', group 'a', from host-2)": its position, source, group and computer, as far as known.
        private static string NameOf(PSObject item, int position)
        {
            var parts = new List<string>();
            if (item.Properties["Source"]?.Value is object source && source.ToString() is { Length: > 0 } s) parts.Add(ShortSource(s));
            if (item.Properties["Group"]?.Value is object group && group.ToString() is { Length: > 0 } g) parts.Add($"group '{g}'");
            if (item.Properties["PSComputerName"]?.Value is object computer && computer.ToString() is { Length: > 0 } c) parts.Add($"from {c}");
            string where = parts.Count == 0 ? "" : $" ({string.Join(", ", parts)})";
            return string.Format(CultureInfo.InvariantCulture, "result {0}{1}", position, where);
        }

        // A file's name (its folder makes messages long and shards usually share it); other sources as they are.
        private static string ShortSource(string source) =>
            System.IO.Path.IsPathRooted(source) && source.IndexOf(", ", StringComparison.Ordinal) < 0 ? System.IO.Path.GetFileName(source) : source;

        private void Refuse(MergeException e, object? target) =>
            ThrowTerminatingError(new ErrorRecord(e, "CrossEntropy.MergeRefused", ErrorCategory.InvalidData, target));
    }
}
