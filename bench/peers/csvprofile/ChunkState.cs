using System.IO;
using CrossEntropy.Engine;

namespace CrossEntropy.Bench.Peers
{
    /// <summary>
    /// One worker's state for the byte-parser prototypes: a chunk's UTF-8 rows ("x_0,...,x_{C-1},label\n") parsed
    /// straight into a <see cref="RowBlock"/>, each full block either computed by the engine into the worker's sums or
    /// added to <see cref="Checksum"/> (parse-only stages). Any other shape of row throws: the real thing would fall
    /// back to Sylvan for that chunk.
    /// </summary>
    internal sealed unsafe partial class ChunkState
    {
        private readonly LossEngine _engine;
        private readonly RowBlock _block;
        private readonly BlockResult _result;
        private readonly LossAccumulator _blockSums;
        private LossAccumulator _total;
        private readonly int _classes;

        private readonly bool _swar, _lengths, _indexed;

        public ChunkState(LossEngine engine, int blockRows, int classes, bool swar, bool lengths = false, bool indexed = false)
        {
            _indexed = indexed;
            _swar = swar;
            _lengths = lengths;
            _engine = engine;
            _classes = classes;
            _block = new RowBlock(blockRows, classes);
            _result = engine.CreateResult(blockRows);
            _blockSums = engine.CreateAccumulator();
            _total = engine.CreateAccumulator();
        }

        public LossAccumulator Finish()
        {
            if (_block.Count > 0) Compute();
            LossAccumulator t = _total;
            _total = _engine.CreateAccumulator();
            return t;
        }

        private void Compute()
        {
            _engine.Compute(_block, _result);
            _blockSums.Clear();
            _blockSums.AddBlock(_block, _result);
            _total.Merge(_blockSums);
            _block.Clear();
        }

        public double Parse(byte[] buffer, int length, bool engine)
        {
            if (_indexed) return ParseIndexed(buffer, length, engine);
            double sum = 0;
            int classes = _classes;
            fixed (byte* start = buffer)
            fixed (double* powers = ByteNumbers.ExactPowers)
            {
                byte* p = start, end = start + length;
                while (p < end)
                {
                    int i = _block.Count;
                    fixed (double* row = &_block.Values[i * classes])
                    {
                        for (int c = 0; c < classes; c++)
                        {
                            row[c] = _lengths && p + 24 <= end ? ByteNumbers.ParseNumberByLength(ref p, end, powers)
                                : _swar ? ByteNumbers.ParseNumberSwar(ref p, end, powers) : ByteNumbers.ParseNumber(ref p, end, powers);
                            if (p >= end || *p != (byte)',') throw new InvalidDataException("prototype: unexpected byte");
                            p++;
                        }
                    }
                    int label = 0;
                    uint d;
                    while (p < end && (d = (uint)(*p - '0')) <= 9)
                    {
                        label = label * 10 + (int)d;
                        p++;
                    }
                    if (p < end && *p == (byte)'\r') p++;
                    if (p < end && *p != (byte)'\n') throw new InvalidDataException("prototype: unexpected byte");
                    p++;
                    _block.Labels[i] = label;
                    _block.Count = i + 1;
                    if (_block.IsFull)
                    {
                        if (engine) Compute();
                        else sum += SumAndClear();
                    }
                }
            }
            return engine ? sum : sum + SumAndClear();
        }

        // Row by row, each row's logits then its label: the order the parse stage sums in, so equal checksums
        // mean bit-identical values.
        private double SumAndClear()
        {
            for (int i = 0; i < _block.Count; i++)
            {
                for (int c = 0; c < _classes; c++) Checksum += _block.Values[i * _classes + c];
                Checksum += _block.Labels[i];
            }
            _block.Clear();
            return 0;
        }

        /// <summary>Running sum of every parsed value (parse-only mode), in file order.</summary>
        public double Checksum;
    }
}
