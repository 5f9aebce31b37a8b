using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Tke.Benchmarks;

/// <summary>
/// `dotnet tke.dll ...` as a child process with a fresh temporary directory of its own: both output
/// pipes are drained (the last lines kept for diagnosis), and starting waits for the line that says
/// where it serves. Disposing kills it and deletes the directory.
/// </summary>
public abstract partial class TkeChildProcess : IAsyncDisposable
{
    private const int RecentLines = 40;

    private readonly string _description;
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _recentOutput = new();
    private readonly TaskCompletionSource<Uri> _serving = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <param name="description">What it is, for messages ("server").</param>
    /// <param name="dataDir">The temporary directory it owns; deleted when it ends.</param>
    protected TkeChildProcess(string description, string dataDir, string workingDir, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        _description = description;
        DataDir = dataDir;
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDir,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        _process = new Process { StartInfo = start, EnableRaisingEvents = true };

        // Both pipes are drained for the process's whole life: a full pipe would stall its logging.
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        _process.Exited += (_, _) => _serving.TrySetException(new InvalidOperationException($"the {description} exited during start-up"));
    }

    public int Pid => _process.Id;

    public string DataDir { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines of its output, for diagnosing a failure.</summary>
    public string RecentOutput => string.Join(Environment.NewLine, _recentOutput);

    public ProcessStatus? ReadStatus() => ProcessStatus.Read(Pid);

    public async ValueTask DisposeAsync()
    {
        Stop();
        try
        {
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            Progress.Report($"{_description} pid {Pid} did not exit within 10 s of being killed");
        }

        _process.Dispose();
        TryDelete(DataDir);
    }

    /// <summary>
    /// Starts the process and waits until it says where it serves, then for <see cref="OnServingAsync"/>.
    /// Any failure on the way kills it, deletes its directory and is reported with its last output.
    /// </summary>
    protected async Task StartAsync(TimeSpan startTimeout, CancellationToken cancellationToken)
    {
        if (!_process.Start())
        {
            throw new InvalidOperationException($"could not start {_process.StartInfo.FileName}");
        }

        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        try
        {
            var address = await _serving.Task.WaitAsync(startTimeout, cancellationToken);
            await OnServingAsync(address, cancellationToken);
        }
        catch (Exception e)
        {
            Stop();
            _process.Dispose();
            TryDelete(DataDir);
            throw new InvalidOperationException($"the {_description} did not start ({e.Message}); its last output:{Environment.NewLine}{RecentOutput}", e);
        }
    }

    /// <summary>It serves at <paramref name="address"/>: read what it wrote at start-up (its token, its CA).</summary>
    protected abstract Task OnServingAsync(Uri address, CancellationToken cancellationToken);

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        _recentOutput.Enqueue(line);
        while (_recentOutput.Count > RecentLines && _recentOutput.TryDequeue(out _))
        {
        }

        if (ServingLine().Match(line) is { Success: true } match && Uri.TryCreate(match.Groups["address"].Value, UriKind.Absolute, out var uri))
        {
            _serving.TrySetResult(uri);
        }
    }

    private void Stop()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
    }

    private static void TryDelete(string dataDir)
    {
        try
        {
            Directory.Delete(dataDir, recursive: true);
        }
        catch (IOException e)
        {
            Progress.Report($"could not delete {dataDir}: {e.Message}");
        }
    }

    /// <summary>The dotnet host running this program, so the child runs on the same runtime.</summary>
    private static string DotnetHost()
    {
        var fromCli = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromCli) && File.Exists(fromCli))
        {
            return fromCli;
        }

        var self = Environment.ProcessPath;
        return self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
    }

    // Both `tke serve` and `tke sim-cluster` print "... is serving on https://host:port; admin kubeconfig: ...".
    [GeneratedRegex(@"is serving on (?<address>[^\s;]+)")]
    private static partial Regex ServingLine();
}
