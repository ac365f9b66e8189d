using System;
using System.Collections.Generic;
#if NET8_0_OR_GREATER
using System.Collections.Concurrent;
using System.Reflection;
using System.Reflection.Emit;
#endif

namespace CrossEntropy.Output
{
    /// <summary>The base of the row types <see cref="ValueRowType"/> emits: public fields named at run time.</summary>
    public abstract class ValueRow
    {
    }

    /// <summary>
    /// Row objects with many properties (a ranked row of a 50,000-column file) as instances of a type emitted once per
    /// set of names and types: PowerShell adds note properties one by one at ~1-2 µs and ~250 bytes each, while a type's
    /// members it adapts once per type. The members are public fields, which PowerShell shows as settable properties, as
    /// note properties are (a type may have at most 65,535 methods, too few for a getter and a setter per column).
    /// Emitted types are never unloaded, so at most <see cref="MaxEmittedTypes"/> are made; past that, for more fields
    /// than the runtime takes in one type (~65,000), and on Windows PowerShell (netstandard2.0, no Reflection.Emit),
    /// <see cref="TryCreate"/> declines and the caller builds note properties.
    /// </summary>
    internal static class ValueRowType
    {
        /// <summary>Name sets that get a type of their own.</summary>
        internal const int MaxEmittedTypes = 64;

        /// <summary>Makes a row whose fields hold the values given, in field order.</summary>
        public delegate ValueRow Maker(object?[] values);

#if NET8_0_OR_GREATER
        private static readonly ConcurrentDictionary<string, Maker?> Makers = new ConcurrentDictionary<string, Maker?>(StringComparer.Ordinal);
        private static readonly ModuleBuilder Module = AssemblyBuilder
            .DefineDynamicAssembly(new AssemblyName("CrossEntropy.ValueRows"), AssemblyBuilderAccess.Run)
            .DefineDynamicModule("ValueRows");
        private static int _emitted;
#endif

        /// <summary>
        /// A maker of rows with these fields (names distinct, ignoring case; types string, int, long or double), or null
        /// where none can be emitted.
        /// </summary>
        public static Maker? TryCreate(IReadOnlyList<string> names, IReadOnlyList<Type> types)
        {
#if NET8_0_OR_GREATER
            var key = new System.Text.StringBuilder();
            for (int k = 0; k < names.Count; k++) key.Append(types[k].Name).Append('\u0001').Append(names[k]).Append('\u0002');
            string text = key.ToString();
            if (Makers.TryGetValue(text, out Maker? known)) return known;
            if (Makers.Count >= MaxEmittedTypes) return null;
            return Makers.GetOrAdd(text, _ => Emit(names, types));
#else
            return null;
#endif
        }

#if NET8_0_OR_GREATER
        // public sealed class ValueRow_<n> : ValueRow
        // {
        //     public T <name_k>; ...
        //     private static ValueRow Make(object[] v) => new ValueRow_<n> { <name_k> = (T)v[k], ... };
        // }
        private static Maker? Emit(IReadOnlyList<string> names, IReadOnlyList<Type> types)
        {
            try
            {
                TypeBuilder type = Module.DefineType("CrossEntropy.ValueRow_" + System.Threading.Interlocked.Increment(ref _emitted),
                    TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Class, typeof(ValueRow));
                ConstructorBuilder constructor = type.DefineDefaultConstructor(MethodAttributes.Public);
                MethodBuilder make = type.DefineMethod("Make", MethodAttributes.Private | MethodAttributes.Static, typeof(ValueRow), new[] { typeof(object[]) });
                ILGenerator il = make.GetILGenerator();
                il.Emit(OpCodes.Newobj, constructor);
                for (int k = 0; k < names.Count; k++)
                {
                    FieldBuilder field = type.DefineField(names[k], types[k], FieldAttributes.Public);
                    il.Emit(OpCodes.Dup);
                    il.Emit(OpCodes.Ldarg_0);
                    il.Emit(OpCodes.Ldc_I4, k);
                    il.Emit(OpCodes.Ldelem_Ref);
                    il.Emit(types[k].IsValueType ? OpCodes.Unbox_Any : OpCodes.Castclass, types[k]);
                    il.Emit(OpCodes.Stfld, field);
                }
                il.Emit(OpCodes.Ret);
                Type built = type.CreateType()!;
                return built.GetMethod("Make", BindingFlags.NonPublic | BindingFlags.Static)!.CreateDelegate<Maker>();
            }
            catch (Exception e) when (e is ArgumentException || e is TypeLoadException)
            {
                return null; // a name metadata cannot hold (e.g. empty), or a type the runtime refuses: note properties then
            }
        }
#endif
    }
}
