using System.Diagnostics;
using System.Text;
using System.Threading.Channels;
using Tke.E2E.Tests.Hosting;

namespace Tke.E2E.Tests.Kubectl;

/// <summary>
/// A long-running kubectl (logs -f, port-forward) with its own environment: stdout lines are read
/// as they come, stderr is kept, and its exit can be awaited. Killed on dispose.
/// </summary>
public sealed class SimStreamingProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly IReadOnlyList<string> _arguments;
    private readonly ServerOutput _serverOutput;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly List<string> _seen = [];
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource _stderrClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SimStreamingProcess(Process process, IReadOnlyList<string> arguments, ServerOutput serverOutput)
    {
        _process = process;
        _arguments = arguments;
        _serverOutput = serverOutput;
    }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public static SimStreamingProcess Start(string kubeconfig, ServerOutput serverOutput, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(KubectlRunner.Executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["KUBECONFIG"] = kubeconfig;
        start.Environment["KUBECACHEDIR"] = Path.Combine(Path.GetDirectoryName(kubeconfig)!, "kubectl-cache");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var running = new SimStreamingProcess(new Process { StartInfo = start }, arguments, serverOutput);
        running._process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                running._lines.Writer.TryComplete();
            }
            else
            {
                running._lines.Writer.TryWrite(e.Data);
            }
        };
        running._process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                running._stderrClosed.TrySetResult();
                return;
            }

            lock (running._stderr)
            {
                running._stderr.Append(e.Data).Append('\n');
            }
        };
        running._process.Start();
        running._process.StandardInput.Close();
        running._process.BeginOutputReadLine();
        running._process.BeginErrorReadLine();
        return running;
    }

    /// <summary>Reads stdout lines until one matches; fails with everything seen if none does in time.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> predicate, string description)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            while (await _lines.Reader.WaitToReadAsync(deadline.Token))
            {
                while (_lines.Reader.TryRead(out var line))
                {
                    _seen.Add(line);
                    if (predicate(line))
                    {
                        return line;
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw Failure($"timed out waiting for {description}");
        }

        throw Failure($"kubectl's output ended before {description}");
    }

    /// <summary>Waits until stderr says something matching; fails with everything seen if it does not in time.</summary>
    public async Task WaitForStderrAsync(string text)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!Stderr.Contains(text, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw Failure($"timed out waiting for \"{text}\" on stderr");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Waits for kubectl to exit by itself; its exit code.</summary>
    public async Task<int> WaitForExitAsync()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
            await _stderrClosed.Task.WaitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            throw Failure("kubectl did not exit in time");
        }

        return _process.ExitCode;
    }

    private Xunit.Sdk.XunitException Failure(string what) => new(
        $"{what}\nkubectl {string.Join(' ', _arguments)}\n--- stdout lines ---\n{string.Join('\n', _seen)}\n--- stderr ---\n{Stderr}\n--- server output (tail) ---\n{_serverOutput.Tail()}");

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (InvalidOperationException)
        {
            // already gone
        }

        _process.Dispose();
    }
}
