namespace CrossEntropy.Data.Csv
{
    /// <summary>How to read a delimited file.</summary>
    internal sealed class CsvOptions
    {
        /// <summary>Field delimiter; null detects it from the header (and uses tab for .tsv files).</summary>
        public char? Delimiter { get; init; }
        /// <summary>Read ',' as the decimal point (a comma-decimal file, usually with ';' as delimiter).</summary>
        public bool DecimalComma { get; init; }
        /// <summary>The encoding of files without a byte order mark (null: UTF-8); a BOM wins, as in Import-Csv.</summary>
        public System.Text.Encoding? Encoding { get; init; }
        /// <summary>Largest record, in bytes, the reader accepts (a guard against runaway quotes); a longer one is rejected.</summary>
        public int MaxRecordChars { get; init; } = 64 * 1024 * 1024;
        /// <summary>
        /// Read quote-free chunks straight from their bytes (ByteChunkReader); false reads every chunk with Sylvan
        /// (tests compare the two paths bit for bit).
        /// </summary>
        public bool ReadsBytes { get; init; } = true;
    }
}
