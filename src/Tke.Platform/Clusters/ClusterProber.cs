using Tke.Kubernetes.Client;
using Tke.Kubernetes.Resources;
using PlatformResourceList = Tke.ApiMachinery.Objects.ResourceList;
using Tke.ApiMachinery.Objects;

namespace Tke.Platform.Clusters;

/// <summary>One look at a cluster: its version, then its nodes, within one deadline.</summary>
public static class ClusterProber
{
    private static readonly GroupVersionResource Nodes = GroupVersionResource.Core("nodes");

    public static async Task<ClusterProbeResult> ProbeAsync(KubernetesClient client, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            var version = await client.GetVersionAsync(deadline.Token);
            var nodes = (await client.ListAllAsync(Nodes, null, null, deadline.Token)).Items.Select(NodeView.From).ToList();
            return new ClusterProbeResult
            {
                GitVersion = version.GitVersion,
                NodeCount = nodes.Count,
                ReadyNodes = nodes.Count(n => n.Ready),
                Capacity = Sum(nodes.Select(n => n.Capacity)),
                Allocatable = Sum(nodes.Select(n => n.Allocatable)),
            };
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            return ProbeFailureDescriber.Describe(e, client.Connection.Server, timeout);
        }
    }

    /// <summary>Per resource name, the total over all nodes, in Kubernetes' canonical quantity form.</summary>
    public static PlatformResourceList Sum(IEnumerable<IReadOnlyDictionary<string, Quantity>> perNode)
    {
        var totals = new SortedDictionary<string, Quantity>(StringComparer.Ordinal);
        foreach (var resources in perNode)
        {
            foreach (var (name, amount) in resources)
            {
                totals[name] = totals.TryGetValue(name, out var sum) ? sum + amount : amount;
            }
        }

        var list = new PlatformResourceList();
        foreach (var (name, amount) in totals)
        {
            list[name] = amount.ToString();
        }

        return list;
    }
}
