using System;
using System.Collections.Generic;
using CrossEntropy.Data.Sources;

namespace CrossEntropy.Data.Csv
{
    /// <summary>
    /// Where the records of UTF-8 CSV bytes end, as the CSV reader splits them (a line end is LF, CRLF or a lone CR,
    /// outside quotes; a quote opens a quoted field only at the start of a field), and which records the reader would
    /// refuse. A refused record — text after a closing quote, a quote inside an unquoted field, a quote that never
    /// closes, a record over the size limit — costs its first physical line only: it is handed on as a
    /// <see cref="BrokenRecord"/> (rejected with its row number) and scanning resumes on the next line. The rule
    /// depends on the bytes alone, never on where a chunk was cut, so every thread count reads the same rows.
    /// </summary>
    internal static class RecordScanner
    {
        /// <summary>What the scan of a buffer found.</summary>
        internal readonly struct Scan
        {
            public Scan(int end, bool cutLine, bool plainAscii = false)
            {
                End = end;
                CutLine = cutLine;
                PlainAscii = plainAscii;
            }

            /// <summary>Every byte scanned was ASCII other than a quote, NUL or a lone CR (see <see cref="FileChunk.PlainAscii"/>).</summary>
            public bool PlainAscii { get; }

            /// <summary>End (exclusive) of the last whole record; 0 when there is none yet.</summary>
            public int End { get; }
            /// <summary>
            /// The last record was an over-long line cut at the end of the buffer: the rest of that line, up to its line
            /// end, belongs to it and must be skipped.
            /// </summary>
            public bool CutLine { get; }
        }

        /// <summary>
        /// Scans the whole records of <paramref name="b"/>[0, <paramref name="length"/>), which starts at a record;
        /// refused ones go to <paramref name="broken"/>. <paramref name="atEnd"/>: nothing follows these bytes.
        /// </summary>
        public static Scan Records(byte[] b, int length, byte delimiter, bool atEnd, int maxRecordBytes, List<BrokenRecord>? broken)
        {
#if NET8_0_OR_GREATER
            // Fastest path, most files: one pass finds plain ASCII (no CR to change, no quote, no NUL): records are lines,
            // and the chunk's reader can skip its own UTF-8 and quote checks. It stops at the first other byte; CRLF
            // line ends (Windows files) are plain too, lone CRs are not.
            if (length < maxRecordBytes && PlainUpTo(b, length, atEnd))
                return new Scan(atEnd ? length : LastLineEnd(b, length), false, plainAscii: true);
#endif
            LoneCarriageReturnsToLineFeeds(b, length, atEnd);
            // Fast path: without quotes (or NUL bytes, see below), records are lines.
            if (new ReadOnlySpan<byte>(b, 0, length).IndexOfAny((byte)'"', (byte)0) < 0 && length < maxRecordBytes)
            {
                if (atEnd) return new Scan(length, false);
                int last = LastLineEnd(b, length);
                return new Scan(last, false);
            }
            int start = 0;
            while (start < length)
            {
                int end = Next(b, start, length, delimiter, atEnd, maxRecordBytes, out string? problem, out bool cut);
                if (end < 0) return new Scan(start, false);
                // Sylvan (given no comment character) takes a line that starts with a NUL as a comment and drops it
                // unseen; it is rejected here instead, so it is counted.
                if (problem == null && end > start && b[start] == 0) problem = StartsWithNul;
                if (problem != null) broken?.Add(new BrokenRecord(start, end - start, problem));
                if (cut) return new Scan(end, true);
                start = end;
            }
            return new Scan(start, false);
        }

        /// <summary>
        /// The record of <paramref name="b"/>[0, <paramref name="length"/>) (whole records) that holds byte
        /// <paramref name="at"/>: its start and end.
        /// </summary>
        public static (int Start, int End) RecordAt(byte[] b, int length, byte delimiter, int at, int maxRecordBytes)
        {
            int start = 0;
            while (start < length)
            {
                int end = Next(b, start, length, delimiter, atEnd: true, maxRecordBytes, out _, out _);
                if (end > at || end <= start) return (start, Math.Max(end, start + 1));
                start = end;
            }
            return (start, length);
        }

        /// <summary>0-based field of the record starting at <paramref name="start"/> that holds byte <paramref name="at"/>.</summary>
        public static int FieldAt(byte[] b, int start, int at, byte delimiter)
        {
            int field = 0;
            bool quoted = false;
            for (int i = start; i < at; i++)
            {
                if (b[i] == (byte)'"') quoted = !quoted;
                else if (b[i] == delimiter && !quoted) field++;
            }
            return field;
        }

#if NET8_0_OR_GREATER
        // ASCII but NUL, CR and the quote.
        private static readonly System.Buffers.SearchValues<byte> PlainBytes = System.Buffers.SearchValues.Create(AsciiBut(0, (byte)'"', (byte)'\r'));

        // Plain ASCII where every CR starts a CRLF, so that the lone-CR rewrite below would change nothing; a CR as the
        // last byte may be half a CRLF when more follows (the chunk ends before it), and is lone at the end of the file.
        private static bool PlainUpTo(byte[] b, int length, bool atEnd)
        {
            int k = new ReadOnlySpan<byte>(b, 0, length).IndexOfAnyExcept(PlainBytes);
            while (k >= 0)
            {
                if (b[k] != (byte)'\r') return false;
                if (k + 1 == length) return !atEnd;
                if (b[k + 1] != (byte)'\n') return false;
                int next = new ReadOnlySpan<byte>(b, k + 2, length - k - 2).IndexOfAnyExcept(PlainBytes);
                k = next < 0 ? -1 : k + 2 + next;
            }
            return true;
        }

