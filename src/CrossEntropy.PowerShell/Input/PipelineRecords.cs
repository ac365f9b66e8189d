using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using System.Management.Automation;
using CrossEntropy.Data.Formats;
using CrossEntropy.Data.Records;
using CrossEntropy.Data.Schemas;

namespace CrossEntropy.Input
{
    /// <summary>
    /// Reads pipeline objects (Import-Csv rows, [pscustomobject], hashtables, .NET objects) as records. The header
    /// is the first object's property names; later objects are matched by name, so a row missing a property is
    /// rejected for that cell rather than crashing, and extra properties are ignored. Once the schema is known only
    /// the columns it uses are read: a [pscustomobject]'s by position, found once per shape of object
    /// (<see cref="InstanceProperties"/>), other objects' by name (PowerShell's property indexer is several times
    /// cheaper than enumerating an object's properties). An array property (ConvertFrom-Json's <c>logits</c>) chosen as the scores or
    /// soft targets is spread into one cell per class (<see cref="ListColumns"/>).
    /// </summary>
    internal sealed class PipelineRecords
    {
        private readonly ObjectRecord _record;
        private readonly Dictionary<string, int> _ordinals;
        private readonly string[] _names;
        private readonly ListColumns _lists;
        private readonly bool _spreads; // some column is a list spread into cells; else raw column k is cell k
        private int[] _used;
        // Where each column sits among a [pscustomobject]'s own properties, for the shape last seen (-1: not there).
        private readonly int[] _positions;
        private int _shapeCount = -1;

        /// <summary>Records shaped by the first object <paramref name="first"/>, with list columns planned from its values.</summary>
        public PipelineRecords(string sourceName, PSObject first, bool decimalComma, ColumnOptions columns)
        {
            List<string> header = HeaderOf(first);
            var lengths = new int[header.Count];
            if (first.BaseObject is IDictionary firstDict)
            {
                foreach (DictionaryEntry e in firstDict)
                {
                    int k = header.IndexOf(Convert.ToString(e.Key, System.Globalization.CultureInfo.InvariantCulture) ?? "");
                    if (k >= 0) lengths[k] = ListLength(Unwrap(e.Value));
                }
            }
            else
            {
                int k = 0;
                foreach (PSPropertyInfo p in first.Properties) lengths[k++] = ListLength(SafeValue(p));
            }
            _lists = ListColumns.Plan(header, c => lengths[c], columns);
            _spreads = _lists.Spreads;
            _record = new ObjectRecord(sourceName, _lists.Header, decimalComma);
            _ordinals = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            _names = new string[header.Count];
            for (int c = 0; c < header.Count; c++)
            {
                _names[c] = header[c];
                if (!_ordinals.ContainsKey(header[c])) _ordinals.Add(header[c], c);
            }
            _used = new int[header.Count];
            for (int c = 0; c < _used.Length; c++) _used[c] = c;
            _positions = new int[header.Count];
        }

        /// <summary>The column options with list columns spread (give these to the schema resolver).</summary>
        public ColumnOptions Columns => _lists.Options;

        /// <summary>From now on read only these columns (the schema's <see cref="Data.Schemas.Schema.UsedColumns"/>).</summary>
        public void ReadOnly(int[] columns)
        {
            var used = new HashSet<int>(columns);
            _used = Enumerable.Range(0, _names.Length)
                .Where(c => Enumerable.Range(_lists.Ordinal(c), Math.Max(1, _lists.Width(c))).Any(used.Contains)).ToArray();
        }

        /// <summary>The header, as a source for schema resolution.</summary>
        public ISourceHeader Source => _record;

        /// <summary>Property names of an object, in order (dictionary keys for hashtables).</summary>
        public static List<string> HeaderOf(PSObject obj)
        {
            var names = new List<string>();
            if (obj.BaseObject is IDictionary dict)
            {
                foreach (object key in dict.Keys) names.Add(Convert.ToString(key, System.Globalization.CultureInfo.InvariantCulture) ?? "");
                return names;
            }
            foreach (PSPropertyInfo p in obj.Properties) names.Add(p.Name);
            return names;
        }

