using System;

namespace CrossEntropy.Engine
{
    /// <summary>Sums over the used rows of one class (rows whose true class it is): plain data, merged by adding.</summary>
    internal struct ClassSums
    {
        /// <summary>Rows used.</summary>
        public long Count;
        /// <summary>Σ sample weight × row loss.</summary>
        public double LossSum;
        /// <summary>Σ sample weight × row normaliser.</summary>
        public double WeightSum;
        /// <summary>Σ sample weight × correct.</summary>
        public double CorrectSum;
        /// <summary>Σ sample weight.</summary>
        public double SampleWeightSum;

        /// <summary>Weighted mean loss of the class (NaN when it has no weight).</summary>
        public readonly double Loss => WeightSum > 0 ? LossSum / WeightSum : double.NaN;

        /// <summary>Fraction predicted right (NaN when the class has no rows).</summary>
        public readonly double Accuracy => SampleWeightSum > 0 ? CorrectSum / SampleWeightSum : double.NaN;

        /// <summary>Adds another class's sums.</summary>
        public void Add(in ClassSums other)
        {
            Count += other.Count;
            LossSum += other.LossSum;
            WeightSum += other.WeightSum;
            CorrectSum += other.CorrectSum;
            SampleWeightSum += other.SampleWeightSum;
        }
    }

    /// <summary>
    /// Per-class sums of the classes touched so far, in the order first touched. Adding, merging, copying and clearing
    /// cost what was touched, not the class count (think 50,000 classes and one row a block); looking a class up
    /// builds a class → slot index once, on first use (one pass over the classes).
    /// </summary>
    internal sealed class ClassSumTable
    {
        private readonly int _classes;
        private int[] _classOf = Array.Empty<int>();
        private ClassSums[] _sums = Array.Empty<ClassSums>();
        private int _count;
        // Class → slot + 1 (0: not touched); null until a class is looked up.
        private int[]? _slotOf;

        /// <summary>An empty table over <paramref name="classes"/> classes.</summary>
        public ClassSumTable(int classes) => _classes = classes;

        /// <summary>Number of classes.</summary>
        public int Classes => _classes;

        /// <summary>The sums of class <paramref name="c"/> (zeros when untouched).</summary>
        public ClassSums this[int c]
        {
            get
            {
                int slot = SlotIndex()[c];
                return slot == 0 ? default : _sums[slot - 1];
            }
        }

        /// <summary>The sums of class <paramref name="c"/>, to add to (touching it).</summary>
        public ref ClassSums Touch(int c)
        {
            int[] slotOf = SlotIndex();
            int slot = slotOf[c];
            if (slot == 0)
            {
                if (_count == _sums.Length) Grow();
                _classOf[_count] = c;
                _sums[_count] = default;
                slot = slotOf[c] = ++_count;
            }
            return ref _sums[slot - 1];
        }

        /// <summary>Writes each touched class's sums to <paramref name="dense"/>[class] (others are left as they are).</summary>
        public void CopyTouchedTo(Span<ClassSums> dense)
        {
            for (int k = 0; k < _count; k++) dense[_classOf[k]] = _sums[k];
        }

        /// <summary>Adds another table's sums, class by class in the order it touched them.</summary>
        public void Merge(ClassSumTable other)
        {
            if (other._classes != _classes) throw new ArgumentException("Class counts differ.", nameof(other));
            for (int k = 0; k < other._count; k++) Touch(other._classOf[k]).Add(other._sums[k]);
        }

        /// <summary>A copy holding just the touched classes (its index is built only if it is ever looked up).</summary>
        public ClassSumTable Copy()
        {
            var copy = new ClassSumTable(_classes)
            {
                _classOf = new int[_count],
                _sums = new ClassSums[_count],
                _count = _count,
            };
            Array.Copy(_classOf, copy._classOf, _count);
            Array.Copy(_sums, copy._sums, _count);
            return copy;
        }

        /// <summary>Forgets every class, keeping the storage.</summary>
        public void Clear()
        {
            if (_slotOf != null)
                for (int k = 0; k < _count; k++) _slotOf[_classOf[k]] = 0;
            _count = 0;
        }

        private int[] SlotIndex()
        {
            if (_slotOf != null) return _slotOf;
            var slotOf = new int[_classes];
            for (int k = 0; k < _count; k++) slotOf[_classOf[k]] = k + 1;
            return _slotOf = slotOf;
        }

        private void Grow()
        {
            int size = Math.Min(_classes, Math.Max(4, _sums.Length * 2));
            Array.Resize(ref _classOf, size);
            Array.Resize(ref _sums, size);
        }
    }
}
