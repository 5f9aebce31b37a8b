using Tke.ApiMachinery.Discovery;
using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.OpenApi;
using System.Text.Json.Nodes;
using Tke.ApiMachinery.Objects;

namespace Tke.SimCluster.Tests.Kinds;

public class GroupTests
{
    private static readonly KindCatalog Catalog = new(SimulatedClusterApi.Groups());

    public static TheoryData<string, string, string, string, bool> Resources => new()
    {
        { "", "namespaces", "Namespace", "ns", false },
        { "", "nodes", "Node", "no", false },
        { "", "pods", "Pod", "po", true },
        { "", "services", "Service", "svc", true },
        { "", "configmaps", "ConfigMap", "cm", true },
        { "", "secrets", "Secret", "", true },
        { "", "events", "Event", "ev", true },
        { "", "resourcequotas", "ResourceQuota", "quota", true },
        { "apps", "deployments", "Deployment", "deploy", true },
        { "apps", "replicasets", "ReplicaSet", "rs", true },
        { "apps", "statefulsets", "StatefulSet", "sts", true },
        { "apps", "daemonsets", "DaemonSet", "ds", true },
        { "batch", "jobs", "Job", "", true },
        { "policy", "poddisruptionbudgets", "PodDisruptionBudget", "pdb", true },
    };

    [Theory]
    [MemberData(nameof(Resources))]
    public void Kind_has_the_Kubernetes_names_and_scope(string group, string plural, string kindName, string shortName, bool namespaced)
    {
        var kind = Catalog.Find(group, "v1", plural);
        Assert.NotNull(kind);
        Assert.Equal(kindName, kind.Kind);
        Assert.Equal(namespaced, kind.Namespaced);
        Assert.Equal(shortName.Length == 0 ? [] : [shortName], kind.ShortNames);
        Assert.Equal(group.Length == 0 ? "v1" : $"{group}/v1", kind.ApiVersion);
        Assert.Equal((group, "v1", kindName), kind.Schema.GroupVersionKind);
        Assert.False(string.IsNullOrWhiteSpace(kind.Schema.Description));
    }

    [Fact]
    public void Workloads_with_status_have_the_status_subresource()
    {
        foreach (var plural in new[] { "pods", "nodes", "namespaces", "services", "resourcequotas" })
        {
            Assert.True(Catalog.Find("", "v1", plural)!.HasStatusSubresource, plural);
        }

        foreach (var plural in new[] { "configmaps", "secrets", "events" })
        {
            Assert.False(Catalog.Find("", "v1", plural)!.HasStatusSubresource, plural);
        }

        // RBAC's roles and bindings have no status, as in Kubernetes.
        Assert.All(Catalog.Groups.Where(g => g.Name is { Length: > 0 } and not "rbac.authorization.k8s.io").SelectMany(g => g.Kinds), k => Assert.True(k.HasStatusSubresource, k.Kind));
    }

    [Fact]
    public void Core_group_is_listed_at_api_and_not_under_apis()
    {
        var discovery = new DiscoveryDocuments(Catalog);
        var versions = JsonNode.Parse(discovery.CoreVersions)!;
        Assert.Equal(["v1"], versions["versions"]!.AsArray().Select(v => v!.GetValue<string>()));

        var groups = JsonNode.Parse(discovery.GroupList)!["groups"]!.AsArray().Select(g => g!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(["apps", "batch", "policy", "apiextensions.k8s.io", "rbac.authorization.k8s.io"], groups);

        var core = JsonNode.Parse(discovery.ResourceList("", "v1")!)!;
        Assert.Equal("v1", core["groupVersion"]!.GetValue<string>());
        var names = core["resources"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("pods", names);
        Assert.Contains("pods/status", names);
        Assert.Contains("nodes", names);
        Assert.Equal("apps/v1", JsonNode.Parse(discovery.ResourceList("apps", "v1")!)!["groupVersion"]!.GetValue<string>());
    }

    [Fact]
    public void Discovery_lists_pods_eviction_with_the_policy_v1_Eviction_kind_kubectl_drain_looks_for()
    {
        var core = JsonNode.Parse(new DiscoveryDocuments(Catalog).ResourceList("", "v1")!)!;
        var eviction = core["resources"]!.AsArray().Single(r => (string?)r!["name"] == "pods/eviction")!;
        Assert.Equal(("Eviction", "policy", "v1", true), ((string?)eviction["kind"], (string?)eviction["group"], (string?)eviction["version"], (bool?)eviction["namespaced"]));
        Assert.Equal(["create"], eviction["verbs"]!.AsArray().Select(v => v!.GetValue<string>()));
    }

    [Fact]
    public void OpenApi_documents_serve_the_core_group_under_api_v1()
    {
        var documents = new OpenApiDocuments(Catalog);
        Assert.Contains("api/v1", documents.V3Paths);
        Assert.Contains("apis/apps/v1", documents.V3Paths);
        Assert.True(documents.TryGetV3("api/v1", out var json, out _));
        var document = JsonNode.Parse(json)!;
        Assert.NotNull(document["paths"]!["/api/v1/namespaces/{namespace}/pods"]);
        Assert.NotNull(document["paths"]!["/api/v1/nodes/{name}/status"]);
        Assert.NotNull(document["components"]!["schemas"]!["io.k8s.api.core.v1.Pod"]);
    }
}
