#if NET
using System;
using System.Collections.Generic;
using ParquetSharp;

namespace CrossEntropy.Data.Formats
{
    /// <summary>One field of one row group, decoded: numbers (float32 widened), texts, or a list's elements per row.</summary>
    internal sealed class ParquetColumn
    {
        /// <summary>Per row (a scalar field) or per element (a list field); null for text and unsupported fields.</summary>
        public double[]? Numbers { get; init; }
        /// <summary>Which of <see cref="Numbers"/> are null; null when none is.</summary>
        public bool[]? Nulls { get; init; }
        /// <summary>Per row, for a text field (null: a null cell).</summary>
        public string?[]? Texts { get; init; }
        /// <summary>A list field's first element per row.</summary>
        public int[]? Starts { get; init; }
        /// <summary>A list field's element count per row; -1 for a null list.</summary>
        public int[]? Lengths { get; init; }
    }

    /// <summary>
    /// A worker's buffers, reused row group after row group: fresh arrays of a row group's size (≈1 MB a column) land on
    /// the large object heap, and a 1M-row file then spends more time in full collections than in decoding.
    /// </summary>
    internal sealed class ParquetScratch
    {
        public ParquetScratch(int fields) => Numbers = new double[]?[fields];

        public double[]?[] Numbers { get; private set; }
        public short[]? Definition;
        public float[]? Floats;
        public int[]? Ints;
        public long[]? Longs;
        public bool[]? Bools;

        /// <summary>Makes room for <paramref name="fields"/> fields (a kept scratch may come from a narrower file).</summary>
        public void Fit(int fields)
        {
            if (Numbers.Length >= fields) return;
            var wider = new double[]?[fields];
            Numbers.CopyTo(wider, 0);
            Numbers = wider;
        }

        /// <summary>The bytes its buffers hold.</summary>
        public long Bytes()
        {
            long bytes = 2L * (Definition?.Length ?? 0) + 4L * (Floats?.Length ?? 0) + 4L * (Ints?.Length ?? 0)
                + 8L * (Longs?.Length ?? 0) + (Bools?.Length ?? 0);
            foreach (double[]? numbers in Numbers) bytes += 8L * (numbers?.Length ?? 0);
            return bytes;
        }

        /// <summary><paramref name="slot"/>, replaced by a new array when shorter than <paramref name="n"/>.</summary>
        public static T[] Rent<T>(ref T[]? slot, int n) => slot != null && slot.Length >= n ? slot : slot = new T[n];
    }

    /// <summary>
    /// Decodes a row group with ParquetSharp's physical <c>ColumnReader&lt;T&gt;</c> (4-6x faster than its logical reader
    /// on lists, tests/data/formats/LIBRARIES.md): values come packed, without the nulls, so the definition levels
    /// place them; a list's repetition level 0 starts a row.
    /// </summary>
    internal static class ParquetRowGroup
    {
        /// <summary>The fields of row group <paramref name="index"/> of <paramref name="file"/>; its row count in <paramref name="rows"/>.</summary>
        public static ParquetColumn?[] Read(ParquetFileReader file, int index, IReadOnlyList<ParquetField> fields, ParquetScratch scratch, out int rows)
        {
            using RowGroupReader group = file.RowGroup(index);
            rows = checked((int)group.MetaData.NumRows);
            var columns = new ParquetColumn?[fields.Count];
            for (int f = 0; f < fields.Count; f++)
            {
                ParquetField field = fields[f];
                if (field.Kind == ParquetKind.Unsupported) continue;
                using ColumnReader reader = group.Column(field.Leaf);
                columns[f] = field.Kind switch
                {
                    ParquetKind.Text => Texts(reader, rows),
                    ParquetKind.List => List(reader, rows, field),
                    _ => Scalar(reader, rows, field.MaxDefinition, scratch, f),
                };
            }
            return columns;
        }

        private static ParquetColumn Texts(ColumnReader reader, int rows)
        {
            var texts = new string?[rows];
            using LogicalColumnReader<string?> r = reader.LogicalReader<string?>();
            for (int n = 0; n < rows && r.HasNext;) n += r.ReadBatch(texts.AsSpan(n));
            return new ParquetColumn { Texts = texts };
        }

