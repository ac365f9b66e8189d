using System;

namespace CrossEntropy.Engine
{
    /// <summary>
    /// A double buffer whose first element sits on a 64-byte boundary. TensorPrimitives picks its code path (and so
    /// the last bit of an Exp or a Sum) by alignment; buffers that are always aligned the same way make every block's
    /// result independent of where the GC put it — part of "the same answer, bit for bit, for any thread count".
    /// </summary>
    internal sealed class AlignedBuffer
    {
        private const int Alignment = 64;
        private readonly double[] _array;
        private readonly int _offset;

        public AlignedBuffer(int length)
        {
            Length = length;
#if NET8_0_OR_GREATER
            // Pinned (on the pinned object heap), so the address and hence the offset never change.
            _array = GC.AllocateUninitializedArray<double>(length + Alignment / sizeof(double), pinned: true);
            unsafe
            {
                fixed (double* p = _array)
                {
                    long misalignment = (long)p % Alignment;
                    _offset = misalignment == 0 ? 0 : (int)((Alignment - misalignment) / sizeof(double));
                }
            }
            Array.Clear(_array, 0, _array.Length);
#else
            _array = new double[length]; // the netstandard2.0 build's loops are scalar: alignment changes nothing
            _offset = 0;
#endif
        }

        public int Length { get; }

        public Span<double> Span => new Span<double>(_array, _offset, Length);

        public Span<double> Slice(int start, int length) => new Span<double>(_array, _offset + start, length);
    }
}
