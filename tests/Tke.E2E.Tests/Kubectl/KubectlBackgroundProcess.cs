using System.Diagnostics;
using System.Text;
using System.Threading.Channels;
using Tke.E2E.Tests.Hosting;

namespace Tke.E2E.Tests.Kubectl;

/// <summary>
/// A long-running kubectl (`get -w`, `logs -f`, `port-forward`): stdout lines are read as they
/// come, stderr is kept, and its exit can be awaited. Killed on dispose.
/// </summary>
public sealed class KubectlBackgroundProcess : IAsyncDisposable
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly IReadOnlyList<string> _arguments;
    private readonly ServerOutput _serverOutput;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly List<string> _seen = [];
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource _stderrClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private KubectlBackgroundProcess(Process process, IReadOnlyList<string> arguments, ServerOutput serverOutput)
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

    public static KubectlBackgroundProcess Start(Process process, IReadOnlyList<string> arguments, ServerOutput serverOutput)
    {
        var background = new KubectlBackgroundProcess(process, arguments, serverOutput);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                background._lines.Writer.TryComplete();
            }
            else
            {
                background._lines.Writer.TryWrite(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                background._stderrClosed.TrySetResult();
                return;
            }

            lock (background._stderr)
            {
                background._stderr.Append(e.Data).Append('\n');
            }
        };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return background;
    }

    /// <summary>Reads stdout lines until one matches; fails with everything seen if none does in time.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> predicate, string description, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? DefaultTimeout);
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
        var deadline = DateTime.UtcNow + DefaultTimeout;
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
        using var deadline = new CancellationTokenSource(DefaultTimeout);
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
