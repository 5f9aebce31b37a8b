using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

namespace Tke.Benchmarks;

/// <summary>
/// Loads pods straight into a simulated cluster, already bound to a node (spec.nodeName) and then
/// marked Running through the status subresource, so no scheduler or kubelet has to act on them.
/// Concurrent clients keep the simulated API server's store busy.
/// </summary>
public sealed class PodSeeder(ApiTarget sim, int nodes)
{
    private const int Clients = 16;

    public async Task SeedAsync(string ns, int count, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var client = new ApiClient(sim, HttpProtocol.Http11, Clients, TimeSpan.FromSeconds(60));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var next = -1;
        var done = 0;
        var watch = Stopwatch.StartNew();

        async Task WorkAsync()
        {
            // Each index is taken once: the loop ends after `count` pods in all, or at the deadline.
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                await CreateRunningPodAsync(client, ns, i, deadline.Token);
                var created = Interlocked.Increment(ref done);
                if (created % 5_000 == 0)
                {
                    Progress.Report(string.Create(CultureInfo.InvariantCulture, $"pods: {created:N0} of {count:N0} created and Running ({created / watch.Elapsed.TotalSeconds:N0}/s)"));
                }
            }
        }

        try
        {
            await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => Task.Run(WorkAsync, deadline.Token)));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"only {done} of {count} pods were created within {timeout.TotalSeconds:F0} s");
        }
    }

    private async Task CreateRunningPodAsync(ApiClient client, string ns, int index, CancellationToken cancellationToken)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"bench-{index:D6}");
        var node = string.Create(CultureInfo.InvariantCulture, $"sim-node-{index % nodes + 1}");
        var pod = """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"@NAME","namespace":"@NS","labels":{"app":"bench"}},
             "spec":{"nodeName":"@NODE","containers":[{"name":"app","image":"nginx:1.25","resources":{"requests":{"cpu":"10m","memory":"16Mi"}}}]}}
            """.Replace("@NAME", name, StringComparison.Ordinal).Replace("@NS", ns, StringComparison.Ordinal).Replace("@NODE", node, StringComparison.Ordinal);
        using (var content = new StringContent(pod, Encoding.UTF8, "application/json"))
        using (var response = await client.Http.PostAsync($"/api/v1/namespaces/{ns}/pods", content, cancellationToken))
        {
            if (response.StatusCode != HttpStatusCode.Created)
            {
                throw new InvalidOperationException($"creating pod {name} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }
        }

        var ip = string.Create(CultureInfo.InvariantCulture, $"10.{(index >> 16) & 255}.{(index >> 8) & 255}.{index & 255}");
        var status = """
            {"status":{"phase":"Running","podIP":"@IP","hostIP":"10.255.0.1","startTime":"2026-11-22T00:00:00Z",
             "conditions":[{"type":"Ready","status":"True"}],
             "containerStatuses":[{"name":"app","ready":true,"restartCount":0,"image":"nginx:1.25","imageID":"","started":true,"state":{"running":{"startedAt":"2026-11-22T00:00:00Z"}}}]}}
            """.Replace("@IP", ip, StringComparison.Ordinal);
        using var patch = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/namespaces/{ns}/pods/{name}/status")
        {
            Content = new StringContent(status, Encoding.UTF8, "application/merge-patch+json"),
        };
        using var patched = await client.Http.SendAsync(patch, cancellationToken);
        if (patched.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"marking pod {name} Running answered {(int)patched.StatusCode}: {await patched.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }
}
