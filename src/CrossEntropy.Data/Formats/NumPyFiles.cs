using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using CrossEntropy.Data.Problems;
using CrossEntropy.Data.Schemas;

namespace CrossEntropy.Data.Formats
{
    /// <summary>
    /// Picks the arrays of a NumPy input. An .npz (<c>np.savez</c>) holds them by name: scores <c>logits</c> (else
    /// <c>probabilities</c>/<c>probs</c>; or the array -LogitColumn/-ProbabilityColumn names), labels <c>labels</c>,
    /// <c>label</c>, <c>targets</c>, <c>target</c> or <c>y</c> (or -LabelColumn/-TargetColumn's; a 2-D one is soft
    /// targets), sample weights the array -SampleWeightColumn names. An .npy holds only the N×C scores (probabilities
    /// when its name starts with "prob" or -ProbabilityColumn is given); the labels come from a sibling .npy in the
    /// same folder: <c>labels.npy</c>, else <c>targets.npy</c>, or the one -LabelColumn names.
    /// </summary>
    internal static class NumPyFiles
    {
        private static readonly string[] ScoreNames = { "logits", "probabilities", "probs" };
        private static readonly string[] SiblingLabels = { "labels", "targets" };
        private static readonly string[] LabelNames = { "labels", "label", "targets", "target", "y" };

        /// <summary>Opens an .npz.</summary>
        public static ArraysFile OpenNpz(string path, ColumnOptions o)
        {
            List<string> names;
            using (ZipArchive zip = OpenZip(path))
                names = zip.Entries.Select(e => e.FullName).Where(n => n.EndsWith(".npy", StringComparison.OrdinalIgnoreCase))
                    .Select(n => n.Substring(0, n.Length - 4)).ToList();
            string listed = string.Join(", ", names.Select(n => "'" + n + "'"));
            string? Find(string? given, string[] defaults, string parameter)
            {
                if (given != null)
                {
                    string? hit = names.FirstOrDefault(n => string.Equals(n, given, StringComparison.OrdinalIgnoreCase));
                    return hit ?? throw new InputException(path, $"{parameter} names array '{given}', which is not in the file. Arrays: {listed}.");
                }
                return defaults.Select(d => names.FirstOrDefault(n => string.Equals(n, d, StringComparison.OrdinalIgnoreCase))).FirstOrDefault(n => n != null);
            }
            string? scores = Find(o.LogitColumn?.FirstOrDefault() ?? o.ProbabilityColumn?.FirstOrDefault(), ScoreNames,
                o.LogitColumn != null ? "-LogitColumn" : "-ProbabilityColumn");
            if (scores == null)
                throw new InputException(path, $"no scores array: name it with -LogitColumn or -ProbabilityColumn (defaults: {string.Join(", ", ScoreNames)}). Arrays: {listed}.");
            string? labels = Find(o.LabelColumn ?? o.TargetColumn?.FirstOrDefault(), LabelNames, o.LabelColumn != null ? "-LabelColumn" : "-TargetColumn");
            string? weights = o.SampleWeightColumn == null ? null : Find(o.SampleWeightColumn, Array.Empty<string>(), "-SampleWeightColumn");
            var parts = new[] { scores, labels, weights }.Where(n => n != null).Select(n => Entry(path, n!)).ToArray();
            bool probabilities = o.ProbabilityColumn != null || o.LogitColumn == null && scores.StartsWith("prob", StringComparison.OrdinalIgnoreCase);
            return new ArraysFile(path, parts, Options(o, parts, probabilities, labels != null, weights != null));
        }

