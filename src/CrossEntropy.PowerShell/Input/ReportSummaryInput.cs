using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using CrossEntropy.Data.Results.Merging;

namespace CrossEntropy.Input
{
    /// <summary>
    /// Summaries piped into Export-CrossEntropyReport instead of rows: Measure-CrossEntropy and Measure-Calibration
    /// summaries (live or Deserialized, read by <see cref="ResultReader"/>; several are merged here, so the shards'
    /// own summaries work as well as Merge-CrossEntropyResult's output) and one Measure-Classification summary (live
    /// or Deserialized, read by property name).
    /// </summary>
    internal sealed class ReportSummaryInput
    {
        private const string ClassificationType = "CrossEntropy.ClassificationSummary";
        private readonly List<MergeInput<LossSummary>> _loss = new List<MergeInput<LossSummary>>();
        private readonly List<MergeInput<CalibrationSummary>> _calibration = new List<MergeInput<CalibrationSummary>>();
        private ClassificationSummary? _classification;
        private int _seen;

        /// <summary>True once a summary came.</summary>
        public bool Any => _seen > 0;

        /// <summary>Takes <paramref name="item"/> if it is a summary (true); a row is left to the input layer (false).</summary>
        public bool TryAdd(PSObject item)
        {
            string name = string.Format(CultureInfo.InvariantCulture, "summary {0}", _seen + 1);
            if (IsClassification(item))
            {
                if (_classification != null)
                    throw new MergeException($"Export-CrossEntropyReport takes one Measure-Classification summary; {name} is a second. Run Measure-Classification over all the rows (or merge the shards' summaries first).");
                _classification = item.BaseObject as ClassificationSummary ?? ReadClassification(item);
                _seen++;
                return true;
            }
            Type? kind = ResultReader.KindOf(item);
            if (kind == null) return false;
            object result = ResultReader.Read(item, name);
            if (result is LossSummary loss) _loss.Add(new MergeInput<LossSummary>(loss, name));
            else if (result is CalibrationSummary cal) _calibration.Add(new MergeInput<CalibrationSummary>(cal, name));
            else throw new MergeException($"Export-CrossEntropyReport reports Measure-CrossEntropy, Measure-Calibration and Measure-Classification summaries; {name} is a {kind.FullName}.");
            _seen++;
            return true;
        }

        /// <summary>The summaries, each kind merged over the shards and their groups into one (null for a kind that did not come).</summary>
        public (LossSummary? Loss, CalibrationSummary? Calibration, ClassificationSummary? Classification) Merged()
        {
            LossSummary? loss = _loss.Count == 0 ? null : LossMerge.Merge(_loss, byGroup: false)[0];
            CalibrationSummary? cal = _calibration.Count == 0 ? null : AuditMerge.Calibration(_calibration, byGroup: false)[0];
            // One report is of one problem: every kind must name the same classes in the same order.
            var kinds = new List<(string Kind, string[] Classes)>();
            if (loss != null) kinds.Add(("Measure-CrossEntropy", loss.Classes));
            if (cal != null) kinds.Add(("Measure-Calibration", cal.Classes));
            if (_classification != null && _classification.Classes.Length > 0) kinds.Add(("Measure-Classification", _classification.Classes));
            foreach ((string kind, string[] classes) in kinds.Skip(1))
                if (!classes.SequenceEqual(kinds[0].Classes))
                    throw new MergeException($"The summaries are of different problems: the {kinds[0].Kind} summaries have classes {string.Join(", ", kinds[0].Classes)}, the {kind} summaries {string.Join(", ", classes)}.");
            return (loss, cal, _classification);
        }

        /// <summary>Where the summaries came from (their Source values, distinct).</summary>
        public IReadOnlyList<string> Sources() =>
            _loss.Select(l => l.Result.Source).Concat(_calibration.Select(c => c.Result.Source)).Concat(_classification == null ? Array.Empty<string>() : new[] { _classification.Source })
                .Where(s => !string.IsNullOrEmpty(s)).Distinct().DefaultIfEmpty("summaries").ToList();

