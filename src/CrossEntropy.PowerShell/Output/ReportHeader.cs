using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using CrossEntropy.Data.Report;

namespace CrossEntropy.Output
{
    /// <summary>
    /// What the report's header says made it: the module version, the options (bound parameters other than the input
    /// itself, and the report's own settings even when left at their defaults) and the command line as typed.
    /// </summary>
    internal sealed class ReportHeader
    {
        // The input is shown as the report's sources, not as options.
        private static readonly HashSet<string> Inputs = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "InputObject", "Path", "LiteralPath", "Logit", "Probability", "Target" };

        private static readonly char[] NeedQuotes = { ' ', ',', ';', '\'' };

        private readonly string? _version;
        private readonly string? _command;
        private readonly List<KeyValuePair<string, string>> _options = new List<KeyValuePair<string, string>>();
        private readonly List<KeyValuePair<string, string>> _settings = new List<KeyValuePair<string, string>>();

        /// <summary>Reads <paramref name="cmdlet"/>'s invocation; <paramref name="settings"/> are shown when not given.</summary>
        public ReportHeader(PSCmdlet cmdlet, params KeyValuePair<string, object>[] settings)
        {
            InvocationInfo call = cmdlet.MyInvocation;
            _version = call.MyCommand?.Module?.Version?.ToString() ?? typeof(ReportHeader).Assembly.GetName().Version?.ToString(3);
            string line = call.Line?.Trim() ?? "";
            _command = line.Length == 0 ? null : line;
            foreach (KeyValuePair<string, object> p in call.BoundParameters)
                if (!Inputs.Contains(p.Key)) _options.Add(new KeyValuePair<string, string>(p.Key, Text(p.Value)));
            foreach (KeyValuePair<string, object> s in settings)
                if (!call.BoundParameters.ContainsKey(s.Key)) _settings.Add(new KeyValuePair<string, string>(s.Key, Text(s.Value)));
        }

        /// <summary>Puts the header into <paramref name="model"/>; the settings left at their defaults only when <paramref name="withDefaults"/> (a report of rows uses them, one of summaries does not).</summary>
        public void Describe(ReportModel model, bool withDefaults = true)
        {
            model.Version = _version;
            model.Command = _command;
            model.Options.AddRange(_options);
            if (withDefaults) model.Options.AddRange(_settings);
        }

        // A switch shows as its name alone; arrays comma-separated; numbers invariant.
        private static string Text(object? value)
        {
            object? v = value is PSObject pso ? pso.BaseObject : value;
            switch (v)
            {
                case null: return "$null";
                case SwitchParameter sw: return sw.IsPresent ? "" : ":$false";
                case string s: return s.IndexOfAny(NeedQuotes) >= 0 ? "'" + s.Replace("'", "''") + "'" : s;
                case IFormattable f: return f.ToString(null, CultureInfo.InvariantCulture);
                case IDictionary d: return "@{ " + string.Join("; ", d.Keys.Cast<object>().Select(k => Text(k) + " = " + Text(d[k]))) + " }";
                case IEnumerable e: return string.Join(",", e.Cast<object>().Select(Text));
                default: return v.ToString() ?? "";
            }
        }
    }
}
