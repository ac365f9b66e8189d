using System;
using System.Globalization;
using System.Management.Automation;
using CrossEntropy.Data.Checks;
using CrossEntropy.Data.Records;
using CrossEntropy.Data.Schemas;
using CrossEntropy.Data.Sources;
using CrossEntropy.Input;

namespace CrossEntropy.Output
{
    /// <summary>Test-Prediction's record target: every source's rows into one <see cref="PredictionValidation"/>, read sequentially.</summary>
    internal sealed class ValidationTarget : IRecordTarget
    {
        private readonly PSCmdlet _cmdlet;

        public ValidationTarget(PSCmdlet cmdlet, PredictionValidation validation)
        {
            _cmdlet = cmdlet;
            Validation = validation;
        }

        /// <summary>The validation the rows go into.</summary>
        public PredictionValidation Validation { get; }

        /// <inheritdoc/>
        public void BeginSource(Schema schema, SourceKind kind)
        {
            try
            {
                Validation.BeginSource(schema);
            }
            catch (ArgumentException e)
            {
                _cmdlet.ThrowTerminatingError(new ErrorRecord(e, "CrossEntropy.InvalidOption", ErrorCategory.InvalidArgument, schema.SourceName));
            }
        }

        /// <inheritdoc/>
        public void Add(IRecord record, long row, object? tag) => Validation.Add(record, row);

        /// <inheritdoc/>
        public long ReadFile(IChunkedFile file, FileReading reading) => reading.Sequentially(file, Validation.Add);

        /// <inheritdoc/>
        public void EndSource()
        {
            SourceValidation? s = Validation.Sources.Count > 0 ? Validation.Sources[Validation.Sources.Count - 1] : null;
            Validation.EndSource();
            if (s != null)
                _cmdlet.WriteVerbose(string.Format(CultureInfo.InvariantCulture, "{0}: {1} rows read, {2} used, {3} ignored, {4} rejected; {5} problems.",
                    s.Source, s.Counts.Read, s.Counts.Used, s.Counts.Ignored, s.Counts.Rejected, s.Problems));
        }

        /// <summary>A source that could not be read (or broke off): a Header or Source problem, never an error.</summary>
        public void Fail(SourceFailure failure) => Validation.SourceFailed(failure.Source, failure.Kind, failure.Reason);
    }
}
