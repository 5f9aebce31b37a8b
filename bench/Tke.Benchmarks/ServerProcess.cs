namespace Tke.Benchmarks;

/// <summary>
/// `dotnet tke.dll serve` with a fresh temporary directory (data/ for the store, cwd/ as its
/// working directory) on a random loopback port. Disposing kills it and deletes the directory.
/// </summary>
public sealed class ServerProcess : TkeChildProcess
{
    /// <summary>The first administrator's password on the servers the benchmark starts.</summary>
    public const string AdminPassword = "BenchAdmin12345";

    private ServerProcess(string dataDir, string workingDir, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
        : base("server", dataDir, workingDir, arguments, environment)
    {
    }

    public ApiTarget Target { get; private set; } = null!;

    public static async Task<ServerProcess> StartAsync(string tkeDll, IReadOnlyDictionary<string, string> environment, TimeSpan startTimeout, CancellationToken cancellationToken, IReadOnlyList<string>? extraArguments = null)
    {
        var dataDir = Directory.CreateTempSubdirectory("tke-bench-").FullName;
        // The host watches its working directory tree for configuration changes (inotify): an empty
        // directory keeps file activity elsewhere on the machine, and the store's own writes, out of it.
        var workingDir = Directory.CreateDirectory(Path.Combine(dataDir, "cwd")).FullName;
        var arguments = new[] { tkeDll, "serve", "--data-dir", Path.Combine(dataDir, "data"), "--listen", "127.0.0.1:0", "--admin-password", AdminPassword }.Concat(extraArguments ?? []);
        var server = new ServerProcess(dataDir, workingDir, arguments, environment);
        await server.StartAsync(startTimeout, cancellationToken);
        return server;
    }

    protected override async Task OnServingAsync(Uri address, CancellationToken cancellationToken)
    {
        var pki = Path.Combine(DataDir, "data", "pki");
        var token = await File.ReadAllTextAsync(Path.Combine(pki, "admin.token"), cancellationToken);
        Target = ApiTarget.FromFiles(address, token, Path.Combine(pki, "ca.crt"));
    }
}
