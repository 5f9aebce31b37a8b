using System.Collections.Concurrent;
using System.Diagnostics;

namespace Tke.Benchmarks;

/// <summary>
/// `dotnet tke.dll serve` with a fresh temporary directory (data/ for the store, cwd/ as its
/// working directory) on a random loopback port. Disposing kills it and deletes the directory.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private const string ServingPrefix = "tke is serving on ";
    private const int RecentLines = 40;

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _recentOutput;

    private ServerProcess(Process process, string dataDir, ApiTarget target, ConcurrentQueue<string> recentOutput)
    {
        _process = process;
        DataDir = dataDir;
        Target = target;
        _recentOutput = recentOutput;
    }

    /// <summary>The first administrator's password on the servers the benchmark starts.</summary>
    public const string AdminPassword = "BenchAdmin12345";

    public int Pid => _process.Id;

    public string DataDir { get; }

    public ApiTarget Target { get; }

    public bool HasExited => _process.HasExited;

    public static async Task<ServerProcess> StartAsync(string tkeDll, IReadOnlyDictionary<string, string> environment, TimeSpan startTimeout, CancellationToken cancellationToken, IReadOnlyList<string>? extraArguments = null)
    {
        var dataDir = Directory.CreateTempSubdirectory("tke-bench-").FullName;
        // The host watches its working directory tree for configuration changes (inotify): an empty
        // directory keeps file activity elsewhere on the machine, and the store's own writes, out of it.
        var workingDir = Directory.CreateDirectory(Path.Combine(dataDir, "cwd")).FullName;
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDir,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        foreach (var arg in new[] { tkeDll, "serve", "--data-dir", Path.Combine(dataDir, "data"), "--listen", "127.0.0.1:0", "--admin-password", AdminPassword }.Concat(extraArguments ?? []))
        {
            start.ArgumentList.Add(arg);
        }

        var recent = new ConcurrentQueue<string>();
        var serving = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };

        // Both pipes are drained for the server's whole life: a full pipe would stall its logging.
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            recent.Enqueue(line);
            while (recent.Count > RecentLines && recent.TryDequeue(out _))
            {
            }

            var at = line.IndexOf(ServingPrefix, StringComparison.Ordinal);
            if (at >= 0)
            {
                var url = line[(at + ServingPrefix.Length)..].Split([';', ' '], 2)[0];
                if (Uri.TryCreate(url, UriKind.Absolute, out var uri))
                {
                    serving.TrySetResult(uri);
                }
            }
        }

        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.Exited += (_, _) => serving.TrySetException(new InvalidOperationException("the server exited during start-up"));
        if (!process.Start())
        {
            throw new InvalidOperationException($"could not start {start.FileName}");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var address = await serving.Task.WaitAsync(startTimeout, cancellationToken);
            var pki = Path.Combine(dataDir, "data", "pki");
            var token = await File.ReadAllTextAsync(Path.Combine(pki, "admin.token"), cancellationToken);
            var target = ApiTarget.FromFiles(address, token, Path.Combine(pki, "ca.crt"));
            return new ServerProcess(process, dataDir, target, recent);
        }
        catch (Exception e)
        {
            Stop(process);
            process.Dispose();
            TryDelete(dataDir);
            throw new InvalidOperationException($"the server did not start ({e.Message}); its last output:{Environment.NewLine}{string.Join(Environment.NewLine, recent)}", e);
        }
    }

    /// <summary>The server's last lines of output, for diagnosing a failure.</summary>
    public string RecentOutput => string.Join(Environment.NewLine, _recentOutput);

    public ProcessStatus? ReadStatus() => ProcessStatus.Read(Pid);

    public async ValueTask DisposeAsync()
    {
        Stop(_process);
        try
        {
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            Progress.Report($"server pid {Pid} did not exit within 10 s of being killed");
        }

        _process.Dispose();
        TryDelete(DataDir);
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
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

    /// <summary>The dotnet host running this program, so the server runs on the same runtime.</summary>
    public static string DotnetHost()
    {
        var fromCli = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromCli) && File.Exists(fromCli))
        {
            return fromCli;
        }

        var self = Environment.ProcessPath;
        return self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
    }
}
