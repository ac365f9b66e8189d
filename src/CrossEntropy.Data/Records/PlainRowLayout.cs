using System.Globalization;
using CrossEntropy.Data.Schemas;
using CrossEntropy.Engine;

namespace CrossEntropy.Data.Records
{
    /// <summary>
    /// What each column of a plain schema is, for readers that fill a <see cref="RowBlock"/> straight from a source's
    /// bytes (<see cref="Runs.IBlockFill"/>): score columns, at most one label whose class names are its indices ("0", "1",
    /// ...), at most one sample weight, and columns not used. Targets and groups are not plain: such a schema has no
    /// layout and every row goes through <see cref="Runs.RowReader"/>.
    /// </summary>
    internal sealed class PlainRowLayout
    {
        /// <summary>A column not read.</summary>
        public const int Unused = -1;
        /// <summary>The label column.</summary>
        public const int Label = -2;
        /// <summary>The sample-weight column.</summary>
        public const int SampleWeight = -3;

        private PlainRowLayout(int[] roles, int classes)
        {
            Roles = roles;
            LabelClasses = classes;
        }

        /// <summary>Per column: its score index (0 and up), <see cref="Label"/>, <see cref="SampleWeight"/> or <see cref="Unused"/>.</summary>
        public int[] Roles { get; }

        /// <summary>A label's digits must make an index below this (the label is read as RowReader's CellReader reads it).</summary>
        public int LabelClasses { get; }

        /// <summary>The layout of <paramref name="schema"/>, or null when its rows are not plain.</summary>
        public static PlainRowLayout? Of(Schema schema)
        {
            if (schema.TargetColumns.Length > 0 || schema.GroupColumn >= 0
                || schema.Target == TargetKind.Soft || schema.Target == TargetKind.MultiLabel) return null;
            var roles = new int[schema.Columns.Count];
            for (int c = 0; c < roles.Length; c++) roles[c] = Unused;
            for (int k = 0; k < schema.ScoreColumns.Length; k++)
                if (!Claim(roles, schema.ScoreColumns[k], k)) return null;
            if (schema.LabelColumn >= 0)
            {
                // Only labels read as digits without a lookup (CellReader's first case) are plain.
                for (int c = 0; c < schema.Classes.Length; c++)
                    if (schema.Classes[c] != c.ToString(CultureInfo.InvariantCulture)) return null;
                if (!Claim(roles, schema.LabelColumn, Label)) return null;
            }
            if (schema.SampleWeightColumn >= 0 && !Claim(roles, schema.SampleWeightColumn, SampleWeight)) return null;
            return new PlainRowLayout(roles, schema.Classes.Length);
        }

        /// <summary>
        /// True when a cell can be told from its delimiter by reading the cell alone: the delimiter is none of the
        /// bytes a number or a line end is made of.
        /// </summary>
        public static bool Splits(byte delimiter) =>
            delimiter != 0 && (delimiter < (byte)'0' || delimiter > (byte)'9') && delimiter != (byte)'.' && delimiter != (byte)'-'
            && delimiter != (byte)'+' && delimiter != (byte)'e' && delimiter != (byte)'E' && delimiter != (byte)'\n' && delimiter != (byte)'\r';

        // One role a column: a column used twice is left to the general reader.
        private static bool Claim(int[] roles, int column, int role)
        {
            if (column < 0 || column >= roles.Length || roles[column] != Unused) return false;
            roles[column] = role;
            return true;
        }
    }
}
