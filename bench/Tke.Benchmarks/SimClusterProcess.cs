using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;

namespace Tke.Benchmarks;

/// <summary>
/// `dotnet tke.dll sim-cluster` on a random loopback port with a fresh temporary data directory.
/// Its admin kubeconfig gives the bearer token and CA. Disposing kills it and deletes the directory.
/// </summary>
public sealed class SimClusterProcess : TkeChildProcess
{
    private SimClusterProcess(string dataDir, IEnumerable<string> arguments)
        : base("simulated cluster", dataDir, dataDir, arguments)
    {
    }

    public Uri Address { get; private set; } = null!;

    public string CaPem { get; private set; } = "";

    public string Token { get; private set; } = "";

    /// <summary>The simulated API server, authenticated as its admin.</summary>
    public ApiTarget Target { get; private set; } = null!;

    public static async Task<SimClusterProcess> StartAsync(string tkeDll, int nodes, bool controllers, TimeSpan startTimeout, CancellationToken cancellationToken)
    {
        var dataDir = Directory.CreateTempSubdirectory("tke-bench-sim-").FullName;
        var arguments = new List<string> { tkeDll, "sim-cluster", "--listen", "127.0.0.1:0", "--nodes", nodes.ToString(CultureInfo.InvariantCulture), "--data-dir", Path.Combine(dataDir, "data") };
        if (!controllers)
        {
            arguments.Add("--no-controllers");
        }

        var sim = new SimClusterProcess(dataDir, arguments);
        await sim.StartAsync(startTimeout, cancellationToken);
        return sim;
    }

    protected override async Task OnServingAsync(Uri address, CancellationToken cancellationToken)
    {
        var kubeconfig = await File.ReadAllTextAsync(Path.Combine(DataDir, "data", "admin.kubeconfig"), cancellationToken);
        Address = address;
        CaPem = Encoding.UTF8.GetString(Convert.FromBase64String(KubeconfigField(kubeconfig, "certificate-authority-data")));
        Token = KubeconfigField(kubeconfig, "token");
        var authorities = new X509Certificate2Collection();
        authorities.ImportFromPem(CaPem);
        Target = new ApiTarget(address, Token, authorities);
    }

    private static string KubeconfigField(string kubeconfig, string key)
    {
        var match = Regex.Match(kubeconfig, $@"^\s*{Regex.Escape(key)}:\s*(?<value>\S+)\s*$", RegexOptions.Multiline);
        return match.Success ? match.Groups["value"].Value.Trim('"') : throw new InvalidOperationException($"no {key} in the simulated cluster's admin kubeconfig");
    }
}
