using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;

namespace Tke.Benchmarks;

/// <summary>
/// `dotnet tke.dll sim-cluster` on a random loopback port with a fresh temporary data directory.
/// Its admin kubeconfig gives the bearer token and CA. Disposing kills it and deletes the directory.
/// </summary>
public sealed partial class SimClusterProcess : IAsyncDisposable
{
    private const int RecentLines = 40;

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _recentOutput;

    private SimClusterProcess(Process process, string dataDir, Uri address, string caPem, string token, ConcurrentQueue<string> recentOutput)
    {
        _process = process;
        DataDir = dataDir;
        Address = address;
        CaPem = caPem;
        Token = token;
        _recentOutput = recentOutput;
        var authorities = new X509Certificate2Collection();
        authorities.ImportFromPem(caPem);
        Target = new ApiTarget(address, token, authorities);
    }

    public int Pid => _process.Id;

    public string DataDir { get; }

    public Uri Address { get; }

    public string CaPem { get; }

    public string Token { get; }

    /// <summary>The simulated API server, authenticated as its admin.</summary>
    public ApiTarget Target { get; }

    public bool HasExited => _process.HasExited;

    public string RecentOutput => string.Join(Environment.NewLine, _recentOutput);

    public static async Task<SimClusterProcess> StartAsync(string tkeDll, int nodes, bool controllers, TimeSpan startTimeout, CancellationToken cancellationToken)
    {
        var dataDir = Directory.CreateTempSubdirectory("tke-bench-sim-").FullName;
        var start = new ProcessStartInfo(ServerProcess.DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = dataDir,
        };
        var arguments = new List<string> { tkeDll, "sim-cluster", "--listen", "127.0.0.1:0", "--nodes", nodes.ToString(CultureInfo.InvariantCulture), "--data-dir", Path.Combine(dataDir, "data") };
        if (!controllers)
        {
            arguments.Add("--no-controllers");
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var recent = new ConcurrentQueue<string>();
        var serving = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };

        // Both pipes are drained for the process's whole life: a full pipe would stall its logging.
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

            if (ServingLine().Match(line) is { Success: true } match && Uri.TryCreate(match.Groups["address"].Value, UriKind.Absolute, out var uri))
            {
                serving.TrySetResult(uri);
            }
        }

        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.Exited += (_, _) => serving.TrySetException(new InvalidOperationException("the simulated cluster exited during start-up"));
        if (!process.Start())
        {
            throw new InvalidOperationException($"could not start {start.FileName}");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var address = await serving.Task.WaitAsync(startTimeout, cancellationToken);
            var kubeconfig = await File.ReadAllTextAsync(Path.Combine(dataDir, "data", "admin.kubeconfig"), cancellationToken);
            var caPem = Encoding.UTF8.GetString(Convert.FromBase64String(KubeconfigField(kubeconfig, "certificate-authority-data")));
            return new SimClusterProcess(process, dataDir, address, caPem, KubeconfigField(kubeconfig, "token"), recent);
        }
        catch (Exception e)
        {
            Stop(process);
            process.Dispose();
            TryDelete(dataDir);
            throw new InvalidOperationException($"the simulated cluster did not start ({e.Message}); its last output:{Environment.NewLine}{string.Join(Environment.NewLine, recent)}", e);
        }
    }

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
            Progress.Report($"simulated cluster pid {Pid} did not exit within 10 s of being killed");
        }

        _process.Dispose();
        TryDelete(DataDir);
    }

    private static string KubeconfigField(string kubeconfig, string key)
    {
        var match = Regex.Match(kubeconfig, $@"^\s*{Regex.Escape(key)}:\s*(?<value>\S+)\s*$", RegexOptions.Multiline);
        return match.Success ? match.Groups["value"].Value.Trim('"') : throw new InvalidOperationException($"no {key} in the simulated cluster's admin kubeconfig");
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

    [GeneratedRegex(@"is serving on (?<address>https://[^\s;]+)")]
    private static partial Regex ServingLine();
}
