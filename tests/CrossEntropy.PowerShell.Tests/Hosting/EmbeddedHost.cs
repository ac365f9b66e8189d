using System;
using System.Globalization;
using System.IO;
using System.Management.Automation.Host;

namespace CrossEntropy.PowerShell.Tests.Hosting
{
    /// <summary>The PSHost the engine talks to: a UI over writers, and the exit code a script asks for.</summary>
    public sealed class EmbeddedHost : PSHost
    {
        private readonly Guid _id = Guid.NewGuid();

        /// <summary>Creates a host writing to <paramref name="output"/> and <paramref name="error"/>.</summary>
        public EmbeddedHost(TextWriter output, TextWriter error, int width, bool plainText)
        {
            Interface = new HostUserInterface(output, error, width, plainText);
        }

        /// <summary>The UI, typed.</summary>
        public HostUserInterface Interface { get; }

        /// <summary>The code passed to `exit`, if the script called it.</summary>
        public int? ExitCode { get; private set; }

        /// <inheritdoc/>
        public override CultureInfo CurrentCulture => CultureInfo.CurrentCulture;
        /// <inheritdoc/>
        public override CultureInfo CurrentUICulture => CultureInfo.CurrentUICulture;
        /// <inheritdoc/>
        public override Guid InstanceId => _id;
        /// <inheritdoc/>
        public override string Name => "CrossEntropy test host";
        /// <inheritdoc/>
        public override PSHostUserInterface UI => Interface;
        /// <inheritdoc/>
        public override Version Version => typeof(EmbeddedHost).Assembly.GetName().Version ?? new Version(0, 1);
        /// <inheritdoc/>
        public override void EnterNestedPrompt() => throw new NotSupportedException("Nested prompts need an interactive shell.");
        /// <inheritdoc/>
        public override void ExitNestedPrompt() => throw new NotSupportedException("Nested prompts need an interactive shell.");
        /// <inheritdoc/>
        public override void NotifyBeginApplication() { }
        /// <inheritdoc/>
        public override void NotifyEndApplication() { }
        /// <inheritdoc/>
        public override void SetShouldExit(int exitCode) => ExitCode = exitCode;

        /// <summary>Forgets the exit code of an earlier script (a session runs several).</summary>
        internal void ResetExitCode() => ExitCode = null;
    }
}
