using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using CrossEntropy.Data.Results.Merging;

namespace CrossEntropy.Input
{
    /// <summary>
    /// Turns a result as it comes back from anywhere — the live object (ForEach-Object -Parallel), a
    /// Deserialized.CrossEntropy.* property bag (remoting, Start-Job, Import-Clixml) or a PSCustomObject read back
    /// from JSON (types lost, integers as Int64, NaN and ±Infinity as strings) — into the result type, by property
    /// name. Only the flat properties (numbers, strings, arrays of them) are needed, and all of them must be there.
    /// </summary>
    internal static class ResultReader
    {
        // Result types that merge, and a property only that type has (what a JSON object is recognised by).
        private static readonly (Type Type, string Marker)[] Mergeable =
        {
            (typeof(LossSummary), nameof(LossSummary.ClassLossSums)),
            (typeof(CalibrationSummary), nameof(CalibrationSummary.BinConfidenceSums)),
            (typeof(EntropySummary), nameof(EntropySummary.KLDivergenceSum)),
            (typeof(PredictionReport), nameof(PredictionReport.ProblemCounts)),
            (typeof(ClassificationSummary), nameof(ClassificationSummary.ConfusionWeights)),
            (typeof(ClassThresholds), nameof(ClassThresholds.LabelProbabilitySums)),
        };

        /// <summary>The result type <paramref name="item"/> is (live, deserialized or from JSON), or null when it is not a mergeable result.</summary>
        public static Type? KindOf(PSObject item)
        {
            foreach ((Type type, _) in Mergeable)
                if (type.IsInstanceOfType(item.BaseObject)) return type;
            string? typeName = item.TypeNames.Select(t => t.StartsWith("Deserialized.", StringComparison.Ordinal) ? t.Substring(13) : t)
                .FirstOrDefault(t => t.StartsWith("CrossEntropy.", StringComparison.Ordinal));
            foreach ((Type type, string marker) in Mergeable)
                if (typeName == type.FullName || (typeName == null && item.Properties[marker] != null)) return type;
            return null;
        }

        /// <summary>The result <paramref name="item"/> holds; throws <see cref="MergeException"/> naming it otherwise.</summary>
        public static object Read(PSObject item, string name)
        {
            object? baseObject = item.BaseObject;
            foreach ((Type type, _) in Mergeable)
                if (type.IsInstanceOfType(baseObject)) return baseObject!;
            string? typeName = item.TypeNames.Select(t => t.StartsWith("Deserialized.", StringComparison.Ordinal) ? t.Substring(13) : t)
                .FirstOrDefault(t => t.StartsWith("CrossEntropy.", StringComparison.Ordinal));
            foreach ((Type type, string marker) in Mergeable)
            {
                if (typeName == type.FullName || (typeName == null && item.Properties[marker] != null))
                    return FromProperties(item, type, name);
            }
            throw new MergeException(NotMergeable(item, typeName, name));
        }

        private static string NotMergeable(PSObject item, string? typeName, string name)
        {
            const string Kinds = "Measure-CrossEntropy, Measure-Calibration, Measure-Entropy and Measure-Classification summaries and Test-Prediction reports";
            if (typeName is "CrossEntropy.RocPoint" or "CrossEntropy.PrecisionRecallPoint")
                return $"Cannot merge {name}: it is a curve point ({typeName}); curves do not merge, their rankings do: merge Measure-Classification -IncludeRanking summaries " +
                    "(without -Curve), then draw the curve from one run or read RocAuc and AveragePrecision off the merged summary.";
            bool perRow = typeName is "CrossEntropy.RowLoss" or "CrossEntropy.EntropyRow" or "CrossEntropy.SoftmaxRow" or "CrossEntropy.GradientRow"
                or "CrossEntropy.CalibrationBin" || (typeName == null && item.Properties["Row"] != null);
            if (perRow)
                return $"Cannot merge {name}: it is a per-row result ({typeName ?? "it has a Row property"}), and merging needs summaries. " +
                    $"Run the shards without -Reduction None or -AsDataFrame (Measure-Calibration: without -AsDataFrame). Merge-CrossEntropyResult takes {Kinds}.";
            if (typeName != null)
                return $"Cannot merge {name}: a {typeName} does not merge. Merge-CrossEntropyResult takes {Kinds}.";
            return $"Cannot merge {name}: it is not a CrossEntropy result (no {string.Join(", ", Mergeable.Select(m => m.Marker))} property). Merge-CrossEntropyResult takes {Kinds}.";
        }

        private static object FromProperties(PSObject item, Type type, string name)
        {
            object result = Activator.CreateInstance(type)!;
            foreach (PropertyInfo p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (!p.CanWrite) continue;
                PSPropertyInfo? found = item.Properties[p.Name];
                bool flat = IsFlat(p.PropertyType);
                if (found == null)
                {
                    if (!flat) continue;
                    throw new MergeException($"Cannot merge {name}: it has no {p.Name} property. A {type.FullName} carries its sums for merging " +
                        "since CrossEntropy 0.1; this one was made by an older version, or the property was lost on the way.");
                }
                try
                {
                    object? value = Convert(found.Value, p.PropertyType);
                    if (value != null || !p.PropertyType.IsValueType) p.SetValue(result, value);
                }
                catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException)
                {
                    if (!flat) continue; // a nested list that arrived as text (remoting depth 1) is not needed to merge
                    throw new MergeException($"Cannot merge {name}: its {p.Name} ({Shown(found.Value)}) is not a {Friendly(p.PropertyType)}.", e);
                }
            }
            return result;
        }

