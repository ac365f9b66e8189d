using System;
using System.Collections.Generic;

namespace CrossEntropy.Engine
{
    /// <summary>
    /// The exact sum of doubles, rounded once (Shewchuk's non-overlapping partials with the correctly rounded final
    /// step of Python's math.fsum). The exact sum of a set does not depend on the order it was added in, so neither
    /// does <see cref="Value"/>: merging shard results through it gives the same bits for any split order.
    /// NaN, or +Infinity with -Infinity, gives NaN; an infinity gives that infinity.
    /// </summary>
    internal sealed class ExactSum
    {
        private readonly List<double> _partials = new List<double>();
        private double _special; // 0, or the sum of the non-finite values added (±Infinity or NaN)

        /// <summary>Adds <paramref name="x"/> exactly.</summary>
        public void Add(double x)
        {
            if (double.IsNaN(x) || double.IsInfinity(x))
            {
                _special += x;
                return;
            }
            int i = 0;
            for (int j = 0; j < _partials.Count; j++)
            {
                double y = _partials[j];
                if (Math.Abs(x) < Math.Abs(y)) (x, y) = (y, x);
                double hi = x + y;
                double lo = y - (hi - x);
                if (lo != 0) _partials[i++] = lo;
                x = hi;
            }
            _partials.RemoveRange(i, _partials.Count - i);
            _partials.Add(x);
        }

        /// <summary>Starts again from 0.</summary>
        public void Clear()
        {
            _partials.Clear();
            _special = 0;
        }

        /// <summary>The exact sum rounded to the nearest double (ties to even).</summary>
        public double Value
        {
            get
            {
                if (_special != 0 || double.IsNaN(_special)) return _special;
                int n = _partials.Count;
                if (n == 0) return 0;
                double hi = _partials[--n], lo = 0;
                while (n > 0)
                {
                    double x = hi, y = _partials[--n];
                    hi = x + y;
                    lo = y - (hi - x);
                    if (lo != 0) break;
                }
                // Half-way cases: the partials below decide which way the rounding goes.
                if (n > 0 && ((lo < 0 && _partials[n - 1] < 0) || (lo > 0 && _partials[n - 1] > 0)))
                {
                    double y = lo * 2, x = hi + y;
                    if (y == x - hi) hi = x;
                }
                return hi;
            }
        }

        /// <summary>The exact sum of <paramref name="values"/>, rounded once.</summary>
        public static double Of(IEnumerable<double> values)
        {
            var sum = new ExactSum();
            foreach (double v in values) sum.Add(v);
            return sum.Value;
        }
    }
}
