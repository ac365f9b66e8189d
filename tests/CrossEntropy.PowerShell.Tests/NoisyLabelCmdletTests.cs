using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using CrossEntropy.Engine.Tests;
using Xunit;

namespace CrossEntropy.PowerShell.Tests
{
    /// <summary>Find-NoisyLabel in the hosted engine: the ranking against the reference, the rows it returns, DataFrames.</summary>
    public class NoisyLabelCmdletTests : IClassFixture<SessionFixture>
    {
        private readonly Hosting.ModuleSession _s;

        public NoisyLabelCmdletTests(SessionFixture f) => _s = f.Session;

        public static TheoryData<string, string> NoisyCases => new()
        {
            { "noisy_digits", "Normalized" }, { "noisy_digits", "Loss" }, { "noisy_digits", "Margin" },
            { "noisy_iris", "Normalized" }, { "noisy_iris_probabilities", "Margin" },
        };

        [Theory]
        [MemberData(nameof(NoisyCases))]
        public void NoisyLabelsByPathAndPipelineMatchTheReference(string name, string by)
        {
            JsonElement c = AuditExpected.Case(name);
            JsonElement e = c.GetProperty(by);
            int top = c.GetProperty("top").GetInt32();
            string path = Repo.Example(c.GetProperty("source").GetString()!);
            foreach (List<PSObject> found in new[]
            {
                _s.Invoke($"param($p) Find-NoisyLabel -Path $p -Top {top} -By {by}", path).ToList(),
                _s.Pipe(Rows.FromCsv(path), $"Find-NoisyLabel -Top {top} -By {by}").ToList(),
            })
            {
                Assert.Empty(_s.Errors);
                Assert.Equal(e.Ints("rows").Select(r => (long)r), found.Select(f => f.Prop<long>("Row")));
                Assert.Equal(Enumerable.Range(1, top), found.Select(f => f.Prop<int>("Rank")));
                Near.All(e.Ds("normalized"), found.Select(f => f.D("NormalizedScore")).ToArray(), what: "normalised");
                Near.All(e.Ds("margin"), found.Select(f => f.D("Margin")).ToArray(), abs: 1e-15, what: "margin");
                Assert.All(found, f => Assert.Equal("CrossEntropy.NoisyLabel", f.TypeNames[0]));
                // The row's own cells come back with it.
                string[] lines = File.ReadAllLines(path);
                string[] header = lines[0].Split(',');
                PSObject first = found[0];
                string[] cells = lines[first.Prop<long>("Row")].Split(',');
                for (int k = 0; k < header.Length; k++) Assert.Equal(cells[k], first.Prop<string>(header[k]));
                Assert.Equal(cells[Array.IndexOf(header, "label")], first.Prop<string>("GivenLabel"));
            }
        }

        [Fact]
        public void NoisyLabelsReturnCopiesOfThePipelineObjectsAndNeverOverwriteAColumn()
        {
            List<PSObject> rows = Rows.FromLines(new[] { "logit_a,logit_b,label,Loss", "3,0,a,x", "0,3,a,y", "2,1,b,z", "1,1,b,w" });
            List<PSObject> found = _s.Pipe(rows, "Find-NoisyLabel -Top 2 -By Loss").ToList();
            Assert.Equal(new[] { 2L, 3L }, found.Select(f => f.Prop<long>("Row")));
            Assert.Equal("y", found[0].Prop<string>("Loss")); // the user's column
            Near.Equal(Math.Log(1 + Math.Exp(3)), found[0].D("ce_Loss")); // the score
            Assert.Null(rows[1].Properties["Rank"]); // the input object is untouched
            Assert.NotSame(rows[1], found[0]);
        }