        private static bool IsFlat(Type t) => t.IsPrimitive || Nullable.GetUnderlyingType(t) is Type u && u.IsPrimitive || t == typeof(string) || t == typeof(double[]) || t == typeof(long[]) || t == typeof(int[]) || t == typeof(string[]);

        private static object? Convert(object? value, Type t)
        {
            value = Unwrap(value);
            if (Nullable.GetUnderlyingType(t) is Type underlying) return value == null ? null : Convert(value, underlying);
            if (value == null) return t == typeof(string) || !t.IsValueType ? null : throw new InvalidCastException("null");
            if (t == typeof(double)) return ToDouble(value);
            if (t == typeof(long)) return ToLong(value);
            if (t == typeof(int)) return checked((int)ToLong(value));
            if (t == typeof(bool)) return value is bool b ? b : throw new InvalidCastException();
            if (t == typeof(string)) return value is string s ? s : System.Convert.ToString(value, CultureInfo.InvariantCulture);
            if (t == typeof(double[])) return Items(value).Select(ToDouble).ToArray();
            if (t == typeof(long[])) return Items(value).Select(ToLong).ToArray();
            if (t == typeof(int[])) return Items(value).Select(v => checked((int)ToLong(v))).ToArray();
            if (t == typeof(string[])) return Items(value).Select(v => System.Convert.ToString(v, CultureInfo.InvariantCulture) ?? "").ToArray();
            if (t == typeof(OrderedDictionary)) return Dictionary(value);
            if (t.IsArray) return Nested(value, t.GetElementType()!);
            throw new InvalidCastException();
        }

        private static object? Unwrap(object? v) => v is PSObject ps && !(ps.BaseObject is PSCustomObject) ? ps.BaseObject : v;

        private static IEnumerable<object?> Items(object value) =>
            value is string || value is not IEnumerable e ? throw new InvalidCastException() : e.Cast<object?>().Select(Unwrap);

        private static double ToDouble(object? v) => v switch
        {
            double d => d,
            float f => f,
            long l => l,
            int i => i,
            decimal m => (double)m,
            string s => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture),
            _ => throw new InvalidCastException(),
        };

        private static long ToLong(object? v) => v switch
        {
            long l => l,
            int i => i,
            double d when d == Math.Floor(d) && Math.Abs(d) < 9.2e18 => (long)d,
            string s => long.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture),
            _ => throw new InvalidCastException(),
        };

        // A dictionary (live, or a Hashtable after deserialization) or, from JSON, an object with one property a key.
        private static OrderedDictionary Dictionary(object value)
        {
            var d = new OrderedDictionary(StringComparer.OrdinalIgnoreCase);
            if (value is IDictionary dict)
            {
                foreach (DictionaryEntry e in dict) d[System.Convert.ToString(e.Key, CultureInfo.InvariantCulture) ?? ""] = ToLong(Unwrap(e.Value));
                return d;
            }
            foreach (PSPropertyInfo p in PSObject.AsPSObject(value).Properties) d[p.Name] = ToLong(Unwrap(p.Value));
            return d;
        }

        // Nested lists (PerClass, Bins, Problems, Files): objects are read by property name; text (a depth-1 copy) is
        // kept only as a problem's message.
        private static Array Nested(object value, Type element)
        {
            var items = new List<object>();
            foreach (object? o in Items(value))
            {
                if (o is string text)
                {
                    if (element == typeof(PredictionProblem)) items.Add(new PredictionProblem { Message = text });
                    continue;
                }
                if (o == null) continue;
                object item = Activator.CreateInstance(element)!;
                PSObject bag = PSObject.AsPSObject(o);
                foreach (PropertyInfo p in element.GetProperties(BindingFlags.Public | BindingFlags.Instance))
                {
                    PSPropertyInfo? found = bag.Properties[p.Name];
                    if (found == null || !p.CanWrite) continue;
                    try
                    {
                        object? v = Convert(found.Value, p.PropertyType);
                        if (v != null || !p.PropertyType.IsValueType) p.SetValue(item, v);
                    }
                    catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException)
                    {
                        // Leave the default: nested figures are rebuilt from the sums.
                    }
                }
                items.Add(item);
            }
            Array array = Array.CreateInstance(element, items.Count);
            for (int i = 0; i < items.Count; i++) array.SetValue(items[i], i);
            return array;
        }

        private static string Shown(object? v) => v == null ? "null" : "'" + System.Convert.ToString(Unwrap(v), CultureInfo.InvariantCulture) + "'";

        private static string Friendly(Type t) => t == typeof(double) || t == typeof(double[]) ? "number" : t == typeof(long) || t == typeof(int) || t == typeof(long[]) || t == typeof(int[]) ? "whole number" : t.Name;
    }
}
