using System;
using System.IO;
using System.IO.Compression;
using CrossEntropy.Data.Problems;

namespace CrossEntropy.Data.Formats
{
    /// <summary>How a text file is compressed, known by its last extension (.gz, .zst, .br).</summary>
    internal enum CompressionKind
    {
        /// <summary>Plain bytes.</summary>
        None,
        /// <summary>gzip (GZipStream; concatenated members are read on .NET Core 3.0 and later).</summary>
        Gzip,
        /// <summary>Zstandard (ZstdSharp.Port; managed, both builds).</summary>
        Zstd,
        /// <summary>Brotli (BrotliStream; pwsh 7 only: netstandard2.0 has no Brotli decoder).</summary>
        Brotli,
    }

    /// <summary>
    /// Opens a file for sequential reading through its decompressor, chosen by extension and checked by magic bytes
    /// (gzip 1F 8B, zstd 28 B5 2F FD; Brotli has none), so a mislabelled file fails with a message instead of garbage.
    /// The file is opened for shared reading, like every input file.
    /// </summary>
    internal static class Compression
    {
        /// <summary>The compression of <paramref name="path"/>, by its extension.</summary>
        public static CompressionKind Of(string path)
        {
            string ext = Path.GetExtension(path).ToLowerInvariant();
            return ext switch
            {
                ".gz" => CompressionKind.Gzip,
                ".zst" => CompressionKind.Zstd,
                ".br" => CompressionKind.Brotli,
                _ => CompressionKind.None,
            };
        }

        /// <summary>The name without its compression extension ("a.csv.gz" → "a.csv"), which says the inner format.</summary>
        public static string InnerName(string path) =>
            Of(path) == CompressionKind.None ? path : path.Substring(0, path.Length - Path.GetExtension(path).Length);

        /// <summary>Opens <paramref name="path"/>'s bytes, decompressed when its extension says so.</summary>
        public static Stream OpenRead(string path)
        {
            var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
            CompressionKind kind = Of(path);
            if (kind == CompressionKind.None) return file;
            try
            {
                CheckMagic(file, path, kind);
                return kind switch
                {
                    CompressionKind.Gzip => new GZipStream(file, CompressionMode.Decompress),
                    CompressionKind.Zstd => new ZstdSharp.DecompressionStream(file),
#if NETSTANDARD2_0
                    _ => throw new InputException(path, ".br (Brotli) files need PowerShell 7: Windows PowerShell 5.1 has no Brotli decoder. Decompress it first, or use pwsh."),
#else
                    _ => new BrotliStream(file, CompressionMode.Decompress),
#endif
                };
            }
            catch
            {
                file.Dispose();
                throw;
            }
        }

        private static void CheckMagic(FileStream file, string path, CompressionKind kind)
        {
            byte[] want = kind switch
            {
                CompressionKind.Gzip => new byte[] { 0x1F, 0x8B },
                CompressionKind.Zstd => new byte[] { 0x28, 0xB5, 0x2F, 0xFD },
                _ => Array.Empty<byte>(),
            };
            if (want.Length == 0) return;
            var head = new byte[want.Length];
            int n = 0;
            while (n < head.Length)
            {
                int read = file.Read(head, n, head.Length - n);
                if (read == 0) break;
                n += read;
            }
            file.Position = 0;
            for (int i = 0; i < want.Length; i++)
                if (n < want.Length || head[i] != want[i])
                    throw new InputException(path, $"the file is named {Path.GetExtension(path)} but is not {(kind == CompressionKind.Gzip ? "gzip" : "zstd")}-compressed (its first bytes are not {BitConverter.ToString(want).Replace('-', ' ')}).");
        }
    }
}
