#if NET8_0_OR_GREATER
using System;
using System.Buffers;
using System.Collections.Generic;
using System.Numerics;
using System.Runtime.Intrinsics;
using System.Text;
using CrossEntropy.Data.Records;
using CrossEntropy.Data.Sources;

namespace CrossEntropy.Data.Csv
{
    /// <summary>
    /// The records of UTF-8 bytes with no quote in them, read straight from the bytes: records are lines (LF, CRLF or a
    /// lone CR end one), fields are split at the delimiter, and numbers are parsed from the bytes
    /// (<see cref="Utf8Number"/>; a cell outside its fast path is decoded and given to <see cref="NumberText"/>). It reads
    /// what <see cref="CsvRecordSource"/> (Sylvan) reads from the same bytes — the same records, fields, blank lines
    /// skipped, cells and numbers, bit for bit — without Sylvan's UTF-16 copy. Quoted fields need Sylvan, so
    /// <see cref="CsvFile.ReadChunk"/> sends only quote-free stretches here.
    /// </summary>
    internal sealed partial class ByteChunkReader : IRecordCursor, INumberRow
    {
        private readonly byte[] _bytes;
        private readonly int _end;
        private readonly byte _delimiter;
        private readonly bool _decimalComma;
        private readonly int _columns;
        // _bounds[k] is where field k-1 ends and field k begins (less one): [0] is the line start - 1, then the
        // delimiters, then the line end; kept for the header's columns only (more fields are counted, not kept).
        private readonly int[] _bounds;
        private char[] _chars = Array.Empty<char>();
        private int _position, _lineStart, _fields;

        /// <summary>The records of <paramref name="bytes"/>[<paramref name="from"/>, <paramref name="to"/>), which hold no quote.</summary>
        public ByteChunkReader(byte[] bytes, int from, int to, byte delimiter, IReadOnlyList<string> columns, bool decimalComma)
        {
            _bytes = bytes;
            _position = from;
            _end = to;
            _delimiter = delimiter;
            _decimalComma = decimalComma;
            _columns = columns.Count;
            _bounds = new int[_columns + 1];
        }

        /// <inheritdoc/>
        public bool Read()
        {
            while (_position < _end)
            {
                int start = _position;
                int lineEnd = ScanLine(start);
                _position = lineEnd >= _end ? _end
                    : _bytes[lineEnd] == (byte)'\r' && lineEnd + 1 < _end && _bytes[lineEnd + 1] == (byte)'\n' ? lineEnd + 2 : lineEnd + 1;
                // A blank line holds no row (as Sylvan's reader is used: see CsvRecordSource.Read).
                if (lineEnd == start && _columns > 1) continue;
                _lineStart = start;
                return true;
            }
            return false;
        }

        // Finds the line's end (its LF or CR, or the end of the bytes) and its delimiters, 64, 32 or 16 bytes per compare.
        private unsafe int ScanLine(int start)
        {
            _bounds[0] = start - 1;
            int found = 0, i = start, end = _end;
            fixed (byte* b = _bytes)
            {
                if (Vector512.IsHardwareAccelerated)
                {
                    Vector512<byte> delimiter = Vector512.Create(_delimiter), lf = Vector512.Create((byte)'\n'), cr = Vector512.Create((byte)'\r');
                    for (; i + 64 <= end; i += 64)
                    {
                        Vector512<byte> v = Vector512.Load(b + i);
                        ulong lines = (Vector512.Equals(v, lf) | Vector512.Equals(v, cr)).ExtractMostSignificantBits();
                        ulong delimiters = Vector512.Equals(v, delimiter).ExtractMostSignificantBits();
                        if (lines != 0)
                        {
                            int at = BitOperations.TrailingZeroCount(lines);
                            found = Keep(delimiters & ((1UL << at) - 1), i, found);
                            return Finish(i + at, found);
                        }
                        found = Keep(delimiters, i, found);
                    }
                }
                if (Vector256.IsHardwareAccelerated)
                {
                    Vector256<byte> delimiter = Vector256.Create(_delimiter), lf = Vector256.Create((byte)'\n'), cr = Vector256.Create((byte)'\r');
                    for (; i + 32 <= end; i += 32)
                    {
                        Vector256<byte> v = Vector256.Load(b + i);
                        uint lines = (Vector256.Equals(v, lf) | Vector256.Equals(v, cr)).ExtractMostSignificantBits();
                        uint delimiters = Vector256.Equals(v, delimiter).ExtractMostSignificantBits();
                        if (lines != 0)
                        {
                            int at = BitOperations.TrailingZeroCount(lines);
                            found = Keep(delimiters & ((1u << at) - 1), i, found);
                            return Finish(i + at, found);
                        }
                        found = Keep(delimiters, i, found);
                    }
                }
                if (Vector128.IsHardwareAccelerated)
                {
                    Vector128<byte> delimiter = Vector128.Create(_delimiter), lf = Vector128.Create((byte)'\n'), cr = Vector128.Create((byte)'\r');
                    for (; i + 16 <= end; i += 16)
                    {
                        Vector128<byte> v = Vector128.Load(b + i);
                        uint lines = (Vector128.Equals(v, lf) | Vector128.Equals(v, cr)).ExtractMostSignificantBits();
                        uint delimiters = Vector128.Equals(v, delimiter).ExtractMostSignificantBits();
                        if (lines != 0)
                        {
                            int at = BitOperations.TrailingZeroCount(lines);
                            found = Keep(delimiters & ((1u << at) - 1), i, found);
                            return Finish(i + at, found);
                        }
                        found = Keep(delimiters, i, found);
                    }
                }
                for (; i < end; i++)
                {
                    byte c = b[i];
                    if (c == (byte)'\n' || c == (byte)'\r') break;
                    if (c == _delimiter && ++found <= _columns) _bounds[found] = i;
                }
            }
            return Finish(i, found);
        }

