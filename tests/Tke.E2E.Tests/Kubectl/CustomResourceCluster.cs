using Tke.E2E.Tests.Clusters;

namespace Tke.E2E.Tests.Kubectl;

/// <summary>One simulated cluster shared by the custom resource tests, with kubectl pointed at it.
/// Each test defines its own group, so tests do not see each other's definitions.</summary>
public sealed class CustomResourceCluster : IAsyncLifetime
{
    public SimCluster Sim { get; } = new();

    public KubectlRunner Kubectl { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Sim.StartAsync();
        Kubectl = For(Sim);
    }

    public async Task DisposeAsync() => await Sim.DisposeAsync();

    public static KubectlRunner For(SimCluster sim) =>
        new(Path.Combine(sim.DataDir, "admin.kubeconfig"), Path.Combine(sim.DataDir, "kubectl-cache"), sim.Output);
}
