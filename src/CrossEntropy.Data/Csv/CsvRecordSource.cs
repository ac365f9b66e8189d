using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using CrossEntropy.Data.Problems;
using CrossEntropy.Data.Records;
using CrossEntropy.Data.Sources;
using Sylvan.Data.Csv;

namespace CrossEntropy.Data.Csv
{
    /// <summary>
    /// Delimited text read record by record with Sylvan.Data.Csv (RFC 4180 quoting, embedded delimiters and newlines,
    /// CRLF handled; one buffer in memory): the header of a <see cref="CsvFile"/>, and the records of its chunks. The
    /// source is also the current record: cells are read as spans, so no string is made for a number. Sylvan's own
    /// errors come out as <see cref="InputException"/> (<see cref="InputFailure.Malformed"/>).
    /// </summary>
    internal sealed class CsvRecordSource : ISourceHeader, IRecordCursor
    {
        /// <summary>Sylvan's smallest reading buffer, in characters (set explicitly: its default shifts data needlessly).</summary>
        public const int BufferChars = 1 << 16;

        private readonly CsvDataReader _reader;
        private readonly bool _decimalComma;
        private readonly string[] _columns;
        // A record Sylvan has already read (a wide reader's first, when no blank line came before it).
        private bool _pending;

        private CsvRecordSource(string sourceName, CsvDataReader reader, bool decimalComma, IReadOnlyList<string>? columns)
        {
            SourceName = sourceName;
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
        }

        /// <summary>
        /// Reads records from <paramref name="text"/> with a known delimiter; without a header row the records are read
        /// through <paramref name="columns"/>. A caller that reads many chunks can lend Sylvan its character buffer.
        /// <paramref name="fields"/> is how many fields a header row may have (it makes a wide header read in linear time).
        /// </summary>
        public static CsvRecordSource Open(TextReader text, string sourceName, char delimiter, bool hasHeader, CsvOptions options,
            IReadOnlyList<string>? columns = null, char[]? buffer = null, int bufferChars = BufferChars, int fields = 0)
        {
            if (!hasHeader && columns == null) throw new ArgumentNullException(nameof(columns), "Records without a header row need the header's columns.");
            bool wide = (hasHeader ? fields : columns!.Count) > WideRecords.Threshold;
            if (wide) text = WideRecords.StartBlank(text);
            var csv = new CsvDataReaderOptions
            {
                HasHeaders = hasHeader && !wide,
                Delimiter = delimiter,
                Comment = '\0', // a '#' that starts a row is data, not a comment (Sylvan's default is '#')
                Culture = CultureInfo.InvariantCulture,
                BufferSize = buffer?.Length ?? bufferChars,
                // Records were cut to MaxRecordChars bytes (so at most as many characters); room to spare for Sylvan.
                MaxBufferSize = Math.Max(2 * options.MaxRecordChars, buffer?.Length ?? bufferChars),
                OwnsReader = true,
            };
            try
            {
                CsvDataReader reader = buffer == null ? CsvDataReader.Create(text, csv) : CsvDataReader.Create(text, buffer, csv);
                if (!wide) return new CsvRecordSource(sourceName, reader, options.DecimalComma, hasHeader ? null : columns);
                WideRecords.MakeRoom(reader, hasHeader ? fields : columns!.Count);
                bool pending = reader.Read() && !(reader.RowFieldCount <= 1 && reader.GetString(0).Length == 0); // the blank line
                if (hasHeader)
                {
                    if (!pending && !reader.Read()) throw new InputException(sourceName, "the file is empty: there is no header row.");
                    var names = new string[reader.RowFieldCount];
                    for (int c = 0; c < names.Length; c++) names[c] = reader.GetString(c);
                    return new CsvRecordSource(sourceName, reader, options.DecimalComma, names);
                }
                return new CsvRecordSource(sourceName, reader, options.DecimalComma, columns) { _pending = pending };
            }
            catch (CsvMissingHeadersException)
            {
                throw new InputException(sourceName, "the file is empty: there is no header row.");
            }
            catch (Exception e) when (IsMalformed(e))
            {
                throw new InputException(sourceName, e.Message, InputFailure.Malformed, e);
            }
        }

        /// <inheritdoc/>
        public IReadOnlyList<string> Columns => _columns;

        /// <inheritdoc/>
        public string SourceName { get; }

        /// <summary>1-based number of the current data row (the header is not counted).</summary>
        public long RowNumber { get; private set; }

        /// <summary>Moves to the next data row; blank lines are skipped (they hold no row).</summary>
        public bool Read()
        {
            try
            {
                while (_pending || _reader.Read())
                {
                    _pending = false;
                    int n = _reader.RowFieldCount;
                    if ((n == 0 || (n == 1 && Field(0).Length == 0)) && _columns.Length > 1) continue;
                    RowNumber++;
                    return true;
                }
                return false;
            }
            catch (Exception e) when (IsMalformed(e))
            {
                throw new InputException(SourceName, e.Message, InputFailure.Malformed, e);
            }
        }

        // Sylvan's format errors (an unterminated quote, a record over the size limit) and its configuration errors.
        private static bool IsMalformed(Exception e) =>
            e is CsvFormatException || e is CsvRecordTooLargeException || e is CsvConfigurationException || e is FormatException;

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
        public void Dispose() => _reader.Dispose();
    }
}
