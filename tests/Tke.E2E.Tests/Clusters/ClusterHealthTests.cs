using System.Text.Json.Nodes;

namespace Tke.E2E.Tests.Clusters;

/// <summary>A cluster that dies after import goes Failed, and Running again when it returns.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterHealthTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_cluster_that_dies_goes_Failed_and_recovers_to_Running_when_it_returns()
    {
        await using var sim = new SimCluster();
        await sim.StartAsync();
        var api = fixture.Api;
        var credential = await api.CreateCredentialAsync(sim.CaPem, sim.Token);
        var name = ClusterImportTests.NewName();
        var (code, body) = await api.ImportAsync(name, "127.0.0.1", sim.Port, credential);
        Assert.True(code == 201, $"import answered {code}: {body.ToJsonString()}");
        await api.WaitForAsync(name, c => PlatformClusterApi.Phase(c) == "Running", TimeSpan.FromSeconds(20), "Running");

        await sim.KillAsync();
        var failed = await api.WaitForAsync(name, c => PlatformClusterApi.Phase(c) == "Failed", TimeSpan.FromSeconds(30), "Failed");
        Assert.Contains("cannot reach", (string?)failed["status"]?["message"], StringComparison.Ordinal);
        var health = failed["status"]!["conditions"]!.AsArray().Single(c => (string?)c!["type"] == "HealthCheck")!;
        Assert.Equal("False", (string?)health["status"]);

        await sim.StartAsync();
        var recovered = await api.WaitForAsync(name, c => PlatformClusterApi.Phase(c) == "Running", TimeSpan.FromSeconds(30), "Running again");
        Assert.Equal("24", (string?)recovered["status"]?["resource"]?["capacity"]?["cpu"]);
    }

    [Fact]
    public async Task A_hung_cluster_does_not_delay_the_probes_of_the_others()
    {
        var api = fixture.Api;
        var credential = await api.CreateCredentialAsync(fixture.Sim.CaPem, fixture.Sim.Token);
        var healthy = ClusterImportTests.NewName();
        var hung = ClusterImportTests.NewName();
        using var relay = new HangingRelay(fixture.Sim.Port);
        foreach (var (name, port) in new[] { (healthy, fixture.Sim.Port), (hung, relay.Port) })
        {
            var (code, body) = await api.ImportAsync(name, "127.0.0.1", port, credential);
            Assert.True(code == 201, $"import answered {code}: {body.ToJsonString()}");
            await api.WaitForAsync(name, c => PlatformClusterApi.Phase(c) == "Running", TimeSpan.FromSeconds(20), "Running");
        }

        // The second cluster's API server now accepts connections and never answers.
        relay.Hang();

        // While its probes hang until their timeout, the healthy cluster is probed every second.
        await api.WaitForAsync(hung, c => HealthCheck(c)?["message"]?.GetValue<string>().Contains("no answer within", StringComparison.Ordinal) == true, TimeSpan.FromSeconds(20), "timed out");
        var probeTimes = new HashSet<string>(StringComparer.Ordinal);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (DateTime.UtcNow < deadline)
        {
            var (_, cluster) = await api.GetAsync($"{PlatformClusterApi.Clusters}/{healthy}");
            Assert.Equal("Running", PlatformClusterApi.Phase(cluster!));
            probeTimes.Add((string?)HealthCheck(cluster!)?["lastProbeTime"] ?? "");
            await Task.Delay(250);
        }

        Assert.True(probeTimes.Count >= 3, $"the healthy cluster was probed at only {string.Join(", ", probeTimes)} in 5 s");
    }

    private static JsonNode? HealthCheck(JsonObject cluster) =>
        cluster["status"]?["conditions"]?.AsArray().FirstOrDefault(c => (string?)c!["type"] == "HealthCheck");
}
