using System.Linq;
using CrossEntropy.Data.Runs;
using CrossEntropy.Engine;
using Xunit;

namespace CrossEntropy.Data.Tests
{
    /// <summary>The layers' surface: the engine and the input layer are internal to the module.</summary>
    public class ShapeTests
    {
        [Fact]
        public void EngineAndDataExposeOnlyTheCmdletParameterTypes()
        {
            string[] exported = typeof(LossEngine).Assembly.GetExportedTypes().Concat(typeof(LossRun).Assembly.GetExportedTypes())
                .Select(t => t.FullName!).OrderBy(n => n).ToArray();
            // Reduction (-Reduction), NoisyLabelOrder (-By) and ClassificationCurve (-Curve) are the types of cmdlet
            // parameters, so they must be public.
            Assert.Equal(new[] { "CrossEntropy.Engine.ClassificationCurve", "CrossEntropy.Engine.NoisyLabelOrder", "CrossEntropy.Engine.Reduction" }, exported);
        }
    }
}