        // The delimiters of one compare (bit k: byte at + k), in order.
        private int Keep(ulong delimiters, int at, int found)
        {
            while (delimiters != 0)
            {
                if (++found <= _columns) _bounds[found] = at + BitOperations.TrailingZeroCount(delimiters);
                delimiters &= delimiters - 1;
            }
            return found;
        }

        private int Finish(int lineEnd, int delimiters)
        {
            _fields = delimiters + 1;
            if (_fields <= _columns) _bounds[_fields] = lineEnd;
            return lineEnd;
        }

        /// <inheritdoc/>
        public string? ShapeProblem => _fields == _columns
            ? null
            : $"the row has {_fields} cells but the header has {_columns} (a ragged row; check the delimiter and quoting)";

        /// <inheritdoc/>
        public bool HasField(int ordinal) => ordinal < _fields;

        /// <inheritdoc/>
        public NumberParse TryGetDouble(int ordinal, out double value)
        {
            if (!_decimalComma && ordinal < _fields && ordinal < _columns)
            {
                int from = _bounds[ordinal] + 1;
                if (Utf8Number.TryParse(new ReadOnlySpan<byte>(_bytes, from, _bytes.Length - from), _bounds[ordinal + 1] - from, out value)) return NumberParse.Ok;
            }
            return NumberText.TryParse(GetSpan(ordinal), out value, _decimalComma);
        }

        /// <inheritdoc/>
        public bool TryGetDoubles(int[] ordinals, Span<double> into)
        {
            if (_decimalComma) return false;
            int fields = Math.Min(_fields, _columns);
            for (int c = 0; c < ordinals.Length; c++)
            {
                int ordinal = ordinals[c];
                if (ordinal >= fields) return false;
                int from = _bounds[ordinal] + 1;
                // The number may read on into the rest of the buffer (Utf8Number measures digit runs eight bytes at a time).
                if (!Utf8Number.TryParse(new ReadOnlySpan<byte>(_bytes, from, _bytes.Length - from), _bounds[ordinal + 1] - from, out into[c])) return false;
            }
            return true;
        }

        /// <inheritdoc/>
        public ReadOnlySpan<char> GetSpan(int ordinal)
        {
            ReadOnlySpan<byte> bytes = Bytes(ordinal);
            if (bytes.IsEmpty) return ReadOnlySpan<char>.Empty;
            // Each field decodes into its own place (a field's characters never outnumber its bytes), so the spans of
            // one row stay valid together until the next Read, as Sylvan's do.
            int at = _bounds[ordinal] + 1 - _lineStart, lineBytes = _bounds[Math.Min(_fields, _columns)] - _lineStart;
            if (_chars.Length < lineBytes) _chars = new char[Math.Max(lineBytes, 2 * _chars.Length)];
            Span<char> into = _chars.AsSpan(at);
            // Labels and keys are mostly ASCII: widened without the decoder's per-call cost.
            if (Ascii.ToUtf16(bytes, into, out int n) != OperationStatus.Done) n = Encoding.UTF8.GetChars(bytes, into);
            return new ReadOnlySpan<char>(_chars, at, n);
        }

        /// <inheritdoc/>
        public string GetText(int ordinal) => Encoding.UTF8.GetString(Bytes(ordinal));

        // The cell's bytes; empty for a field the row does not have.
        private ReadOnlySpan<byte> Bytes(int ordinal)
        {
            if (ordinal >= _fields || ordinal >= _columns) return ReadOnlySpan<byte>.Empty;
            int from = _bounds[ordinal] + 1;
            return new ReadOnlySpan<byte>(_bytes, from, _bounds[ordinal + 1] - from);
        }

        /// <inheritdoc/>
        public void Dispose()
        {
            // Nothing to release: the chunk's bytes belong to the chunk.
        }
    }
}
#endif
