using System;
using System.Collections.Generic;
using System.Linq;

namespace CrossEntropy.HelpGen
{
    /// <summary>One parameter as a syntax line shows it.</summary>
    public sealed record SyntaxParameter(string Name, bool Required, bool Positional);

    /// <summary>One parameter set's syntax line.</summary>
    public sealed record SyntaxSet(string Name, bool IsDefault, string Text, IReadOnlyList<SyntaxParameter> Parameters, int Line);

    /// <summary>One ```yaml block of a parameter: its attributes in the sets it names (none named means all sets).</summary>
    public sealed record ParameterAttributes(
        string Type, IReadOnlyList<string> Sets, IReadOnlyList<string> Aliases, IReadOnlyList<string> AcceptedValues,
        bool Required, string Position, string DefaultValue, string PipelineInput, bool Globbing, int Line)
    {
        /// <summary>Whether these attributes apply in <paramref name="set"/>.</summary>
        public bool AppliesTo(string set) => Sets.Count == 0 || Sets.Contains(set, StringComparer.OrdinalIgnoreCase);

        /// <summary>Whether the parameter is a switch (takes no value).</summary>
        public bool IsSwitch => Type.Equals("SwitchParameter", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A ### -Name section under PARAMETERS.</summary>
    public sealed record ParameterDoc(string Name, IReadOnlyList<string> Description, IReadOnlyList<ParameterAttributes> Attributes, int Line);

    /// <summary>A ### Example section: the code, the output it shows (if any) and the text that explains it.</summary>
    public sealed record ExampleDoc(string Title, string Code, string? Output, IReadOnlyList<string> Remarks, int Line);

    /// <summary>An INPUTS or OUTPUTS entry.</summary>
    public sealed record TypeDoc(string Name, IReadOnlyList<string> Description);

    /// <summary>A RELATED LINKS entry.</summary>
    public sealed record LinkDoc(string Text, string Uri);
}
