using System;
using System.Collections.Specialized;
using System.Linq.Expressions;
using System.Management.Automation;
using System.Reflection;

namespace CrossEntropy.Input
{
    /// <summary>
    /// The note properties of a [pscustomobject] (what Import-Csv and ConvertFrom-Json make) in their order, read by
    /// position. PowerShell's public property indexer walks every member source for each name: on a 1,000-column row it
    /// cost more than Import-Csv itself. Pipeline rows of one shape keep their properties at the same positions, so the
    /// columns are found once per shape (PipelineRecords) and each row is read by index. Reaches
    /// PowerShell's internal instance-member table through a compiled accessor; where that table is not there (another
    /// PowerShell version), <see cref="TryGet"/> says false and callers use the public indexer.
    /// </summary>
    internal static class InstanceProperties
    {
        private static readonly Func<PSObject, OrderedDictionary?>? Accessor = Build();

        /// <summary>The object's own properties in order, when it is a [pscustomobject] and the table can be read.</summary>
        public static bool TryGet(PSObject obj, out OrderedDictionary? members)
        {
            members = null;
            if (Accessor == null || !(obj.BaseObject is PSCustomObject)) return false;
            try
            {
                members = Accessor(obj);
            }
            catch (Exception e) when (e is InvalidCastException || e is NullReferenceException)
            {
                return false;
            }
            return members != null;
        }

        // obj => (OrderedDictionary)obj.InstanceMembers.Members, both internal; null when either is missing.
        private static Func<PSObject, OrderedDictionary?>? Build()
        {
            try
            {
                const BindingFlags flags = BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public;
                PropertyInfo? instance = typeof(PSObject).GetProperty("InstanceMembers", flags);
                PropertyInfo? table = instance?.PropertyType.GetProperty("Members", flags);
                if (instance == null || table == null || !typeof(OrderedDictionary).IsAssignableFrom(table.PropertyType)) return null;
                ParameterExpression obj = Expression.Parameter(typeof(PSObject), "obj");
                Expression members = Expression.Property(Expression.Property(obj, instance), table);
                return Expression.Lambda<Func<PSObject, OrderedDictionary?>>(Expression.Convert(members, typeof(OrderedDictionary)), obj).Compile();
            }
            catch (Exception e) when (e is ArgumentException || e is InvalidOperationException || e is MemberAccessException || e is NotSupportedException)
            {
                return null;
            }
        }
    }
}
