using System;
using System.IO;
using System.Numerics;
using System.Runtime.Intrinsics;

namespace CrossEntropy.Bench.Peers
{
    internal sealed unsafe partial class ChunkState
    {
        private int[] _separators = Array.Empty<int>();

        // The structural-index prototype: first every ',' and '\n' of the chunk, 64 bytes per vector compare, into
        // a list of positions; then each field is parsed from its known start and length (the '.' found by a SWAR
        // compare, both digit runs by one load each), so no number waits on the previous one's digits. Rows must be
        // "x_0,...,x_{C-1},label\n"; odd fields fall back to ParseNumberSwar; any other shape throws.
        private double ParseIndexed(byte[] buffer, int length, bool engine)
        {
            if (_separators.Length < length) _separators = new int[length];
            int classes = _classes, perRow = classes + 1;
            fixed (byte* start = buffer)
            fixed (int* seps = _separators)
            fixed (double* powers = ByteNumbers.ExactPowers)
            {
                int n = 0, i = 0;
                if (Vector512.IsHardwareAccelerated)
                {
                    var comma = Vector512.Create((byte)',');
                    var newline = Vector512.Create((byte)'\n');
                    for (; i + 64 <= length; i += 64)
                    {
                        var v = Vector512.Load(start + i);
                        ulong m = Vector512.ExtractMostSignificantBits(
                            Vector512.Equals(v, comma) | Vector512.Equals(v, newline));
                        while (m != 0)
                        {
                            seps[n++] = i + BitOperations.TrailingZeroCount(m);
                            m &= m - 1;
                        }
                    }
                }
                for (; i < length; i++)
                    if (start[i] == (byte)',' || start[i] == (byte)'\n') seps[n++] = i;
                if (n % perRow != 0) throw new InvalidDataException("prototype: ragged chunk");
                byte* bufferEnd = start + buffer.Length;
                int field = 0;
                for (int k = 0; k < n; k += perRow)
                {
                    int r = _block.Count;
                    fixed (double* row = &_block.Values[r * classes])
                    {
                        for (int c = 0; c < classes; c++)
                        {
                            int e = seps[k + c];
                            if (start[e] != (byte)',') throw new InvalidDataException("prototype: ragged row");
                            row[c] = ByteNumbers.ParseField(start + field, e - field, bufferEnd, powers);
                            field = e + 1;
                        }
                    }
                    int le = seps[k + classes];
                    if (start[le] != (byte)'\n') throw new InvalidDataException("prototype: ragged row");
                    int labelEnd = le > field && start[le - 1] == (byte)'\r' ? le - 1 : le;
                    _block.Labels[r] = ByteNumbers.ParseLabel(start + field, labelEnd - field, bufferEnd);
                    field = le + 1;
                    _block.Count = r + 1;
                    if (_block.IsFull)
                    {
                        if (engine) Compute();
                        else SumAndClear();
                    }
                }
            }
            if (!engine) SumAndClear();
            return 0;
        }

    }
}
