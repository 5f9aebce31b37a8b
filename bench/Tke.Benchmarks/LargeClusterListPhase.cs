using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Tke.Benchmarks;

/// <summary>
/// (c) Every pod of a large simulated cluster listed through the platform's proxy in pages, as
/// kubectl does with --chunk-size: each run follows metadata.continue until the list ends.
/// </summary>
public sealed class LargeClusterListPhase(ApiTarget platform, string clusterName)
{
    private const double TargetSeconds = 2.0;
    private const int MaxPages = 10_000;

    public async Task<IReadOnlyList<ClustersReportRow>> RunAsync(int expectedPods, int pageSize, int runs, CancellationToken cancellationToken)
    {
        using var client = new ApiClient(platform, HttpProtocol.Http11, 1, TimeSpan.FromSeconds(60));
        await ListAllAsync(client, pageSize, cancellationToken); // warm-up: JIT and the proxy's connection to the cluster
        var times = new List<TimeSpan>();
        var pages = 0;
        for (var run = 1; run <= runs; run++)
        {
            var watch = Stopwatch.StartNew();
            (var pods, pages) = await ListAllAsync(client, pageSize, cancellationToken);
            times.Add(watch.Elapsed);
            Progress.Report(string.Create(CultureInfo.InvariantCulture, $"large cluster: run {run}: {pods:N0} pods in {pages} pages in {watch.Elapsed.TotalSeconds:F2} s"));
            if (pods != expectedPods)
            {
                throw new InvalidOperationException($"the paged list returned {pods} pods, expected {expectedPods}");
            }
        }

        var worst = times.Max().TotalSeconds;
        return
        [
            new ClustersReportRow(
                string.Create(CultureInfo.InvariantCulture, $"(c) list {expectedPods:N0} pods via proxy, limit={pageSize}"),
                string.Create(CultureInfo.InvariantCulture, $"{pages} pages; runs {string.Join(", ", times.Select(t => t.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture)))} s; max {worst:F2} s"),
                string.Create(CultureInfo.InvariantCulture, $"< {TargetSeconds:F0} s for the whole list"),
                worst < TargetSeconds),
        ];
    }

    private async Task<(int Pods, int Pages)> ListAllAsync(ApiClient client, int pageSize, CancellationToken cancellationToken)
    {
        var pods = 0;
        string? next = null;
        for (var page = 1; page <= MaxPages; page++)
        {
            var query = string.Create(CultureInfo.InvariantCulture, $"/api/v1/pods?limit={pageSize}") + (next is null ? "" : "&continue=" + Uri.EscapeDataString(next));
            using var request = client.NewRequest(HttpMethod.Get, new Uri(platform.BaseAddress, query));
            request.Headers.Add("X-TKE-ClusterName", clusterName);
            using var response = await client.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"page {page} of the pod list answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }

            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
            pods += document.RootElement.GetProperty("items").GetArrayLength();
            next = document.RootElement.TryGetProperty("metadata", out var metadata) && metadata.TryGetProperty("continue", out var c) ? c.GetString() : null;
            if (string.IsNullOrEmpty(next))
            {
                return (pods, page);
            }
        }

        throw new InvalidOperationException($"the pod list did not end within {MaxPages} pages");
    }
}
