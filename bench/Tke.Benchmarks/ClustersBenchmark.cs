using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Tke.Benchmarks;

/// <summary>
/// `tke-bench clusters`: a `tke serve` and simulated clusters started here, for the cluster proxy's
/// added latency, the health probes of many clusters, and paged lists of a large cluster.
/// </summary>
public static class ClustersBenchmark
{
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromSeconds(10);

    public const string Usage = """
        Usage: tke-bench clusters [options]
          --clusters N       registrations for the health-probe measurement (default 200)
          --nodes N          nodes of the large simulated cluster (default 1000)
          --pods N           pods of the large simulated cluster (default 30000)
          --duration SECONDS each latency measurement of the proxy comparison (default 5)
          --tke-dll PATH     the server build (default src/Tke.Cli/bin/Release/net10.0/tke.dll)

        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["--clusters"] = "200", ["--nodes"] = "1000", ["--pods"] = "30000", ["--duration"] = "5", ["--tke-dll"] = "",
        };
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "-h" or "--help")
            {
                await Console.Out.WriteAsync(Usage);
                return 0;
            }

            if (!settings.ContainsKey(args[i]) || i + 1 >= args.Length)
            {
                await Console.Error.WriteLineAsync($"tke-bench clusters: unknown option or missing value: {args[i]}");
                return 2;
            }

            settings[args[i]] = args[++i];
        }

        int Number(string name) => int.Parse(settings[name], CultureInfo.InvariantCulture);
        var dll = settings["--tke-dll"] is { Length: > 0 } given ? given : TkeDllLocator.Find();
        if (dll is null || !File.Exists(dll))
        {
            await Console.Error.WriteLineAsync($"tke-bench clusters: server not found at {dll}; build it with `dotnet build src/Tke.Cli -c Release` or pass --tke-dll");
            return 2;
        }

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true; // stop and still kill the processes and delete their directories
            stop.Cancel();
        };

        dll = Path.GetFullPath(dll);
        var startTimeout = TimeSpan.FromSeconds(90);
        ServerProcess? platform = null;
        SimClusterProcess? small = null;
        SimClusterProcess? large = null;
        try
        {
            Progress.Report("starting tke serve");
            platform = await ServerProcess.StartAsync(dll, new Dictionary<string, string>(), startTimeout, stop.Token,
                ["--cluster-probe-interval", $"{ProbeInterval.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s"]);
            Progress.Report($"platform pid {platform.Pid} on {platform.Target.BaseAddress}");
            small = await SimClusterProcess.StartAsync(dll, 3, controllers: true, startTimeout, stop.Token);
            Progress.Report($"simulated cluster (3 nodes) pid {small.Pid} on {small.Address}");

            using (var admin = new ApiClient(platform.Target, HttpProtocol.Http11, 2, TimeSpan.FromSeconds(30)))
            {
                var registration = new ClusterRegistration(admin);
                await registration.ImportAsync("cls-small", small, stop.Token);
                await registration.WaitUntilRunningAsync(["cls-small"], TimeSpan.FromSeconds(60), stop.Token);
            }

            await new PodSeeder(small.Target, 3).SeedAsync("default", 50, TimeSpan.FromSeconds(60), stop.Token);
            var rows = new List<ClustersReportRow>();
            rows.AddRange(await new ProxyOverheadPhase(platform.Target, small.Target, "cls-small")
                .RunAsync([1, 8], TimeSpan.FromSeconds(Number("--duration")), stop.Token));

            rows.AddRange(await new ClusterFleetHealthPhase(platform.Target, platform.Pid, small, ProbeInterval)
                .RunAsync(Number("--clusters"), TimeSpan.FromSeconds(30), stop.Token));

            var nodes = Number("--nodes");
            var pods = Number("--pods");
            large = await SimClusterProcess.StartAsync(dll, nodes, controllers: false, startTimeout, stop.Token);
            Progress.Report($"large simulated cluster ({nodes} nodes, controllers off) pid {large.Pid} on {large.Address}; creating {pods:N0} bound, Running pods");
            var seeding = System.Diagnostics.Stopwatch.StartNew();
            await new PodSeeder(large.Target, nodes).SeedAsync("default", pods, TimeSpan.FromMinutes(20), stop.Token);
            rows.Add(new ClustersReportRow("(c) seeding (direct to the simulated cluster)",
                string.Create(CultureInfo.InvariantCulture, $"{pods:N0} pods created + marked Running in {seeding.Elapsed.TotalSeconds:F0} s ({pods / seeding.Elapsed.TotalSeconds:N0} pods/s, 2 requests each)"), "—", null));
            using (var admin = new ApiClient(platform.Target, HttpProtocol.Http11, 2, TimeSpan.FromSeconds(30)))
            {
                var registration = new ClusterRegistration(admin);
                await registration.ImportAsync("cls-large", large, stop.Token);
                await registration.WaitUntilRunningAsync(["cls-large"], TimeSpan.FromSeconds(60), stop.Token);
            }

            rows.AddRange(await new LargeClusterListPhase(platform.Target, "cls-large").RunAsync(pods, 500, 3, stop.Token));

            await Console.Out.WriteAsync(Render(rows, Number("--clusters"), nodes, pods));
            return rows.All(r => r.Passed != false) ? 0 : 1;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("tke-bench clusters: interrupted");
            return 130;
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or IOException or TimeoutException or FormatException)
        {
            await Console.Error.WriteLineAsync($"tke-bench clusters: {e.Message}");
            foreach (var (what, output) in new[] { ("platform", platform?.RecentOutput), ("simulated cluster", small?.RecentOutput), ("large simulated cluster", large?.RecentOutput) })
            {
                if (output is not null)
                {
                    await Console.Error.WriteLineAsync($"{what} output (last lines):{Environment.NewLine}{output}");
                }
            }

            return 2;
        }
        finally
        {
            foreach (var sim in new[] { large, small })
            {
                if (sim is not null)
                {
                    await sim.DisposeAsync();
                }
            }

            if (platform is not null)
            {
                await platform.DisposeAsync();
            }
        }
    }

    private static string Render(IReadOnlyList<ClustersReportRow> rows, int clusters, int nodes, int pods)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"tke-bench clusters on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC: `tke serve` (SQLite, HTTPS on loopback, --cluster-probe-interval {ProbeInterval.TotalSeconds:F0}s) and `tke sim-cluster` processes started here.");
        md.AppendLine();
        md.AppendLine("- (a) a 3-node simulated cluster with controllers, 50 Running pods in default; HTTP/1.1 keep-alive, one connection per client");
        md.AppendLine(CultureInfo.InvariantCulture, $"- (b) {clusters} Cluster registrations, each with its own ClusterCredential, all backed by that one simulated API server (probes: version + node list)");
        md.AppendLine(CultureInfo.InvariantCulture, $"- (c) a second simulated cluster with {nodes:N0} nodes and {pods:N0} pods created bound (spec.nodeName) and set Running through the status subresource, controllers off; the {clusters} registrations of (b) keep being probed meanwhile");
        md.AppendLine(CultureInfo.InvariantCulture, $"- client: .NET {Environment.Version}, {Environment.ProcessorCount} processors, {RuntimeInformation.OSDescription}; client, platform and simulated clusters share the machine");
        md.AppendLine();
        md.AppendLine("| measurement | figure | target | result |");
        md.AppendLine("|---|---|---|---|");
        foreach (var row in rows)
        {
            var verdict = row.Passed switch { true => "pass", false => "**miss**", null => "—" };
            md.AppendLine(CultureInfo.InvariantCulture, $"| {row.Measurement} | {row.Value} | {row.Target} | {verdict} |");
        }

        return md.ToString();
    }
}
