using System;
using System.IO;
using System.Reflection;
using Sylvan.Data.Csv;

namespace CrossEntropy.Data.Csv
{
    /// <summary>
    /// Sylvan.Data.Csv 1.4's vectorised record parser grows its per-field array 32 entries at a time, so the first record
    /// a reader parses costs O(fields²): a reader over a 50,000-column file would copy half a gigabyte before its first
    /// row, and a file is read by one reader per chunk. For wide files a reader therefore starts on a blank line (a
    /// record of one field, parsed when the reader is created), and its field array is then sized for the header
    /// once. If a later Sylvan renames the field, readers simply grow it themselves again: slower, never wrong.
    /// </summary>
    internal static class WideRecords
    {
        /// <summary>Narrower records than this are read as they come (a few resizes cost nothing).</summary>
        public const int Threshold = 512;

        private static readonly FieldInfo? FieldArray = typeof(CsvDataReader).GetField("fieldInfos", BindingFlags.Instance | BindingFlags.NonPublic);

        /// <summary><paramref name="text"/> with a blank line before it.</summary>
        public static TextReader StartBlank(TextReader text) => new BlankLineFirst(text);

        /// <summary>Gives <paramref name="reader"/> room for <paramref name="fields"/> fields a record.</summary>
        public static void MakeRoom(CsvDataReader reader, int fields)
        {
            if (FieldArray == null || !(FieldArray.GetValue(reader) is Array current) || current.Length >= fields + 64) return;
            Array larger = Array.CreateInstance(current.GetType().GetElementType()!, fields + 64);
            Array.Copy(current, larger, current.Length);
            FieldArray.SetValue(reader, larger);
        }

        private sealed class BlankLineFirst : TextReader
        {
            private readonly TextReader _inner;
            private bool _blankDone;

            public BlankLineFirst(TextReader inner) => _inner = inner;

            public override int Peek() => _blankDone ? _inner.Peek() : '\n';

            public override int Read()
            {
                if (_blankDone) return _inner.Read();
                _blankDone = true;
                return '\n';
            }

            public override int Read(char[] buffer, int index, int count)
            {
                if (_blankDone || count == 0) return _inner.Read(buffer, index, count);
                _blankDone = true;
                buffer[index] = '\n';
                return 1 + (count > 1 ? Math.Max(0, _inner.Read(buffer, index + 1, count - 1)) : 0);
            }

#if NET8_0_OR_GREATER
            public override int Read(Span<char> buffer)
            {
                if (_blankDone || buffer.IsEmpty) return _inner.Read(buffer);
                _blankDone = true;
                buffer[0] = '\n';
                return 1 + (buffer.Length > 1 ? _inner.Read(buffer.Slice(1)) : 0);
            }
#endif

            protected override void Dispose(bool disposing)
            {
                if (disposing) _inner.Dispose();
                base.Dispose(disposing);
            }
        }
    }
}
