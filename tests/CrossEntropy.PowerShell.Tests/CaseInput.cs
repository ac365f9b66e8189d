using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using CrossEntropy.Engine.Tests;

namespace CrossEntropy.PowerShell.Tests
{
    /// <summary>
    /// A PyTorch case (tests/data/expected.json) as the three input routes see it: rows of strings (Import-Csv), a
    /// CSV file (-Path) and explicit arrays; plus the cmdlet options that ask for the case's PyTorch options.
    /// </summary>
    public sealed class CaseInput
    {
        private CaseInput(ExpectedCase c, List<string> header, List<string[]> rows, string options)
        {
            Case = c;
            Header = header;
            Cells = rows;
            Options = options;
        }

        public ExpectedCase Case { get; }
        public List<string> Header { get; }
        public List<string[]> Cells { get; }
        /// <summary>Cmdlet parameters for the case's options (PowerShell syntax).</summary>
        public string Options { get; }

        private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);

        private static string Array_(IEnumerable<double> v) => "@(" + string.Join(",", v.Select(F)) + ")";

        public static CaseInput For(ExpectedCase c, bool sampleWeights = false)
        {
            double[][] scores = c.ScoreRows();
            int k = scores[0].Length;
            var header = new List<string>();
            var opts = new StringBuilder();
            string prefix = c.Kind == "probabilities" ? "p_" : "logit_";
            if (c.Kind == "binary") header.Add("logit_pos");
            else header.AddRange(Enumerable.Range(0, k).Select(i => prefix + i));
            bool targetColumns = c.Kind is "soft" or "multilabel";
            if (targetColumns) header.AddRange(Enumerable.Range(0, k).Select(i => "y_" + i));
            else header.Add("label");
            if (sampleWeights) header.Add("sw");

            var rows = new List<string[]>();
            for (int r = 0; r < scores.Length; r++)
            {
                var cells = scores[r].Select(F).ToList();
                if (targetColumns) cells.AddRange(c.TargetRows()[r].Select(F));
                else cells.Add(c.Kind == "binary" ? ((int)c.TargetRows()[r][0]).ToString(CultureInfo.InvariantCulture) : c.Labels()[r].ToString(CultureInfo.InvariantCulture));
                if (sampleWeights) cells.Add(F(c.SampleWeight![r]));
                rows.Add(cells.ToArray());
            }

            if (c.Weight != null) opts.Append(" -Weight ").Append(Array_(c.Weight));
            if (c.Kind == "index" && c.IgnoreIndex != -100) opts.Append(" -IgnoreIndex ").Append(c.IgnoreIndex);
            if (c.LabelSmoothing != 0) opts.Append(" -LabelSmoothing ").Append(F(c.LabelSmoothing));
            if (c.Temperature != 1 && c.Kind != "probabilities") opts.Append(" -Temperature ").Append(F(c.Temperature));
            if (c.PosWeight != null) opts.Append(" -PosWeight ").Append(Array_(c.PosWeight));
            if (c.Kind == "probabilities") opts.Append(" -Epsilon ").Append(F(c.Epsilon));
            if (c.Kind == "multilabel") opts.Append(" -MultiLabel");
            if (sampleWeights) opts.Append(" -SampleWeightColumn sw");
            return new CaseInput(c, header, rows, opts.ToString());
        }

        // @(@(1,2),@(3,4)) is two rows; a single row needs the unary comma: @(,@(1,2)).
        private static string Matrix(double[][] rows) =>
            rows.Length == 1 ? "@(," + Array_(rows[0]) + ")" : "@(" + string.Join(",", rows.Select(Array_)) + ")";

        /// <summary>[pscustomobject] rows with string values, exactly what Import-Csv emits.</summary>
        public List<PSObject> Objects()
        {
            var list = new List<PSObject>();
            foreach (string[] cells in Cells)
            {
                var o = new PSObject();
                for (int i = 0; i < Header.Count; i++) o.Properties.Add(new PSNoteProperty(Header[i], cells[i]));
                list.Add(o);
            }
            return list;
        }

        /// <summary>Writes the rows as a CSV file and returns its path.</summary>
        public string WriteCsv(string dir)
        {
            string path = Path.Combine(dir, Case.Name + ".csv");
            File.WriteAllLines(path, new[] { string.Join(",", Header) }.Concat(Cells.Select(r => string.Join(",", r))));
            return path;
        }

        /// <summary>-Logit/-Probability and -Target as PowerShell array literals (index and soft cases).</summary>
        public string ExplicitArrays()
        {
            string scores = Matrix(Case.ScoreRows());
            string param = Case.Kind == "probabilities" ? "-Probability" : "-Logit";
            string target = Case.Kind == "soft" ? Matrix(Case.TargetRows()) : "@(" + string.Join(",", Case.Labels()) + ")";
            return $"{param} {scores} -Target {target}";
        }
    }
}
