#if NET8_0_OR_GREATER
using System;
using System.Runtime.CompilerServices;
using CrossEntropy.Data.Records;
using CrossEntropy.Data.Runs;
using CrossEntropy.Engine;

namespace CrossEntropy.Data.Csv
{
    /// <summary>
    /// Plain rows straight from the bytes into a block: each cell is read where it starts, a number by
    /// <see cref="Utf8Number.Parse"/>, and must end at its delimiter (the last one at the line's end). Because the
    /// delimiter cannot be part of a number (<see cref="PlainRowLayout.Splits"/>), a number that ends there is the whole
    /// cell, and its double is the one <see cref="TryGetDoubles"/> gives. Any row this cannot read so (a ragged row, an
    /// empty or odd cell, a label that is not a class index, a negative weight, a blank line of a one-column file) stops
    /// it before that row, which <see cref="Read"/> then returns as a record.
    /// </summary>
    internal sealed partial class ByteChunkReader : IBlockFill
    {
        /// <inheritdoc/>
        public int Fill(RowBlock block, RowReader reader, long firstRow) =>
            reader.PlainRows == null ? 0 : ReadPlainRows(reader.PlainRows, block, firstRow);

        /// <summary>
        /// Appends rows from the cursor's position to <paramref name="block"/>, numbered from <paramref name="firstRow"/>,
        /// until the block is full, the rows end, or a row is not plain (left for <see cref="Read"/>). Returns how many.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public unsafe int ReadPlainRows(PlainRowLayout layout, RowBlock block, long firstRow)
        {
            int[] roles = layout.Roles;
            if (_decimalComma || roles.Length != _columns || !PlainRowLayout.Splits(_delimiter)) return 0;
            int i = block.Count, capacity = block.Capacity, classes = block.Classes, last = roles.Length - 1;
            int labelClasses = layout.LabelClasses, start = i;
            byte delimiter = _delimiter;
            double[] values = block.Values;
            double[]? weights = block.SampleWeights;
            fixed (byte* b = _bytes)
            {
                byte* end = b + _end, readableEnd = b + _bytes.Length, p = b + _position;
                while (i < capacity && p < end)
                {
                    if (*p == (byte)'\n' || *p == (byte)'\r')
                    {
                        if (_columns == 1) break; // a record of one empty cell
                        p = AfterLineEnd(p, end); // a blank line holds no row (as Read skips it)
                        _position = (int)(p - b);
                        continue;
                    }
                    int label = -1;
                    double weight = 0;
                    for (int c = 0; c <= last; c++)
                    {
                        int role = roles[c];
                        byte* q;
                        if (role >= 0)
                        {
                            q = Utf8Number.Parse(p, end, readableEnd, out values[(i * classes) + role]);
                            if (q == null || q - p > Utf8Number.MaxLength) goto Stop;
                        }
                        else if (role == PlainRowLayout.Label)
                        {
                            // CellReader's digits: one to nine of them, an index below the class count.
                            q = p;
                            uint d;
                            int index = 0;
                            while (q < end && (d = (uint)(*q - '0')) <= 9 && q - p < 10)
                            {
                                index = (index * 10) + (int)d;
                                q++;
                            }
                            if (q == p || q - p > 9 || index >= labelClasses) goto Stop;
                            label = index;
                        }
                        else if (role == PlainRowLayout.SampleWeight)
                        {
                            q = Utf8Number.Parse(p, end, readableEnd, out weight);
                            if (q == null || q - p > Utf8Number.MaxLength || !(weight >= 0)) goto Stop; // finite in the fast path
                        }
                        else
                        {
                            int n = new ReadOnlySpan<byte>(p, (int)(end - p)).IndexOfAny(delimiter, (byte)'\n', (byte)'\r');
                            q = n < 0 ? end : p + n;
                        }
                        if (c < last)
                        {
                            if (q >= end || *q != delimiter) goto Stop;
                            p = q + 1;
                        }
                        else
                        {
                            if (q < end && *q != (byte)'\n' && *q != (byte)'\r') goto Stop;
                            p = AfterLineEnd(q, end);
                        }
                    }
                    block.Labels[i] = label;
                    if (weights != null) weights[i] = weight;
                    block.RowNumbers[i] = firstRow + (i - start);
                    i++;
                    _position = (int)(p - b);
                }
            Stop:
                block.Count = i;
            }
            return i - start;
        }

        // Past the line end at p (LF, CRLF or a lone CR), as Read steps past it; p itself at the end of the bytes.
        private static unsafe byte* AfterLineEnd(byte* p, byte* end) =>
            p >= end ? end : *p == (byte)'\r' && p + 1 < end && p[1] == (byte)'\n' ? p + 2 : p + 1;
    }
}
#endif
