using System;
using System.Collections.Generic;
using System.Management.Automation;
using CrossEntropy.Data.Checks;
using CrossEntropy.Data.Problems;
using CrossEntropy.Data.Runs;
using CrossEntropy.Input;
using CrossEntropy.Runs;

namespace CrossEntropy.Output
{
    /// <summary>
    /// One side of Assert-CrossEntropy (the input, or the baseline): its own run over its sources, the figures of that
    /// run, the rows it rejected (warnings, the first few shown) and the sources it could not read.
    /// </summary>
    internal sealed class AssertionSide : IRunOutput
    {
        /// <summary>Rejected rows shown (every one is counted).</summary>
        public const int ShownProblems = PredictionValidation.DefaultShownProblems;

        private readonly Cmdlet _cmdlet;
        private readonly string _prefix;
        private readonly List<SourceFailure> _failed = new List<SourceFailure>();
        private readonly List<Problem> _problems = new List<Problem>();
        private IReadOnlyList<string> _sources = Array.Empty<string>();

        /// <summary>A side whose warnings start with <paramref name="prefix"/> ("" for the input, "baseline: ").</summary>
        public AssertionSide(Cmdlet cmdlet, string prefix)
        {
            _cmdlet = cmdlet;
            _prefix = prefix;
        }

        /// <summary>The sources read.</summary>
        public IReadOnlyList<string> Sources => _sources;
        /// <summary>The sources that could not be read.</summary>
        public IReadOnlyList<SourceFailure> Failed => _failed;
        /// <summary>The first rejected rows.</summary>
        public IReadOnlyList<Problem> Problems => _problems;
        /// <summary>Every rejected row.</summary>
        public long ProblemCount { get; private set; }
        /// <summary>The run's figures, once it finished (null when nothing was read).</summary>
        public RunFigures? Figures { get; private set; }

        /// <summary>The figures to check: the run's, or empty ones over the sources read.</summary>
        public RunFigures Measured => Figures ?? new RunFigures { Sources = _sources };

        public void Rows(in RowOutcomes rows)
        {
        }

        public void Problem(Problem problem)
        {
            ProblemCount++;
            if (_problems.Count >= ShownProblems) return;
            _problems.Add(problem);
            _cmdlet.WriteWarning(_prefix + problem);
        }

        public void Finished(LossRun run, IReadOnlyList<string> sources)
        {
            _sources = sources;
            RunDriver.WriteCounts(_cmdlet, run, sources);
            Figures = RunFigures.From(run, sources);
        }

        /// <summary>A source this side could not read.</summary>
        public void Fail(SourceFailure failure) => _failed.Add(failure);

        /// <summary>The warning that says how many rows were rejected beyond those shown.</summary>
        public void WarnOfMore()
        {
            if (ProblemCount > _problems.Count)
                _cmdlet.WriteWarning(string.Format(System.Globalization.CultureInfo.InvariantCulture, "{0}{1} rows were rejected in all; the first {2} are shown above.",
                    _prefix, ProblemCount, _problems.Count));
        }
    }
}
