using System;
using System.Collections;
using System.Management.Automation;
using CrossEntropy.Data.Problems;
using CrossEntropy.Data.Records;

namespace CrossEntropy.Input
{
    /// <summary>
    /// Reads an option's text values as the data's numbers are read: culture-invariant, '.' the only decimal point and
    /// no thousands separators. PowerShell's own conversion turns '1,5' into 15; here it is refused with the message a
    /// cell or -Logit '1,5' gets. Numbers pass through; lists and hashtables (-Weight) have their text values read.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class InvariantNumberAttribute : ArgumentTransformationAttribute
    {
        /// <inheritdoc/>
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData) => Read(inputData);

        /// <summary>A number, or a list or hashtable with its text values read as numbers; anything else unchanged.</summary>
        public static object? Read(object? value)
        {
            object? v = value is PSObject ps ? ps.BaseObject : value;
            switch (v)
            {
                case string s:
                    return Parse(s);
                case IDictionary d:
                    var byKey = new Hashtable(StringComparer.OrdinalIgnoreCase);
                    foreach (DictionaryEntry e in d) byKey[e.Key is PSObject k ? k.BaseObject : e.Key] = Read(e.Value);
                    return byKey;
                case IList list when !(v is double[]):
                    var items = new object?[list.Count];
                    for (int i = 0; i < items.Length; i++) items[i] = Read(list[i]);
                    return items;
                default:
                    return value;
            }
        }

        /// <summary><paramref name="text"/> as a number; throws naming the value as a cell's error does.</summary>
        public static double Parse(string text)
        {
            NumberParse parsed = NumberText.TryParse(text.Trim().AsSpan(), out double number);
            if (parsed == NumberParse.Ok) return number;
            string why = parsed == NumberParse.OutOfRange ? "the number is outside the range of a double" : CellReader.NotANumber(text);
            throw new ArgumentTransformationMetadataException($"value '{Printable.Of(text)}': {why}.");
        }
    }
}