        /// <summary>
        /// Opens an .npy of scores with its sibling labels (and weights), if any; targets <paramref name="given"/>
        /// (-Target) take the place of the sibling labels.
        /// </summary>
        public static ArraysFile OpenNpy(string path, ColumnOptions o, GivenTargets? given = null)
        {
            string dir = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
            string? Sibling(string? given, string[] defaults, string parameter)
            {
                if (given != null)
                {
                    string named = Path.Combine(dir, given.EndsWith(".npy", StringComparison.OrdinalIgnoreCase) ? given : given + ".npy");
                    return File.Exists(named) ? named : throw new InputException(path, $"{parameter} names '{given}', but there is no {named} beside it.");
                }
                return defaults.Select(d => Path.Combine(dir, d + ".npy")).FirstOrDefault(File.Exists);
            }
            string? labels = given != null ? null : Sibling(o.LabelColumn ?? o.TargetColumn?.FirstOrDefault(), SiblingLabels, o.LabelColumn != null ? "-LabelColumn" : "-TargetColumn");
            string? weights = o.SampleWeightColumn == null ? null : Sibling(o.SampleWeightColumn, Array.Empty<string>(), "-SampleWeightColumn");
            string stem = Path.GetFileNameWithoutExtension(path);
            var parts = new List<ArraysFile.Part> { File_(path, stem) };
            if (given != null)
            {
                // The wording of -Logit with -Target: the same mistake reads the same.
                NpyArray scores = parts[0].Array;
                if (given.Count != scores.Rows) throw new InputException(path, $"There are {scores.Rows} rows of scores but {given.Count} targets.");
                if (given.Width > 0 && given.Width != Math.Max(1, scores.Width))
                    throw new InputException(path, $"A soft target needs one value per class ({Math.Max(1, scores.Width)}).");
                parts.Add(given.Part(path));
            }
            if (labels != null) parts.Add(File_(labels, Path.GetFileNameWithoutExtension(labels)));
            if (weights != null) parts.Add(File_(weights, Path.GetFileNameWithoutExtension(weights)));
            bool probabilities = o.ProbabilityColumn != null || o.LogitColumn == null && stem.StartsWith("prob", StringComparison.OrdinalIgnoreCase);
            return new ArraysFile(path, parts.ToArray(), Options(o, parts.ToArray(), probabilities, labels != null || given != null, weights != null));
        }

        private static ColumnOptions Options(ColumnOptions o, ArraysFile.Part[] parts, bool probabilities, bool hasLabels, bool hasWeights)
        {
            NpyArray scores = parts[0].Array;
            NpyArray? labels = hasLabels ? parts[1].Array : null;
            int k = Math.Max(1, scores.Width);
            return new ColumnOptions
            {
                LogitColumn = probabilities ? null : ArraysFile.CellNames(scores),
                ProbabilityColumn = probabilities ? ArraysFile.CellNames(scores) : null,
                LabelColumn = labels != null && labels.Width == 0 ? labels.Name : null,
                TargetColumn = labels != null && labels.Width > 0 ? ArraysFile.CellNames(labels) : null,
                Class = o.Class ?? (k > 1 ? Enumerable.Range(0, k).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray() : null),
                SampleWeightColumn = hasWeights ? parts[parts.Length - 1].Array.Name : null,
                GroupBy = o.GroupBy,
                IdColumn = o.IdColumn,
                LabelOptional = o.LabelOptional,
                MultiLabel = o.MultiLabel,
            };
        }

        private static ZipArchive OpenZip(string path)
        {
            var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
            try
            {
                return new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: false);
            }
            catch (InvalidDataException e)
            {
                file.Dispose();
                throw new InputException(path, "not an .npz (zip) archive: " + e.Message);
            }
        }

        private static ArraysFile.Part Entry(string path, string name)
        {
            NpyArray array;
            using (ZipArchive zip = OpenZip(path))
            using (Stream head = zip.GetEntry(name + ".npy")!.Open())
                array = NpyArray.Read(head, name, path);
            return new ArraysFile.Part(array, owned =>
            {
                ZipArchive zip = OpenZip(path);
                owned.Add(zip);
                Stream s = zip.GetEntry(name + ".npy")!.Open();
                owned.Add(s);
                NpyArray a = NpyArray.Read(s, name, path);
                return a.FortranOrder ? Transposed(s, a, path) : s;
            });
        }

        private static ArraysFile.Part File_(string path, string name)
        {
            NpyArray array;
            using (Stream s = Compression.OpenRead(path)) array = NpyArray.Read(s, name, path);
            return new ArraysFile.Part(array, owned =>
            {
                Stream s = Compression.OpenRead(path);
                owned.Add(s);
                NpyArray a = NpyArray.Read(s, name, path);
                return a.FortranOrder ? Transposed(s, a, path) : s;
            });
        }

        // A column-major matrix read whole and turned row-major (NumPy writes Fortran order only for small transposes).
        private static MemoryStream Transposed(Stream s, NpyArray a, string path)
        {
            long bytes = a.Rows * a.RowBytes;
            if (bytes > int.MaxValue) throw new InputException(path, $"array '{a.Name}' is in Fortran order and too large to transpose; save it with np.ascontiguousarray.");
            var col = new byte[bytes];
            if (LineChunks.Fill(s, col, 0, col.Length) < col.Length) throw new InputException(path, $"array '{a.Name}' is cut short.");
            var row = new byte[bytes];
            for (long r = 0; r < a.Rows; r++)
                for (int k = 0; k < a.Width; k++)
                    Buffer.BlockCopy(col, (int)((k * a.Rows + r) * a.Size), row, (int)((r * a.Width + k) * a.Size), a.Size);
            return new MemoryStream(row, writable: false);
        }
    }
}
