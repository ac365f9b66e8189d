using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text.RegularExpressions;

namespace CrossEntropy.PowerShell.Tests.Hosting
{
    /// <summary>
    /// A non-interactive host UI: output to one writer, errors/warnings/verbose to another, no prompts.
    /// Progress records are kept (tests look at them) but not drawn.
    /// </summary>
    public sealed class HostUserInterface : PSHostUserInterface
    {
        private static readonly Regex Ansi = new Regex(@"\x1b\[[0-9;?]*[ -/]*[@-~]", RegexOptions.Compiled);
        private readonly TextWriter _out;
        private readonly TextWriter _err;
        private readonly bool _plain;

        /// <summary>Creates the UI over two writers and a buffer width; <paramref name="plainText"/> drops ANSI colour codes.</summary>
        public HostUserInterface(TextWriter output, TextWriter error, int width, bool plainText)
        {
            _out = output;
            _err = error;
            _plain = plainText;
            RawUI = new HostRawUserInterface(width);
        }

        /// <inheritdoc/>
        public override bool SupportsVirtualTerminal => !_plain;

        /// <summary>Every progress record written.</summary>
        public List<ProgressRecord> Progress { get; } = new List<ProgressRecord>();

        /// <inheritdoc/>
        public override PSHostRawUserInterface RawUI { get; }

        /// <inheritdoc/>
        public override void Write(string value) => _out.Write(Clean(value));
        /// <inheritdoc/>
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => _out.Write(Clean(value));
        /// <inheritdoc/>
        public override void WriteLine(string value) => _out.WriteLine(Clean(value));
        /// <inheritdoc/>
        public override void WriteErrorLine(string value) => _err.WriteLine(Clean(value));
        /// <inheritdoc/>
        public override void WriteWarningLine(string message) => _err.WriteLine("WARNING: " + Clean(message));
        /// <inheritdoc/>
        public override void WriteVerboseLine(string message) => _err.WriteLine("VERBOSE: " + Clean(message));
        /// <inheritdoc/>
        public override void WriteDebugLine(string message) => _err.WriteLine("DEBUG: " + Clean(message));

        private string Clean(string value) => _plain && value.Contains('\x1b', StringComparison.Ordinal) ? Ansi.Replace(value, "") : value;
        /// <inheritdoc/>
        public override void WriteProgress(long sourceId, ProgressRecord record) => Progress.Add(record);

        /// <inheritdoc/>
        public override string ReadLine() => throw NotInteractive();
        /// <inheritdoc/>
        public override SecureString ReadLineAsSecureString() => throw NotInteractive();
        /// <inheritdoc/>
        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) => throw NotInteractive();
        /// <inheritdoc/>
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw NotInteractive();
        /// <inheritdoc/>
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw NotInteractive();
        /// <inheritdoc/>
        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) => throw NotInteractive();

        private static PSInvalidOperationException NotInteractive() =>
            new PSInvalidOperationException("The test host is not interactive: it cannot prompt. Pass every value as a parameter.");
    }

    /// <summary>A fixed-size buffer: enough for the formatter to lay out tables.</summary>
    public sealed class HostRawUserInterface : PSHostRawUserInterface
    {
        private readonly int _width;

        /// <summary>Creates a raw UI <paramref name="width"/> columns wide.</summary>
        public HostRawUserInterface(int width) => _width = width;

        /// <inheritdoc/>
        public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;
        /// <inheritdoc/>
        public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;
        /// <inheritdoc/>
        public override Size BufferSize { get => new Size(_width, 9999); set { } }
        /// <inheritdoc/>
        public override Coordinates CursorPosition { get; set; }
        /// <inheritdoc/>
        public override int CursorSize { get; set; }
        /// <inheritdoc/>
        public override bool KeyAvailable => false;
        /// <inheritdoc/>
        public override Size MaxPhysicalWindowSize => new Size(_width, 9999);
        /// <inheritdoc/>
        public override Size MaxWindowSize => new Size(_width, 9999);
        /// <inheritdoc/>
        public override Coordinates WindowPosition { get; set; }
        /// <inheritdoc/>
        public override Size WindowSize { get => new Size(_width, 50); set { } }
        /// <inheritdoc/>
        public override string WindowTitle { get; set; } = "CrossEntropy test host";
        /// <inheritdoc/>
        public override void FlushInputBuffer() { }
        /// <inheritdoc/>
        public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw new NotSupportedException();
        /// <inheritdoc/>
        public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException("The host is not interactive.");
        /// <inheritdoc/>
        public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) { }
        /// <inheritdoc/>
        public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) { }
        /// <inheritdoc/>
        public override void SetBufferContents(Rectangle rectangle, BufferCell fill) { }
    }
}
