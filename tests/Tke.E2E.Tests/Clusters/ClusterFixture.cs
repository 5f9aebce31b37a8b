using Tke.E2E.Tests.Hosting;

namespace Tke.E2E.Tests.Clusters;

/// <summary>A platform probing clusters every second, and one simulated cluster to import.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public TkeServer Server { get; } = new("--cluster-probe-interval", "1s");

    public SimCluster Sim { get; } = new();

    public PlatformClusterApi Api => new(Server.Http, Server.Output);

    public async Task InitializeAsync()
    {
        await Task.WhenAll(Server.StartAsync(), Sim.StartAsync());
    }

    public async Task DisposeAsync()
    {
        await Sim.DisposeAsync();
        await Server.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "platform with a simulated cluster";
}
