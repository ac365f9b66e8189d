using System;
using System.Management.Automation;
using CrossEntropy.Data.Csv;
using CrossEntropy.Data.Schemas;
using CrossEntropy.Data.Sources;
using CrossEntropy.Input;

namespace CrossEntropy.Commands
{
    /// <summary>
    /// The input parameters every compute cmdlet shares, declared once. PowerShell shares [Parameter] properties only
    /// through inheritance, so this base declares them and nothing else: it has no override points beyond PSCmdlet's
    /// own. What the parameters mean is turned into records by an <see cref="InputSources"/> component that each
    /// cmdlet composes with its own record target.
    /// </summary>
    public abstract class CrossEntropyCmdlet : PSCmdlet
    {
        /// <summary>Parameter set names.</summary>
        internal const string ObjectSet = "InputObject", PathSet = "Path", LiteralPathSet = "LiteralPath",
            LogitSet = "Logit", ProbabilitySet = "Probability";

        /// <summary>
        /// The set PowerShell picks when the arguments leave it open: -Logit's, which no pipeline object can bind to. With
        /// pipeline input PowerShell then binds each object in one walk over the unbound parameters per binding pass (four
        /// walks a row) instead of first in the default set and then in the rest (seven): ~0.1 us of each Import-Csv row
        /// with this many parameters. Chosen with no -Logit, it means nothing was given, and the input layer says so
        /// (InputSources).
        /// </summary>
        internal const string DefaultSet = LogitSet;

        /// <summary>Where each cmdlet's help page lives (Get-Help -Online): the docs folder of the project URL in the manifest.</summary>
        internal const string HelpRoot = "https://github.com/crossentropy/CrossEntropy/blob/main/docs/en-US/";

        /// <summary>Rows from the pipeline: Import-Csv output, [pscustomobject], hashtables; FileInfo objects are read as files, a DataFrame as a source of its own.</summary>
        [Parameter(ParameterSetName = ObjectSet, ValueFromPipeline = true)]
        public PSObject? InputObject { get; set; }

        // -Path, -LiteralPath, -Logit and -Probability are not Mandatory, though each set needs its own: each is the only
        // parameter of its set that no other set has, so PowerShell chooses the set by it (or, given none of them, the
        // default set) and never has one to prompt for. A Mandatory parameter costs a check on every pipeline object
        // (PowerShell looks for missing mandatory parameters after binding each one): with four of them, ~0.25 us per
        // Import-Csv row. The input layer reads the default set without -Logit as no input, and refuses any other set
        // chosen without its parameter (InputSources.Given).

        /// <summary>CSV or TSV files to stream (wildcards allowed).</summary>
        [Parameter(ParameterSetName = PathSet, Position = 0, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Path { get; set; }

        /// <summary>CSV or TSV files to stream, taken literally (no wildcards).</summary>
        [Parameter(ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[]? LiteralPath { get; set; }

        /// <summary>Logits given directly: one row (2.0,1.0,0.1) or several ((2,1,0),(0,1,2)).</summary>
        [Parameter(ParameterSetName = LogitSet)]
        [ValidateNotNullOrEmpty]
        public object[]? Logit { get; set; }

        /// <summary>Probabilities given directly, shaped like -Logit.</summary>
        [Parameter(ParameterSetName = ProbabilitySet)]
        [ValidateNotNullOrEmpty]
        public object[]? Probability { get; set; }

        /// <summary>
        /// Targets for -Logit/-Probability rows: a class index or name per row, or a distribution per row; with -Path or
        /// -LiteralPath, those of a lone .npy of scores.
        /// </summary>
        [Parameter(ParameterSetName = LogitSet)]
        [Parameter(ParameterSetName = ProbabilitySet)]
        [Parameter(ParameterSetName = PathSet)]
        [Parameter(ParameterSetName = LiteralPathSet)]
        public object[]? Target { get; set; }

        /// <summary>Logit columns (names or wildcard patterns; default logit_*).</summary>
        [Parameter]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(ColumnCompleter))]
        public string[]? LogitColumn { get; set; }

        /// <summary>Probability columns (names or patterns; default p_* or prob_*): their presence means probability input.</summary>
        [Parameter]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(ColumnCompleter))]
        public string[]? ProbabilityColumn { get; set; }

        /// <summary>The label column (default label, target, y or class); labels are class names or indices.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(ColumnCompleter))]
        public string? LabelColumn { get; set; }

