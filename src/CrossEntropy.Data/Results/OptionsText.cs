using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CrossEntropy.Engine;

namespace CrossEntropy.Data.Results
{
    /// <summary>
    /// The options that define a result's figures as one line of text, "Name=value; Name=value" (numbers round-trip,
    /// culture-invariant). Results travel as plain data, so this text is what Merge-CrossEntropyResult compares:
    /// two results merge only when it is the same.
    /// </summary>
    internal static class OptionsText
    {
        /// <summary>The loss options of <paramref name="o"/>, then <paramref name="extra"/> pairs.</summary>
        public static string Of(LossOptions o, params KeyValuePair<string, string>[] extra)
        {
            var pairs = new List<KeyValuePair<string, string>>
            {
                Pair("Weight", List(o.ClassWeights)),
                Pair("IgnoreIndex", o.IgnoreIndex?.ToString(CultureInfo.InvariantCulture) ?? "none"),
                Pair("LabelSmoothing", Number(o.LabelSmoothing)),
                Pair("Temperature", Number(o.Temperature)),
                Pair("Epsilon", Number(o.Epsilon)),
                Pair("PosWeight", List(o.PosWeight)),
            };
            // The training-loss options change every figure; named only when given, so results without them keep their text.
            if (o.ZLoss != 0) pairs.Add(Pair("ZLoss", Number(o.ZLoss)));
            if (o.SoftCap is double cap) pairs.Add(Pair("SoftCap", Number(cap)));
            if (o.FocalGamma is double gamma) pairs.Add(Pair("FocalGamma", Number(gamma)));
            if (o.FocalAlpha != null) pairs.Add(Pair("FocalAlpha", List(o.FocalAlpha)));
            pairs.AddRange(extra);
            return string.Join("; ", pairs.Select(p => p.Key + "=" + p.Value));
        }

        /// <summary>A name and its value.</summary>
        public static KeyValuePair<string, string> Pair(string name, string value) => new KeyValuePair<string, string>(name, value);

        /// <summary>The pairs of an options text, in order (an empty text has none).</summary>
        public static List<KeyValuePair<string, string>> Parse(string text)
        {
            var pairs = new List<KeyValuePair<string, string>>();
            foreach (string part in text.Split(';'))
            {
                string p = part.Trim();
                if (p.Length == 0) continue;
                int eq = p.IndexOf('=');
                pairs.Add(eq < 0 ? Pair(p, "") : Pair(p.Substring(0, eq), p.Substring(eq + 1)));
            }
            return pairs;
        }

        /// <summary>A double as round-trip invariant text.</summary>
        public static string Number(double v) => v.ToString("R", CultureInfo.InvariantCulture);

        private static string List(double[]? values) => values == null ? "none" : string.Join(",", values.Select(Number));
    }
}