        private static bool IsClassification(PSObject item) =>
            item.BaseObject is ClassificationSummary || item.TypeNames.Any(t => t == ClassificationType || t == "Deserialized." + ClassificationType);

        // A Deserialized summary: the figures by name; the per-class rows and the matrix as far as serialization kept them.
        private static ClassificationSummary ReadClassification(PSObject item)
        {
            var s = new ClassificationSummary
            {
                MacroF1 = D(item, "MacroF1"), BalancedAccuracy = D(item, "BalancedAccuracy"), MatthewsCorrelation = D(item, "MatthewsCorrelation"),
                RocAuc = D(item, "RocAuc"), Accuracy = D(item, "Accuracy"), PositiveClass = Value(item, "PositiveClass")?.ToString(),
                Count = (long)D(item, "Count"), Used = (long)D(item, "Used"), Ignored = (long)D(item, "Ignored"), Rejected = (long)D(item, "Rejected"),
                Input = Value(item, "Input")?.ToString() ?? "", Target = Value(item, "Target")?.ToString() ?? "", Source = Value(item, "Source")?.ToString() ?? "",
                Classes = Items(Value(item, "Classes")).Select(c => c?.ToString() ?? "").ToArray(),
            };
            // Serialized at depth 1 (remoting's default, Export-Clixml without -Depth) the per-class rows and the matrix
            // arrive as text: the report then says they were lost rather than showing empty rows.
            List<object?> perClass = Items(Value(item, "PerClass")).ToList();
            if (perClass.Any(o => o == null || o is string)) return s;
            s.PerClass = perClass.Select(o => PSObject.AsPSObject(o!)).Select(c => new ClassMetrics
            {
                Class = Value(c, "Class")?.ToString() ?? "", Precision = D(c, "Precision"), Recall = D(c, "Recall"), F1 = D(c, "F1"),
                Support = D(c, "Support"), RocAuc = D(c, "RocAuc"), AveragePrecision = D(c, "AveragePrecision"),
            }).ToArray();
            if (Value(item, "ConfusionMatrix") is object matrix && !(matrix is string))
            {
                PSObject cm = PSObject.AsPSObject(matrix);
                double[][] weights = Items(Value(cm, "Weights")).Select(r => Items(r).Select(ToDouble).ToArray()).ToArray();
                string[] classes = Items(Value(cm, "Classes")).Select(c => c?.ToString() ?? "").ToArray();
                if (weights.Length == classes.Length && weights.All(r => r.Length == classes.Length))
                    s.ConfusionMatrix = new ConfusionMatrix { Classes = classes, Weights = weights };
            }
            // Many classes: the cells that occur (the report lists the most confused pairs from them).
            s.ConfusionTrue = Items(Value(item, "ConfusionTrue")).Select(v => (int)ToDouble(v)).ToArray();
            s.ConfusionPredicted = Items(Value(item, "ConfusionPredicted")).Select(v => (int)ToDouble(v)).ToArray();
            s.ConfusionWeights = Items(Value(item, "ConfusionWeights")).Select(ToDouble).ToArray();
            return s;
        }

        private static object? Value(PSObject o, string name)
        {
            object? v = o.Properties[name]?.Value;
            return v is PSObject p && !(p.BaseObject is PSCustomObject) ? p.BaseObject : v;
        }

        private static IEnumerable<object?> Items(object? v) =>
            v is string || !(v is IEnumerable e) ? Enumerable.Empty<object?>() : e.Cast<object?>().Select(x => x is PSObject p && !(p.BaseObject is PSCustomObject) ? p.BaseObject : x);

        private static double D(PSObject o, string name) => ToDouble(Value(o, name));

        private static double ToDouble(object? v) => v switch
        {
            null => double.NaN,
            double d => d,
            string s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d : double.NaN,
            IConvertible c => c.ToDouble(CultureInfo.InvariantCulture),
            _ => double.NaN,
        };
    }
}
