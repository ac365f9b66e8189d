using System;
using System.Buffers.Binary;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;
using CrossEntropy.Data.Problems;

namespace CrossEntropy.Data.Formats
{
    /// <summary>
    /// The header of a NumPy .npy array (format versions 1–3): element type, order and shape, read from the stream's
    /// start, which is left at the first data byte. Numbers are read as stored: float32 widens to double exactly, so the
    /// loss is PyTorch's float64 loss on those float32 values. Big-endian and non-numeric arrays are refused by name.
    /// </summary>
    internal sealed class NpyArray
    {
        private static readonly Regex Descr = new Regex(@"'descr'\s*:\s*'([<>|=])([fiub])(\d+)'", RegexOptions.CultureInvariant);
        private static readonly Regex Fortran = new Regex(@"'fortran_order'\s*:\s*(True|False)", RegexOptions.CultureInvariant);
        private static readonly char[] Comma = { ',' };
        private static readonly Regex Shape = new Regex(@"'shape'\s*:\s*\(([^)]*)\)", RegexOptions.CultureInvariant);

        private NpyArray(string name, char kind, int size, bool fortranOrder, long rows, int width)
        {
            Name = name;
            Kind = kind;
            Size = size;
            FortranOrder = fortranOrder;
            Rows = rows;
            Width = width;
        }

        /// <summary>The array's name (the npz entry, or the file's stem).</summary>
        public string Name { get; }
        /// <summary>'f' float, 'i' signed, 'u' unsigned, 'b' boolean.</summary>
        public char Kind { get; }
        /// <summary>Bytes per element.</summary>
        public int Size { get; }
        /// <summary>Column-major (Fortran) order: the reader transposes it.</summary>
        public bool FortranOrder { get; }
        /// <summary>The first dimension.</summary>
        public long Rows { get; }
        /// <summary>Elements per row: the second dimension, or 0 for a 1-D array.</summary>
        public int Width { get; }
        /// <summary>Bytes per row.</summary>
        public int RowBytes => Size * Math.Max(1, Width);

        /// <summary>Reads the header of <paramref name="stream"/>; <paramref name="where"/> names it in errors.</summary>
        public static NpyArray Read(Stream stream, string name, string where)
        {
            var magic = new byte[8];
            if (LineChunks.Fill(stream, magic, 0, 8) < 8 || magic[0] != 0x93 || Encoding.ASCII.GetString(magic, 1, 5) != "NUMPY")
                throw new InputException(where, "not a NumPy .npy array (its first bytes are not \\x93NUMPY).");
            int major = magic[6];
            int lengthBytes = major == 1 ? 2 : 4;
            var len = new byte[4];
            if (LineChunks.Fill(stream, len, 0, lengthBytes) < lengthBytes) throw Truncated(where);
            int headerLength = major == 1 ? BinaryPrimitives.ReadUInt16LittleEndian(len) : (int)BinaryPrimitives.ReadUInt32LittleEndian(len);
            var header = new byte[headerLength];
            if (LineChunks.Fill(stream, header, 0, headerLength) < headerLength) throw Truncated(where);
            string text = (major == 3 ? Encoding.UTF8 : Encoding.ASCII).GetString(header);

            Match descr = Descr.Match(text);
            if (!descr.Success) throw new InputException(where, $"array '{name}' holds {Between(text, "'descr':", ",")}, not numbers (float, int, uint or bool).");
            if (descr.Groups[1].Value == ">" && descr.Groups[3].Value != "1")
                throw new InputException(where, $"array '{name}' is big-endian ('{descr.Groups[1].Value}{descr.Groups[2].Value}{descr.Groups[3].Value}'); save it little-endian (arr.astype('<f8')).");
            char kind = descr.Groups[2].Value[0];
            int size = int.Parse(descr.Groups[3].Value, CultureInfo.InvariantCulture);
            if (kind == 'f' && size != 4 && size != 8 || kind != 'f' && size != 1 && size != 2 && size != 4 && size != 8)
                throw new InputException(where, $"array '{name}' has elements of type '{kind}{size}'; float32, float64, integers and bool are read.");
            bool fortran = Fortran.Match(text).Groups[1].Value == "True";
            string[] dims = Shape.Match(text).Groups[1].Value.Split(Comma, StringSplitOptions.RemoveEmptyEntries);
            if (dims.Length < 1 || dims.Length > 2)
                throw new InputException(where, $"array '{name}' has {dims.Length} dimensions; rows × classes (2) or one value per row (1) are read.");
            long rows = long.Parse(dims[0].Trim(), CultureInfo.InvariantCulture);
            int width = dims.Length == 2 ? int.Parse(dims[1].Trim(), CultureInfo.InvariantCulture) : 0;
            return new NpyArray(name, kind, size, fortran && width > 1, rows, width);
        }

        /// <summary>Element <paramref name="k"/> of the row at <paramref name="at"/> in <paramref name="b"/>, as a double.</summary>
        public double Get(byte[] b, int at, int k)
        {
            int i = at + k * Size;
            return (Kind, Size) switch
            {
                ('f', 8) => BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64LittleEndian(b.AsSpan(i))),
                ('f', _) => BitConverter.ToSingle(b, i),
                ('i', 1) => (sbyte)b[i],
                ('i', 2) => BinaryPrimitives.ReadInt16LittleEndian(b.AsSpan(i)),
                ('i', 4) => BinaryPrimitives.ReadInt32LittleEndian(b.AsSpan(i)),
                ('i', _) => BinaryPrimitives.ReadInt64LittleEndian(b.AsSpan(i)),
                ('u', 1) or ('b', _) => b[i],
                ('u', 2) => BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(i)),
                ('u', 4) => BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(i)),
                _ => BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(i)),
            };
        }

        /// <summary>True for integer and bool arrays (their cells print as integers: class indices).</summary>
        public bool IsInteger => Kind != 'f';

        private static InputException Truncated(string where) => new InputException(where, "the .npy header is cut short.");

        private static string Between(string text, string start, string end)
        {
            int a = text.IndexOf(start, StringComparison.Ordinal);
            if (a < 0) return "no element type";
            a += start.Length;
            int b = text.IndexOf(end, a, StringComparison.Ordinal);
            return text.Substring(a, (b < 0 ? text.Length : b) - a).Trim();
        }
    }
}
