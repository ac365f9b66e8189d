#if NET
using System;
using System.Collections.Generic;
using System.Globalization;
using CrossEntropy.Data.Runs;
using CrossEntropy.Data.Schemas;
using CrossEntropy.Engine;

namespace CrossEntropy.Data.Formats
{
    /// <summary>
    /// A row group's decoded columns moved into a block in bulk (<see cref="IBlockFill"/>): each column is looked at
    /// once (numbers or not, nulls or not), then the scores are transposed column by column into the block's row-major
    /// values. Row by row only what can differ from row to row is checked: a null where a column has nulls, a list of
    /// another length, a label that is not a class index in range (or a class name), a weight below 0 or not finite. The
    /// first row that fails is left to the per-row path, which reads it exactly as before; a row group that cannot be
    /// planned (text scores, a list with null elements, labels that need the class map's rules) goes that way whole.
    /// </summary>
    internal sealed partial class ParquetCells : IBlockFill
    {
        // The plan for the schema it was made for (the RowReader it came with), or null when the row group goes per row.
        private RowReader? _plannedFor;
        private FillPlan? _plan;

        /// <inheritdoc/>
        public int Fill(RowBlock block, RowReader reader, long firstRow)
        {
            if (!ReferenceEquals(_plannedFor, reader))
            {
                _plannedFor = reader;
                _plan = FillPlan.Of(this, reader.Schema);
            }
            FillPlan? plan = _plan;
            int start = _row + 1;
            if (plan == null || start >= _rows) return 0;
            int at = block.Count;
            int end = Math.Min(_rows, start + block.Capacity - at);
            int r = start;
            while (r < end && plan.Vouch(r, block, at + r - start)) r++;
            int n = r - start;
            if (n == 0) return 0;
            Transpose(plan.Scores, block.Values, block.Classes, at, start, n);
            if (block.Targets != null) Transpose(plan.Targets!, block.Targets, block.Classes, at, start, n);
            for (int k = 0; k < n; k++) block.RowNumbers[at + k] = firstRow + k;
            if (block.Groups != null)
            {
                // Numbered in row order, through the text the per-row path reads.
                int col = reader.Schema.GroupColumn;
                for (int k = 0; k < n; k++)
                {
                    _row = start + k;
                    block.Groups[at + k] = reader.GroupIndexOf(GetText(col));
                }
            }
            _row = start + n - 1;
            block.Count = at + n;
            return n;
        }

        // Rows [start, start + n) of each column into slots [at, at + n) of the row-major values, column c at offset c.
        private static void Transpose(Cells[] columns, double[] values, int classes, int at, int start, int n)
        {
            for (int c = 0; c < columns.Length; c++)
            {
                Cells cells = columns[c];
                double[] src = cells.Numbers;
                int[]? starts = cells.Starts;
                int o = at * classes + c;
                if (starts == null)
                {
                    for (int k = 0; k < n; k++, o += classes) values[o] = src[start + k];
                }
                else
                {
                    for (int k = 0; k < n; k++, o += classes) values[o] = src[starts[start + k] + cells.Element];
                }
            }
        }

        // One expanded column's numbers: a scalar field's per row, or element Element of a spread list's per row.
        private readonly struct Cells
        {
            public Cells(double[] numbers, bool[]? nulls, int[]? starts, int element)
            {
                Numbers = numbers;
                Nulls = nulls;
                Starts = starts;
                Element = element;
            }

            public double[] Numbers { get; }
            public bool[]? Nulls { get; }
            public int[]? Starts { get; }
            public int Element { get; }

            public int Index(int row) => Starts == null ? row : Starts[row] + Element;
        }

        private enum LabelKind
        {
            None,
            Index,
            Name,
        }

        /// <summary>What a schema reads from this row group, checked column by column once.</summary>
        private sealed class FillPlan
        {
            public Cells[] Scores = Array.Empty<Cells>();
            public Cells[]? Targets;
            // Row by row: the scalar columns with nulls, and the spread lists with their widths (arrays: this runs per row).
            private readonly List<bool[]> _nullList = new List<bool[]>();
            private bool[][] _nulls = Array.Empty<bool[]>();
            private (int[] Lengths, int Width)[] _lists = Array.Empty<(int[], int)>();
            private LabelKind _label;
            private Cells _labels;
            private string?[]? _names;
            private Schema _schema = null!;
            private bool _weighted;
            private Cells _weights;

