using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace CrossEntropy.PowerShell.Tests
{
    /// <summary>
    /// Debian's /usr/bin/chromium started headless with its own throwaway profile, driven over the Chrome DevTools
    /// Protocol with nothing but ClientWebSocket and System.Text.Json. Disposing kills the browser.
    /// </summary>
    public sealed class HeadlessChromium : IDisposable
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
        private readonly Process _process;
        private readonly string _profile;
        private readonly ClientWebSocket _socket = new();
        private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonObject>> _pending = new();
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _receiver;
        private int _nextId;

        /// <summary>Every event the page sent (method, params), in order.</summary>
        public ConcurrentQueue<(string Method, JsonObject Params)> Events { get; } = new();

        private HeadlessChromium(Process process, string profile, Uri page)
        {
            _process = process;
            _profile = profile;
            _socket.ConnectAsync(page, CancellationToken.None).Wait(Timeout);
            _receiver = Task.Run(ReceiveLoop);
        }

        /// <summary>Where the browser is: /usr/bin/chromium, else "chromium" on PATH; null when there is none.</summary>
        public static string? Find()
        {
            if (File.Exists("/usr/bin/chromium")) return "/usr/bin/chromium";
            foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
            {
                string candidate = Path.Combine(dir, "chromium");
                if (dir.Length > 0 && File.Exists(candidate)) return candidate;
            }
            return null;
        }

        /// <summary>
        /// The browser, or the test is skipped with the install command where there is none — except under CI
        /// (CI=true), where a missing browser fails the test: CI must run it (.ci/run installs it).
        /// </summary>
        public static string RequireOrSkip()
        {
            string? chromium = Find();
            const string missing = "Chromium is not installed: apt-get install -y chromium";
            bool ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
            Assert.False(chromium == null && ci, missing + " (CI=true: the browser test must run; .ci/run installs it).");
            Skip.If(chromium == null, missing + ".");
            return chromium!;
        }

        /// <summary>Starts the browser on about:blank and connects to that page.</summary>
        public static HeadlessChromium Start(string executable, string scratch)
        {
            string profile = Path.Combine(scratch, "profile");
            Directory.CreateDirectory(profile);
            var psi = new ProcessStartInfo(executable)
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            foreach (string a in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--remote-debugging-port=0", "--window-size=1280,2000", "about:blank",
            })
                psi.ArgumentList.Add(a);
            Process process = Process.Start(psi)!;
            process.ErrorDataReceived += (_, _) => { };
            process.OutputDataReceived += (_, _) => { };
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
            try
            {
                int port = ReadPort(profile, process);
                using var http = new HttpClient { Timeout = Timeout };
                var deadline = DateTime.UtcNow + Timeout;
                while (true)
                {
                    JsonArray targets = JsonNode.Parse(http.GetStringAsync($"http://127.0.0.1:{port}/json/list").Result)!.AsArray();
                    JsonNode? page = targets.FirstOrDefault(t => (string?)t!["type"] == "page");
                    if (page != null) return new HeadlessChromium(process, profile, new Uri((string)page["webSocketDebuggerUrl"]!));
                    if (DateTime.UtcNow > deadline) throw new TimeoutException("Chromium opened no page.");
                    Thread.Sleep(100);
                }
            }
            catch
            {
                Kill(process);
                throw;
            }
        }

        // Chromium writes the port it chose (and the browser's path) to DevToolsActivePort in the profile folder.
        private static int ReadPort(string profile, Process process)
        {
            string file = Path.Combine(profile, "DevToolsActivePort");
            var deadline = DateTime.UtcNow + Timeout;
            while (DateTime.UtcNow < deadline)
            {
                if (process.HasExited) throw new InvalidOperationException($"Chromium exited with code {process.ExitCode} before it listened.");
                if (File.Exists(file))
                {
                    string[] lines = File.ReadAllLines(file);
                    if (lines.Length > 0 && int.TryParse(lines[0], out int port) && port > 0) return port;
                }
                Thread.Sleep(50);
            }
            throw new TimeoutException("Chromium never wrote DevToolsActivePort.");
        }

        /// <summary>Sends a command and waits for its result (throws on a protocol error).</summary>
        public JsonObject Send(string method, object? parameters = null)
        {
            int id = Interlocked.Increment(ref _nextId);
            var done = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
            _pending[id] = done;
            string json = JsonSerializer.Serialize(new { id, method, @params = parameters ?? new { } });
            _socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None).Wait(Timeout);
            if (!done.Task.Wait(Timeout)) throw new TimeoutException($"No answer to {method}.");
            JsonObject answer = done.Task.Result;
            if (answer["error"] is JsonNode error) throw new InvalidOperationException($"{method}: {error.ToJsonString()}");
            return answer["result"]!.AsObject();
        }

        /// <summary>Waits until an event named <paramref name="method"/> has arrived.</summary>
        public void WaitFor(string method)
        {
            var deadline = DateTime.UtcNow + Timeout;
            while (!Events.Any(e => e.Method == method))
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"No {method} event.");
                Thread.Sleep(20);
            }
        }

        private async Task ReceiveLoop()
        {
            var buffer = new byte[1 << 16];
            var message = new MemoryStream();
            try
            {
                while (_socket.State == WebSocketState.Open && !_stop.IsCancellationRequested)
                {
                    WebSocketReceiveResult r = await _socket.ReceiveAsync(buffer, _stop.Token);
                    if (r.MessageType == WebSocketMessageType.Close) break;
                    message.Write(buffer, 0, r.Count);
                    if (!r.EndOfMessage) continue;
                    JsonObject o = JsonNode.Parse(message.ToArray())!.AsObject();
                    message.SetLength(0);
                    if (o["id"] is JsonNode id && _pending.TryRemove((int)id, out var waiter)) waiter.SetResult(o);
                    else if (o["method"] is JsonNode m) Events.Enqueue(((string)m!, o["params"]?.AsObject() ?? new JsonObject()));
                }
            }
            catch (OperationCanceledException)
            {
            }
            catch (WebSocketException)
            {
            }
        }

        /// <inheritdoc/>
        public void Dispose()
        {
            _stop.Cancel();
            try
            {
                _socket.Abort();
                _receiver.Wait(TimeSpan.FromSeconds(2));
            }
            catch (AggregateException)
            {
            }
            Kill(_process);
            try
            {
                Directory.Delete(_profile, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        private static void Kill(Process p)
        {
            try
            {
                if (!p.HasExited) p.Kill(entireProcessTree: true);
                p.WaitForExit(5000);
            }
            catch (InvalidOperationException)
            {
            }
            p.Dispose();
        }
    }
}
