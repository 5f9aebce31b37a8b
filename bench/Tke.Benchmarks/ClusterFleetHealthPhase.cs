using System.Diagnostics;
using System.Globalization;

namespace Tke.Benchmarks;

/// <summary>
/// (b) Many registered clusters under the platform's health probes: the registrations all point at
/// one simulated API server. Measures the platform's CPU at rest over a window in which the
/// benchmark sends it nothing, then how the probe rounds keep to the configured interval.
/// </summary>
public sealed class ClusterFleetHealthPhase(ApiTarget platform, int platformPid, SimClusterProcess sim, TimeSpan probeInterval)
{
    private const double TargetCores = 0.05;
    private const int RegistrationClients = 8;

    public async Task<IReadOnlyList<ClustersReportRow>> RunAsync(int clusters, TimeSpan cpuWindow, CancellationToken cancellationToken)
    {
        using var client = new ApiClient(platform, HttpProtocol.Http11, RegistrationClients, TimeSpan.FromSeconds(30));
        var registration = new ClusterRegistration(client);
        var names = Enumerable.Range(1, clusters).Select(i => string.Create(CultureInfo.InvariantCulture, $"cls-fleet{i:D4}")).ToArray();

        Progress.Report($"fleet: registering {clusters} clusters, each with its own credential, all backed by the simulated cluster at {sim.Address}");
        var watch = Stopwatch.StartNew();
        var next = -1;
        async Task RegisterAsync()
        {
            for (var i = Interlocked.Increment(ref next); i < names.Length; i = Interlocked.Increment(ref next))
            {
                await registration.ImportAsync(names[i], sim, cancellationToken);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, RegistrationClients).Select(_ => Task.Run(RegisterAsync, cancellationToken)));
        var registered = watch.Elapsed;
        await registration.WaitUntilRunningAsync(names, TimeSpan.FromSeconds(120), cancellationToken);
        var allRunning = watch.Elapsed;
        Progress.Report(string.Create(CultureInfo.InvariantCulture, $"fleet: registered in {registered.TotalSeconds:F1} s, all Running after {allRunning.TotalSeconds:F1} s"));

        // Let the first, registration-driven probe burst pass, so the window sees steady state only.
        await Task.Delay(probeInterval + TimeSpan.FromSeconds(2), cancellationToken);
        await WaitForQuietMachineAsync(TimeSpan.FromSeconds(90), cancellationToken);
        Progress.Report($"fleet: measuring CPU at rest for {cpuWindow.TotalSeconds:F0} s (no requests from the benchmark)");
        var usage = await MeasureCpuAsync(cpuWindow, cancellationToken);

        Progress.Report("fleet: timing the probe rounds from the clusters' HealthCheck lastProbeTime");
        var rounds = await ObserveRoundsAsync(registration, names, cancellationToken);

        var probesInWindow = clusters * (cpuWindow / probeInterval);
        return
        [
            new ClustersReportRow("(b) registration",
                string.Create(CultureInfo.InvariantCulture, $"{clusters} clusters + {clusters} credentials in {registered.TotalSeconds:F1} s; all Running after {allRunning.TotalSeconds:F1} s"),
                "—", null),
            new ClustersReportRow($"(b) platform CPU at rest, {clusters} clusters",
                string.Create(CultureInfo.InvariantCulture, $"{usage.PlatformCores * 100:F2}% of one core over {cpuWindow.TotalSeconds:F0} s (≤ {usage.PlatformCores * cpuWindow.TotalSeconds * 1000 / probesInWindow:F2} ms CPU per probe, idle work included); simulated cluster {usage.SimCores * 100:F1}%, other processes {usage.OtherCores * 100:F0}%"),
                string.Create(CultureInfo.InvariantCulture, $"< {TargetCores * 100:F0}% of one core"),
                usage.PlatformCores < TargetCores),
            new ClustersReportRow("(b) probe cycle", rounds, "every cluster every " + probeInterval.TotalSeconds.ToString("F0", CultureInfo.InvariantCulture) + " s", null),
        ];
    }

