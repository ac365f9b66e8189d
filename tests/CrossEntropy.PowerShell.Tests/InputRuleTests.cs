using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using Xunit;

namespace CrossEntropy.PowerShell.Tests
{
    /// <summary>
    /// Issue 7's input rules, one test per case: every bad input gets a clear error naming where it is, and every row
    /// read is counted as used, ignored or rejected.
    /// </summary>
    public class InputRuleTests : IClassFixture<SessionFixture>
    {
        private readonly Hosting.ModuleSession _s;
        private readonly string _dir = Repo.TempDir();

        public InputRuleTests(SessionFixture f) => _s = f.Session;

        private string File_(string name, string text, Encoding? encoding = null)
        {
            string path = Path.Combine(_dir, name);
            File.WriteAllText(path, text, encoding ?? new UTF8Encoding(false));
            return path;
        }

        private PSObject? Measure(string path, string options = "") =>
            _s.Invoke("param($p) Measure-CrossEntropy -Path $p " + options, path).SingleOrDefault();

        private static void CountsAddUp(PSObject r) =>
            Assert.Equal(r.Prop<long>("Count"), r.Prop<long>("Used") + r.Prop<long>("Ignored") + r.Prop<long>("Rejected"));

        [Fact]
        public void EmptyFile()
        {
            string path = File_("empty.csv", "");
            Assert.Null(Measure(path));
            ErrorRecord e = Assert.Single(_s.Errors);
            Assert.Equal(ErrorCategory.InvalidData, e.CategoryInfo.Category);
            Assert.Contains("empty.csv: the file is empty", e.ToString());
        }

        [Fact]
        public void HeaderOnly()
        {
            PSObject r = Measure(File_("header.csv", "logit_a,logit_b,label\n"))!;
            Assert.Equal(0L, r.Prop<long>("Count"));
            Assert.True(double.IsNaN(r.D("Loss")));
            Assert.Contains(_s.Warnings, w => w.Message.Contains("no row was used (0 read"));
        }

        [Fact]
        public void MissingLabelColumn()
        {
            Assert.Null(Measure(File_("nolabel.csv", "logit_a,logit_b,truth\n1,2,a\n")));
            string message = Assert.Single(_s.Errors).ToString();
            Assert.Contains("there is no label column", message);
            Assert.Contains("'truth'", message); // the header is listed
            Assert.Null(Measure(File_("nolabel2.csv", "logit_a,logit_b,truth\n1,2,a\n"), "-LabelColumn label"));
            Assert.Contains("-LabelColumn names column 'label', which is not in the header", Assert.Single(_s.Errors).ToString());
        }

        [Fact]
        public void UnknownLabelAndLabelOutOfRange()
        {
            PSObject r = Measure(File_("labels.csv", "logit_a,logit_b,label\n1,2,c\n1,2,5\n1,2,-3\n1,2,a\n"))!;
            Assert.Equal(1L, r.Prop<long>("Used"));
            Assert.Equal(3L, r.Prop<long>("Rejected"));
            Assert.Contains("row 1, column 'label', value 'c': not a known class (classes: a, b", _s.Errors[0].ToString());
            Assert.Contains("row 2, column 'label', value '5': the label is outside the class range 0..1", _s.Errors[1].ToString());
            Assert.Contains("row 3, column 'label', value '-3'", _s.Errors[2].ToString());
        }

        [Fact]
        public void RaggedRows()
        {
            PSObject r = Measure(File_("ragged.csv", "logit_a,logit_b,label\n1,2\n1,2,a,extra\n1,2,b\n"))!;
            Assert.Equal(2L, r.Prop<long>("Rejected"));
            Assert.Contains("row 1: the row has 2 cells but the header has 3", _s.Errors[0].ToString());
            Assert.Contains("row 2: the row has 4 cells", _s.Errors[1].ToString());
            CountsAddUp(r);
        }

        [Fact]
        public void NonNumericCells()
        {
            PSObject r = Measure(File_("text.csv", "logit_a,logit_b,label\none,2,a\n,2,a\n1,2,a\n"))!;
            Assert.Equal(2L, r.Prop<long>("Rejected"));
            Assert.Contains("column 'logit_a', value 'one': not a number", _s.Errors[0].ToString());
            Assert.Contains("column 'logit_a', value '': the cell is empty", _s.Errors[1].ToString());
        }

