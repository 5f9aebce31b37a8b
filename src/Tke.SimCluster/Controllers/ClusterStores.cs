using Tke.ApiMachinery.Http;
using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Objects;
using Tke.ApiMachinery.Requests;
using Tke.SimCluster.Apps;
using Tke.SimCluster.Batch;
using Tke.SimCluster.Controllers.Runtime;
using Tke.SimCluster.Core;
using Tke.SimCluster.Policy;

namespace Tke.SimCluster.Controllers;

/// <summary>The typed stores of the kinds the controllers read and write, written as one system user.</summary>
public sealed class ClusterStores
{
    public ClusterStores(ApiSurface surface, KindCatalog catalog, string user)
    {
        var context = new WriteContext(new RequestUser($"system:{user}", [RequestUser.AllTenantsGroup], ""));
        TypedStore<T> For<T>(string group, string resource)
            where T : ApiObject =>
            new(surface.StoreFor(catalog.Find(group, "v1", resource) ?? throw new InvalidOperationException($"{resource}.{group} is not served")), context);

        Pods = For<Pod>("", "pods");
        Nodes = For<Node>("", "nodes");
        Events = For<Event>("", "events");
        ReplicaSets = For<ReplicaSet>(AppsApiGroup.GroupName, "replicasets");
        Deployments = For<Deployment>(AppsApiGroup.GroupName, "deployments");
        DaemonSets = For<DaemonSet>(AppsApiGroup.GroupName, "daemonsets");
        StatefulSets = For<StatefulSet>(AppsApiGroup.GroupName, "statefulsets");
        Jobs = For<Job>(BatchApiGroup.GroupName, "jobs");
        DisruptionBudgets = For<PodDisruptionBudget>(PolicyApiGroup.GroupName, "poddisruptionbudgets");
    }

    public TypedStore<Pod> Pods { get; }

    public TypedStore<Node> Nodes { get; }

    public TypedStore<Event> Events { get; }

    public TypedStore<ReplicaSet> ReplicaSets { get; }

    public TypedStore<Deployment> Deployments { get; }

    public TypedStore<DaemonSet> DaemonSets { get; }

    public TypedStore<StatefulSet> StatefulSets { get; }

    public TypedStore<Job> Jobs { get; }

    public TypedStore<PodDisruptionBudget> DisruptionBudgets { get; }
}
