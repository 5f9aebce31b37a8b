using System.Globalization;
using System.Text.Json.Nodes;
using Tke.E2E.Tests.Hosting;
using Tke.E2E.Tests.Resources;

namespace Tke.E2E.Tests.Durability;

/// <summary>Every write the server acknowledged survives SIGKILL and a restart on the same data.</summary>
public sealed class RestartDurabilityTests : IAsyncLifetime
{
    private readonly TkeServer _server = new();

    public Task InitializeAsync() => _server.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Acknowledged_objects_survive_kill_9_and_restart_with_the_same_resource_versions()
    {
        var acknowledged = new Dictionary<string, string>();
        var clusters = ResourceClient.Clusters(_server);
        for (var i = 0; i < 10; i++)
        {
            var name = $"cls-e2edurable{i}";
            var created = await clusters.CreateExpectingSuccessAsync(ClusterManifest.Json(name, $"durable-{i}"));
            acknowledged[name] = (string)created["metadata"]!["resourceVersion"]!;
        }

        var patched = (await clusters.MergePatchAsync("cls-e2edurable0", JsonNode.Parse("""{"spec":{"displayName":"patched-before-kill"}}""")!)).Expect(200);
        acknowledged["cls-e2edurable0"] = patched.ResourceVersion!;
        (await clusters.DeleteAsync("cls-e2edurable9")).Expect(200);
        acknowledged.Remove("cls-e2edurable9");
        var token = _server.Token;

        // Killed right after the last 2xx: nothing gets a chance to flush on shutdown.
        await _server.KillAsync();
        await _server.StartAsync();

        Assert.Equal(token, _server.Token);
        var restarted = ResourceClient.Clusters(_server);
        foreach (var (name, resourceVersion) in acknowledged)
        {
            var stored = (await restarted.GetAsync(name)).Expect(200);
            Assert.Equal(resourceVersion, stored.ResourceVersion);
        }

        Assert.Equal("patched-before-kill", (string?)(await restarted.GetAsync("cls-e2edurable0")).Object["spec"]!["displayName"]);
        (await restarted.GetAsync("cls-e2edurable9")).Expect(404);
        var list = (await restarted.ListAsync()).Expect(200);
        Assert.Equal(acknowledged.Keys.Order(StringComparer.Ordinal), list.ItemNames.Order(StringComparer.Ordinal));

        // The restarted server keeps numbering after the acknowledged revisions.
        var next = await restarted.CreateExpectingSuccessAsync(ClusterManifest.Json("cls-e2eafterrestart"));
        var latestAcknowledged = acknowledged.Values.Max(v => long.Parse(v, CultureInfo.InvariantCulture));
        Assert.True(long.Parse((string)next["metadata"]!["resourceVersion"]!, CultureInfo.InvariantCulture) > latestAcknowledged);

        // kubectl works with the rewritten kubeconfig (new port, same CA and token).
        var kubectl = (await _server.Kubectl.RunAsync("get", "cluster", "cls-e2edurable1", "-o", "name")).EnsureSuccess();
        Assert.Equal("cluster.platform.tkestack.io/cls-e2edurable1", kubectl.Stdout.Trim());
    }
}