        private static byte[] AsciiBut(params byte[] left)
        {
            var bytes = new List<byte>();
            for (int c = 0; c < 0x80; c++)
                if (Array.IndexOf(left, (byte)c) < 0) bytes.Add((byte)c);
            return bytes.ToArray();
        }
#endif

        private const string StartsWithNul = "starts with a NUL byte (0x00), which is not text: is the file binary, or UTF-16 without a byte order mark (give -Encoding)?";

        // End of the record at `start` (-1: the buffer ends first and more may come). A refused record ends at its first
        // line end (`problem` says why); `cut` when that line runs past the buffer and was cut at the size limit.
        private static int Next(byte[] b, int start, int length, byte delimiter, bool atEnd, int max, out string? problem, out bool cut)
        {
            cut = false;
            int end = QuotedEnd(b, start, length, delimiter, atEnd, out problem);
            if (end < 0 && length - start < max) return -1;
            if (end < 0) problem = $"is longer than {max} bytes (an unterminated quote?)";
            else if (problem == null && end - start > max) problem = $"is longer than {max} bytes";
            if (problem == null) return end;
            int line = LineEnd(b, start, length);
            if (line > 0) return line;
            if (!atEnd && length - start < max) return -1; // the refused line is not whole yet
            cut = !atEnd;
            return length;
        }

        // The state machine: quoted fields (with "" inside) may hold delimiters and line ends.
        private static int QuotedEnd(byte[] b, int start, int length, byte delimiter, bool atEnd, out string? problem)
        {
            problem = null;
            int i = start;
            while (true)
            {
                int k = IndexOfAny(b, i, length, (byte)'"', (byte)'\n', (byte)'\r');
                if (k < 0) return atEnd ? length : -1;
                byte c = b[k];
                if (c == (byte)'\n') return k + 1;
                if (c == (byte)'\r')
                {
                    if (k + 1 < length && b[k + 1] == (byte)'\n') return k + 2;
                    return atEnd ? k + 1 : -1; // a CR at the very end: half a CRLF, perhaps
                }
                if (k != start && b[k - 1] != delimiter)
                {
                    // Sylvan reads some such quotes as text and others as opening a quoted run across lines; RFC 4180
                    // allows neither, so the record is refused rather than read one way or the other.
                    problem = "is malformed: a quote inside an unquoted field (quote the whole field and double the quote, as in \"5\"\" screen\")";
                    return k + 1;
                }
                int q = k + 1;
                while (true)
                {
                    q = Array.IndexOf(b, (byte)'"', q, length - q);
                    if (q < 0)
                    {
                        if (!atEnd) return -1;
                        problem = "is malformed: a quoted field has no closing quote";
                        return length;
                    }
                    if (q + 1 == length) return atEnd ? length : -1;
                    if (b[q + 1] != (byte)'"') break;
                    q += 2;
                }
                byte after = b[q + 1];
                if (after == delimiter) i = q + 2;
                else if (after == (byte)'\n' || after == (byte)'\r') i = q + 1;
                else
                {
                    problem = "is malformed: a delimiter or line end was expected after a closing quote";
                    return q + 1;
                }
            }
        }

        // A lone CR ends a line (classic Mac files, or mixed line ends): made LF in place — inside quoted fields too —
        // because Sylvan reads a lone CR differently by context, and must split records exactly where the scanner did.
        // A CR at the end of bytes that more may follow stays (it may be half a CRLF).
        private static void LoneCarriageReturnsToLineFeeds(byte[] b, int length, bool atEnd)
        {
            for (int k = Array.IndexOf(b, (byte)'\r', 0, length); k >= 0; k = Array.IndexOf(b, (byte)'\r', k + 1, length - k - 1))
            {
                if (k + 1 < length ? b[k + 1] != (byte)'\n' : atEnd) b[k] = (byte)'\n';
                if (k + 1 >= length) break;
            }
        }

        // After the first line end (LF, CRLF or CR) at or after `start`, quotes ignored; -1 if none.
        private static int LineEnd(byte[] b, int start, int length)
        {
            int k = IndexOfAny(b, start, length, (byte)'\n', (byte)'\r', (byte)'\n');
            if (k < 0) return -1;
            return b[k] == (byte)'\r' && k + 1 < length && b[k + 1] == (byte)'\n' ? k + 2 : k + 1;
        }

        // After the last line end of an unquoted buffer that more bytes follow; a CR at its very end may be half a CRLF.
        private static int LastLineEnd(byte[] b, int length)
        {
            int k = new ReadOnlySpan<byte>(b, 0, length).LastIndexOfAny((byte)'\n', (byte)'\r');
            if (k < 0) return 0;
            if (b[k] == (byte)'\r' && k == length - 1)
            {
                int before = new ReadOnlySpan<byte>(b, 0, k).LastIndexOfAny((byte)'\n', (byte)'\r');
                return before + 1;
            }
            return k + 1;
        }

        private static int IndexOfAny(byte[] b, int from, int length, byte x, byte y, byte z)
        {
            int k = new ReadOnlySpan<byte>(b, from, length - from).IndexOfAny(x, y, z);
            return k < 0 ? -1 : from + k;
        }
    }
}
