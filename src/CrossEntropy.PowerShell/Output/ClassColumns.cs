using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
#if NET8_0_OR_GREATER
using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using System.Reflection.Emit;
#endif

namespace CrossEntropy.Output
{
    /// <summary>
    /// One property per class on per-row output (so Export-Csv writes a column per class), named after the class —
    /// prefixed where a class name would shadow one of the row's own properties (a class called "Row" becomes p_Row).
    /// On pwsh the row is an instance of a type emitted once per set of class names, deriving from the row type (through
    /// a chain of such types past <see cref="MaxGettersPerType"/> classes), whose class properties read the row's
    /// array: one object per row plus its array, nothing more. Emitted types are never unloaded (PowerShell's own
    /// adapter caches hold every type it has seen), so at most <see cref="MaxEmittedTypes"/> class sets get one: a
    /// session that sees more (1,000 distinct class sets) gets note properties for the rest, and its heap stays bounded.
    /// Windows PowerShell (netstandard2.0, no Reflection.Emit there) always gets note properties.
    /// </summary>
    internal sealed class ClassColumns<TRow> where TRow : class, new()
    {
        /// <summary>Class sets per row type that get a type of their own.</summary>
        internal const int MaxEmittedTypes = 64;

        /// <summary>
        /// Getters one emitted type declares: the runtime refuses a type with more than 65,535 methods, so a wider class
        /// set (a 128,256-token vocabulary) gets a chain of types, each deriving from the one before.
        /// </summary>
        internal const int MaxGettersPerType = 60_000;

        private readonly string[] _names;
#if NET8_0_OR_GREATER
        private static readonly ConcurrentDictionary<string, Func<TRow>> Factories = new ConcurrentDictionary<string, Func<TRow>>(StringComparer.Ordinal);
        private static readonly ModuleBuilder Module = AssemblyBuilder
            .DefineDynamicAssembly(new AssemblyName("CrossEntropy.ClassRows." + typeof(TRow).Name), AssemblyBuilderAccess.Run)
            .DefineDynamicModule("ClassRows");
        private readonly Func<TRow>? _create;
        private static int _emitted;

        /// <summary>Class sets that have an emitted type (at most <see cref="MaxEmittedTypes"/>).</summary>
        internal static int EmittedTypes => Factories.Count;
#endif

        /// <param name="classes">Class names in order.</param>
        /// <param name="arrayProperty">The row's double[] property the class properties read, element c for class c.</param>
        /// <param name="prefix">Prefix for names that would clash.</param>
        public ClassColumns(IReadOnlyList<string> classes, string arrayProperty, string prefix)
        {
            var taken = new HashSet<string>(typeof(TRow).GetProperties().Select(p => p.Name), StringComparer.OrdinalIgnoreCase);
            _names = new string[classes.Count];
            for (int c = 0; c < classes.Count; c++)
            {
                string name = classes[c].Length == 0 ? prefix + c : classes[c];
                while (!taken.Add(name)) name = prefix + name;
                _names[c] = name;
            }
#if NET8_0_OR_GREATER
            string key = arrayProperty + "\u0001" + string.Join("\u0001", _names);
            if (Factories.TryGetValue(key, out Func<TRow>? known)) _create = known;
            else if (Factories.Count < MaxEmittedTypes) _create = Factories.GetOrAdd(key, _ => Emit(arrayProperty, _names));
#endif
        }

        /// <summary>A new row object with the class properties.</summary>
        public TRow Create()
        {
#if NET8_0_OR_GREATER
            if (_create != null) return _create();
#endif
            return new TRow();
        }

        /// <summary>The object to write: the row itself where its type carries the class properties, else a wrapper with note properties.</summary>
        public object Output(TRow row, double[] values)
        {
#if NET8_0_OR_GREATER
            System.Diagnostics.Debug.Assert(values.Length == _names.Length, "one value per class property");
            if (_create != null) return row;
#endif
            var obj = PSObject.AsPSObject(row);
            for (int c = 0; c < _names.Length; c++) obj.Properties.Add(new PSNoteProperty(_names[c], values[c]));
            return obj;
        }

#if NET8_0_OR_GREATER
        // public sealed class <TRow>_<n> : TRow { public double <name_c> => this.<array>[c]; }, the getters split over a
        // chain <TRow>_<n>_0 : TRow, <TRow>_<n>_1 : <TRow>_<n>_0, ... when there are more than MaxGettersPerType.
        private static Func<TRow> Emit(string arrayProperty, string[] names)
        {
            MethodInfo getArray = typeof(TRow).GetProperty(arrayProperty)!.GetGetMethod()!;
            string name = $"{typeof(TRow).FullName}_{System.Threading.Interlocked.Increment(ref _emitted)}";
            Type parent = typeof(TRow);
            int part = 0;
            for (int start = 0; ; start += MaxGettersPerType, part++)
            {
                int end = Math.Min(names.Length, start + MaxGettersPerType);
                bool last = end == names.Length;
                TypeBuilder type = Module.DefineType(last && part == 0 ? name : name + "_" + part,
                    TypeAttributes.Public | TypeAttributes.Class | (last ? TypeAttributes.Sealed : 0), parent);
                type.DefineDefaultConstructor(MethodAttributes.Public);
                for (int c = start; c < end; c++)
                {
                    MethodBuilder getter = type.DefineMethod("get_" + names[c],
                        MethodAttributes.Public | MethodAttributes.SpecialName | MethodAttributes.HideBySig, typeof(double), Type.EmptyTypes);
                    ILGenerator il = getter.GetILGenerator();
                    il.Emit(OpCodes.Ldarg_0);
                    il.Emit(OpCodes.Call, getArray);
                    il.Emit(OpCodes.Ldc_I4, c);
                    il.Emit(OpCodes.Ldelem_R8);
                    il.Emit(OpCodes.Ret);
                    type.DefineProperty(names[c], PropertyAttributes.None, typeof(double), Type.EmptyTypes).SetGetMethod(getter);
                }
                parent = type.CreateType()!;
                if (last) break;
            }
            return Expression.Lambda<Func<TRow>>(Expression.New(parent)).Compile();
        }
#endif
    }
}
