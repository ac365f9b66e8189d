using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using CrossEntropy.Data.Records;

namespace CrossEntropy.Input
{
    /// <summary>
    /// Reads pipeline objects (Import-Csv rows, [pscustomobject], hashtables, .NET objects) as records. The header
    /// is the first object's property names; later objects are matched by name, so a row missing a property is
    /// rejected for that cell rather than crashing, and extra properties are ignored. Once the schema is known only
    /// the columns it uses are looked up, each by name (PowerShell's property indexer is several times cheaper than
    /// enumerating an object's properties).
    /// </summary>
    internal sealed class PipelineRecords
    {
        private readonly ObjectRecord _record;
        private readonly Dictionary<string, int> _ordinals;
        private readonly string[] _names;
        private int[] _used;

        public PipelineRecords(string sourceName, IReadOnlyList<string> header, bool decimalComma)
        {
            _record = new ObjectRecord(sourceName, header, decimalComma);
            _ordinals = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            _names = new string[header.Count];
            for (int c = 0; c < header.Count; c++)
            {
                _names[c] = header[c];
                if (!_ordinals.ContainsKey(header[c])) _ordinals.Add(header[c], c);
            }
            _used = new int[header.Count];
            for (int c = 0; c < _used.Length; c++) _used[c] = c;
        }

        /// <summary>From now on read only these columns (the schema's <see cref="Data.Schemas.Schema.UsedColumns"/>).</summary>
        public void ReadOnly(int[] columns) => _used = columns;

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
            if (obj.BaseObject is IDictionary dict)
            {
                foreach (DictionaryEntry e in dict)
                    if (_ordinals.TryGetValue(Convert.ToString(e.Key, System.Globalization.CultureInfo.InvariantCulture) ?? "", out int k))
                        _record.Set(k, Unwrap(e.Value));
                return _record;
            }
            PSMemberInfoCollection<PSPropertyInfo> properties = obj.Properties;
            foreach (int k in _used)
            {
                PSPropertyInfo? p = properties[_names[k]];
                if (p == null) continue;
                try
                {
                    _record.Set(k, Unwrap(p.Value));
                }
                catch (GetValueException e)
                {
                    _record.ShapeProblem = $"property '{p.Name}' cannot be read: {e.Message}";
                }
            }
            return _record;
        }

        private static object? Unwrap(object? value) =>
            value is PSObject ps && !(ps.BaseObject is PSCustomObject) ? ps.BaseObject : value;
    }
}