        [Fact]
        public void AFilesRankedRowsKeepTheFirstOfARepeatedColumnNameAndNeverOverwriteAColumn()
        {
            string path = Path.Combine(Path.GetTempPath(), "crossentropy-noisy-repeated-" + Guid.NewGuid().ToString("N") + ".csv");
            File.WriteAllLines(path, new[] { "logit_a,logit_b,label,note,NOTE,Loss", "3,0,a,n1,m1,x", "0,3,a,n2,m2,y", "2,1,b,n3,m3,z", "1,1,b,n4,m4,w" });
            try
            {
                List<PSObject> found = _s.Invoke("param($p) Find-NoisyLabel -Path $p -Top 2 -By Loss", path).ToList();
                Assert.Empty(_s.Errors);
                Assert.Equal(new[] { 2L, 3L }, found.Select(f => f.Prop<long>("Row")));
                foreach (PSObject row in found)
                    Assert.Equal(new[] { "logit_a", "logit_b", "label", "note", "Loss", "Rank", "Row", "Source", "GivenLabel", "Predicted", "LabelProbability",
                        "Confidence", "ce_Loss", "Margin", "NormalizedScore" }, row.Properties.Select(p => p.Name));
                Assert.Equal("n2", found[0].Prop<string>("note")); // the first of the repeated name
                Assert.Equal("y", found[0].Prop<string>("Loss")); // the file's column
                Near.Equal(Math.Log(1 + Math.Exp(3)), found[0].D("ce_Loss")); // the score
                Assert.Equal("n3", found[1].Prop<string>("note"));
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Theory]
        [InlineData(3)]
        [InlineData(50_000)] // more columns than a type may have getters and setters: the rows' columns are fields
        [InlineData(70_000)] // more than the runtime takes in one type: note properties, the same to the user
        public void AFilesRankedRowsHaveThePropertiesThePipelinesRowsHave(int classes)
        {
            // File rows are objects of a type made for their columns; pipeline rows are Import-Csv-like objects with note
            // properties added: the same names, order, values and value types, and settable alike.
            string path = Path.Combine(Path.GetTempPath(), "crossentropy-noisy-shape-" + Guid.NewGuid().ToString("N") + ".csv");
            var rng = new Random(classes);
            var lines = new List<string> { string.Join(",", Enumerable.Range(0, classes).Select(c => "logit_" + c)) + ",label,note" };
            for (int r = 0; r < 4; r++)
                lines.Add(string.Join(",", Enumerable.Range(0, classes).Select(_ => (rng.NextDouble() * 4 - 2).ToString("R", System.Globalization.CultureInfo.InvariantCulture)))
                    + "," + rng.Next(classes) + "," + (r == 2 ? "" : "n" + r));
            File.WriteAllLines(path, lines);
            try
            {
                List<PSObject> byPath = _s.Invoke("param($p) Find-NoisyLabel -Path $p -Top 3 -By Loss", path).ToList();
                List<PSObject> piped = _s.Pipe(Rows.FromLines(lines), "Find-NoisyLabel -Top 3 -By Loss").ToList();
                Assert.Empty(_s.Errors);
                Assert.Equal(3, byPath.Count);
                Assert.Equal(3, piped.Count);
                for (int i = 0; i < 3; i++)
                {
                    PSPropertyInfo[] a = byPath[i].Properties.ToArray(), b = piped[i].Properties.ToArray();
                    Assert.Equal(b.Select(p => p.Name), a.Select(p => p.Name));
                    Assert.Equal(classes + 2 + 10, a.Length);
                    Assert.Equal("CrossEntropy.NoisyLabel", byPath[i].TypeNames[0]);
                    for (int k = 0; k < a.Length; k++)
                    {
                        if (a[k].Name == "Source") continue; // the path, or "pipeline input"
                        Assert.Equal(b[k].Value?.GetType(), a[k].Value?.GetType());
                        Assert.Equal(b[k].Value, a[k].Value);
                        Assert.True(a[k].IsSettable, a[k].Name);
                    }
                }
                Assert.Equal(path, byPath[0].Properties["Source"].Value);
                Assert.Equal(classes <= 50_000 ? PSMemberTypes.Property : PSMemberTypes.NoteProperty, byPath[0].Properties["note"].MemberType);
                _s.Invoke("param($r) $r.note = 'checked'; $r.Rank = '7'", byPath[0]);
                Assert.Empty(_s.Errors);
                Assert.Equal("checked", byPath[0].Properties["note"].Value);
                Assert.Equal(7, Convert.ToInt32(byPath[0].Properties["Rank"].Value, System.Globalization.CultureInfo.InvariantCulture));
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void NoisyLabelsOfExplicitArraysAndAsDataFrame()
        {
            List<PSObject> found = _s.Invoke("Find-NoisyLabel -Logit (2.0, 0.0), (0.0, 2.0), (1.0, 0.0) -Target 1, 1, 0 -Top 1 -By Margin").ToList();
            PSObject f = Assert.Single(found);
            Assert.Equal(1L, f.Prop<long>("Row"));
            double q = 1 / (1 + Math.Exp(2));
            Near.Equal(q - (1 - q), f.D("Margin"));

            PSObject df = _s.Invoke("param($p) Find-NoisyLabel -Path $p -Top 5 -AsDataFrame", Repo.Example("iris-logits.csv")).Single();
            long[] rowsInFrame = _s.Invoke("param($d) $d.Columns['Row'] | ForEach-Object { $_ }", df).Select(o => Convert.ToInt64(o.BaseObject, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(AuditExpected.Case("noisy_iris").GetProperty("Normalized").Ints("rows").Take(5).Select(r => (long)r), rowsInFrame);
        }

        [Fact]
        public void NoisyLabelsNeedClassLabels()
        {
            Assert.Empty(_s.Invoke("param($p) Find-NoisyLabel -Path $p", AuditExpected.DataFile("audit-soft.csv")));
            ErrorRecord e = Assert.Single(_s.Errors);
            Assert.Equal(ErrorCategory.InvalidArgument, e.CategoryInfo.Category);
            Assert.Contains("needs one class label per row", e.ToString());
        }
    }
}