    /// <summary>Other processes (builds, tests) may share the machine: wait, within a bound, for a
    /// second in which they use less than a quarter of a core, so the window is not skewed by them.</summary>
    private async Task WaitForQuietMachineAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        for (var second = 0; second < 1_000 && watch.Elapsed < limit; second++)
        {
            var (_, _, other) = await MeasureCpuAsync(TimeSpan.FromSeconds(1), cancellationToken);
            if (other < 0.25)
            {
                return;
            }
        }

        Progress.Report($"fleet: other processes stayed busy for {limit.TotalSeconds:F0} s; measuring anyway");
    }

    private async Task<(double PlatformCores, double SimCores, double OtherCores)> MeasureCpuAsync(TimeSpan window, CancellationToken cancellationToken)
    {
        var self = Environment.ProcessId;
        var platformBefore = ProcessStatus.ReadCpuTime(platformPid);
        var simBefore = ProcessStatus.ReadCpuTime(sim.Pid);
        var selfBefore = ProcessStatus.ReadCpuTime(self);
        var machineBefore = MachineCpu.ReadBusyTime();
        var watch = Stopwatch.StartNew();
        await Task.Delay(window, cancellationToken);
        var seconds = watch.Elapsed.TotalSeconds;
        var platformCpu = (ProcessStatus.ReadCpuTime(platformPid) - platformBefore).TotalSeconds;
        var simCpu = (ProcessStatus.ReadCpuTime(sim.Pid) - simBefore).TotalSeconds;
        var selfCpu = (ProcessStatus.ReadCpuTime(self) - selfBefore).TotalSeconds;
        var machineCpu = (MachineCpu.ReadBusyTime() - machineBefore).TotalSeconds;
        return (platformCpu / seconds, simCpu / seconds, Math.Max(0, machineCpu - platformCpu - simCpu - selfCpu) / seconds);
    }

    /// <summary>
    /// Polls the cluster list for up to three intervals and records, per cluster, each new
    /// lastProbeTime. From these: the gap between a cluster's consecutive probes, and how far apart
    /// in time one round's probes of all clusters lie.
    /// </summary>
    private async Task<string> ObserveRoundsAsync(ClusterRegistration registration, IReadOnlyCollection<string> names, CancellationToken cancellationToken)
    {
        var wanted = names.ToHashSet(StringComparer.Ordinal);
        var seen = new Dictionary<string, List<DateTimeOffset>>(StringComparer.Ordinal);
        var watch = Stopwatch.StartNew();
        var limit = probeInterval * 3;
        for (var poll = 0; poll < 1_000 && watch.Elapsed < limit; poll++)
        {
            foreach (var cluster in await registration.ListHealthAsync(cancellationToken))
            {
                if (wanted.Contains(cluster.Name) && cluster.LastProbeTime is { } probed)
                {
                    var times = seen.TryGetValue(cluster.Name, out var list) ? list : seen[cluster.Name] = [];
                    if (times.Count == 0 || times[^1] != probed)
                    {
                        times.Add(probed);
                    }
                }
            }

            await Task.Delay(500, cancellationToken);
        }

        var gaps = seen.Values.SelectMany(t => t.Zip(t.Skip(1), (a, b) => (b - a).TotalSeconds)).Order().ToArray();
        // The round after the first one seen: every cluster's second recorded probe.
        var secondRound = seen.Values.Where(t => t.Count >= 2).Select(t => t[1]).Order().ToArray();
        if (gaps.Length == 0 || secondRound.Length == 0)
        {
            return "no cluster was seen re-probed";
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"{secondRound.Length} of {names.Count} re-probed within {(secondRound[^1] - secondRound[0]).TotalSeconds:F1} s of each other (lastProbeTime has 1 s resolution); gap between a cluster's probes: median {gaps[gaps.Length / 2]:F1} s, max {gaps[^1]:F1} s");
    }
}
