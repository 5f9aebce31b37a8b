using System.Text.Json.Nodes;

namespace Tke.E2E.Tests.Clusters;

/// <summary>Requests for a managed cluster's own API go through the platform to the cluster.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterProxyTests(ClusterFixture fixture)
{
    private HttpClient Admin => fixture.Server.Http;

    [Fact]
    public async Task The_cluster_header_the_platform_prefix_and_the_proxy_path_all_reach_the_cluster()
    {
        var cluster = await ProxiedCluster.ImportAsync(fixture);

        foreach (var path in new[] { "/api/v1/nodes", "/platform/api/v1/nodes" })
        {
            var (code, nodes) = await ProxiedCluster.SendAsync(Admin, cluster.WithHeader(HttpMethod.Get, path));
            Assert.True(code == 200, $"{path} answered {code}: {nodes?.ToJsonString()}\n{fixture.Server.Output.Tail()}");
            Assert.Equal("NodeList", (string?)nodes!["kind"]);
            Assert.Equal((await DirectClusterFacts.ReadAsync(fixture.Target)).Nodes, nodes["items"]!.AsArray().Count);
        }

        var (nsCode, namespaces) = await ProxiedCluster.SendAsync(Admin, new HttpRequestMessage(HttpMethod.Get, cluster.ProxyPath + "/api/v1/namespaces"));
        Assert.True(nsCode == 200, $"proxy path answered {nsCode}: {namespaces?.ToJsonString()}");
        Assert.Equal("NamespaceList", (string?)namespaces!["kind"]);

        var (versionCode, version) = await ProxiedCluster.SendAsync(Admin, new HttpRequestMessage(HttpMethod.Get, cluster.ProxyPath + "/version"));
        Assert.Equal(200, versionCode);
        Assert.NotNull(version!["gitVersion"]);
    }

    [Fact]
    public async Task Without_the_header_the_platform_answers_its_own_API()
    {
        var cluster = await ProxiedCluster.ImportAsync(fixture);

        var (code, own) = await ProxiedCluster.SendAsync(Admin, new HttpRequestMessage(HttpMethod.Get, $"{PlatformClusterApi.Clusters}/{cluster.Name}"));
        Assert.Equal(200, code);
        Assert.Equal("Cluster", (string?)own!["kind"]);

        // The platform's own groups keep answering even when the console sends the header along.
        var (headerCode, withHeader) = await ProxiedCluster.SendAsync(Admin, cluster.WithHeader(HttpMethod.Get, $"{PlatformClusterApi.Clusters}/{cluster.Name}"));
        Assert.Equal(200, headerCode);
        Assert.Equal("Cluster", (string?)withHeader!["kind"]);
    }

    [Fact]
    public async Task A_request_body_is_forwarded_and_the_object_is_created_on_the_cluster()
    {
        var cluster = await ProxiedCluster.ImportAsync(fixture);
        var name = "cm-" + Guid.NewGuid().ToString("N")[..8];
        var configMap = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject { ["name"] = name },
            ["data"] = new JsonObject { ["k"] = "v" },
        };

        var (code, created) = await ProxiedCluster.SendAsync(Admin, cluster.WithHeader(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", configMap));
        Assert.True(code == 201, $"create answered {code}: {created?.ToJsonString()}");

        using var direct = cluster.DirectClient();
        var (directCode, stored) = await ProxiedCluster.SendAsync(direct, new HttpRequestMessage(HttpMethod.Get, $"/api/v1/namespaces/default/configmaps/{name}"));
        Assert.Equal(200, directCode);
        Assert.Equal("v", (string?)stored!["data"]!["k"]);
    }

    [Fact]
    public async Task A_watch_with_nothing_to_report_answers_with_its_status_line_at_once()
    {
        var cluster = await ProxiedCluster.ImportAsync(fixture);
        var ns = "quiet-" + Guid.NewGuid().ToString("N")[..8];
        var (listCode, list) = await ProxiedCluster.SendAsync(Admin, cluster.WithHeader(HttpMethod.Get, $"/api/v1/namespaces/{ns}/configmaps"));
        Assert.Equal(200, listCode);
        var revision = (string?)list!["metadata"]!["resourceVersion"];

        // No bookmarks and nothing changing: the cluster sends its headers and then nothing at all.
        using var watch = cluster.WithHeader(HttpMethod.Get, $"/api/v1/namespaces/{ns}/configmaps?watch=1&resourceVersion={revision}&timeoutSeconds=60");
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var response = await Admin.SendAsync(watch, HttpCompletionOption.ResponseHeadersRead, patience.Token);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }
}
