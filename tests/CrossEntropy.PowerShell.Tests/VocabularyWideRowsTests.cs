using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Text;
using Xunit;

namespace CrossEntropy.PowerShell.Tests
{
    /// <summary>
    /// Rows wider than one .NET type may have methods (65,535; a language model's vocabulary is 32,000 to 256,000
    /// tokens): Get-Softmax and Get-LossGradient still give one double property per class, from a chain of emitted types,
    /// with the closed form's values. Read by reflection: PowerShell's own adapter takes seconds to list 70,000 properties
    /// the first time a session meets the type.
    /// </summary>
    public class VocabularyWideRowsTests : IClassFixture<SessionFixture>
    {
        private const int Classes = 70_000;
        private readonly Hosting.ModuleSession _s;

        public VocabularyWideRowsTests(SessionFixture f) => _s = f.Session;

        [Fact]
        public void SeventyThousandClassesGetAPropertyEachFromAChainOfTypes()
        {
            // Two rows, both with logit 2.5 at class 3 and 0 elsewhere; labels 3 and 5.
            string path = Path.Combine(Repo.TempDir(), "vocabulary.csv");
            var text = new StringBuilder();
            text.Append(string.Join(",", Enumerable.Range(0, Classes).Select(k => "logit_" + k.ToString(CultureInfo.InvariantCulture)))).Append(",label\n");
            string logits = string.Join(",", Enumerable.Range(0, Classes).Select(k => k == 3 ? "2.5" : "0"));
            text.Append(logits).Append(",3\n").Append(logits).Append(",5\n");
            File.WriteAllText(path, text.ToString());
            double z = Math.Exp(2.5) + (Classes - 1), p3 = Math.Exp(2.5) / z, p0 = 1 / z;

            var softmax = _s.Invoke("param($p) Get-Softmax -Path $p", path);
            Assert.Empty(_s.Errors);
            Assert.Equal(2, softmax.Count);
            Close(p3, ClassValue(softmax[0], "3"));
            Close(p0, ClassValue(softmax[0], "69999"));
            Close(p0, ClassValue(softmax[1], "5"));
            ChainHoldsEveryClass(softmax[0].BaseObject.GetType(), "SoftmaxRow");

            // d loss / d logit = softmax - one-hot of the label.
            var gradient = _s.Invoke("param($p) Get-LossGradient -Path $p -Reduction Sum", path);
            Assert.Empty(_s.Errors);
            Assert.Equal(2, gradient.Count);
            Close(p3 - 1, ClassValue(gradient[0], "3"));
            Close(p0, ClassValue(gradient[0], "5"));
            Close(p3, ClassValue(gradient[1], "3"));
            Close(p0 - 1, ClassValue(gradient[1], "5"));
            ChainHoldsEveryClass(gradient[0].BaseObject.GetType(), "GradientRow");
        }

        // Relative 1e-12: a softmax over 70,000 terms sums them in another order than the closed form.
        private static void Close(double expected, double actual) =>
            Assert.True(Math.Abs(actual - expected) <= 1e-12 * Math.Abs(expected), $"expected {expected:R}, got {actual:R}");

        private static double ClassValue(PSObject row, string name) =>
            (double)row.BaseObject.GetType().GetProperty(name, BindingFlags.Public | BindingFlags.Instance)!.GetValue(row.BaseObject)!;

        // Every class a double property of its own, declared by emitted types deriving from the row type, none of them
        // declaring more methods than a type may have.
        private static void ChainHoldsEveryClass(Type type, string rowType)
        {
            Type? t = type;
            int emitted = 0, properties = 0;
            for (; t != null && t.Name != rowType; t = t.BaseType)
            {
                emitted++;
                MethodInfo[] methods = t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly);
                Assert.True(methods.Length <= ushort.MaxValue, $"{t.Name} declares {methods.Length} methods");
                properties += t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Count(p => p.PropertyType == typeof(double));
            }
            Assert.NotNull(t);
            Assert.True(emitted >= 2, $"{emitted} emitted type(s)");
            Assert.Equal(Classes, properties);
        }
    }
}
