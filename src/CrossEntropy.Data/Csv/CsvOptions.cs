namespace CrossEntropy.Data.Csv
{
    /// <summary>How to read a delimited file.</summary>
    internal sealed class CsvOptions
    {
        /// <summary>Field delimiter; null detects it from the header (and uses tab for .tsv files).</summary>
        public char? Delimiter { get; init; }
        /// <summary>Read ',' as the decimal point (a comma-decimal file, usually with ';' as delimiter).</summary>
        public bool DecimalComma { get; init; }
        /// <summary>Largest record, in characters, the reader accepts (a guard against runaway quotes).</summary>
        public int MaxRecordChars { get; init; } = 64 * 1024 * 1024;
    }
}
