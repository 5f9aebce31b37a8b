using System.Diagnostics;
using System.Globalization;

namespace Tke.Benchmarks;

/// <summary>
/// (a) The same pod list, directly against the simulated cluster (its admin token) and through the
/// platform's cluster proxy (bootstrap admin token and X-TKE-ClusterName), at equal concurrency
/// over HTTP/1.1 keep-alive connections.
/// </summary>
public sealed class ProxyOverheadPhase(ApiTarget platform, ApiTarget sim, string clusterName)
{
    private const string Path = "/api/v1/namespaces/default/pods";
    private const double TargetAddedMs = 1.0;
    private const int MaxRequestsPerClient = 1_000_000;

    public async Task<IReadOnlyList<ClustersReportRow>> RunAsync(IReadOnlyList<int> concurrencies, TimeSpan duration, CancellationToken cancellationToken)
    {
        var rows = new List<ClustersReportRow>();
        foreach (var clients in concurrencies)
        {
            // Warm both paths (JIT, TLS sessions, the proxy's pooled connections) before measuring.
            await MeasureAsync(sim, null, clients, TimeSpan.FromSeconds(1), cancellationToken);
            await MeasureAsync(platform, clusterName, clients, TimeSpan.FromSeconds(1), cancellationToken);

            Progress.Report($"proxy overhead: {clients} client(s), direct to the simulated cluster for {duration.TotalSeconds:F0} s");
            var direct = await MeasureAsync(sim, null, clients, duration, cancellationToken);
            Progress.Report($"proxy overhead: {clients} client(s), through the platform proxy for {duration.TotalSeconds:F0} s");
            var proxied = await MeasureAsync(platform, clusterName, clients, duration, cancellationToken);

            var added = proxied.Latency.P50Ms - direct.Latency.P50Ms;
            rows.Add(new ClustersReportRow($"(a) GET pods direct, {clients} client(s)", direct.Describe(), "—", null));
            rows.Add(new ClustersReportRow($"(a) GET pods via proxy, {clients} client(s)", proxied.Describe(), "—", null));
            rows.Add(new ClustersReportRow(
                $"(a) proxy added latency, {clients} client(s)",
                string.Create(CultureInfo.InvariantCulture, $"p50 +{added:F2} ms, p99 +{proxied.Latency.P99Ms - direct.Latency.P99Ms:F2} ms"),
                string.Create(CultureInfo.InvariantCulture, $"≤ {TargetAddedMs:F0} ms at p50"),
                added <= TargetAddedMs));
        }

        return rows;
    }

    private static async Task<LatencyRun> MeasureAsync(ApiTarget target, string? cluster, int clients, TimeSpan duration, CancellationToken cancellationToken)
    {
        using var client = new ApiClient(target, HttpProtocol.Http11, clients, TimeSpan.FromSeconds(30));
        var uri = new Uri(target.BaseAddress, Path);
        var recorders = Enumerable.Range(0, clients).Select(_ => new LatencyRecorder()).ToArray();
        var errors = 0;
        var watch = Stopwatch.StartNew();

        async Task WorkAsync(LatencyRecorder recorder)
        {
            var buffer = new byte[64 * 1024];
            for (var i = 0; i < MaxRequestsPerClient && watch.Elapsed < duration; i++)
            {
                using var request = client.NewRequest(HttpMethod.Get, uri);
                if (cluster is not null)
                {
                    request.Headers.Add("X-TKE-ClusterName", cluster);
                }

                var started = Stopwatch.GetTimestamp();
                using var response = await client.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                await using (var body = await response.Content.ReadAsStreamAsync(cancellationToken))
                {
                    while (await body.ReadAsync(buffer, cancellationToken) > 0)
                    {
                    }
                }

                recorder.Record(Stopwatch.GetTimestamp() - started);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }

        await Task.WhenAll(recorders.Select(r => Task.Run(() => WorkAsync(r), cancellationToken)));
        var elapsed = watch.Elapsed;
        if (errors > 0)
        {
            throw new InvalidOperationException($"{errors} of the pod lists {(cluster is null ? "to the simulated cluster" : "through the proxy")} failed");
        }

        return new LatencyRun(LatencyRecorder.Summarize(recorders), elapsed);
    }

    private readonly record struct LatencyRun(LatencySummary Latency, TimeSpan Elapsed)
    {
        public string Describe() => string.Create(CultureInfo.InvariantCulture,
            $"{Latency.Count:N0} req, {Latency.Count / Elapsed.TotalSeconds:N0}/s, p50 {Latency.P50Ms:F2} ms, p99 {Latency.P99Ms:F2} ms");
    }
}
