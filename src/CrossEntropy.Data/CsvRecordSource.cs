using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using Sylvan.Data.Csv;

namespace CrossEntropy.Data
{
    /// <summary>How to read a delimited file.</summary>
    public sealed class CsvOptions
    {
        /// <summary>Field delimiter; null detects it from the header (and uses tab for .tsv files).</summary>
        public char? Delimiter { get; set; }
        /// <summary>Read ',' as the decimal point (a comma-decimal file, usually with ';' as delimiter).</summary>
        public bool DecimalComma { get; set; }
        /// <summary>Largest record, in characters, the reader accepts (a guard against runaway quotes).</summary>
        public int MaxRecordChars { get; set; } = 64 * 1024 * 1024;
    }

    /// <summary>
    /// Delimited text read record by record with Sylvan.Data.Csv (RFC 4180 quoting, embedded delimiters and newlines,
    /// BOM and CRLF handled; one buffer in memory). The source is also the current record: cells are read as spans,
    /// so no string is made for a number. Used for whole files (<see cref="Open(string, CsvOptions)"/>) and for the
    /// chunks of <see cref="CsvFile"/>.
    /// </summary>
    public sealed class CsvRecordSource : IRecordSource, IRecord, IDisposable
    {
        private readonly CsvDataReader _reader;
        private readonly Stream? _stream;
        private readonly bool _decimalComma;
        private readonly string[] _columns;

        private CsvRecordSource(string sourceName, Stream? stream, CsvDataReader reader, bool decimalComma, IReadOnlyList<string>? columns)
        {
            SourceName = sourceName;
            _stream = stream;
            _reader = reader;
            _decimalComma = decimalComma;
            if (columns != null)
            {
                _columns = new string[columns.Count];
                for (int c = 0; c < _columns.Length; c++) _columns[c] = columns[c];
            }
            else
            {
                _columns = new string[reader.FieldCount];
                for (int c = 0; c < _columns.Length; c++) _columns[c] = reader.GetName(c);
            }
            Length = stream?.Length ?? -1;
        }

        /// <summary>
        /// Opens a whole file (the delimiter detected by Sylvan unless given); the file may still be growing (it is
        /// opened for shared reading). An empty file throws <see cref="InputException"/>.
        /// </summary>
        public static CsvRecordSource Open(string path, CsvOptions? options = null)
        {
            options ??= new CsvOptions();
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
            try
            {
                var text = new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
                char? delimiter = options.Delimiter ?? (path.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase) ? '\t' : (char?)null);
                return new CsvRecordSource(path, stream, Create(text, delimiter, hasHeader: true, options), options.DecimalComma, null);
            }
            catch (CsvMissingHeadersException)
            {
                stream.Dispose();
                throw new InputException(path, "the file is empty: there is no header row.");
            }
            catch
            {
                stream.Dispose();
                throw;
            }
        }

        /// <summary>
        /// Reads records from <paramref name="text"/> with a known delimiter; without a header row the records are read
        /// through <paramref name="columns"/>.
        /// </summary>
        public static CsvRecordSource Open(TextReader text, string sourceName, char delimiter, bool hasHeader, CsvOptions options,
            IReadOnlyList<string>? columns = null, char[]? buffer = null)
        {
            if (!hasHeader && columns == null) throw new ArgumentNullException(nameof(columns), "Records without a header row need the header's columns.");
            try
            {
                return new CsvRecordSource(sourceName, null, Create(text, delimiter, hasHeader, options, buffer), options.DecimalComma, hasHeader ? null : columns);
            }
            catch (CsvMissingHeadersException)
            {
                throw new InputException(sourceName, "the file is empty: there is no header row.");
            }
        }

        /// <summary>Sylvan's reading buffer, in characters (set explicitly: its default shifts data needlessly).</summary>
        public const int BufferChars = 1 << 16;

        private static CsvDataReader Create(TextReader text, char? delimiter, bool hasHeader, CsvOptions options, char[]? buffer = null)
        {
            var csv = new CsvDataReaderOptions
            {
                HasHeaders = hasHeader,
                Delimiter = delimiter,
                Comment = '\0', // a '#' that starts a row is data, not a comment (Sylvan's default is '#')
                Culture = CultureInfo.InvariantCulture,
                BufferSize = BufferChars,
                MaxBufferSize = options.MaxRecordChars,
                OwnsReader = true,
            };
            return buffer == null ? CsvDataReader.Create(text, csv) : CsvDataReader.Create(text, buffer, csv);
        }

        /// <inheritdoc/>
        public IReadOnlyList<string> Columns => _columns;

        /// <inheritdoc/>
        public string SourceName { get; }

        /// <summary>1-based number of the current data row (the header is not counted).</summary>
        public long RowNumber { get; private set; }

        /// <summary>Bytes of the file consumed so far (for progress; -1 when not reading a file).</summary>
        public long BytesRead => _stream?.Position ?? -1;

        /// <summary>File length when it was opened (-1 when not reading a file).</summary>
        public long Length { get; }

        /// <summary>Moves to the next data row; blank lines are skipped (they hold no row).</summary>
        public bool Read()
        {
            while (_reader.Read())
            {
                int n = _reader.RowFieldCount;
                if ((n == 0 || (n == 1 && Field(0).Length == 0)) && _columns.Length > 1) continue;
                RowNumber++;
                return true;
            }
            return false;
        }

        /// <inheritdoc/>
        public string? ShapeProblem
        {
            get
            {
                int n = _reader.RowFieldCount;
                return n == _columns.Length
                    ? null
                    : $"the row has {n} cells but the header has {_columns.Length} (a ragged row; check the delimiter and quoting)";
            }
        }

        /// <inheritdoc/>
        public bool HasField(int ordinal) => ordinal < _reader.RowFieldCount;

        /// <inheritdoc/>
        public NumberParse TryGetDouble(int ordinal, out double value) =>
            NumberText.TryParse(Field(ordinal), out value, _decimalComma);

        // Sylvan's netstandard2.0 build (Windows PowerShell) has no span accessor.
        private ReadOnlySpan<char> Field(int ordinal) =>
#if NET8_0_OR_GREATER
            _reader.GetFieldSpan(ordinal);
#else
            _reader.GetString(ordinal).AsSpan();
#endif

        /// <inheritdoc/>
        public ReadOnlySpan<char> GetSpan(int ordinal) => ordinal < _reader.RowFieldCount ? Field(ordinal) : ReadOnlySpan<char>.Empty;

        /// <inheritdoc/>
        public string GetText(int ordinal) => ordinal < _reader.RowFieldCount ? _reader.GetString(ordinal) : "";

        /// <inheritdoc/>
        public void Dispose()
        {
            _reader.Dispose();
            _stream?.Dispose();
        }
    }
}
