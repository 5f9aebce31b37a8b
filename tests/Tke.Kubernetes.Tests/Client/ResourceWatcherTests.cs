using System.Text.Json.Nodes;
using System.Threading.Channels;
using Tke.Kubernetes.Client;
using Tke.Kubernetes.Tests.Hosting;
using Tke.Kubernetes.Watching;

namespace Tke.Kubernetes.Tests.Client;

public sealed class ResourceWatcherTests
{
    private static readonly GroupVersionResource ConfigMaps = new("platform.tkestack.io", "v1", "configmaps");

    private static JsonObject ConfigMap(string name, string label) => new()
    {
        ["apiVersion"] = "platform.tkestack.io/v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { ["test"] = label } },
        ["data"] = new JsonObject { ["k"] = "v" },
    };

    [Fact]
    public async Task Resumes_from_the_last_version_after_the_server_restarts()
    {
        await using var server = await TkeServe.StartAsync();
        using var client = server.CreateClient(new KubernetesClientOptions { RequestTimeout = TimeSpan.FromSeconds(5), ConnectTimeout = TimeSpan.FromSeconds(2) });
        const string label = "restart";
        await client.CreateAsync(ConfigMaps, null, ConfigMap("before", label));

        var watcher = new ResourceWatcher(client, ConfigMaps, new ResourceWatcherOptions
        {
            LabelSelector = $"test={label}",
            PageSize = 1,
            MinRetryDelay = TimeSpan.FromMilliseconds(100),
            MaxRetryDelay = TimeSpan.FromMilliseconds(500),
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

        Assert.Equal((ResourceChangeType.Added, "before"), Describe(await NextAsync(changes, stop.Token)));
        Assert.Equal(ResourceChangeType.Synced, (await NextAsync(changes, stop.Token)).Type);

        await client.CreateAsync(ConfigMaps, null, ConfigMap("while-up", label));
        Assert.Equal((ResourceChangeType.Added, "while-up"), Describe(await NextAsync(changes, stop.Token)));

        await server.KillAsync();
        await Task.Delay(300);
        await server.RestartAsync();
        await client.CreateAsync(ConfigMaps, null, ConfigMap("after-restart", label));
        await client.DeleteAsync(ConfigMaps, null, "before");

        Assert.Equal((ResourceChangeType.Added, "after-restart"), Describe(await NextAsync(changes, stop.Token)));
        Assert.Equal((ResourceChangeType.Deleted, "before"), Describe(await NextAsync(changes, stop.Token)));

        // Resumed from its resourceVersion: no second list, and the store mirrors the server.
        Assert.Equal(1, watcher.ListCount);
        Assert.True(watcher.WatchCount >= 2);
        Assert.Equal(["after-restart", "while-up"], watcher.Snapshot().Select(o => (string?)o["metadata"]?["name"]).Order());
        Assert.NotNull(watcher.Get(null, "while-up"));

        await stop.CancelAsync();
        await running;
    }

    private static (ResourceChangeType, string?) Describe(ResourceChange change) => (change.Type, (string?)change.Object?["metadata"]?["name"]);

    private static async Task<ResourceChange> NextAsync(Channel<ResourceChange> changes, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        return await changes.Reader.ReadAsync(timeout.Token);
    }
}
