using System;
using System.IO;
using CrossEntropy.Data.Csv;
using CrossEntropy.Data.Records;
using CrossEntropy.Data.Schemas;
using CrossEntropy.Data.Sources;

namespace CrossEntropy.Data.Formats
{
    /// <summary>
    /// Opens an input file in its format, known by extension (after a .gz/.zst/.br one): .jsonl/.ndjson JSON Lines,
    /// .npy/.npz NumPy arrays, .arrow/.feather/.arrows Arrow IPC, .parquet Parquet (pwsh 7 only), anything else delimited text.
    /// What comes back is read the same way whatever the format: a chunked file, its
    /// first record (which decides numeric columns) and the column options to map it with (list columns spread).
    /// </summary>
    internal sealed class InputFile
    {
        private InputFile(IChunkedFile file, IRecord? first, ColumnOptions columns)
        {
            File = file;
            First = first;
            Columns = columns;
        }

        /// <summary>The file's records in chunks.</summary>
        public IChunkedFile File { get; }
        /// <summary>The first record, or null for an empty file.</summary>
        public IRecord? First { get; }
        /// <summary>The column options to resolve the schema with.</summary>
        public ColumnOptions Columns { get; }

        /// <summary>True for the JSON Lines extensions.</summary>
        public static bool IsJsonLines(string path)
        {
            string ext = Path.GetExtension(Compression.InnerName(path));
            return ext.Equals(".jsonl", StringComparison.OrdinalIgnoreCase) || ext.Equals(".ndjson", StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>
        /// Opens <paramref name="path"/>; throws <see cref="Problems.InputException"/> when it cannot be read. Targets
        /// <paramref name="given"/> apart from the file (-Target) are the labels of a lone .npy of scores; any other file
        /// holds its own.
        /// </summary>
        public static InputFile Open(string path, CsvOptions csv, ColumnOptions columns, GivenTargets? given = null)
        {
            string ext = Path.GetExtension(Compression.InnerName(path)).ToLowerInvariant();
            if (given != null && ext != ".npy")
                throw new Problems.InputException(path, "-Target gives the labels of a lone .npy of scores (an N×C array); this file holds its own: name them with -LabelColumn or -TargetColumn.");
            if (IsJsonLines(path))
            {
                JsonLinesFile json = JsonLinesFile.Open(path, columns);
                return new InputFile(json, json.FirstRecord, json.Options);
            }
            if (ext == ".npy" || ext == ".npz")
            {
                ArraysFile arrays = ext == ".npz" ? NumPyFiles.OpenNpz(path, columns) : NumPyFiles.OpenNpy(path, columns, given);
                return new InputFile(arrays, null, arrays.Options);
            }
            if (ArrowFile.Is(ext))
            {
                ArrowFile arrow = ArrowFile.Open(path, columns);
                return new InputFile(arrow, arrow.FirstRecord, arrow.Options);
            }
            if (ext == ".parquet")
            {
#if NET
                ParquetFile parquet = ParquetFile.Open(path, columns);
                return new InputFile(parquet, parquet.FirstRecord, parquet.Options);
#else
                throw new Problems.InputException(path, "Parquet files need PowerShell 7.4 or later (the Parquet library has no build for Windows PowerShell 5.1): run this in pwsh, or convert the file first, e.g. with DuckDB: COPY (FROM 'x.parquet') TO 'x.csv'.");
#endif
            }
            CsvFile file = CsvFile.Open(path, csv);
            return new InputFile(file, file.ReadFirstRecord(), columns);
        }
    }
}
