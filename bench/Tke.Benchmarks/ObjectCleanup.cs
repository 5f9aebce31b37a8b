using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Tke.Benchmarks;

/// <summary>Deletes objects by name, concurrently and bounded in time.</summary>
public sealed class ObjectCleanup(BenchmarkContext context)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(120);

    public async Task<int> DeleteAsync(IReadOnlyList<string> names, int clients, CancellationToken cancellationToken)
    {
        using var client = context.CreateClient(context.Options.Protocol, clients);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Bound);
        var next = -1;
        var deleted = 0;
        await ConcurrentWorkers.RunAsync(clients, async _ =>
        {
            try
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < names.Count)
                {
                    using var request = client.NewRequest(HttpMethod.Delete, context.ObjectUri(names[i]));
                    using var reply = await client.Http.SendAsync(request, timeout.Token);
                    if (reply.IsSuccessStatusCode || reply.StatusCode == HttpStatusCode.NotFound)
                    {
                        Interlocked.Increment(ref deleted);
                    }
                }
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
            }
            catch (HttpRequestException)
            {
                // best effort: what is left is reported as not deleted
            }
        });
        return deleted;
    }

    /// <summary>Deletes everything this run labelled (tke-bench/run=RUNID).</summary>
    public async Task<int> DeleteRunAsync(CancellationToken cancellationToken)
    {
        using var client = context.CreateClient(HttpProtocol.Http11, 1);
        var uri = new Uri(context.Target.BaseAddress, string.Create(CultureInfo.InvariantCulture,
            $"{context.Resource}?labelSelector={Uri.EscapeDataString("tke-bench/run=" + context.RunId)}"));
        var body = await client.Http.GetByteArrayAsync(uri, cancellationToken);
        var names = new List<string>();
        using (var list = JsonDocument.Parse(body))
        {
            foreach (var item in list.RootElement.GetProperty("items").EnumerateArray())
            {
                names.Add(item.GetProperty("metadata").GetProperty("name").GetString()!);
            }
        }

        var deleted = await DeleteAsync(names, 16, cancellationToken);
        Progress.Report($"cleanup: deleted {deleted} of {names.Count} objects labelled tke-bench/run={context.RunId}");
        return deleted;
    }
}