        /// <summary>Soft-target (or multi-label target) columns (default y_* or target_*).</summary>
        [Parameter]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(ColumnCompleter))]
        public string[]? TargetColumn { get; set; }

        /// <summary>Class names in order; also names the score columns when they have no prefix.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(ColumnCompleter))]
        public string[]? Class { get; set; }

        /// <summary>Per-row sample weights (scikit-learn's sample_weight).</summary>
        [Parameter]
        [ArgumentCompleter(typeof(ColumnCompleter))]
        public string? SampleWeightColumn { get; set; }

        /// <summary>One summary per value of this column.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(ColumnCompleter))]
        public string? GroupBy { get; set; }

        /// <summary>K score columns with K 0/1 target columns: multi-label binary loss.</summary>
        [Parameter]
        public SwitchParameter MultiLabel { get; set; }

        // The file options are offered only where files are read (-Path, -LiteralPath, and FileInfo objects from
        // Get-ChildItem, which bind to -LiteralPath by their PSPath): on rows or arrays they would do nothing.
        // -DecimalComma also reads the text cells of pipeline rows (Import-Csv of a comma-decimal file).

        /// <summary>Field delimiter of -Path files (default: detected; tab for .tsv).</summary>
        [Parameter(ParameterSetName = PathSet)]
        [Parameter(ParameterSetName = LiteralPathSet)]
        public char Delimiter { get; set; }

        /// <summary>
        /// Encoding of files without a byte order mark (default UTF-8; a BOM wins), as Import-Csv's -Encoding. Only
        /// where files are read: -Path, -LiteralPath, and FileInfo objects from the pipeline.
        /// </summary>
        [Parameter(ParameterSetName = PathSet)]
        [Parameter(ParameterSetName = LiteralPathSet)]
        [Parameter(ParameterSetName = ObjectSet)]
        [EncodingArgument]
        [ArgumentCompleter(typeof(EncodingCompleter))]
        public System.Text.Encoding? Encoding { get; set; }

        /// <summary>Read ',' as the decimal point (comma-decimal files, usually with -Delimiter ';', and their Import-Csv rows).</summary>
        [Parameter(ParameterSetName = ObjectSet)]
        [Parameter(ParameterSetName = PathSet)]
        [Parameter(ParameterSetName = LiteralPathSet)]
        public SwitchParameter DecimalComma { get; set; }

        /// <summary>Threads that parse and compute a -Path file's chunks at once (default: one per processor).</summary>
        [Parameter(ParameterSetName = PathSet)]
        [Parameter(ParameterSetName = LiteralPathSet)]
        [ValidateRange(1, 1024)]
        public int ThrottleLimit { get; set; } = Environment.ProcessorCount;

        /// <summary>The column options the parameters give (labels optional for cmdlets that can do without).</summary>
        private protected ColumnOptions Columns(bool labelOptional = false, string? idColumn = null) => new ColumnOptions
        {
            LogitColumn = LogitColumn,
            ProbabilityColumn = ProbabilityColumn,
            LabelColumn = LabelColumn,
            TargetColumn = TargetColumn,
            Class = Class,
            SampleWeightColumn = SampleWeightColumn,
            GroupBy = GroupBy,
            IdColumn = idColumn,
            LabelOptional = labelOptional,
            MultiLabel = MultiLabel.IsPresent,
        };

        /// <summary>How -Path files are read (delimiter and decimal mark).</summary>
        private protected CsvOptions CsvOptions() =>
            new CsvOptions { Delimiter = Delimiter == '\0' ? (char?)null : Delimiter, DecimalComma = DecimalComma.IsPresent, Encoding = Encoding };

        /// <summary>
        /// The component that reads this cmdlet's input into <paramref name="target"/>; sources that cannot be read go
        /// to <paramref name="failed"/> (default: written as errors); <paramref name="readsIds"/> reads the id column of
        /// pipeline objects too; <paramref name="writesTo"/> is the cmdlet's -OutFile, refused as an input.
        /// </summary>
        private protected InputSources Inputs(IRecordTarget target, ColumnOptions columns, Action<SourceFailure>? failed = null, bool readsIds = false,
            Output.OutFile? writesTo = null) =>
            new InputSources(this, target, columns, CsvOptions(), failed) { ReadsIds = readsIds, WritesTo = writesTo };
    }
}
