using System;
using System.Collections.Generic;
using System.Management.Automation;

namespace CrossEntropy
{
    /// <summary>
    /// Adds one property per class to per-row output (so Export-Csv writes a clean file with a column per class).
    /// Property names are the class names, prefixed where a class name would shadow one of the object's own
    /// properties (a class called "Row" becomes "p_Row").
    /// </summary>
    internal sealed class ClassColumns
    {
        private readonly string[] _names;

        public ClassColumns(IReadOnlyList<string> classes, Type outputType, string prefix)
        {
            var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var p in outputType.GetProperties()) taken.Add(p.Name);
            _names = new string[classes.Count];
            for (int c = 0; c < classes.Count; c++)
            {
                string name = classes[c].Length == 0 ? prefix + c : classes[c];
                while (!taken.Add(name)) name = prefix + name;
                _names[c] = name;
            }
        }

        /// <summary>Wraps <paramref name="row"/> and adds values[offset + c] under each class's name.</summary>
        public PSObject Attach(object row, double[] values, int offset)
        {
            var obj = PSObject.AsPSObject(row);
            for (int c = 0; c < _names.Length; c++) obj.Properties.Add(new PSNoteProperty(_names[c], values[offset + c]));
            return obj;
        }
    }
}
