using System.Runtime.Versioning;
using Xunit;

namespace CrossEntropy.Engine.Tests
{
    public class BuildUnderTest
    {
        [Fact]
        public void TheseTestsRunTheNetStandardBuilds()
        {
            foreach (var t in new[] { typeof(LossEngine), typeof(CrossEntropy.Data.Runs.LossRun) })
            {
                var target = (TargetFrameworkAttribute)t.Assembly.GetCustomAttributes(typeof(TargetFrameworkAttribute), false)[0];
                Assert.Equal(".NETStandard,Version=v2.0", target.FrameworkName);
            }
        }
    }
}
