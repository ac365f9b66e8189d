using System.Collections.Generic;
using System.Linq;

namespace CrossEntropy.Data
{
    /// <summary>The figures a limit is checked against, for every row or for one class or group.</summary>
    public sealed class Figures
    {
        /// <summary>Mean cross-entropy (nats); NaN without used rows.</summary>
        public double Loss { get; set; } = double.NaN;
        /// <summary>Fraction of used rows predicted right; NaN without used rows.</summary>
        public double Accuracy { get; set; } = double.NaN;
        /// <summary>Top-label expected calibration error; NaN without used rows (and for a class: not computed).</summary>
        public double ExpectedCalibrationError { get; set; } = double.NaN;
        /// <summary>Rows used.</summary>
        public long Used { get; set; }
        /// <summary>Rows ignored.</summary>
        public long Ignored { get; set; }
        /// <summary>Rows rejected.</summary>
        public long Rejected { get; set; }
        /// <summary>Rows read.</summary>
        public long Read => Used + Ignored + Rejected;
    }

    /// <summary>An audit's figures overall, per true class and per group (<see cref="AuditRun"/>), by name.</summary>
    public sealed class RunFigures
    {
        /// <summary>The sources the figures come from.</summary>
        public IReadOnlyList<string> Sources { get; set; } = new string[0];
        /// <summary>Every row.</summary>
        public Figures All { get; set; } = new Figures();
        /// <summary>Per true class, in class order (loss and accuracy; classes without rows have NaN figures).</summary>
        public List<KeyValuePair<string, Figures>> Classes { get; } = new List<KeyValuePair<string, Figures>>();
        /// <summary>Per group (-GroupBy), in the order first seen.</summary>
        public List<KeyValuePair<string, Figures>> Groups { get; } = new List<KeyValuePair<string, Figures>>();

        /// <summary>The figures of a finished audit.</summary>
        public static RunFigures From(AuditRun audit, IEnumerable<string> sources)
        {
            var f = new RunFigures
            {
                Sources = sources.ToArray(),
                All = Of(audit.Run.Total, audit.Calibration.ExpectedCalibrationError),
            };
            Schema schema = audit.Run.Schema;
            Engine.ClassTotals[] perClass = audit.Run.Total.PerClass;
            for (int c = 0; c < perClass.Length; c++)
            {
                Engine.ClassTotals t = perClass[c];
                f.Classes.Add(new KeyValuePair<string, Figures>(schema.ClassName(c), new Figures
                {
                    Loss = t.Loss,
                    Accuracy = t.Accuracy,
                    Used = t.Count,
                }));
            }
            if (schema.GroupColumn >= 0)
            {
                for (int g = 0; g < audit.GroupCount; g++)
                {
                    RowCounts counts = audit.CountsOf(g);
                    Figures group = Of(audit.SumsOf(g), audit.CalibrationOf(g).ExpectedCalibrationError);
                    group.Used = counts.Used;
                    group.Ignored = counts.Ignored;
                    group.Rejected = counts.Rejected;
                    f.Groups.Add(new KeyValuePair<string, Figures>(audit.GroupName(g), group));
                }
            }
            return f;
        }

        private static Figures Of(Engine.LossAccumulator a, double ece) => new Figures
        {
            Loss = a.Mean,
            Accuracy = a.Accuracy,
            ExpectedCalibrationError = ece,
            Used = a.Used,
            Ignored = a.Ignored,
            Rejected = a.Rejected,
        };
    }
}
