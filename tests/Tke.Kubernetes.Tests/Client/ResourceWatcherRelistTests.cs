using System.Text.Json.Nodes;
using System.Threading.Channels;
using Tke.Kubernetes.Client;
using Tke.Kubernetes.Tests.Hosting;
using Tke.Kubernetes.Watching;

namespace Tke.Kubernetes.Tests.Client;

public sealed class ResourceWatcherRelistTests
{
    private static readonly GroupVersionResource ConfigMaps = new("platform.tkestack.io", "v1", "configmaps");
    private const string Label = "relist";

    private static JsonObject ConfigMap(string name) => new()
    {
        ["apiVersion"] = "platform.tkestack.io/v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { ["test"] = Label } },
        ["data"] = new JsonObject { ["k"] = "v" },
    };

    [Fact]
    public async Task Relists_when_its_version_was_compacted_away_and_reports_the_difference()
    {
        // Compaction every second: a version is gone about two seconds after newer writes.
        await using var server = await TkeServe.StartAsync("--compaction-interval", "1s");
        using var client = server.CreateClient(new KubernetesClientOptions { RequestTimeout = TimeSpan.FromSeconds(5), ConnectTimeout = TimeSpan.FromSeconds(2) });
        await client.CreateAsync(ConfigMaps, null, ConfigMap("kept"));
        await client.CreateAsync(ConfigMaps, null, ConfigMap("removed"));

        var watcher = new ResourceWatcher(client, ConfigMaps, new ResourceWatcherOptions
        {
            LabelSelector = $"test={Label}",
            // Long enough for the server to restart and compact past the watcher's version before it retries.
            MinRetryDelay = TimeSpan.FromSeconds(8),
            MaxRetryDelay = TimeSpan.FromSeconds(8),
        });
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var changes = Channel.CreateUnbounded<ResourceChange>();
        var running = Task.Run(async () =>
        {
            try
            {
                await foreach (var change in watcher.RunAsync(stop.Token))
                {
                    await changes.Writer.WriteAsync(change);
                }
            }
            catch (OperationCanceledException)
            {
            }
        });

        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(ResourceChangeType.Added, (await NextAsync(changes, stop.Token)).Type);
        }

        Assert.Equal(ResourceChangeType.Synced, (await NextAsync(changes, stop.Token)).Type);
        var staleVersion = watcher.ResourceVersion;

        await server.RestartAsync();
        await client.DeleteAsync(ConfigMaps, null, "removed");
        await client.CreateAsync(ConfigMaps, null, ConfigMap("new"));
        await client.PatchAsync(ConfigMaps, null, "kept", PatchType.Merge, JsonNode.Parse("""{"data":{"k":"changed"}}""")!);

        // A plain watch from the old version is refused as compacted.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var gone = await Assert.ThrowsAsync<KubernetesApiException>(async () =>
        {
            await foreach (var _ in client.WatchAsync(ConfigMaps, null, new WatchOptions { ResourceVersion = staleVersion, LabelSelector = $"test={Label}" }, stop.Token))
            {
            }
        });
        Assert.True(gone.IsGone);

        var relisted = new List<(ResourceChangeType Type, string? Name)>();
        while (relisted.Count == 0 || relisted[^1].Type != ResourceChangeType.Synced)
        {
            var change = await NextAsync(changes, stop.Token);
            relisted.Add((change.Type, (string?)change.Object?["metadata"]?["name"]));
        }

        Assert.Equal(
            [(ResourceChangeType.Added, "new"), (ResourceChangeType.Modified, "kept"), (ResourceChangeType.Deleted, "removed"), (ResourceChangeType.Synced, null)],
            relisted.OrderBy(c => c.Type == ResourceChangeType.Synced).ThenBy(c => c.Type));
        Assert.Equal(2, watcher.ListCount);
        Assert.Equal(["kept", "new"], watcher.Snapshot().Select(o => (string?)o["metadata"]?["name"]).Order());

        await stop.CancelAsync();
        await running;
    }

    private static async Task<ResourceChange> NextAsync(Channel<ResourceChange> changes, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        return await changes.Reader.ReadAsync(timeout.Token);
    }
}