            /// <summary>The plan, or null when some column needs the per-row path on every row.</summary>
            public static FillPlan? Of(ParquetCells cells, Schema schema)
            {
                var plan = new FillPlan { _schema = schema, _lists = new (int[], int)[cells._spread.Length] };
                for (int s = 0; s < cells._spread.Length; s++)
                {
                    int c = cells._spread[s];
                    int[]? lengths = cells._columns[c]?.Lengths;
                    if (lengths == null) return null;
                    plan._lists[s] = (lengths, cells._file.Lists.Width(c));
                }
                Cells[]? scores = plan.Numbers(cells, schema.ScoreColumns);
                if (scores == null) return null;
                plan.Scores = scores;
                if (schema.TargetColumns.Length > 0 && (plan.Targets = plan.Numbers(cells, schema.TargetColumns)) == null) return null;
                if (schema.LabelColumn >= 0 && schema.Target != TargetKind.Soft && schema.Target != TargetKind.MultiLabel && !plan.PlanLabel(cells, schema))
                    return null;
                if (schema.SampleWeightColumn >= 0)
                {
                    Cells[]? w = plan.Numbers(cells, new[] { schema.SampleWeightColumn });
                    if (w == null) return null;
                    plan._weighted = true;
                    plan._weights = w[0];
                }
                plan._nulls = plan._nullList.ToArray();
                return plan;
            }

            /// <summary>
            /// True when row <paramref name="row"/> is one the per-row path adds unchanged; its label and weight are then
            /// in slot <paramref name="slot"/> of <paramref name="block"/> (scores follow in bulk).
            /// </summary>
            public bool Vouch(int row, RowBlock block, int slot)
            {
                for (int l = 0; l < _lists.Length; l++)
                    if (_lists[l].Lengths[row] != _lists[l].Width) return false;
                for (int n = 0; n < _nulls.Length; n++)
                    if (_nulls[n][row]) return false;
                int label = -1;
                if (_label == LabelKind.Index)
                {
                    int i = _labels.Index(row);
                    if (_labels.Nulls != null && _labels.Nulls[i]) return false;
                    double x = _labels.Numbers[i];
                    if (!(x >= 0 && x < _schema.Classes.Length)) return false;
                    label = (int)x;
                }
                else if (_label == LabelKind.Name)
                {
                    string? name = _names![row];
                    if (string.IsNullOrEmpty(name) || char.IsWhiteSpace(name[0]) || char.IsWhiteSpace(name[name.Length - 1])
                        || !_schema.TryGetClassIndex(name, out label)) return false;
                }
                if (_weighted)
                {
                    int i = _weights.Index(row);
                    if (_weights.Nulls != null && _weights.Nulls[i]) return false;
                    double w = _weights.Numbers[i];
                    if (!(w >= 0) || double.IsInfinity(w)) return false;
                    block.SampleWeights![slot] = w;
                }
                block.Labels[slot] = label;
                return true;
            }

            // The numbers of the expanded columns at ordinals; null when one is not numbers (a text, a list not spread),
            // or is a list with null elements. A scalar column's nulls are checked row by row.
            private Cells[]? Numbers(ParquetCells cells, int[] ordinals)
            {
                var result = new Cells[ordinals.Length];
                for (int c = 0; c < ordinals.Length; c++)
                {
                    int o = ordinals[c];
                    double[]? numbers = cells._numbers[o];
                    if (numbers == null) return null;
                    int[]? starts = cells._starts[o];
                    bool[]? nulls = cells._nulls[o];
                    if (starts != null && nulls != null) return null;
                    if (nulls != null && !_nullList.Contains(nulls)) _nullList.Add(nulls);
                    result[c] = new Cells(numbers, nulls, starts, cells._element[o]);
                }
                return result;
            }

            // Labels read in bulk: integers when the classes are 0..K-1 (the digits the per-row path parses), class
            // names when they are not (looked up as the per-row path does after its trim). Anything else: per row.
            private bool PlanLabel(ParquetCells cells, Schema schema)
            {
                int o = schema.LabelColumn;
                int f = cells._field[o];
                ParquetColumn? column = cells._columns[f];
                ParquetField field = cells._file.Fields[f];
                if (column == null || column.Starts != null) return false;
                bool indices = true;
                for (int c = 0; c < schema.Classes.Length && indices; c++)
                    indices = schema.Classes[c] == c.ToString(CultureInfo.InvariantCulture);
                if (column.Numbers != null && field.IsInteger && indices)
                {
                    _label = LabelKind.Index;
                    _labels = new Cells(column.Numbers, column.Nulls, null, -1);
                    return true;
                }
                if (column.Texts != null && !indices)
                {
                    _label = LabelKind.Name;
                    _names = column.Texts;
                    return true;
                }
                return false;
            }
        }
    }
}
#endif
