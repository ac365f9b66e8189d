using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Threading;
using Xunit;

namespace CrossEntropy.PowerShell.Tests
{
    /// <summary>These tests time and stop long reads, so no other test may read files meanwhile.</summary>
    [CollectionDefinition(nameof(AloneGroup), DisableParallelization = true)]
    public sealed class AloneGroup
    {
    }

    /// <summary>
    /// Long-running -Path work: stopping, progress, early termination, files still being written. That a stopped read
    /// leaves no chunk worker running is proven where the workers are (CrossEntropy.Data.Tests' ParallelFileTests):
    /// the cmdlet reads a file through that one call, which returns only once its workers have finished.
    /// </summary>
    [Collection(nameof(AloneGroup))]
    public class StreamingTests
    {
        private static readonly Lazy<string> LargeFile = new(() => MakeFile(600_000));

        private static string MakeFile(int rows)
        {
            string path = Path.Combine(Repo.TempDir(), $"rows{rows}.csv");
            var rng = new Random(11);
            using var w = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
            w.Write("logit_0,logit_1,logit_2,logit_3,logit_4,logit_5,logit_6,logit_7,logit_8,logit_9,label\n");
            var sb = new StringBuilder();
            for (int i = 0; i < rows; i++)
            {
                sb.Clear();
                for (int c = 0; c < 10; c++) sb.Append(((float)(rng.NextDouble() * 6 - 3)).ToString("R", CultureInfo.InvariantCulture)).Append(',');
                sb.Append(rng.Next(10)).Append('\n');
                w.Write(sb);
            }
            return path;
        }

        [Fact]
        public void StopEndsPromptlyAndLeavesNoWorkerRunning()
        {
            using var s = new Hosting.ModuleSession();
            using var ps = System.Management.Automation.PowerShell.Create();
            ps.Runspace = s.Runspace;
            ps.AddScript("param($p) foreach ($i in 1..50) { Measure-CrossEntropy -Path $p -ThrottleLimit 2 }").AddArgument(LargeFile.Value);
            var output = new PSDataCollection<PSObject>();
            IAsyncResult pending = ps.BeginInvoke<PSObject, PSObject>(null, output);
            Thread.Sleep(500);
            ps.Stop(); // what Ctrl+C does; it returns once the pipeline has stopped
            Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
            Assert.True(output.Count < 50, $"{output.Count} of 50 reads finished: the stop came too late to show anything");
            _ = pending;
        }

        [Fact]
        public void StoppingAfterTheFirstRowsEndsTheReadEarly()
        {
            // What Select-Object -First 5 does in pwsh: once it has its rows it stops the pipeline upstream (the hosted
            // engine has no Select-Object, so the test stops the pipeline itself after five rows have come out).
            using var s = new Hosting.ModuleSession();
            string path = LargeFile.Value;

            using var ps = System.Management.Automation.PowerShell.Create();
            ps.Runspace = s.Runspace;
            ps.AddScript("param($p) Measure-CrossEntropy -Path $p -Reduction None").AddArgument(path);
            var output = new PSDataCollection<PSObject>();
            output.DataAdded += (_, e) =>
            {
                if (e.Index == 4) ps.BeginStop(null, null);
            };
            try
            {
                ps.Invoke(null, output);
            }
            catch (PipelineStoppedException)
            {
            }
            Assert.Equal(new long[] { 1, 2, 3, 4, 5 }, output.Take(5).Select(r => r.Prop<long>("Row")));
            // Rows produced, not seconds: a read that went on would have produced the file's 600,000 rows; one that
            // stops promptly produces at most the few chunks (4 MB, ~40,000 rows each) already in flight.
            Assert.True(output.Count < 200_000, $"{output.Count} rows were produced after the stop was asked for");
        }

        [Fact]
        public void ProgressIsReportedOnLongReadsAndSilencedByPreference()
        {
            using var s = new Hosting.ModuleSession();
            s.Invoke("param($p) Measure-CrossEntropy -Path $p -ThrottleLimit 1 -Reduction None | Out-Null", LargeFile.Value);
            var records = s.Host.Interface.Progress;
            Assert.NotEmpty(records);
            Assert.Contains(records, r => r.StatusDescription.Contains("rows/s") && r.PercentComplete is > 0 and <= 100);
            Assert.Equal(ProgressRecordType.Completed, records.Last().RecordType);
            records.Clear();
            s.Invoke("param($p) $ProgressPreference = 'SilentlyContinue'; Measure-CrossEntropy -Path $p -ThrottleLimit 1 -Reduction None | Out-Null", LargeFile.Value);
            Assert.Empty(records);
        }

        [Fact]
        public void AFileStillBeingWrittenGivesItsWholeRowsAndSaysSo()
        {
            using var s = new Hosting.ModuleSession();
            string path = Path.Combine(Repo.TempDir(), "growing.csv");
            using var writer = new StreamWriter(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite));
            writer.Write("logit_a,logit_b,label\n1,2,a\n3,1,b\n2,2,a\n0.5,0.");
            writer.Flush();
            // The writer goes on while we read: the file grows after it was opened.
            var grow = new Thread(() =>
            {
                Thread.Sleep(30);
                for (int i = 0; i < 200; i++)
                {
                    writer.Write("25,b\n1,2,a\n0.5,0.");
                    writer.Flush();
                    Thread.Sleep(1);
                }
            });
            using (var probe = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite)) { }
            grow.Start();
            Thread.Sleep(60);
            PSObject r = s.Invoke("param($p) Measure-CrossEntropy -Path $p", path).Single();
            grow.Join();
            long read = r.Prop<long>("Count");
            Assert.True(read >= 3, $"{read} rows");
            // Seen growing (the usual case): the unfinished last line is left out and a warning says how many rows
            // were read. If the writer happened to pause for the whole read, the file looked finished and its last
            // line was read as a row — then it is counted and reported like any other, never silently dropped, and
            // a warning still says the file grew while it was read.
            string warning = s.Warnings.Count > 0 ? s.Warnings[0].Message : "";
            // (The other warning, "grew while it was read (it is still being written?)", must not take this branch.)
            if (warning.Contains("is still being written: ", StringComparison.Ordinal))
            {
                Assert.True(warning.Contains($"is still being written: read its first {read} rows", StringComparison.Ordinal), $"Count {read}: {warning}");
                Assert.Equal(0L, r.Prop<long>("Rejected"));
            }
            else
            {
                Assert.True(warning.Length == 0 || warning.Contains("grew while it was read", StringComparison.Ordinal), warning);
                Assert.Equal(r.Prop<long>("Rejected"), s.Errors.Count);
            }
            Assert.Equal(read, r.Prop<long>("Used") + r.Prop<long>("Ignored") + r.Prop<long>("Rejected"));
        }
    }
}
