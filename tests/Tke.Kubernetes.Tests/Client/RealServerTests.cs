using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text.Json.Nodes;
using Tke.Kubernetes.Client;
using Tke.Kubernetes.Connections;
using Tke.Kubernetes.Kubeconfig;
using Tke.Kubernetes.Tests.Hosting;

namespace Tke.Kubernetes.Tests.Client;

/// <summary>The client against our own `tke serve`, authenticated by the admin.kubeconfig it writes.</summary>
[Collection(TkeServeCollection.Name)]
public sealed class RealServerTests(TkeServeFixture fixture) : IDisposable
{
    private static readonly GroupVersionResource ConfigMaps = new("platform.tkestack.io", "v1", "configmaps");
    private readonly KubernetesClient _client = fixture.Server.CreateClient();
    private readonly string _label = "t" + Guid.NewGuid().ToString("N")[..10];

    public void Dispose() => _client.Dispose();

    private JsonObject ConfigMap(string name, string value) => new()
    {
        ["apiVersion"] = "platform.tkestack.io/v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { ["test"] = _label } },
        ["data"] = new JsonObject { ["key"] = value },
    };

    [Fact]
    public async Task Version_and_discovery()
    {
        var version = await _client.GetVersionAsync();
        Assert.NotEmpty(version.GitVersion);

        var map = await _client.GetResourceMapAsync();
        var clusters = map.FindByKind("platform.tkestack.io/v1", "Cluster");
        Assert.NotNull(clusters);
        Assert.Equal("clusters", clusters.Plural);
        Assert.False(clusters.Namespaced);
        Assert.True(clusters.Supports("watch"));
        Assert.Contains("status", clusters.Subresources);
        Assert.Equal(clusters, map.Find(new GroupVersionResource("platform.tkestack.io", "v1", "clusters")));
        Assert.Contains(map.Search("clusters.platform.tkestack.io"), r => r.Kind == "Cluster");
        Assert.Empty(map.FailedGroupVersions);

        // Served from the cache the second time.
        Assert.Same(map, await _client.GetResourceMapAsync());
        Assert.NotSame(map, await _client.GetResourceMapAsync(refresh: true));
    }

