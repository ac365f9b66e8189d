using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using CrossEntropy.Data.Csv;
using CrossEntropy.Data.Problems;
using CrossEntropy.Data.Schemas;

namespace CrossEntropy.Input
{
    /// <summary>
    /// Tab completion from the file named by -Path/-LiteralPath: column names for the column parameters, class names
    /// for -Class, -IgnoreIndex and -Weight (a hashtable with every class). Only the header and first row are read.
    /// </summary>
    public sealed class ColumnCompleter : IArgumentCompleter
    {
        /// <inheritdoc/>
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                CsvFile? file = OpenFile(fakeBoundParameters);
                if (file == null) return Array.Empty<CompletionResult>();
                string prefix = wordToComplete.Trim('\'', '"');
                if (parameterName is "Class" or "IgnoreIndex" or "Weight")
                {
                    string[] classes = SchemaResolver.Resolve(file, file.ReadFirstRecord(), Options(fakeBoundParameters)).Classes;
                    if (parameterName == "Weight")
                    {
                        string all = "@{ " + string.Join("; ", classes.Select(c => Quote(c) + " = 1")) + " }";
                        return new[] { new CompletionResult(all, all, CompletionResultType.ParameterValue, "one weight per class") };
                    }
                    return Results(classes, prefix, "class");
                }
                return Results(file.Columns, prefix, "column of " + System.IO.Path.GetFileName(file.Path));
            }
            catch (Exception e) when (e is InputException || e is System.IO.IOException || e is UnauthorizedAccessException
                || e is ItemNotFoundException || e is NotSupportedException || e is ArgumentException)
            {
                return Array.Empty<CompletionResult>(); // no file yet, or not one we can read: nothing to offer
            }
        }

        private static IEnumerable<CompletionResult> Results(IEnumerable<string> names, string prefix, string tooltip) =>
            names.Where(n => n.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Select(n => new CompletionResult(Quote(n), n, CompletionResultType.ParameterValue, tooltip));

        // Bare words complete as they are; anything PowerShell would split or interpret is single-quoted.
        private static string Quote(string name) =>
            name.Length > 0 && name.All(ch => char.IsLetterOrDigit(ch) || ch is '_' or '-' or '.') && !char.IsDigit(name[0]) && name[0] != '-'
                ? name
                : "'" + name.Replace("'", "''") + "'";

        private static CsvFile? OpenFile(IDictionary bound)
        {
            string? path = First(bound["LiteralPath"]) ?? First(bound["Path"]);
            if (path == null) return null;
            using var ps = System.Management.Automation.PowerShell.Create(RunspaceMode.CurrentRunspace);
            // Resolve against the session's current location; wildcards pick the first match.
            ps.AddScript("param($p, $literal) if ($literal) { $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($p) } " +
                         "else { @($ExecutionContext.SessionState.Path.GetResolvedProviderPathFromPSPath($p, [ref]$null))[0] }")
                .AddArgument(path).AddArgument(bound.Contains("LiteralPath"));
            string? resolved = ps.Invoke().FirstOrDefault()?.BaseObject as string;
            return resolved != null && System.IO.File.Exists(resolved) ? CsvFile.Open(resolved) : null;
        }

        private static ColumnOptions Options(IDictionary bound) => new ColumnOptions
        {
            LogitColumn = Strings(bound["LogitColumn"]),
            ProbabilityColumn = Strings(bound["ProbabilityColumn"]),
            LabelColumn = First(bound["LabelColumn"]),
            TargetColumn = Strings(bound["TargetColumn"]),
            SampleWeightColumn = First(bound["SampleWeightColumn"]),
            GroupBy = First(bound["GroupBy"]),
            LabelOptional = true,
        };

        private static string? First(object? value) => Strings(value)?.FirstOrDefault();

        private static string[]? Strings(object? value)
        {
            value = value is PSObject ps ? ps.BaseObject : value;
            return value switch
            {
                null => null,
                string s => new[] { s },
                IEnumerable e => e.Cast<object>().Select(o => o?.ToString() ?? "").ToArray(),
                _ => new[] { value.ToString() ?? "" },
            };
        }
    }
}
