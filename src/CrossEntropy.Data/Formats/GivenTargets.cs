using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace CrossEntropy.Data.Formats
{
    /// <summary>
    /// Labels or soft targets given beside a file of scores rather than in it (-Target with a lone .npy of N×C scores):
    /// held as an in-memory .npy array named <c>target</c> (int64 labels, or N×C float64 distributions) that is read
    /// side by side with the scores exactly as a sibling labels.npy is.
    /// </summary>
    internal sealed class GivenTargets
    {
        /// <summary>The array's name: its cells are <c>target</c> (labels) or <c>target[0]</c>, … (distributions).</summary>
        public const string Name = "target";

        private readonly byte[] _npy;

        private GivenTargets(byte[] npy, long count, int width)
        {
            _npy = npy;
            Count = count;
            Width = width;
        }

        /// <summary>How many rows of targets were given.</summary>
        public long Count { get; }
        /// <summary>Values per distribution; 0 for labels.</summary>
        public int Width { get; }

        /// <summary>One class index per row.</summary>
        public static GivenTargets Labels(IReadOnlyList<long> labels)
        {
            var data = new byte[labels.Count * 8];
            for (int i = 0; i < labels.Count; i++) BinaryPrimitives.WriteInt64LittleEndian(data.AsSpan(i * 8), labels[i]);
            return new GivenTargets(Npy("<i8", labels.Count.ToString(CultureInfo.InvariantCulture) + ",", data), labels.Count, 0);
        }

        /// <summary>One distribution per row, each of <paramref name="width"/> values.</summary>
        public static GivenTargets Distributions(IReadOnlyList<double[]> rows, int width)
        {
            var data = new byte[rows.Count * width * 8];
            for (int r = 0; r < rows.Count; r++)
                for (int k = 0; k < width; k++)
                    BinaryPrimitives.WriteInt64LittleEndian(data.AsSpan((r * width + k) * 8), BitConverter.DoubleToInt64Bits(rows[r][k]));
            string shape = rows.Count.ToString(CultureInfo.InvariantCulture) + ", " + width.ToString(CultureInfo.InvariantCulture);
            return new GivenTargets(Npy("<f8", shape, data), rows.Count, width);
        }

        /// <summary>The targets as a part of <paramref name="path"/>'s arrays.</summary>
        internal ArraysFile.Part Part(string path)
        {
            NpyArray array;
            using (var head = new MemoryStream(_npy, writable: false)) array = NpyArray.Read(head, Name, path);
            return new ArraysFile.Part(array, owned =>
            {
                var s = new MemoryStream(_npy, writable: false);
                owned.Add(s);
                NpyArray.Read(s, Name, path);
                return s;
            });
        }

        // A version 1.0 .npy: magic, header length, the header dict padded with spaces to a multiple of 64 bytes, data.
        private static byte[] Npy(string descr, string shape, byte[] data)
        {
            string dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + shape + "), }";
            int unpadded = 10 + dict.Length + 1;
            string header = dict + new string(' ', (64 - unpadded % 64) % 64) + "\n";
            var npy = new byte[10 + header.Length + data.Length];
            npy[0] = 0x93;
            Encoding.ASCII.GetBytes("NUMPY", 0, 5, npy, 1);
            npy[6] = 1;
            BinaryPrimitives.WriteUInt16LittleEndian(npy.AsSpan(8), (ushort)header.Length);
            Encoding.ASCII.GetBytes(header, 0, header.Length, npy, 10);
            data.CopyTo(npy, 10 + header.Length);
            return npy;
        }
    }
}