        private static ParquetColumn Scalar(ColumnReader reader, int rows, short maxDefinition, ParquetScratch s, int field)
        {
            short[]? def = maxDefinition > 0 ? ParquetScratch.Rent(ref s.Definition, rows) : null;
            double[] numbers = ParquetScratch.Rent(ref s.Numbers[field], rows);
            long got;
            switch (reader)
            {
                case ColumnReader<double> d:
                    got = ReadFlat(d, rows, def, numbers);
                    break;
                case ColumnReader<float> f:
                    float[] floats = ParquetScratch.Rent(ref s.Floats, rows);
                    got = ReadFlat(f, rows, def, floats);
                    for (int i = 0; i < got; i++) numbers[i] = floats[i];
                    break;
                case ColumnReader<int> n:
                    int[] ints = ParquetScratch.Rent(ref s.Ints, rows);
                    got = ReadFlat(n, rows, def, ints);
                    for (int i = 0; i < got; i++) numbers[i] = ints[i];
                    break;
                case ColumnReader<long> l:
                    long[] longs = ParquetScratch.Rent(ref s.Longs, rows);
                    got = ReadFlat(l, rows, def, longs);
                    for (int i = 0; i < got; i++) numbers[i] = longs[i];
                    break;
                default:
                    bool[] bools = ParquetScratch.Rent(ref s.Bools, rows);
                    got = ReadFlat((ColumnReader<bool>)reader, rows, def, bools);
                    for (int i = 0; i < got; i++) numbers[i] = bools[i] ? 1 : 0;
                    break;
            }
            if (got == rows || def == null) return new ParquetColumn { Numbers = numbers };
            // Some nulls: the packed values move to their rows, back to front (in place: a value never moves left).
            var nulls = new bool[rows];
            long v = got;
            for (int i = rows - 1; i >= 0; i--)
            {
                if (def[i] == maxDefinition) numbers[i] = numbers[--v];
                else nulls[i] = true;
            }
            return new ParquetColumn { Numbers = numbers, Nulls = nulls };
        }

        private static long ReadFlat<T>(ColumnReader<T> reader, int rows, short[]? def, T[] values) where T : unmanaged
        {
            long levels = 0, got = 0;
            while (levels < rows && reader.HasNext)
            {
                long read = reader.ReadBatch(rows - levels, def == null ? default : def.AsSpan((int)levels, rows - (int)levels), default,
                    values.AsSpan((int)got, rows - (int)got), out long v);
                levels += read;
                got += v;
                if (read == 0) break;
            }
            return got;
        }

        private static ParquetColumn List(ColumnReader reader, int rows, ParquetField field)
        {
            var levels = new Levels(Math.Max(16, rows * 4));
            double[] values = reader switch
            {
                ColumnReader<double> d => levels.ReadAll(d, x => x),
                ColumnReader<float> s => levels.ReadAll(s, x => x),
                ColumnReader<int> n => levels.ReadAll(n, x => x),
                ColumnReader<long> l => levels.ReadAll(l, x => x),
                _ => levels.ReadAll((ColumnReader<bool>)reader, x => x ? 1 : 0),
            };
            short present = field.MaxDefinition;
            short nullElement = field.ElementOptional ? (short)(present - 1) : (short)-1;
            short empty = (short)(field.ElementOptional ? present - 2 : present - 1);
            var starts = new int[rows];
            var lengths = new int[rows];
            var numbers = new double[levels.Count];
            bool[]? nulls = null;
            int row = -1, element = 0, next = 0;
            for (int i = 0; i < levels.Count; i++)
            {
                if (levels.Repetition[i] == 0)
                {
                    if (++row >= rows) break;
                    starts[row] = element;
                }
                short d = levels.Definition[i];
                if (d == present) numbers[element++] = values[next++];
                else if (d == nullElement) (nulls ??= new bool[levels.Count])[element++] = true;
                else if (d < empty) lengths[row] = -1;
                if (d >= empty) lengths[row] = element - starts[row];
            }
            return new ParquetColumn { Numbers = numbers, Nulls = nulls, Starts = starts, Lengths = lengths };
        }

        // A list column's levels and packed values, read in batches into arrays that grow as needed.
        private sealed class Levels
        {
            public Levels(int capacity)
            {
                Definition = new short[capacity];
                Repetition = new short[capacity];
            }

            public short[] Definition { get; private set; }
            public short[] Repetition { get; private set; }
            public int Count { get; private set; }

            public double[] ReadAll<T>(ColumnReader<T> reader, Func<T, double> widen) where T : unmanaged
            {
                var packed = new T[Definition.Length];
                long got = 0;
                while (reader.HasNext)
                {
                    if (Count == Definition.Length)
                    {
                        Definition = Grow(Definition);
                        Repetition = Grow(Repetition);
                        packed = Grow(packed);
                    }
                    int room = Definition.Length - Count;
                    long read = reader.ReadBatch(room, Definition.AsSpan(Count), Repetition.AsSpan(Count), packed.AsSpan((int)got), out long v);
                    Count += (int)read;
                    got += v;
                    if (read == 0) break;
                }
                if (packed is double[] same) return same;
                var values = new double[got];
                for (int i = 0; i < got; i++) values[i] = widen(packed[i]);
                return values;
            }

            private static TItem[] Grow<TItem>(TItem[] a)
            {
                var bigger = new TItem[checked(a.Length * 2)];
                a.CopyTo(bigger, 0);
                return bigger;
            }
        }
    }
}
#endif
