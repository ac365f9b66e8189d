using CrossEntropy.Data.Problems;
using CrossEntropy.Data.Records;
using CrossEntropy.Data.Runs;
using CrossEntropy.Data.Schemas;
using CrossEntropy.Engine;
using Xunit;

namespace CrossEntropy.Data.Tests
{
    public class RowReaderTests
    {
        private static (RowReader Reader, Schema Schema, ObjectRecord Record) Make(string header, ColumnOptions? o = null, int? ignore = null)
        {
            var rec = new ObjectRecord("t.csv", header.Split(','));
            Schema schema = SchemaResolver.Resolve(rec, null, o ?? new ColumnOptions());
            return (new RowReader(schema, ignore), schema, rec);
        }

        private static Problem? Add(RowReader r, ObjectRecord rec, RowBlock b, long row, params object?[] cells)
        {
            rec.Clear();
            for (int c = 0; c < cells.Length; c++) rec.Set(c, cells[c]);
            return r.TryAdd(rec, row, b);
        }

        [Fact]
        public void LabelsAreClassNamesOrIndices()
        {
            var (reader, _, rec) = Make("logit_cat,logit_dog,label");
            RowBlock b = reader.CreateBlock(4);
            Assert.Null(Add(reader, rec, b, 1, "1", "2", "dog"));
            Assert.Null(Add(reader, rec, b, 2, 1.0, 2, "0"));
            Assert.Null(Add(reader, rec, b, 3, "1", "2", "1.0"));
            Assert.Equal(new[] { 1, 0, 1 }, b.Labels[..3]);
            Assert.Equal(new long[] { 1, 2, 3 }, b.RowNumbers[..3]);
        }

        [Theory]
        [InlineData("horse", "not a known class")]
        [InlineData("2", "outside the class range 0..1")]
        [InlineData("", "the label is empty")]
        public void BadLabelsAreProblems(string label, string reason)
        {
            var (reader, _, rec) = Make("logit_cat,logit_dog,label");
            RowBlock b = reader.CreateBlock(4);
            Problem? p = Add(reader, rec, b, 9, "1", "2", label);
            Assert.NotNull(p);
            Assert.Contains(reason, p!.Reason);
            Assert.Equal("label", p.Column);
            Assert.Equal(9, p.Row);
            Assert.Equal(0, b.Count); // nothing half-written
        }

        [Fact]
        public void IgnoreIndexPassesThroughEvenOutOfRange()
        {
            var (reader, _, rec) = Make("logit_a,logit_b,label", ignore: -100);
            RowBlock b = reader.CreateBlock(2);
            Assert.Null(Add(reader, rec, b, 1, "1", "2", "-100"));
            Assert.Equal(-100, b.Labels[0]);
        }

        [Fact]
        public void NumbersProblemsNameColumnAndValue()
        {
            var (reader, _, rec) = Make("logit_a,logit_b,label");
            RowBlock b = reader.CreateBlock(2);
            Problem p = Add(reader, rec, b, 3, "1,5", "2", "a")!;
            Assert.Equal("t.csv, row 3, column 'logit_a', value '1,5': not a number (numbers are read with '.' as the decimal point in every culture; a comma-decimal file needs -DecimalComma).", p.ToString());
            p = Add(reader, rec, b, 4, "1e999", "2", "a")!;
            Assert.Contains("outside the range of a double", p.Reason);
            rec.Clear();
            rec.Set(0, "1");
            rec.Set(2, "a");
            p = reader.TryAdd(rec, 5, b)!;
            Assert.Equal("logit_b", p.Column);
            Assert.Contains("missing", p.Reason);
        }

        [Fact]
        public void GroupsAreNumberedInOrderSeen()
        {
            var (reader, _, rec) = Make("logit_a,logit_b,label,site", new ColumnOptions { GroupBy = "site" });
            RowBlock b = reader.CreateBlock(4);
            Add(reader, rec, b, 1, "1", "2", "a", "north");
            Add(reader, rec, b, 2, "1", "2", "a", "south");
            Add(reader, rec, b, 3, "1", "2", "a", "north");
            Assert.Equal(new[] { 0, 1, 0 }, b.Groups![..3]);
            Assert.Equal(new[] { "north", "south" }, reader.GroupNames);
        }

        [Fact]
        public void SampleWeightsMustBeFiniteAndNonNegative()
        {
            var (reader, _, rec) = Make("logit_a,logit_b,label,w", new ColumnOptions { SampleWeightColumn = "w" });
            RowBlock b = reader.CreateBlock(4);
            Assert.Null(Add(reader, rec, b, 1, "1", "2", "a", "0.5"));
            Assert.Contains("sample weight", Add(reader, rec, b, 2, "1", "2", "a", "-1")!.Reason);
            Assert.Contains("sample weight", Add(reader, rec, b, 3, "1", "2", "a", "inf")!.Reason);
            Assert.Equal(0.5, b.SampleWeights![0]);
        }
    }
}
