using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Tke.Kubernetes.Client;
using Tke.Kubernetes.Kubeconfig;

namespace Tke.Kubernetes.Tests.Hosting;

/// <summary>
/// `tke serve` as a child process on its own temporary data directory and a fixed port, so it
/// can be killed and started again at the same address. The directory is deleted on dispose.
/// </summary>
public sealed partial class TkeServe : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly StringBuilder _output = new();
    private readonly string[] _extraArguments;
    private Process? _process;

    private TkeServe(int port, string[] extraArguments)
    {
        Port = port;
        _extraArguments = extraArguments;
        DataDir = Path.Combine(Path.GetTempPath(), "tke-kubernetes-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDir);
    }

    public int Port { get; }

    public string DataDir { get; }

    public string KubeconfigPath => Path.Combine(DataDir, "admin.kubeconfig");

    public string CaPath => Path.Combine(DataDir, "pki", "ca.crt");

    public static async Task<TkeServe> StartAsync(params string[] extraServeArguments)
    {
        var server = new TkeServe(FreePort(), extraServeArguments);
        try
        {
            await server.StartProcessAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>A client of this server authenticated by its admin.kubeconfig, read with our own parser.</summary>
    public KubernetesClient CreateClient(KubernetesClientOptions? options = null) =>
        new(KubeconfigParser.Load(KubeconfigPath).ToConnection(), options);

    public async Task KillAsync()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(wait.Token);
        _process.Dispose();
        _process = null;
    }

    public async Task RestartAsync()
    {
        await KillAsync();
        await StartProcessAsync();
    }

    public string Output()
    {
        lock (_output)
        {
            return _output.Length > 6000 ? "..." + _output.ToString()[^6000..] : _output.ToString();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean; cleanup must not fail a test run.
        }
    }

    private async Task StartProcessAsync()
    {
        if (!File.Exists(DllPath))
        {
            throw new FileNotFoundException($"the server is not built: {DllPath}");
        }

        // A kubeconfig from an earlier run would look ready before this run is.
        File.Delete(KubeconfigPath);
        var serving = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var start = new ProcessStartInfo(DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = DataDir,
        };
        foreach (var argument in new[] { DllPath, "serve", "--data-dir", DataDir, "--listen", $"127.0.0.1:{Port}" }.Concat(_extraArguments))
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        DataReceivedEventHandler onLine = (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (_output)
            {
                _output.Append(e.Data).Append('\n');
            }

            if (ServingLine().IsMatch(e.Data))
            {
                serving.TrySetResult();
            }
        };
        process.OutputDataReceived += onLine;
        process.ErrorDataReceived += onLine;
        process.Exited += (_, _) => serving.TrySetException(new InvalidOperationException($"the server exited before serving:\n{Output()}"));
        process.Start();
        _process = process;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await serving.Task.WaitAsync(StartTimeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"the server did not report serving within {StartTimeout}:\n{Output()}");
        }

        var deadline = DateTime.UtcNow + StartTimeout;
        while (!File.Exists(KubeconfigPath))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{KubeconfigPath} was not written:\n{Output()}");
            }

            await Task.Delay(50);
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static string Configuration { get; } =
        typeof(TkeServe).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    private static string DllPath { get; } = Path.Combine(RepositoryRoot(), "src", "Tke.Cli", "bin", Configuration, "net10.0", "tke.dll");

    // The dotnet host running the tests also runs the server.
    private static string DotnetHost { get; } = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "tke.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no tke.slnx above {AppContext.BaseDirectory}");
    }

    [GeneratedRegex(@"tke is serving on https://")]
    private static partial Regex ServingLine();
}
