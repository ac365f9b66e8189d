using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;

namespace CrossEntropy.HelpGen
{
    /// <summary>
    /// Writes command help in the MAML schema Get-Help reads (the shape platyPS emits): helpItems with one
    /// command:command per cmdlet.
    /// </summary>
    public static class MamlWriter
    {
        private static readonly XNamespace Msh = "http://msh";
        private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
        private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

        /// <summary>The MAML document for <paramref name="commands"/>.</summary>
        public static XDocument Write(IEnumerable<CommandDoc> commands) => new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XElement(Msh + "helpItems",
                new XAttribute("schema", "maml"),
                new XAttribute(XNamespace.Xmlns + "maml", Maml),
                new XAttribute(XNamespace.Xmlns + "command", Command),
                new XAttribute(XNamespace.Xmlns + "dev", Dev),
                commands.Select(CommandElement)));

        private static XElement CommandElement(CommandDoc c)
        {
            string[] verbNoun = c.Name.Split('-');
            return new XElement(Command + "command",
                new XElement(Command + "details",
                    new XElement(Command + "name", c.Name),
                    new XElement(Command + "verb", verbNoun[0]),
                    new XElement(Command + "noun", verbNoun[1]),
                    Description(new[] { c.Synopsis })),
                Description(c.Description),
                new XElement(Command + "syntax", c.Syntax.Select(s => SyntaxItem(c, s))),
                new XElement(Command + "parameters", c.Parameters.Select(p => Parameter(p, p.Attributes[0], inSyntax: false))),
                new XElement(Command + "inputTypes", c.Inputs.Select(t => TypeEntry("inputType", t))),
                new XElement(Command + "returnValues", c.Outputs.Select(t => TypeEntry("returnValue", t))),
                new XElement(Maml + "alertSet", new XElement(Maml + "alert", Paras(c.Notes))),
                new XElement(Command + "examples", c.Examples.Select(Example)),
                new XElement(Command + "relatedLinks", RelatedLinks(c)));
        }

        private static XElement SyntaxItem(CommandDoc c, SyntaxSet set) => new XElement(Command + "syntaxItem",
            new XElement(Maml + "name", c.Name),
            set.Parameters.Select(sp =>
            {
                ParameterDoc p = c.Parameters.First(x => x.Name.Equals(sp.Name, StringComparison.OrdinalIgnoreCase));
                return Parameter(p, p.Attributes.First(a => a.AppliesTo(set.Name)), inSyntax: true);
            }));

        private static XElement Parameter(ParameterDoc p, ParameterAttributes a, bool inSyntax)
        {
            var e = new XElement(Command + "parameter",
                new XAttribute("required", a.Required ? "true" : "false"),
                new XAttribute("variableLength", "true"),
                new XAttribute("globbing", a.Globbing ? "true" : "false"),
                new XAttribute("pipelineInput", a.PipelineInput),
                new XAttribute("position", a.Position),
                new XAttribute("aliases", a.Aliases.Count == 0 ? "none" : string.Join(", ", a.Aliases)),
                new XElement(Maml + "name", p.Name),
                Description(p.Description));
            if (inSyntax && a.AcceptedValues.Count > 0)
                e.Add(new XElement(Command + "parameterValueGroup", a.AcceptedValues.Select(v =>
                    new XElement(Command + "parameterValue", new XAttribute("required", "false"), new XAttribute(Command + "variableLength", "false"), v))));
            // A switch shows no value in a syntax line; the parameter list still names its type.
            if (!(inSyntax && a.IsSwitch))
                e.Add(new XElement(Command + "parameterValue",
                    new XAttribute("required", a.IsSwitch ? "false" : "true"), new XAttribute("variableLength", "false"), a.Type));
            e.Add(new XElement(Dev + "type", new XElement(Maml + "name", a.Type), new XElement(Maml + "uri")));
            e.Add(new XElement(Dev + "defaultValue", a.DefaultValue));
            return e;
        }

        private static XElement TypeEntry(string element, TypeDoc t) => new XElement(Command + element,
            new XElement(Dev + "type", new XElement(Maml + "name", t.Name)),
            Description(t.Description));

        // The shown output follows the code, as in platyPS help (Get-Help prints dev:code as one block); the empty
        // last paragraph puts a blank line before the next example's title.
        private static XElement Example(ExampleDoc e) => new XElement(Command + "example",
            new XElement(Maml + "title", $"--------- {e.Title} ---------"),
            new XElement(Dev + "code", e.Output == null ? e.Code : e.Code + "\n\n" + e.Output.TrimEnd()),
            new XElement(Dev + "remarks", Paras(e.Remarks.Append(""))));

        private static IEnumerable<XElement> RelatedLinks(CommandDoc c)
        {
            // platyPS puts the online version first: Get-Help -Online opens the first link's address.
            if (c.OnlineVersion != null) yield return Link("Online Version:", c.OnlineVersion);
            foreach (LinkDoc l in c.Links) yield return Link(l.Text, Inline.IsWebLink(l.Uri) ? l.Uri : "");
        }

        private static XElement Link(string text, string uri) =>
            new XElement(Maml + "navigationLink", new XElement(Maml + "linkText", text), new XElement(Maml + "uri", uri));

        private static XElement Description(IEnumerable<string> paragraphs) => new XElement(Maml + "description", Paras(paragraphs));

        private static IEnumerable<XElement> Paras(IEnumerable<string> paragraphs) => paragraphs.Select(p => new XElement(Maml + "para", p));
    }
}
