using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using Xunit;

namespace CrossEntropy.PowerShell.Tests
{
    /// <summary>
    /// Issue 15: the files of tests/data/formats (written by Python's json/gzip/zstandard/brotli, DuckDB and apache-arrow, see its README) read
    /// with -Path give what PyTorch (float64) gives on the stored values (expected.json), with every row counted and
    /// every damaged row rejected naming its row and column — on one thread and on two.
    /// </summary>
    public class FormatFileTests : IClassFixture<SessionFixture>
    {
        private static readonly string Formats = Repo.InRepo("tests", "data", "formats");
        private static readonly JsonElement Expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(Formats, "expected.json"))).RootElement;
        private readonly Hosting.ModuleSession _s;

        public FormatFileTests(SessionFixture f) => _s = f.Session;

        private static readonly string[] Read = { "jsonl/", "compressed/", "npy/", "npz/", "arrow/", "parquet/" };

        /// <summary>The formats read: JSON Lines, compressed CSV / JSON Lines, NumPy .npy (with its sibling labels.npy) and .npz, Arrow IPC, Parquet.</summary>
        public static IEnumerable<object[]> TextFiles() => Expected.GetProperty("files").EnumerateObject()
            .Where(f => Read.Any(r => f.Name.StartsWith(r, StringComparison.Ordinal)) && f.Value.GetProperty("dataset").ValueKind == JsonValueKind.String)
            .SelectMany(f => new[] { new object[] { f.Name, 1 }, new object[] { f.Name, 2 } });

        // The arrays of scores-y-f64.npz have other names than the defaults.
        private static string OptionsOf(string file) => file.Contains("scores-y", StringComparison.Ordinal) ? " -LogitColumn scores -LabelColumn y" : "";

        [Theory]
        [MemberData(nameof(TextFiles))]
        public void FileGivesPyTorchsLossAndAccountsForEveryRow(string file, int threads)
        {
            JsonElement meta = Expected.GetProperty("files").GetProperty(file);
            JsonElement data = Expected.GetProperty("datasets").GetProperty(meta.GetProperty("dataset").GetString()!);
            string[]? classes = meta.TryGetProperty("classes_by_name", out JsonElement names)
                ? names.EnumerateArray().Select(n => n.GetString()!).ToArray() : null;
            PSObject r = Assert.Single(_s.Invoke("param($p, $c, $t) Measure-CrossEntropy -Path $p -Class $c -ThrottleLimit $t" + OptionsOf(file),
                Path.Combine(Formats, file), classes, threads));
            Near(data.GetProperty("loss_mean").GetDouble(), r.D("Loss"), file);
            Assert.Equal(data.GetProperty("count").GetInt64(), r.Prop<long>("Count"));
            Assert.Equal(data.GetProperty("used").GetInt64(), r.Prop<long>("Used"));
            Assert.Equal(data.GetProperty("rejected").GetInt64(), r.Prop<long>("Rejected"));
            Near(data.GetProperty("accuracy").GetDouble(), r.D("Accuracy"), file);

            var rejected = meta.TryGetProperty("rejected_rows", out JsonElement rows) ? rows.EnumerateArray().ToList() : new List<JsonElement>();
            Assert.Equal(rejected.Count, _s.Errors.Count);
            for (int i = 0; i < rejected.Count; i++)
            {
                string message = _s.Errors[i].ToString();
                Assert.Contains($"{file.Replace('/', Path.DirectorySeparatorChar)}, row {rejected[i].GetProperty("row").GetInt64()}", message);
                Assert.Contains(rejected[i].GetProperty("column").GetString()!, message);
                // Parquet names the row group, Arrow the record batch (0-based, as the writers number them).
                if (rejected[i].TryGetProperty("row_group_index", out JsonElement g))
                    Assert.Contains($", row {rejected[i].GetProperty("row").GetInt64()} (row group {g.GetInt32()})", message);
                if (rejected[i].TryGetProperty("record_batch_index", out JsonElement b))
                    Assert.Contains($", row {rejected[i].GetProperty("row").GetInt64()} (record batch {b.GetInt32()})", message);
                if (rejected[i].TryGetProperty("value", out JsonElement v) && v.ValueKind == JsonValueKind.String)
                    Assert.Contains($"'{v.GetString()}'", message);
            }
        }

        [Fact]
        public void ListColumnGivesPyTorchsLossPerRowAndWithSampleWeights()
        {
            JsonElement data = Expected.GetProperty("datasets").GetProperty("f64_json_damaged");
            string path = Path.Combine(Formats, "jsonl", "dirty-list-f64.jsonl");
            var perRow = _s.Invoke("param($p) Measure-CrossEntropy -Path $p -Reduction None", path).ToList();
            var want = data.GetProperty("loss_none").EnumerateArray().Select((l, i) => (Row: i + 1, l)).Where(x => x.l.ValueKind == JsonValueKind.Number).ToList();
            Assert.Equal(want.Count, perRow.Count);
            for (int i = 0; i < want.Count; i++)
            {
                Assert.Equal(want[i].Row, perRow[i].Prop<long>("Row"));
                Near(want[i].l.GetDouble(), perRow[i].D("Loss"), $"row {want[i].Row}");
            }
            PSObject weighted = Assert.Single(_s.Invoke("param($p) Measure-CrossEntropy -Path $p -SampleWeightColumn weight", path));
            Near(data.GetProperty("loss_mean_sample_weighted").GetDouble(), weighted.D("Loss"), "sample-weighted mean");
        }

        [Fact]
        public void ListColumnNamedByLogitColumnWithClassNames()
        {
            string dir = Repo.TempDir();
            string path = Path.Combine(dir, "scores.jsonl");
            File.WriteAllText(path, "{\"scores\":[2.0,1.0,0.1],\"truth\":\"cat\"}\n\n{\"scores\":[0.5,2.5,-1],\"truth\":\"dog\"}\n{\"scores\":[1,2],\"truth\":\"dog\"}\n");
            PSObject r = Assert.Single(_s.Invoke("param($p) Measure-CrossEntropy -Path $p -LogitColumn scores -LabelColumn truth -Class cat,dog,eel", path));
            // PyTorch: F.cross_entropy(tensor([[2.0,1.0,0.1],[0.5,2.5,-1.0]], dtype=float64), tensor([0,1])) = 0.28823669...
            double l1 = Math.Log(Math.Exp(2.0) + Math.Exp(1.0) + Math.Exp(0.1)) - 2.0;
            double l2 = Math.Log(Math.Exp(0.5) + Math.Exp(2.5) + Math.Exp(-1.0)) - 2.5;
            Near((l1 + l2) / 2, r.D("Loss"), "two rows");
            Assert.Equal(3L, r.Prop<long>("Count"));
            Assert.Equal(1L, r.Prop<long>("Rejected"));
            Assert.Contains("scores.jsonl, row 3: column 'scores' holds a list of 2 numbers, not 3", Assert.Single(_s.Errors).ToString());
        }

        [Fact]
        public void MislabelledCompressedFileIsAnErrorNamingIt()
        {
            string path = Path.Combine(Repo.TempDir(), "plain.csv.gz");
            File.WriteAllText(path, "logit_a,logit_b,label\n1,2,a\n");
            Assert.Empty(_s.Invoke("param($p) Measure-CrossEntropy -Path $p", path));
            string message = Assert.Single(_s.Errors).ToString();
            Assert.Contains("plain.csv.gz", message);
            Assert.Contains("is not gzip-compressed", message);
        }

        [Fact]
        public void NotJsonLineIsARejectedRow()
        {
            string path = Path.Combine(Repo.TempDir(), "broken.ndjson");
            File.WriteAllText(path, "{\"logits\":[1,2],\"label\":0}\n{\"logits\":[1,2],\"label\":\n[1,2]\n{\"logits\":[3,1],\"label\":1}\n");
            PSObject r = Assert.Single(_s.Invoke("param($p) Measure-CrossEntropy -Path $p", path));
            Assert.Equal(4L, r.Prop<long>("Count"));
            Assert.Equal(2L, r.Prop<long>("Used"));
            Assert.Equal(2L, r.Prop<long>("Rejected"));
            Assert.Contains("broken.ndjson, row 2: the line is not valid JSON", _s.Errors[0].ToString());
            Assert.Contains("broken.ndjson, row 3: the line is not a JSON object", _s.Errors[1].ToString());
        }

        private static void Near(double expected, double actual, string what)
        {
            double tolerance = 1e-12 * Math.Max(Math.Abs(expected), Math.Abs(actual)) + 1e-14;
            Assert.True(Math.Abs(expected - actual) <= tolerance, $"{what}: expected {expected:R}, got {actual:R}");
        }
    }
}
