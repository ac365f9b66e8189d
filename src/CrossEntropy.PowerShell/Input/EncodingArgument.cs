using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Text;

namespace CrossEntropy.Input
{
    /// <summary>
    /// -Encoding as Import-Csv takes it: a name (utf8, utf8BOM, utf8NoBOM, ascii, unicode, bigendianunicode, utf32,
    /// bigendianutf32, latin1), a code page number, an encoding name .NET knows, or an Encoding object. Decoding is
    /// strict in the reader: bytes invalid in the encoding reject their row instead of becoming U+FFFD.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class EncodingArgumentAttribute : ArgumentTransformationAttribute
    {
        /// <summary>The names offered by tab completion, as Import-Csv spells them.</summary>
        internal static readonly string[] Names = { "utf8", "utf8BOM", "utf8NoBOM", "ascii", "latin1", "unicode", "bigendianunicode", "utf32", "bigendianutf32" };

        /// <inheritdoc/>
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            object value = inputData is PSObject ps ? ps.BaseObject : inputData;
            try
            {
                return value switch
                {
                    Encoding e => e,
                    int codePage => Encoding.GetEncoding(codePage),
                    string name => Named(name),
                    _ => throw new ArgumentTransformationMetadataException($"-Encoding takes an encoding name ({string.Join(", ", Names)}), a code page or an Encoding, not '{value}'."),
                };
            }
            catch (Exception e) when (e is ArgumentException || e is NotSupportedException)
            {
                throw new ArgumentTransformationMetadataException($"'{value}' is not an encoding this system knows: use one of {string.Join(", ", Names)}, a code page or an encoding name.", e);
            }
        }

        private static Encoding Named(string name)
        {
            switch (name.Trim().ToUpperInvariant())
            {
                case "UTF8":
                case "UTF8BOM":
                case "UTF8NOBOM":
                case "UTF-8":
                    return new UTF8Encoding(false);
                case "ASCII": return Encoding.ASCII;
                case "LATIN1": return Encoding.GetEncoding(28591);
                case "UNICODE": return Encoding.Unicode;
                case "BIGENDIANUNICODE": return Encoding.BigEndianUnicode;
                case "UTF32": return Encoding.UTF32;
                case "BIGENDIANUTF32": return new UTF32Encoding(bigEndian: true, byteOrderMark: true);
                default:
                    return int.TryParse(name, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int codePage)
                        ? Encoding.GetEncoding(codePage)
                        : Encoding.GetEncoding(name);
            }
        }
    }

    /// <summary>Tab completion for -Encoding: Import-Csv's names.</summary>
    public sealed class EncodingCompleter : IArgumentCompleter
    {
        /// <inheritdoc/>
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            string prefix = (wordToComplete ?? "").Trim('\'', '"');
            return EncodingArgumentAttribute.Names
                .Where(n => n.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Select(n => new CompletionResult(n, n, CompletionResultType.ParameterValue, n));
        }
    }
}
