using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Tke.E2E.Tests.Hosting;
using Tke.E2E.Tests.Kubectl;

namespace Tke.E2E.Tests.Clusters;

/// <summary>
/// `tke sim-cluster` as a child process on its own data directory. It can be killed and started
/// again on the same directory and port, as a cluster that dies and comes back.
/// </summary>
/// <param name="extraArguments">Further `tke sim-cluster` flags, e.g. --authorization-mode AlwaysAllow.</param>
public sealed partial class SimCluster(params string[] extraArguments) : IClusterUnderTest, IAsyncDisposable
{
    public const int NodeCount = 3;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private Process? _process;
    private int _port;

    public string DataDir { get; } = Path.Combine(Path.GetTempPath(), "tke-e2e-sim", Guid.NewGuid().ToString("N"));

    public ServerOutput Output { get; } = new();

    /// <summary>host:port without scheme, as the import form takes it.</summary>
    public string HostPort => $"127.0.0.1:{_port}";

    public int Port => _port;

    /// <summary>The CA certificate (PEM) from the admin kubeconfig's certificate-authority-data.</summary>
    public string CaPem => Encoding.UTF8.GetString(Convert.FromBase64String(KubeconfigField("certificate-authority-data")));

    /// <summary>The bearer token from the admin kubeconfig.</summary>
    public string Token => KubeconfigField("token");

    public string Host => "127.0.0.1";

    public string? PathPrefix => null;

    public string? ClientCertificatePem => null;

    public string? ClientKeyPem => null;

    public string AdminKubeconfigPath => Path.Combine(DataDir, "admin.kubeconfig");

    public bool IsSimulated => true;

    string? IClusterUnderTest.Token => Token;

    public async Task StartAsync()
    {
        Directory.CreateDirectory(DataDir);
        var kubeconfig = Path.Combine(DataDir, "admin.kubeconfig");
        File.Delete(kubeconfig);
        var start = new ProcessStartInfo(TkeBinary.DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = DataDir,
        };
        foreach (var argument in new[] { TkeBinary.DllPath, "sim-cluster", "--listen", $"127.0.0.1:{_port}", "--nodes", NodeCount.ToString(CultureInfo.InvariantCulture), "--data-dir", DataDir }.Concat(extraArguments))
        {
            start.ArgumentList.Add(argument);
        }

        var serving = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        void OnLine(string stream, string? line)
        {
            Output.Append(stream, line);
            if (line is not null && ServingLine().Match(line) is { Success: true } match)
            {
                serving.TrySetResult(new Uri(match.Groups["address"].Value));
            }
        }

        process.OutputDataReceived += (_, e) => OnLine("out", e.Data);
        process.ErrorDataReceived += (_, e) => OnLine("err", e.Data);
        process.Exited += (_, _) => serving.TrySetException(new InvalidOperationException($"sim-cluster exited before serving:\n{Output.Tail()}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        try
        {
            _port = (await serving.Task.WaitAsync(StartTimeout)).Port;
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"sim-cluster did not report serving within {StartTimeout}:\n{Output.Tail()}");
        }

        var deadline = DateTime.UtcNow + StartTimeout;
        while (!File.Exists(kubeconfig) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// As the cluster's operator (admin.kubeconfig, system:masters), binds ClusterRole
    /// <paramref name="clusterRole"/> to one user: with a RoleBinding in <paramref name="ns"/>, or
    /// cluster-wide when it is null. Returns once the cluster's RBAC lets the user
    /// <paramref name="verb"/> <paramref name="resource"/>, as it follows bindings through a watch.
    /// </summary>
    public async Task GrantAsync(string user, string clusterRole, string? ns, string verb, string resource)
    {
        var kubectl = new KubectlRunner(Path.Combine(DataDir, "admin.kubeconfig"), Path.Combine(DataDir, "kubectl-cache"), Output);
        var name = $"e2e-{clusterRole}-{Guid.NewGuid().ToString("N")[..8]}";
        string[] scope = ns is null ? [] : ["-n", ns];
        string[] create = ns is null ? ["create", "clusterrolebinding", name] : ["create", "rolebinding", name];
        (await kubectl.RunAsync([.. create, "--clusterrole", clusterRole, "--user", user, .. scope], null, null)).EnsureSuccess();
        var deadline = DateTime.UtcNow + StartTimeout;
        while ((await kubectl.RunAsync(["auth", "can-i", verb, resource, "--as", user, .. scope], null, null)).Stdout.Trim() != "yes")
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"ClusterRole {clusterRole} bound to {user} did not take effect within {StartTimeout}:\n{Output.Tail()}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>SIGKILL, as a cluster whose API server dies.</summary>
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

    private string KubeconfigField(string key)
    {
        var text = File.ReadAllText(Path.Combine(DataDir, "admin.kubeconfig"));
        var match = Regex.Match(text, $@"^\s*{Regex.Escape(key)}:\s*(?<value>\S+)\s*$", RegexOptions.Multiline);
        return match.Success ? match.Groups["value"].Value.Trim('"') : throw new InvalidOperationException($"no {key} in the sim cluster's kubeconfig:\n{text}");
    }

    [GeneratedRegex(@"is serving on (?<address>https://[^\s;]+)")]
    private static partial Regex ServingLine();
}
