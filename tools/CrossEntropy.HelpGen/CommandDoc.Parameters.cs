using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace CrossEntropy.HelpGen
{
    /// <summary>The PARAMETERS section: each parameter's description and its ```yaml attribute blocks.</summary>
    public sealed partial class CommandDoc
    {
        private void ReadParameters(Section s)
        {
            if (s.Blocks.Count > 0) throw Error(s.Blocks[0].Line, "under ## PARAMETERS, each parameter is a '### -Name' heading");
            foreach (Section p in s.Children)
            {
                string title = p.Title.Trim();
                if (title == "CommonParameters")
                {
                    CommonParameters = true;
                    continue;
                }
                if (!Regex.IsMatch(title, @"^-\w+$")) throw Error(p.Line, $"a parameter heading is '### -Name' (or '### CommonParameters'); got '### {title}'");
                string name = title.Substring(1);
                if (Parameters.Any(x => x.Name.Equals(name, StringComparison.OrdinalIgnoreCase))) throw Error(p.Line, $"-{name} is described twice");
                if (p.Children.Count > 0) throw Error(p.Children[0].Line, $"-{name} takes no sub-headings");
                var description = new List<string>();
                var attributes = new List<ParameterAttributes>();
                foreach (Block b in p.Blocks)
                {
                    if (b.Kind == BlockKind.Fence && b.Info == "yaml") attributes.Add(ReadYaml(name, b));
                    else if (attributes.Count > 0) throw Error(b.Line, $"the description of -{name} goes before its ```yaml block");
                    else description.Add(b.Kind == BlockKind.Fence || b.Kind == BlockKind.Table ? b.Text : Inline.Plain(b.Text));
                }
                if (description.Count == 0) throw Error(p.Line, $"-{name} has no description");
                if (attributes.Count == 0) throw Error(p.Line, $"-{name} has no ```yaml block (Type, Parameter Sets, Aliases, Required, Position, Default value, Accept pipeline input, Accept wildcard characters)");
                Parameters.Add(new ParameterDoc(name, description, attributes, p.Line));
            }
        }

        private ParameterAttributes ReadYaml(string parameter, Block b)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            for (int i = 0; i < b.Lines.Count; i++)
            {
                string line = b.Lines[i];
                if (line.Trim().Length == 0) continue;
                int colon = line.IndexOf(':');
                string key = colon > 0 ? line.Substring(0, colon).Trim() : "";
                if (!YamlKeys.Contains(key))
                    throw Error(b.Line + 1 + i, $"unknown yaml key '{(colon > 0 ? key : line.Trim())}' for -{parameter}; the keys are: {string.Join(", ", YamlKeys)}");
                if (values.ContainsKey(key)) throw Error(b.Line + 1 + i, $"'{key}' appears twice in the yaml of -{parameter}");
                values[key] = line.Substring(colon + 1).Trim();
            }
            foreach (string key in RequiredYamlKeys)
                if (!values.ContainsKey(key)) throw Error(b.Line, $"the yaml of -{parameter} has no '{key}:'");
            if (values["Type"].Length == 0) throw Error(b.Line, $"the yaml of -{parameter} has an empty Type");
            string sets = values["Parameter Sets"];
            string position = values["Position"];
            if (!position.Equals("Named", StringComparison.OrdinalIgnoreCase) && !Regex.IsMatch(position, @"^\d+$"))
                throw Error(b.Line, $"Position of -{parameter} is Named or a number; got '{position}'");
            string pipeline = values["Accept pipeline input"];
            if (!Regex.IsMatch(pipeline, @"^(False|True \((ByValue|ByPropertyName|ByValue, ByPropertyName)\))$"))
                throw Error(b.Line, $"'Accept pipeline input' of -{parameter} is False, True (ByValue), True (ByPropertyName) or True (ByValue, ByPropertyName); got '{pipeline}'");
            return new ParameterAttributes(
                values["Type"],
                sets == "(All)" ? Array.Empty<string>() : List(sets),
                List(values["Aliases"]).Where(a => !a.Equals("None", StringComparison.OrdinalIgnoreCase)).ToArray(),
                values.TryGetValue("Accepted values", out string? accepted) ? List(accepted) : Array.Empty<string>(),
                Bool(values["Required"], "Required", parameter, b.Line),
                position.Equals("Named", StringComparison.OrdinalIgnoreCase) ? "named" : position,
                values["Default value"].Length == 0 ? "None" : values["Default value"],
                pipeline,
                Bool(values["Accept wildcard characters"], "Accept wildcard characters", parameter, b.Line),
                b.Line);
        }

        private ParameterDoc? Find(string name) => Parameters.FirstOrDefault(x => x.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

        private static string[] List(string text) => text.Split(',').Select(x => x.Trim()).Where(x => x.Length > 0).ToArray();
    }
}
