using System.Text.Json.Nodes;
using Tke.E2E.Tests.Hosting;
using Tke.E2E.Tests.Resources;

namespace Tke.E2E.Tests.Api;

/// <summary>The non-resource endpoints: health, metrics, version, discovery and OpenAPI.</summary>
[Collection(SharedServerCollection.Name)]
public sealed class ServerEndpointTests(TkeServerFixture server)
{
    [Theory]
    [InlineData("/healthz")]
    [InlineData("/livez")]
    [InlineData("/readyz")]
    public async Task Health_checks_answer_ok_without_credentials(string path)
    {
        using var anonymous = server.Server.CreateHttpClient(null);

        var response = await ResourceClient.SendAsync(anonymous, HttpMethod.Get, path, null);

        response.Expect(200);
        Assert.Equal("ok", response.Text);
    }

    [Fact]
    public async Task Metrics_need_credentials_and_count_requests()
    {
        using var anonymous = server.Server.CreateHttpClient(null);
        (await ResourceClient.SendAsync(anonymous, HttpMethod.Get, "/metrics", null)).Expect(401);
        (await ResourceClient.Clusters(server.Server).ListAsync()).Expect(200);

        var response = (await ResourceClient.SendAsync(server.Http, HttpMethod.Get, "/metrics", null, server.Server.Output)).Expect(200);

        Assert.StartsWith("text/plain", response.Message.Content.Headers.ContentType?.MediaType);
        Assert.Contains("# TYPE apiserver_request_total counter", response.Text);
        Assert.Matches(@"(?m)^apiserver_request_total\{[^}]*verb=""LIST""[^}]*resource=""clusters""[^}]*\} [1-9]\d*$", response.Text);
        Assert.Contains("apiserver_request_duration_seconds_bucket", response.Text);
    }

    [Fact]
    public async Task Version_reports_a_git_version()
    {
        var response = (await ResourceClient.SendAsync(server.Http, HttpMethod.Get, "/version", null, server.Server.Output)).Expect(200);

        Assert.Matches(@"^v\d+\.\d+\.\d+", (string?)response.Object["gitVersion"]);
        Assert.False(string.IsNullOrEmpty((string?)response.Object["major"]));
        Assert.False(string.IsNullOrEmpty((string?)response.Object["platform"]));
    }

    [Fact]
    public async Task Discovery_lists_the_groups_and_their_resources()
    {
        var groups = (await ResourceClient.SendAsync(server.Http, HttpMethod.Get, "/apis", null, server.Server.Output)).Expect(200).Object;
        Assert.Equal("APIGroupList", (string?)groups["kind"]);
        var names = groups["groups"]!.AsArray().Select(g => (string?)g!["name"]).ToList();
        Assert.Superset(
            new HashSet<string?> { "platform.tkestack.io", "business.tkestack.io", "auth.tkestack.io", "registry.tkestack.io", "notify.tkestack.io", "monitor.tkestack.io", "application.tkestack.io", "logagent.tkestack.io" },
            names.ToHashSet());

        var resources = (await ResourceClient.SendAsync(server.Http, HttpMethod.Get, "/apis/platform.tkestack.io/v1", null, server.Server.Output)).Expect(200).Object;
        Assert.Equal("APIResourceList", (string?)resources["kind"]);
        var clusters = resources["resources"]!.AsArray().Single(r => (string?)r!["name"] == "clusters")!;
        Assert.Equal("Cluster", (string?)clusters["kind"]);
        Assert.False((bool?)clusters["namespaced"]);
        Assert.Contains("watch", clusters["verbs"]!.AsArray().Select(v => (string?)v));
        Assert.Contains(resources["resources"]!.AsArray(), r => (string?)r!["name"] == "clusters/status");
    }

    [Fact]
    public async Task OpenApi_v3_index_lists_the_group_versions()
    {
        var response = (await ResourceClient.SendAsync(server.Http, HttpMethod.Get, "/openapi/v3", null, server.Server.Output)).Expect(200);

        var paths = response.Object["paths"]!.AsObject();
        Assert.True(paths.ContainsKey("apis/platform.tkestack.io/v1"), response.Text);
        Assert.True(paths.ContainsKey("apis/business.tkestack.io/v1"), response.Text);
        var url = (string)paths["apis/platform.tkestack.io/v1"]!["serverRelativeURL"]!;
        Assert.StartsWith("/openapi/v3/apis/platform.tkestack.io/v1", url);

        var document = (await ResourceClient.SendAsync(server.Http, HttpMethod.Get, url, null, server.Server.Output)).Expect(200).Object;
        Assert.StartsWith("3.", (string?)document["openapi"]);
        Assert.Contains(document["components"]!["schemas"]!.AsObject(), kv => kv.Key.EndsWith(".Cluster", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OpenApi_v2_is_served_as_protobuf_and_json()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/openapi/v2");
        request.Headers.TryAddWithoutValidation("Accept", "application/com.github.proto-openapi.spec.v2@v1.0+protobuf");
        using var protobuf = await server.Http.SendAsync(request);
        Assert.Equal(200, (int)protobuf.StatusCode);
        // kube-apiserver answers with the dotted form of the media type asked for with '@'.
        Assert.Equal("application/com.github.proto-openapi.spec.v2.v1.0+protobuf", protobuf.Content.Headers.ContentType?.MediaType);
        var bytes = await protobuf.Content.ReadAsByteArrayAsync();
        Assert.True(bytes.Length > 100, $"only {bytes.Length} bytes");

        var json = (await ResourceClient.SendAsync(server.Http, HttpMethod.Get, "/openapi/v2", null, server.Server.Output)).Expect(200).Object;
        Assert.Equal("2.0", (string?)json["swagger"]);
        Assert.Contains(json["definitions"]!.AsObject(), kv => kv.Key.EndsWith(".Cluster", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unknown_paths_are_404_status()
    {
        var response = await ResourceClient.SendAsync(server.Http, HttpMethod.Get, "/apis/platform.tkestack.io/v1/nosuchresources", null, server.Server.Output);

        response.Expect(404);
        Assert.Equal("NotFound", response.Reason);
        _ = JsonNode.Parse(response.Text);
    }
}