        /// <summary>Fills the shared record from <paramref name="obj"/> and returns it.</summary>
        public IRecord Read(PSObject obj)
        {
            _record.Clear();
            if (InstanceProperties.TryGet(obj, out OrderedDictionary? members)) // Import-Csv's rows: asked first
            {
                ReadByPosition(members!);
                return _record;
            }
            if (obj.BaseObject is IDictionary dict)
            {
                foreach (DictionaryEntry e in dict)
                    if (_ordinals.TryGetValue(Convert.ToString(e.Key, System.Globalization.CultureInfo.InvariantCulture) ?? "", out int k))
                        _lists.Set(_record, k, Unwrap(e.Value));
                return _record;
            }
            PSMemberInfoCollection<PSPropertyInfo> properties = obj.Properties;
            foreach (int k in _used)
            {
                PSPropertyInfo? p = properties[_names[k]];
                if (p != null) Set(k, p);
            }
            return _record;
        }

        private void Set(int k, PSPropertyInfo p)
        {
            // A note property (every Import-Csv cell) only holds its value, so reading it cannot throw: the common case
            // goes without an exception handler, which would keep this from being inlined into the per-cell loop.
            if (!(p is PSNoteProperty note)) SetGuarded(k, p);
            else if (_spreads) _lists.Set(_record, k, Unwrap(note.Value));
            else _record.Set(k, Unwrap(note.Value));
        }

        private void SetGuarded(int k, PSPropertyInfo p)
        {
            try
            {
                _lists.Set(_record, k, Unwrap(p.Value));
            }
            catch (GetValueException e)
            {
                _record.ShapeProblem = $"property '{p.Name}' cannot be read: {e.Message}";
            }
        }

        // Reads the used columns where the shape last seen had them, checking each name as it is read: a row of that
        // shape (as many properties, each used column by its name where it was) costs one look per cell. From the first
        // column that is not where it was (or missing: the row may hold it elsewhere), the positions are found again;
        // names are unique in a [pscustomobject], so the cells read before stay right and none is read twice.
        private void ReadByPosition(OrderedDictionary members)
        {
            bool checking = members.Count == _shapeCount;
            if (!checking) FindPositions(members);
            int[] used = _used;
            for (int j = 0; j < used.Length; j++)
            {
                int k = used[j];
                int at = _positions[k];
                if (checking)
                {
                    if (at >= 0 && members[at] is PSPropertyInfo p && SameName(p.Name, _names[k]))
                    {
                        Set(k, p);
                        continue;
                    }
                    FindPositions(members);
                    checking = false;
                    at = _positions[k];
                }
                if (at >= 0) Set(k, (PSPropertyInfo)members[at]!);
            }
        }

        private static bool SameName(string name, string column) =>
            ReferenceEquals(name, column) || string.Equals(name, column, StringComparison.OrdinalIgnoreCase);

        private void FindPositions(OrderedDictionary members)
        {
            for (int k = 0; k < _positions.Length; k++) _positions[k] = -1;
            for (int i = 0; i < members.Count; i++)
                if (members[i] is PSPropertyInfo p && _ordinals.TryGetValue(p.Name, out int k) && _positions[k] < 0) _positions[k] = i;
            _shapeCount = members.Count;
        }

        // Arrays have their elements unwrapped too (PowerShell wraps numbers it built itself).
        private static object? Unwrap(object? value)
        {
            if (value is string) return value; // Import-Csv's cells: the common case first
            if (value is PSObject ps && !(ps.BaseObject is PSCustomObject)) value = ps.BaseObject;
            if (value is IList list && !(value is string) && !(value is Array a && a.GetType().GetElementType() != typeof(object)))
            {
                var items = new object?[list.Count];
                for (int i = 0; i < items.Length; i++) items[i] = list[i] is PSObject e ? e.BaseObject : list[i];
                return items;
            }
            return value;
        }

        private static int ListLength(object? value) => value is IList list && !(value is string) ? list.Count : -1;

        private static object? SafeValue(PSPropertyInfo p)
        {
            try
            {
                return Unwrap(p.Value);
            }
            catch (GetValueException)
            {
                return null;
            }
        }
    }
}
