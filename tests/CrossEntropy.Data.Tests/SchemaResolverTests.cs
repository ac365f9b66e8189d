using CrossEntropy.Data.Problems;
using CrossEntropy.Data.Records;
using CrossEntropy.Data.Schemas;
using CrossEntropy.Engine;
using Xunit;

namespace CrossEntropy.Data.Tests
{
    public class SchemaResolverTests
    {
        private static Schema Resolve(string header, string? firstRow = null, ColumnOptions? o = null)
        {
            string[] cols = header.Split(',');
            var rec = new ObjectRecord("test.csv", cols);
            if (firstRow != null)
            {
                string[] cells = firstRow.Split(',');
                for (int c = 0; c < cells.Length; c++) rec.Set(c, cells[c]);
            }
            return SchemaResolver.Resolve(rec, firstRow == null ? null : rec, o ?? new ColumnOptions());
        }

        [Fact]
        public void LogitPrefixNamesTheClasses()
        {
            Schema s = Resolve("id,logit_cat,logit_dog,label");
            Assert.Equal(InputKind.Logits, s.Input);
            Assert.Equal(TargetKind.ClassIndex, s.Target);
            Assert.Equal(new[] { "cat", "dog" }, s.Classes);
            Assert.Equal(new[] { 1, 2 }, s.ScoreColumns);
            Assert.Equal(3, s.LabelColumn);
            Assert.Equal(0, s.IdColumn);
        }

        [Fact]
        public void ProbabilityPrefixMeansProbabilities()
        {
            Schema s = Resolve("p_a,p_b,p_c,target");
            Assert.Equal(InputKind.Probabilities, s.Input);
            Assert.Equal(new[] { "a", "b", "c" }, s.Classes);
            Schema t = Resolve("prob_x,prob_y,y");
            Assert.Equal(InputKind.Probabilities, t.Input);
            Assert.Equal(2, t.LabelColumn);
        }

        [Fact]
        public void UnprefixedNumericColumnsAreTheScores()
        {
            Schema s = Resolve("setosa,versicolor,virginica,label,note", "1.2,0.3,-2,setosa,hello");
            Assert.Equal(new[] { "setosa", "versicolor", "virginica" }, s.Classes);
        }

        [Fact]
        public void ClassParameterPicksAndOrdersScoreColumns()
        {
            Schema s = Resolve("b,a,c,label", null, new ColumnOptions { Class = new[] { "a", "b", "c" } });
            Assert.Equal(new[] { 1, 0, 2 }, s.ScoreColumns);
        }

        [Fact]
        public void OneScoreColumnWithLabelsIsBinary()
        {
            Schema s = Resolve("logit,label", "0.3,1", new ColumnOptions { LogitColumn = new[] { "logit" } });
            Assert.Equal(TargetKind.Binary, s.Target);
            Assert.Equal(new[] { "0", "1" }, s.Classes);
        }

        [Fact]
        public void SoftTargetsLineUpByClassName()
        {
            Schema s = Resolve("logit_a,logit_b,y_b,y_a");
            Assert.Equal(TargetKind.Soft, s.Target);
            Assert.Equal(new[] { 3, 2 }, s.TargetColumns);
        }

        [Fact]
        public void ExplicitColumnsWinAndWildcardsWork()
        {
            Schema s = Resolve("score_a,score_b,truth", null, new ColumnOptions { LogitColumn = new[] { "score_*" }, LabelColumn = "truth" });
            Assert.Equal(new[] { "a", "b" }, s.Classes);
            Assert.Equal(2, s.LabelColumn);
        }

        [Fact]
        public void ColumnNamesMatchCaseInsensitively()
        {
            Schema s = Resolve("Logit_A,LOGIT_B,Label");
            Assert.Equal(new[] { "A", "B" }, s.Classes);
            Assert.Equal(2, s.LabelColumn);
        }

        [Theory]
        [InlineData("a,b,c", "no label column")]
        [InlineData("logit_a,logit_a,label", "appears more than once")]
        [InlineData("label", "no score columns")]
        [InlineData("", "no score columns")]
        public void ProblemsNameTheColumns(string header, string message)
        {
            var e = Assert.Throws<InputException>(() => Resolve(header));
            Assert.Contains(message, e.Message);
            Assert.StartsWith("test.csv: ", e.Message);
            Assert.Contains("Columns:", e.Message);
        }

        [Fact]
        public void MissingNamedColumnIsAnError()
        {
            var e = Assert.Throws<InputException>(() => Resolve("a,b,label", null, new ColumnOptions { LabelColumn = "truth" }));
            Assert.Contains("-LabelColumn names column 'truth'", e.Message);
        }
    }
}
