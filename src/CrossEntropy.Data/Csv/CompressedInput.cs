namespace CrossEntropy.Data.Csv
{
    /// <summary>
    /// Compressed bytes that reached the CSV reader (a format not decompressed, or a .gz/.zst file under another name)
    /// are recognised by their magic bytes, not read: they would otherwise come back as a "no label column" error with
    /// binary in it.
    /// </summary>
    internal static class CompressedInput
    {
        private static readonly (string Format, byte[] Magic)[] Magics =
        {
            ("gzip", new byte[] { 0x1F, 0x8B }),
            ("zstd", new byte[] { 0x28, 0xB5, 0x2F, 0xFD }),
            ("zip", new byte[] { 0x50, 0x4B, 0x03, 0x04 }),
            ("bzip2", new byte[] { 0x42, 0x5A, 0x68 }),
            ("xz", new byte[] { 0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00 }),
        };

        /// <summary>The compression format of a file starting with <paramref name="head"/>, or null when it is not compressed.</summary>
        public static string? Format(byte[] head, int length, string path)
        {
            foreach ((string format, byte[] magic) in Magics)
            {
                if (length < magic.Length) continue;
                bool match = true;
                for (int i = 0; i < magic.Length && match; i++) match = head[i] == magic[i];
                // "BZh" is also how a header could begin: bzip2 goes on with a block size digit and "1AY".
                if (match && format == "bzip2") match = length >= 6 && head[3] >= (byte)'1' && head[3] <= (byte)'9' && head[4] == 0x31 && head[5] == 0x41;
                if (match) return format;
            }
            return null;
        }

        /// <summary>
        /// The reason given for a compressed file the reader did not decompress: gzip and zstd are read by their
        /// extension (.gz, .zst; see Formats/Compression), the others not at all yet.
        /// </summary>
        public static string Reason(string format, string path) => format switch
        {
            "gzip" => $"this is a gzip file, but its name does not end in .gz: rename it (for example to {System.IO.Path.GetFileName(path)}.gz) so that it is decompressed, or decompress it.",
            "zstd" => $"this is a zstd file, but its name does not end in .zst: rename it (for example to {System.IO.Path.GetFileName(path)}.zst) so that it is decompressed, or decompress it.",
            _ => $"compressed input is not supported yet: this is a {format} file; decompress it first and read the CSV it holds.",
        };
    }
}
