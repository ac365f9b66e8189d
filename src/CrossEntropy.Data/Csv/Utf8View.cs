using System;
using System.IO;
using System.Text;

namespace CrossEntropy.Data.Csv
{
    /// <summary>
    /// A text file as UTF-8 bytes, whatever its encoding: the chunker and its line-end search work on UTF-8, so a
    /// file with a UTF-16 or UTF-32 byte order mark (what Windows PowerShell's Out-File and '>' write) is decoded and
    /// re-encoded on the fly (as is a file read with another -Encoding). UTF-8 files, with or without a BOM, are read
    /// as they are. Bytes the encoding cannot decode come out as bytes that are not valid UTF-8 (0xFF), so that the
    /// reader refuses their record, naming its row and column, as it does for invalid UTF-8, instead of a silent U+FFFD.
    /// </summary>
    internal static class Utf8View
    {
        private const char Undecodable = '\uFFFF';

        /// <summary>The encoding a byte order mark at the start of <paramref name="head"/> names; null for UTF-8 or none.</summary>
        public static Encoding? OtherEncoding(byte[] head, int length)
        {
            if (length >= 4 && head[0] == 0xFF && head[1] == 0xFE && head[2] == 0 && head[3] == 0) return new UTF32Encoding(bigEndian: false, byteOrderMark: true);
            if (length >= 4 && head[0] == 0 && head[1] == 0 && head[2] == 0xFE && head[3] == 0xFF) return new UTF32Encoding(bigEndian: true, byteOrderMark: true);
            if (length >= 2 && head[0] == 0xFF && head[1] == 0xFE) return new UnicodeEncoding(bigEndian: false, byteOrderMark: true);
            if (length >= 2 && head[0] == 0xFE && head[1] == 0xFF) return new UnicodeEncoding(bigEndian: true, byteOrderMark: true);
            return null;
        }

        /// <summary>The UTF-8 bytes of <paramref name="file"/> read in <paramref name="encoding"/> (its BOM left out).</summary>
        public static Stream Transcode(Stream file, Encoding encoding) => new TranscodingStream(file, encoding);

        // Decodes with a StreamReader (which drops the BOM) and hands out the UTF-8 bytes; read-only, forward-only.
        private sealed class TranscodingStream : Stream
        {
            private readonly StreamReader _reader;
            private readonly char[] _chars = new char[16 * 1024];
            private readonly byte[] _bytes = new byte[Encoding.UTF8.GetMaxByteCount(16 * 1024)];
            // Stateful, so a surrogate pair split between two reads is encoded whole.
            private readonly Encoder _encoder = new UTF8Encoding(false).GetEncoder();
            private int _start, _end;

            // The encoding's own BOM is skipped (StreamReader checks the preamble); undecodable bytes become U+FFFF.
            public TranscodingStream(Stream file, Encoding encoding)
            {
                var marking = (Encoding)encoding.Clone();
                marking.DecoderFallback = new DecoderReplacementFallback(new string(Undecodable, 1));
                _reader = new StreamReader(file, marking, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
            }

            public override bool CanRead => true;
            public override bool CanSeek => false;
            public override bool CanWrite => false;
            public override long Length => throw new NotSupportedException();
            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

            public override int Read(byte[] buffer, int offset, int count)
            {
                if (_start == _end)
                {
                    int chars = _reader.Read(_chars, 0, _chars.Length);
                    _start = 0;
                    _end = _encoder.GetBytes(_chars, 0, chars, _bytes, 0, flush: chars == 0);
                    if (_end == 0) return 0;
                    if (Array.IndexOf(_chars, Undecodable, 0, chars) >= 0) MarkInvalid(_bytes, _end);
                }
                int n = Math.Min(count, _end - _start);
                Buffer.BlockCopy(_bytes, _start, buffer, offset, n);
                _start += n;
                return n;
            }

            public override void Flush()
            {
            }

            // U+FFFF (EF BF BF) → FF FF FF: a noncharacter no text should hold, made bytes no UTF-8 reader accepts.
            private static void MarkInvalid(byte[] bytes, int end)
            {
                for (int i = 0; i + 2 < end; i++)
                {
                    if (bytes[i] == 0xEF && bytes[i + 1] == 0xBF && bytes[i + 2] == 0xBF)
                    {
                        bytes[i] = bytes[i + 1] = bytes[i + 2] = 0xFF;
                        i += 2;
                    }
                }
            }

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();
            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

            protected override void Dispose(bool disposing)
            {
                if (disposing) _reader.Dispose();
                base.Dispose(disposing);
            }
        }
    }
}