        [Fact]
        public void CommaDecimalsAreNotNumbersInAnyCultureUnlessAsked()
        {
            string path = File_("decimal.csv", "logit_a;logit_b;label\n1,5;2,25;a\n");
            PSObject deDE = _s.Invoke("param($p) [cultureinfo]::CurrentCulture = 'de-DE'; Measure-CrossEntropy -Path $p", path).Single();
            Assert.Equal(1L, deDE.Prop<long>("Rejected"));
            Assert.Contains("value '1,5': not a number", _s.Errors[0].ToString());
            Assert.Contains("-DecimalComma", _s.Errors[0].ToString());
            PSObject ok = _s.Invoke("param($p) [cultureinfo]::CurrentCulture = 'de-DE'; Measure-CrossEntropy -Path $p -Delimiter ';' -DecimalComma", path).Single();
            Assert.Equal(1L, ok.Prop<long>("Used"));
            Assert.Equal(Math.Log(1 + Math.Exp(0.75)), ok.D("Loss"), 14); // logits 1.5 and 2.25, label a
        }

        [Fact]
        public void TheSameAnswerInEveryCulture()
        {
            string path = Repo.Example("iris-probabilities.csv");
            double invariant = Measure(path)!.D("Loss");
            foreach (string culture in new[] { "de-DE", "fr-FR", "tr-TR", "ar-SA", "hi-IN" })
            {
                double other = _s.Invoke("param($p, $c) [cultureinfo]::CurrentCulture = $c; (Measure-CrossEntropy -Path $p).Loss", path, culture).Single().BaseObject is double d ? d : double.NaN;
                Assert.Equal(invariant, other);
            }
        }

        [Fact]
        public void NaNInfinitiesAndOverflow()
        {
            PSObject r = Measure(File_("special.csv", "logit_a,logit_b,label\nNaN,1,a\ninf,1,a\n-Infinity,1,a\n1e309,1,a\ninf,inf,b\n-inf,-inf,b\n"))!;
            Assert.Equal(2L, r.Prop<long>("Used")); // +inf → p = 1 (loss 0); -inf → p = 0 (loss +Infinity)
            Assert.Equal(4L, r.Prop<long>("Rejected"));
            string all = string.Join("\n", _s.Errors.Select(e => e.ToString()));
            Assert.Contains("row 1, column 'logit_a', value 'NaN': the logit is NaN", all);
            Assert.Contains("row 4, column 'logit_a', value '1e309': the number is outside the range of a double", all);
            Assert.Contains("row 5, column 'logit_b', value 'Infinity': more than one logit is +Infinity", all);
            Assert.Contains("row 6: every logit is -Infinity", all);
            Assert.Equal(double.PositiveInfinity, r.D("Loss"));
        }

        [Fact]
        public void QuotedFieldsWithDelimitersAndNewlines()
        {
            PSObject r = Measure(File_("quoted.csv", "\"logit_a\",\"logit_b\",label,note\n1,2,a,\"has, comma\"\n3,1,b,\"two\nlines\"\n\"2\",\"2\",\"a\",plain\n"))!;
            Assert.Equal(3L, r.Prop<long>("Count"));
            Assert.Equal(3L, r.Prop<long>("Used"));
            Assert.Empty(_s.Errors);
        }

        [Fact]
        public void BomAndCrlf()
        {
            PSObject r = Measure(File_("bom.csv", "logit_a,logit_b,label\r\n1,2,a\r\n3,1,b\r\n", new UTF8Encoding(true)))!;
            Assert.Equal(2L, r.Prop<long>("Used"));
            Assert.Equal(new[] { "a", "b" }, r.Prop<string[]>("Classes"));
        }

        [Fact]
        public void ATenMegabyteSingleLine()
        {
            var sb = new StringBuilder("logit_a,logit_b,label,blob\n1,2,a,");
            sb.Append('x', 10 * 1024 * 1024).Append("\n3,1,b,y\n");
            PSObject r = Measure(File_("long.csv", sb.ToString()))!;
            Assert.Equal(2L, r.Prop<long>("Used"));
            Assert.Empty(_s.Errors);
        }

