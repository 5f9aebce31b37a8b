using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Tke.E2E.Tests.Hosting;

/// <summary>One run of `tke serve` as a child process, from start until it is killed.</summary>
public sealed partial class TkeServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly TaskCompletionSource<Uri> _serving = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private TkeServerProcess(Process process, ServerOutput output)
    {
        _process = process;
        Output = output;
    }

    public ServerOutput Output { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Starts the server on <paramref name="dataDir"/> and waits for its "serving" line.</summary>
    public static async Task<TkeServerProcess> StartAsync(string dataDir, IReadOnlyList<string> extraArguments, ServerOutput output)
    {
        if (!File.Exists(TkeBinary.DllPath))
        {
            throw new FileNotFoundException($"the server is not built: {TkeBinary.DllPath} (run `dotnet build src/Tke.Cli -c {TkeBinary.Configuration}`)");
        }

        var start = new ProcessStartInfo(TkeBinary.DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = dataDir,
        };
        foreach (var argument in new[] { TkeBinary.DllPath, "serve", "--data-dir", dataDir, "--listen", "127.0.0.1:0" }.Concat(extraArguments))
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var server = new TkeServerProcess(process, output);
        process.OutputDataReceived += (_, e) => server.OnLine("out", e.Data);
        process.ErrorDataReceived += (_, e) => server.OnLine("err", e.Data);
        process.Exited += (_, _) => server._serving.TrySetException(new InvalidOperationException($"the server exited before serving:\n{output.Tail()}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server._serving.Task.WaitAsync(StartTimeout);
        }
        catch (TimeoutException)
        {
            await server.DisposeAsync();
            throw new TimeoutException($"the server did not report serving within {StartTimeout}:\n{output.Tail()}");
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    public Uri Address => _serving.Task.IsCompletedSuccessfully ? _serving.Task.Result : throw new InvalidOperationException("the server is not serving");

    private void OnLine(string stream, string? line)
    {
        Output.Append(stream, line);
        if (line is not null && ServingLine().Match(line) is { Success: true } match)
        {
            _serving.TrySetResult(new Uri(match.Groups["address"].Value));
        }
    }

    /// <summary>SIGKILL: no shutdown code runs, as in a crash or power loss of the process.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(wait.Token);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync();
        }
        catch (InvalidOperationException)
        {
            // never started
        }

        _process.Dispose();
    }

    [GeneratedRegex(@"tke is serving on (?<address>https://[^\s;]+)")]
    private static partial Regex ServingLine();
}
