using System.IO;
using System.Text;

namespace CrossEntropy.PowerShell.Tests
{
    /// <summary>
    /// The big binary file of classification_expected.json ("big_binary"), written from its integer formula: row i has
    /// k = i·7919 mod 10007, logit (k - 5003)/1000 with three decimals, label 1 iff (i·2654435761 + 12345 mod 2³²) mod
    /// 10007 &lt; k. The same bytes as the generator's, so its SHA-256 and scikit-learn's figures apply.
    /// </summary>
    public static class BigBinaryFile
    {
        public static void Write(string path, long rows)
        {
            using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
            Write(file, rows);
        }

        public static void Write(Stream stream, long rows)
        {
            var text = new StringBuilder("logit_1,label\n");
            for (long i = 0; i < rows; i++)
            {
                long k = i * 7919 % 10007;
                long h = (i * 2654435761L + 12345) % (1L << 32);
                long v = k - 5003, a = v < 0 ? -v : v;
                text.Append(v < 0 ? "-" : "").Append(a / 1000).Append('.').Append((a % 1000).ToString("D3", System.Globalization.CultureInfo.InvariantCulture))
                    .Append(',').Append(h % 10007 < k ? '1' : '0').Append('\n');
                if (text.Length > 1 << 20)
                {
                    byte[] chunk = Encoding.ASCII.GetBytes(text.ToString());
                    stream.Write(chunk, 0, chunk.Length);
                    text.Clear();
                }
            }
            byte[] rest = Encoding.ASCII.GetBytes(text.ToString());
            stream.Write(rest, 0, rest.Length);
        }
    }
}