        [Fact]
        public void DuplicateColumnNames()
        {
            Assert.Null(Measure(File_("dup.csv", "logit_a,logit_a,label\n1,2,0\n")));
            Assert.Contains("column 'logit_a' appears more than once in the header", Assert.Single(_s.Errors).ToString());
        }

        [Fact]
        public void ClassColumnsThatDifferBetweenFilesGivenTogether()
        {
            string a = File_("a.csv", "logit_cat,logit_dog,label\n1,2,cat\n");
            string b = File_("b.csv", "logit_cat,logit_cow,label\n1,2,cat\n");
            var each = _s.Invoke("param($a, $b) Measure-CrossEntropy -Path $a, $b", a, b);
            Assert.Equal(2, each.Count); // one summary per file: nothing to reconcile
            Assert.Empty(_s.Invoke("param($a, $b) Measure-CrossEntropy -Path $a, $b -Combine", a, b));
            ErrorRecord e = Assert.Single(_s.Errors); // terminating for the command: no summary mixes the two
            Assert.Contains("b.csv cannot be combined with", e.ToString());
            Assert.Contains("its classes are cat, cow, not cat, dog", e.ToString());
        }

        [Fact]
        public void NegativeProbabilitiesAndRowsSummingToTwo()
        {
            PSObject r = Measure(File_("probs.csv", "p_a,p_b,label\n-0.1,1.1,a\n1,1,a\n0.5,0.5,b\n"))!;
            Assert.Equal(1L, r.Prop<long>("Rejected"));
            Assert.Contains("column 'p_a', value '-0.1': a probability must be in [0, 1]", Assert.Single(_s.Errors).ToString());
            Assert.Contains(_s.Warnings, w => w.Message.Contains("1 probability rows do not sum to 1") && w.Message.Contains("first rows: 2"));
        }

        [Fact]
        public void PipelineRowsOfMixedShapesAreRejectedOneByOne()
        {
            var rows = new List<PSObject>(Rows.FromLines(new[] { "logit_a,logit_b,label", "1,2,a", "2,1,b" }));
            var missing = new PSObject();
            missing.Properties.Add(new PSNoteProperty("logit_a", "1"));
            missing.Properties.Add(new PSNoteProperty("label", "a"));
            rows.Insert(1, missing);
            var hashtable = new System.Collections.Hashtable { ["logit_a"] = 0.5, ["logit_b"] = 1.5, ["label"] = "b", ["extra"] = "x" };
            rows.Add(PSObject.AsPSObject(hashtable));
            PSObject r = _s.Pipe(rows, "Measure-CrossEntropy").Single();
            Assert.Equal(4L, r.Prop<long>("Count"));
            Assert.Equal(3L, r.Prop<long>("Used"));
            ErrorRecord e = Assert.Single(_s.Errors);
            Assert.Same(missing, e.TargetObject);
            Assert.Contains("row 2, column 'logit_b': the cell is missing", e.ToString());
        }

        [Fact]
        public void ErrorVariableCollectsAFewRowsPerReasonAndOneSummaryOfTheRest()
        {
            string path = File_("many.csv", "logit_a,logit_b,label\n" + string.Join("\n", Enumerable.Range(0, 30).Select(i => i % 3 == 0 ? "x,1,a" : "1,2,b")) + "\n");
            var bad = _s.Invoke("param($p) Measure-CrossEntropy -Path $p -ErrorVariable bad -ErrorAction SilentlyContinue | Out-Null; $bad | ForEach-Object { \"$_\" }", path)
                .Select(o => o.ToString()).ToList();
            Assert.Equal(4, bad.Count); // 10 rows rejected for one reason: 3 in full, then the rest in one
            Assert.Contains("row 7, column 'logit_a', value 'x'", bad[2]);
            Assert.Contains("... and 7 more rows rejected like the 3 above (rows 10 to 28), column 'logit_a': not a number.", bad[3]);
        }
    }
}
