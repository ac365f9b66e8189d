namespace CrossEntropy.Data.Csv
{
    /// <summary>
    /// Finds bytes that are not valid UTF-8. A decoder would turn them into U+FFFD, and a label such as Latin-1
    /// "caf\xE8" would then silently match another class written with the same replacement: such a record is refused
    /// instead, naming its row and column.
    /// </summary>
    internal static class Utf8Check
    {
        /// <summary>Index of the first byte of b[from, end) that starts an invalid sequence; -1 when all is valid.</summary>
        public static int FirstInvalid(byte[] b, int from, int end)
        {
#if NET8_0_OR_GREATER
            if (System.Text.Unicode.Utf8.IsValid(new System.ReadOnlySpan<byte>(b, from, end - from))) return -1;
#endif
            int i = from;
            while (i < end)
            {
                byte c = b[i];
                if (c < 0x80)
                {
                    i++;
                    continue;
                }
                int n = c >= 0xC2 && c <= 0xDF ? 1 : c >= 0xE0 && c <= 0xEF ? 2 : c >= 0xF0 && c <= 0xF4 ? 3 : -1;
                if (n < 0 || !Continues(b, i, n, end)) return i;
                i += n + 1;
            }
            return -1;
        }

        // The n continuation bytes after b[i] are 10xxxxxx and the sequence is not overlong, a surrogate or above U+10FFFF.
        private static bool Continues(byte[] b, int i, int n, int end)
        {
            if (i + n >= end) return false;
            for (int k = 1; k <= n; k++)
                if ((b[i + k] & 0xC0) != 0x80) return false;
            byte lead = b[i], second = b[i + 1];
            if (lead == 0xE0 && second < 0xA0) return false;
            if (lead == 0xED && second > 0x9F) return false;
            if (lead == 0xF0 && second < 0x90) return false;
            if (lead == 0xF4 && second > 0x8F) return false;
            return true;
        }
    }
}
