#if NET
using System.Collections.Generic;
using ParquetSharp;
using ParquetSharp.Schema;

namespace CrossEntropy.Data.Formats
{
    /// <summary>How a top-level Parquet field is read.</summary>
    internal enum ParquetKind
    {
        /// <summary>A number per row: FLOAT, DOUBLE, INT32, INT64 or BOOLEAN (float32 widened exactly).</summary>
        Number,
        /// <summary>A UTF-8 string per row (labels by class name).</summary>
        Text,
        /// <summary>A list of numbers per row (<c>list&lt;float|double|int&gt;</c>; DuckDB's <c>DOUBLE[]</c> and <c>DOUBLE[5]</c>).</summary>
        List,
        /// <summary>Anything else (structs, nested lists, INT96, binary, decimals): its cells read as the type's name.</summary>
        Unsupported,
    }

    /// <summary>
    /// The top-level fields of a Parquet file and the leaf column each is read from, with the definition levels that
    /// tell a value from a null (a list's: present element, null element, empty list, null list).
    /// </summary>
    internal sealed class ParquetField
    {
        public ParquetField(string name, int leaf, ParquetKind kind, PhysicalType physical, short maxDefinition, bool elementOptional, string typeName)
        {
            Name = name;
            Leaf = leaf;
            Kind = kind;
            Physical = physical;
            MaxDefinition = maxDefinition;
            ElementOptional = elementOptional;
            TypeName = typeName;
        }

        /// <summary>The field's name (the column name the schema maps).</summary>
        public string Name { get; }
        /// <summary>The leaf column index in the file (-1 for an unsupported group of several leaves).</summary>
        public int Leaf { get; }
        /// <summary>How the field is read.</summary>
        public ParquetKind Kind { get; }
        /// <summary>The leaf's physical type.</summary>
        public PhysicalType Physical { get; }
        /// <summary>The leaf's definition level of a present value.</summary>
        public short MaxDefinition { get; }
        /// <summary>For a list: whether its elements may be null (one definition level below a present value).</summary>
        public bool ElementOptional { get; }
        /// <summary>The type as messages name it.</summary>
        public string TypeName { get; }
        /// <summary>True for INT32/INT64/BOOLEAN: written as integers.</summary>
        public bool IsInteger => Physical != PhysicalType.Float && Physical != PhysicalType.Double;

        /// <summary>The fields of <paramref name="schema"/>, in file order.</summary>
        public static List<ParquetField> Of(SchemaDescriptor schema)
        {
            var leaves = new Dictionary<string, List<int>>();
            for (int c = 0; c < schema.NumColumns; c++)
            {
                string top = schema.Column(c).Path.ToDotVector()[0];
                if (!leaves.TryGetValue(top, out List<int>? list)) leaves[top] = list = new List<int>();
                list.Add(c);
            }
            var fields = new List<ParquetField>();
            foreach (Node node in schema.GroupNode.Fields)
            {
                List<int> leaf = leaves[node.Name];
                if (leaf.Count != 1)
                {
                    fields.Add(new ParquetField(node.Name, -1, ParquetKind.Unsupported, PhysicalType.ByteArray, 0, false, "struct"));
                    continue;
                }
                fields.Add(Field(node.Name, leaf[0], schema.Column(leaf[0])));
            }
            return fields;
        }

        private static ParquetField Field(string name, int leaf, ColumnDescriptor d)
        {
            PhysicalType p = d.PhysicalType;
            bool numeric = p == PhysicalType.Double || p == PhysicalType.Float || p == PhysicalType.Int32 || p == PhysicalType.Int64 || p == PhysicalType.Boolean;
            using LogicalType logical = d.LogicalType;
            bool isDecimal = logical is DecimalLogicalType;
            string type = isDecimal ? "DECIMAL" : p.ToString().ToUpperInvariant();
            if (d.MaxRepetitionLevel == 1 && numeric && !isDecimal)
            {
                using Node element = d.SchemaNode;
                return new ParquetField(name, leaf, ParquetKind.List, p, d.MaxDefinitionLevel, element.Repetition == Repetition.Optional, "list<" + type + ">");
            }
            if (d.MaxRepetitionLevel > 0) return new ParquetField(name, leaf, ParquetKind.Unsupported, p, d.MaxDefinitionLevel, false, "nested list");
            if (numeric && !isDecimal) return new ParquetField(name, leaf, ParquetKind.Number, p, d.MaxDefinitionLevel, false, type);
            if (p == PhysicalType.ByteArray && logical is StringLogicalType)
                return new ParquetField(name, leaf, ParquetKind.Text, p, d.MaxDefinitionLevel, false, "STRING");
            return new ParquetField(name, leaf, ParquetKind.Unsupported, p, d.MaxDefinitionLevel, false, type);
        }
    }
}
#endif
