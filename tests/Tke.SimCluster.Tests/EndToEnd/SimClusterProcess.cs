using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Tke.TestSupport.Processes;

namespace Tke.SimCluster.Tests.EndToEnd;

/// <summary>
/// `tke sim-cluster` run as a child process on a fresh data directory (killed and the directory
/// deleted on dispose), with the real kubectl pointed at its admin kubeconfig.
/// </summary>
public sealed partial class SimClusterProcess : IAsyncLifetime
{
    public const int NodeCount = 3;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly StringBuilder _output = new();
    private readonly Lock _lock = new();
    private readonly TaskCompletionSource<string> _serving = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Process? _process;

    public string DataDir { get; } = Path.Combine(Path.GetTempPath(), "tke-sim-tests", Guid.NewGuid().ToString("N"));

    public string KubeconfigPath => Path.Combine(DataDir, "admin.kubeconfig");

    public string Output
    {
        get
        {
            lock (_lock)
            {
                return _output.ToString();
            }
        }
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(DataDir);
        var dll = Path.Combine(RepositoryRoot(), "src", "Tke.Cli", "bin", Configuration(), "net10.0", "tke.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"tke is not built: {dll}");
        }

        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = DataDir,
        };
        foreach (var argument in new[] { dll, "sim-cluster", "--listen", "127.0.0.1:0", "--nodes", NodeCount.ToString(System.Globalization.CultureInfo.InvariantCulture), "--data-dir", DataDir })
        {
            start.ArgumentList.Add(argument);
        }

        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        _process.Exited += (_, _) => _serving.TrySetException(new InvalidOperationException($"sim-cluster exited before serving:\n{Output}"));
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        try
        {
            await _serving.Task.WaitAsync(StartTimeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"sim-cluster did not report serving within {StartTimeout}:\n{Output}");
        }
    }

    /// <summary>Runs kubectl with the simulated cluster's admin kubeconfig.</summary>
    public async Task<KubectlRun> KubectlAsync(params string[] arguments) => await KubectlWithInputAsync(null, arguments);

    public async Task<KubectlRun> KubectlWithInputAsync(string? stdin, params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("TKE_E2E_KUBECTL") is { Length: > 0 } path ? path : "/usr/bin/kubectl");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["KUBECONFIG"] = KubeconfigPath;
        start.Environment["KUBECACHEDIR"] = Path.Combine(DataDir, "kubectl-cache");
        var (exitCode, stdout, stderr) = await CompletedProcess.RunAsync(start, stdin, TimeSpan.FromSeconds(60), "kubectl " + string.Join(' ', arguments));
        return new KubectlRun(string.Join(' ', arguments), exitCode, stdout, stderr);
    }

    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync();
            _process.Dispose();
        }

        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean; cleanup must not fail a test run.
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lock)
        {
            _output.Append(line).Append('\n');
        }

        if (ServingLine().Match(line) is { Success: true } match && File.Exists(KubeconfigPath))
        {
            _serving.TrySetResult(match.Groups["address"].Value);
        }
    }

    private static string Configuration() =>
        typeof(SimClusterProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

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

    [GeneratedRegex(@"is serving on (?<address>https://[^\s;]+)")]
    private static partial Regex ServingLine();
}

/// <summary>One finished kubectl run.</summary>
public sealed record KubectlRun(string Command, int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Fails the test with kubectl's output unless it exited 0.</summary>
    public KubectlRun Succeeded()
    {
        Assert.True(ExitCode == 0, $"kubectl {Command} exited {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
        return this;
    }

    /// <summary>Rows of a table printed with --no-headers, split on whitespace.</summary>
    public IReadOnlyList<string[]> Rows() =>
        Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
}