    [Fact]
    public async Task Create_get_list_in_pages_patch_and_delete()
    {
        for (var i = 0; i < 5; i++)
        {
            var created = await _client.CreateAsync(ConfigMaps, null, ConfigMap($"{_label}-{i}", $"v{i}"));
            Assert.NotNull(created["metadata"]?["resourceVersion"]);
        }

        var got = await _client.GetAsync(ConfigMaps, null, $"{_label}-3");
        Assert.Equal("v3", (string?)got["data"]?["key"]);

        var selector = new ListOptions { LabelSelector = $"test={_label}", Limit = 2 };
        var first = await _client.ListAsync(ConfigMaps, null, selector);
        Assert.Equal(2, first.Items.Count);
        Assert.NotNull(first.Continue);
        Assert.Equal("ConfigMap", (string?)first.Items[0]["kind"]);

        var all = await _client.ListAllAsync(ConfigMaps, null, selector);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"{_label}-{i}"), all.Items.Select(o => (string?)o["metadata"]?["name"]).Order());
        Assert.NotNull(all.ResourceVersion);

        var patched = await _client.PatchAsync(ConfigMaps, null, $"{_label}-1", PatchType.Merge, new JsonObject { ["data"] = new JsonObject { ["key"] = "patched", ["extra"] = "x" } });
        Assert.Equal("patched", (string?)patched["data"]?["key"]);
        Assert.Equal("x", (string?)patched["data"]?["extra"]);

        var jsonPatched = await _client.PatchAsync(ConfigMaps, null, $"{_label}-1", PatchType.Json, JsonNode.Parse("""[{"op":"remove","path":"/data/extra"}]""")!);
        Assert.Null(jsonPatched["data"]?["extra"]);

        jsonPatched["data"]!["key"] = "replaced";
        var replaced = await _client.ReplaceAsync(ConfigMaps, null, jsonPatched);
        Assert.Equal("replaced", (string?)replaced["data"]?["key"]);

        // A stale resourceVersion is a conflict.
        var stale = await Assert.ThrowsAsync<KubernetesApiException>(() => _client.ReplaceAsync(ConfigMaps, null, jsonPatched));
        Assert.True(stale.IsConflict);

        var duplicate = await Assert.ThrowsAsync<KubernetesApiException>(() => _client.CreateAsync(ConfigMaps, null, ConfigMap($"{_label}-0", "again")));
        Assert.Equal(409, duplicate.Code);
        Assert.Equal("AlreadyExists", duplicate.Reason);

        var invalid = await Assert.ThrowsAsync<KubernetesApiException>(() => _client.CreateAsync(ConfigMaps, null, ConfigMap("Not_Valid", "v")));
        Assert.Equal(422, invalid.Code);
        Assert.NotEmpty(invalid.Causes);

        await _client.DeleteAsync(ConfigMaps, null, $"{_label}-0", new DeleteOptions { PropagationPolicy = PropagationPolicy.Background });
        var missing = await Assert.ThrowsAsync<KubernetesApiException>(() => _client.GetAsync(ConfigMaps, null, $"{_label}-0"));
        Assert.True(missing.IsNotFound);
        Assert.Equal("NotFound", missing.Reason);

        await _client.DeleteCollectionAsync(ConfigMaps, null, new ListOptions { LabelSelector = $"test={_label}" });
        Assert.Empty((await _client.ListAllAsync(ConfigMaps, null, selector)).Items);
    }

    [Fact]
    public async Task A_watch_sees_added_modified_and_deleted()
    {
        var start = await _client.ListAsync(ConfigMaps, null, new ListOptions { LabelSelector = $"test={_label}" });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var events = new List<WatchEvent>();
        var watching = Task.Run(async () =>
        {
            await foreach (var evt in _client.WatchAsync(ConfigMaps, null, new WatchOptions { ResourceVersion = start.ResourceVersion, LabelSelector = $"test={_label}" }, timeout.Token))
            {
                if (evt.Type != WatchEventType.Bookmark)
                {
                    events.Add(evt);
                }

                if (evt.Type == WatchEventType.Deleted)
                {
                    return;
                }
            }
        });

        var name = $"{_label}-w";
        await _client.CreateAsync(ConfigMaps, null, ConfigMap(name, "1"));
        await _client.PatchAsync(ConfigMaps, null, name, PatchType.Merge, JsonNode.Parse("""{"data":{"key":"2"}}""")!);
        await _client.DeleteAsync(ConfigMaps, null, name);
        await watching;

        Assert.Equal([WatchEventType.Added, WatchEventType.Modified, WatchEventType.Deleted], events.Select(e => e.Type));
        Assert.Equal("2", (string?)events[1].Object["data"]?["key"]);
        Assert.All(events, e => Assert.Equal(name, (string?)e.Object["metadata"]?["name"]));
    }

    [Fact]
    public async Task A_wrong_token_is_401()
    {
        var connection = KubeconfigParser.Load(fixture.Server.KubeconfigPath).ToConnection() with { BearerToken = "wrong" };
        using var client = new KubernetesClient(connection);
        var e = await Assert.ThrowsAsync<KubernetesApiException>(() => client.ListAsync(ConfigMaps, null));
        Assert.Equal(401, e.Code);
        Assert.Equal("Unauthorized", e.Reason);
    }

    [Fact]
    public async Task The_import_form_connects_with_the_servers_ca_and_token()
    {
        var admin = KubeconfigParser.Load(fixture.Server.KubeconfigPath).ToConnection();
        var connection = ImportFormConnection.Create($"127.0.0.1:{fixture.Server.Port}", File.ReadAllText(fixture.Server.CaPath), admin.BearerToken!);
        using var client = new KubernetesClient(connection);
        Assert.NotEmpty((await client.GetVersionAsync()).GitVersion);
    }

    [Fact]
    public async Task Another_ca_fails_the_tls_handshake()
    {
        var admin = KubeconfigParser.Load(fixture.Server.KubeconfigPath).ToConnection();
        var connection = ImportFormConnection.Create($"127.0.0.1:{fixture.Server.Port}", TestCertificates.SelfSignedCa("another-ca").CertificatePem, admin.BearerToken!);
        using var client = new KubernetesClient(connection);
        var e = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetVersionAsync());
        Assert.IsAssignableFrom<AuthenticationException>(e.InnerException);
    }

    [Fact]
    public async Task The_system_roots_do_not_trust_the_servers_own_ca()
    {
        var admin = KubeconfigParser.Load(fixture.Server.KubeconfigPath).ToConnection();
        using var client = new KubernetesClient(admin with { CertificateAuthorities = [] });
        var e = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetVersionAsync());
        Assert.IsAssignableFrom<AuthenticationException>(e.InnerException);
    }

    [Fact]
    public async Task A_refused_port_fails_fast_with_the_socket_error()
    {
        var port = ClosedPort();
        using var client = new KubernetesClient(ImportFormConnection.Create($"127.0.0.1:{port}", null, "t"), new KubernetesClientOptions { RequestTimeout = TimeSpan.FromSeconds(5) });
        var started = DateTime.UtcNow;
        var e = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetVersionAsync());
        Assert.IsType<SocketException>(e.InnerException);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_server_that_never_answers_times_out_clearly()
    {
        // Accepts connections (the kernel completes them) but never speaks TLS.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        using var client = new KubernetesClient(ImportFormConnection.Create($"127.0.0.1:{port}", null, "t"), new KubernetesClientOptions { RequestTimeout = TimeSpan.FromSeconds(1), ConnectTimeout = TimeSpan.FromSeconds(10) });
        var started = DateTime.UtcNow;
        var e = await Assert.ThrowsAsync<TimeoutException>(() => client.GetVersionAsync());
        Assert.Contains($"127.0.0.1:{port}/version: no answer within 1s", e.Message);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5));
    }

    private static int ClosedPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
