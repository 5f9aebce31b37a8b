using System.Text.Json.Nodes;
using Tke.ApiMachinery.Discovery;
using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.OpenApi;

namespace Tke.ApiMachinery.Tests.CustomResources;

/// <summary>Kinds registered and removed at run time, and the documents derived from the catalog.</summary>
public sealed class RuntimeKindCatalogTests
{
    private sealed class BuiltInGroup : IApiGroup
    {
        public string Name => "test.tkestack.io";

        public string PreferredVersion => "v1";

        public IReadOnlyList<KindDefinition> Kinds { get; } = [new ConfigMapKind("test.tkestack.io")];
    }

    [Fact]
    public void Registering_and_unregistering_changes_lookups_and_raises_Changed()
    {
        var catalog = new KindCatalog([new BuiltInGroup()]);
        var changes = 0;
        catalog.Changed += () => changes++;
        var kind = CronTabSchema.Kind();

        catalog.Register(kind);
        Assert.Same(kind, catalog.Find("stable.example.com", "v1", "crontabs"));
        Assert.Equal("v1", catalog.FindGroup("stable.example.com")!.PreferredVersion);
        Assert.Equal(1, catalog.Revision);

        catalog.Unregister(kind);
        Assert.Null(catalog.Find("stable.example.com", "v1", "crontabs"));
        Assert.Null(catalog.FindGroup("stable.example.com"));
        Assert.Equal(2, changes);
        Assert.Single(catalog.Kinds);
    }

    [Fact]
    public void A_resource_served_twice_is_refused_and_changes_nothing()
    {
        var catalog = new KindCatalog([new BuiltInGroup()]);
        catalog.Register(CronTabSchema.Kind());

        Assert.Throws<InvalidOperationException>(() => catalog.Register(CronTabSchema.Kind()));
        Assert.Throws<InvalidOperationException>(() => catalog.Register(new ConfigMapKind("test.tkestack.io")));
        Assert.Equal(2, catalog.Kinds.Count());
        Assert.Equal(1, catalog.Revision);
    }

    [Fact]
    public void Built_in_kinds_cannot_be_unregistered()
    {
        var catalog = new KindCatalog([new BuiltInGroup()]);
        var builtIn = catalog.Kinds.Single();

        Assert.True(catalog.IsBuiltIn(builtIn));
        Assert.Throws<InvalidOperationException>(() => catalog.Unregister(builtIn));
        Assert.Same(builtIn, catalog.Find("test.tkestack.io", "v1", "configmaps"));
    }

    [Fact]
    public void The_preferred_version_of_a_run_time_group_follows_kubernetes_version_priority()
    {
        var catalog = new KindCatalog([]);
        catalog.Register(CronTabSchema.Kind("v1beta1"), CronTabSchema.Kind("v2alpha1"), CronTabSchema.Kind("v1"));

        Assert.Equal("v1", catalog.FindGroup("stable.example.com")!.PreferredVersion);
        var group = JsonNode.Parse(new DiscoveryDocuments(catalog).Group("stable.example.com")!)!;
        Assert.Equal(["v1", "v1beta1", "v2alpha1"], group["versions"]!.AsArray().Select(v => (string?)v!["version"]));
    }

    [Fact]
    public void Discovery_and_openapi_documents_follow_the_catalog()
    {
        var catalog = new KindCatalog([new BuiltInGroup()]);
        var discovery = new DiscoveryDocuments(catalog);
        var openApi = new OpenApiDocuments(catalog);
        Assert.Null(discovery.ResourceList("stable.example.com", "v1"));
        Assert.False(openApi.TryGetV3("apis/stable.example.com/v1", out _, out _));

        var kind = CronTabSchema.Kind();
        catalog.Register(kind);

        Assert.NotNull(discovery.ResourceList("stable.example.com", "v1"));
        Assert.Contains("apis/stable.example.com/v1", openApi.V3Paths);
        Assert.True(openApi.TryGetV3("apis/stable.example.com/v1", out var json, out _));
        var document = JsonNode.Parse(json)!;
        var schema = document["components"]!["schemas"]!["com.example.stable.v1.CronTab"]!;
        Assert.Equal("What to run and when.", (string?)schema["properties"]!["spec"]!["description"]);
        Assert.Equal(1, (int)schema["properties"]!["spec"]!["properties"]!["replicas"]!["default"]!);
        Assert.True((bool)schema["properties"]!["spec"]!["properties"]!["port"]!["x-kubernetes-int-or-string"]!);
        var patch = document["paths"]!["/apis/stable.example.com/v1/namespaces/{namespace}/crontabs/{name}"]!["patch"]!["requestBody"]!["content"]!.AsObject();
        Assert.DoesNotContain("application/strategic-merge-patch+json", patch.Select(p => p.Key));
        Assert.Contains("com.example.stable.v1.CronTab", System.Text.Encoding.UTF8.GetString(openApi.V2Json));
        Assert.NotEmpty(openApi.V2Protobuf);

        catalog.Unregister(kind);
        Assert.Null(discovery.ResourceList("stable.example.com", "v1"));
        Assert.DoesNotContain("apis/stable.example.com/v1", openApi.V3Paths);
        Assert.DoesNotContain("com.example.stable.v1.CronTab", System.Text.Encoding.UTF8.GetString(openApi.V2Json));
    }

    [Theory]
    [InlineData("v1", "v2", 1)]
    [InlineData("v2", "v1", -1)]
    [InlineData("v1", "v1beta1", -1)]
    [InlineData("v1beta2", "v1beta1", -1)]
    [InlineData("v1alpha1", "v1beta1", 1)]
    [InlineData("v1alpha1", "foo", -1)]
    [InlineData("bar", "foo", -1)]
    public void Version_priority_orders_as_kubernetes_does(string a, string b, int expected) =>
        Assert.Equal(expected, Math.Sign(VersionPriority.Comparer.Compare(a, b)));
}
