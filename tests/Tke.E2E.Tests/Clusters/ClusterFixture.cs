using Tke.E2E.Tests.Hosting;

namespace Tke.E2E.Tests.Clusters;

/// <summary>
/// A platform probing clusters every second, the cluster its tests import (<see cref="Target"/>:
/// a real cluster when TKE_TEST_KUBECONFIG names one, else the simulated one), and always a
/// simulated cluster for the tests that kill a cluster or rely on simulated behaviour.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public TkeServer Server { get; } = new("--cluster-probe-interval", "1s");

    public SimCluster Sim { get; } = new();

    public ClusterFixture()
    {
        Target = (IClusterUnderTest?)ExternalCluster.FromEnvironment() ?? Sim;
    }

    public IClusterUnderTest Target { get; }

    /// <summary>A scratch directory for kubeconfigs and kubectl caches the tests write.</summary>
    public string WorkDir { get; } = Directory.CreateTempSubdirectory("tke-e2e-clusters-").FullName;

    public PlatformClusterApi Api => new(Server.Http, Server.Output);

    public async Task InitializeAsync()
    {
        await Task.WhenAll(Server.StartAsync(), Sim.StartAsync());
    }

    public async Task DisposeAsync()
    {
        await Sim.DisposeAsync();
        await Server.DisposeAsync();
        try
        {
            Directory.Delete(WorkDir, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean; cleanup must not fail a test run.
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "platform with a simulated cluster";
}
