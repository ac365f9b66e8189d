using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using CrossEntropy.Data.Problems;
using CrossEntropy.Data.Records;

namespace CrossEntropy.Data.Parameters
{
    /// <summary>
    /// A model's parameters θ for the regularised objective, read in row-major order from a numeric CSV (every cell a
    /// number; a first line that is not all numbers is a header and skipped, so a CSV without a header is all data)
    /// or a NumPy .npy file (little-endian float64, float32, int64 or int32). Small files: read whole.
    /// </summary>
    internal static class ParameterFile
    {
        /// <summary>Every number of <paramref name="path"/>; throws <see cref="InputException"/> naming the row, column and value at fault.</summary>
        public static double[] Read(string path) =>
            path.EndsWith(".npy", StringComparison.OrdinalIgnoreCase) ? Npy(path) : Csv(path);

        private static double[] Csv(string path)
        {
            var values = new List<double>();
            string[] lines = File.ReadAllLines(path);
            for (int i = 0; i < lines.Length; i++)
            {
                if (lines[i].Trim().Length == 0) continue;
                string[] cells = lines[i].Split(',', '\t');
                int before = values.Count;
                for (int c = 0; c < cells.Length; c++)
                {
                    if (NumberText.TryParse(cells[c].AsSpan(), out double v) == NumberParse.Ok && !double.IsNaN(v) && !double.IsInfinity(v))
                    {
                        values.Add(v);
                        continue;
                    }
                    if (i == 0 && values.Count == 0 && AnyNotNumber(cells)) break; // a header line
                    throw new InputException(path, $"line {i + 1}, column {c + 1}: '{cells[c]}' is not a finite number (a parameter file holds numbers only).");
                }
                if (values.Count == before && i > 0) throw new InputException(path, $"line {i + 1} holds no number.");
            }
            if (values.Count == 0) throw new InputException(path, "the parameter file holds no number.");
            return values.ToArray();
        }

        private static bool AnyNotNumber(string[] cells)
        {
            foreach (string c in cells)
                if (NumberText.TryParse(c.AsSpan(), out _) != NumberParse.Ok) return true;
            return false;
        }

        // NumPy's format: "\x93NUMPY", version, header length (2 bytes in 1.0, 4 in 2.0/3.0), a dict literal, the data.
        private static double[] Npy(string path)
        {
            byte[] bytes = File.ReadAllBytes(path);
            if (bytes.Length < 10 || bytes[0] != 0x93 || Encoding.ASCII.GetString(bytes, 1, 5) != "NUMPY")
                throw new InputException(path, "not a NumPy .npy file (no \\x93NUMPY magic).");
            int major = bytes[6];
            int headerLength = major == 1 ? bytes[8] | bytes[9] << 8 : BitConverter.ToInt32(bytes, 8);
            int start = (major == 1 ? 10 : 12) + headerLength;
            string header = Encoding.ASCII.GetString(bytes, major == 1 ? 10 : 12, headerLength);
            (int size, Func<byte[], int, double> read) = Descr(path, header);
            if (header.Contains("'fortran_order': True"))
                throw new InputException(path, "a Fortran-ordered .npy file; save it with C (row-major) order.");
            int count = (bytes.Length - start) / size;
            var values = new double[count];
            for (int k = 0; k < count; k++)
            {
                values[k] = read(bytes, start + k * size);
                if (double.IsNaN(values[k]) || double.IsInfinity(values[k]))
                    throw new InputException(path, $"element {k} is {NumberText.Format(values[k])}, not a finite number.");
            }
            if (count == 0) throw new InputException(path, "the parameter file holds no number.");
            return values;
        }

        private static (int, Func<byte[], int, double>) Descr(string path, string header)
        {
            if (!BitConverter.IsLittleEndian) throw new InputException(path, ".npy files are read on little-endian machines only.");
            if (header.Contains("'<f8'")) return (8, (b, at) => BitConverter.ToDouble(b, at));
            if (header.Contains("'<f4'")) return (4, (b, at) => BitConverter.ToSingle(b, at));
            if (header.Contains("'<i8'")) return (8, (b, at) => BitConverter.ToInt64(b, at));
            if (header.Contains("'<i4'")) return (4, (b, at) => BitConverter.ToInt32(b, at));
            throw new InputException(path, $"unsupported .npy dtype in header {header.Trim()} (float64, float32, int64 or int32, little-endian).");
        }
    }
}
