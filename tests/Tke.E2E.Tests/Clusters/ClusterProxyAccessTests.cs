using System.Text.Json.Nodes;
using Tke.E2E.Tests.Auth;

namespace Tke.E2E.Tests.Clusters;

/// <summary>The proxy checks tenant and policy before anything reaches the cluster, and the cluster
/// sees the real caller, never an identity the caller claims.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterProxyAccessTests(ClusterFixture fixture)
{
    private const string Password = "ProxyUser12345";

    private AuthApi Auth => new(fixture.Server);

    [Fact]
    public async Task A_user_without_a_policy_for_the_cluster_gets_403_and_nothing_is_forwarded()
    {
        var cluster = await ProxiedCluster.ImportAsync(fixture);
        var username = AuthManifests.UniqueName("pxnone");
        await Auth.CreateUserAsync(username, Password);
        using var user = await Auth.LogInAsync(username, Password);
        var name = "denied-" + Guid.NewGuid().ToString("N")[..8];
        var configMap = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["metadata"] = new JsonObject { ["name"] = name } };

        var (code, status) = await ProxiedCluster.SendAsync(user, cluster.WithHeader(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", configMap));
        Assert.True(code == 403, $"create answered {code}: {status?.ToJsonString()}");
        Assert.Equal("Forbidden", (string?)status!["reason"]);
        Assert.Contains(cluster.Name, (string?)status["message"], StringComparison.Ordinal);

        var (listCode, _) = await ProxiedCluster.SendAsync(user, new HttpRequestMessage(HttpMethod.Get, cluster.ProxyPath + "/api/v1/nodes"));
        Assert.Equal(403, listCode);
        var (kubeconfigCode, _) = await ProxiedCluster.SendAsync(user, new HttpRequestMessage(HttpMethod.Get, cluster.KubeconfigPath));
        Assert.Equal(403, kubeconfigCode);

        using var direct = cluster.DirectClient();
        var (directCode, _) = await ProxiedCluster.SendAsync(direct, new HttpRequestMessage(HttpMethod.Get, $"/api/v1/namespaces/default/configmaps/{name}"));
        Assert.Equal(404, directCode);
    }

    [Fact]
    public async Task Another_tenants_cluster_is_404()
    {
        var cluster = await ProxiedCluster.ImportAsync(fixture);
        const string tenant = "tproxy";
        var username = AuthManifests.UniqueName("pxother");
        await Auth.CreateUserAsync(username, Password, tenant);
        var policy = AuthManifests.UniqueName("pol-px-all");
        (await Auth.Policies().CreateAsync(AuthManifests.Policy(policy, ["*"], ["*"], tenant))).Expect(201);
        await Auth.BindAsync(policy, username);
        using var user = await Auth.LogInAsync(username, Password, tenant);

        var (code, status) = await ProxiedCluster.SendAsync(user, cluster.WithHeader(HttpMethod.Get, "/api/v1/nodes"));
        Assert.True(code == 404, $"answered {code}: {status?.ToJsonString()}");
        Assert.Equal("NotFound", (string?)status!["reason"]);
        Assert.Equal(404, (await ProxiedCluster.SendAsync(user, new HttpRequestMessage(HttpMethod.Get, cluster.ProxyPath + "/api/v1/namespaces"))).Code);
        Assert.Equal(404, (await ProxiedCluster.SendAsync(user, new HttpRequestMessage(HttpMethod.Get, cluster.KubeconfigPath))).Code);
    }

    [Fact]
    public async Task A_client_sent_impersonation_header_is_dropped_and_the_cluster_sees_the_real_user()
    {
        var cluster = await ProxiedCluster.ImportAsync(fixture);
        var username = AuthManifests.UniqueName("pxlow");
        await Auth.CreateUserAsync(username, Password);
        var policy = AuthManifests.UniqueName("pol-px-cluster");
        (await Auth.Policies().CreateAsync(AuthManifests.Policy(policy, ["*"], [$"cluster:{cluster.Name}/*"]))).Expect(201);
        await Auth.BindAsync(policy, username);
        using var user = await Auth.LogInAsync(username, Password);
        var review = new JsonObject { ["apiVersion"] = "authentication.k8s.io/v1", ["kind"] = "SelfSubjectReview" };

        HttpRequestMessage Review()
        {
            var request = cluster.WithHeader(HttpMethod.Post, "/apis/authentication.k8s.io/v1/selfsubjectreviews", review);
            request.Headers.Add("Impersonate-User", "admin");
            request.Headers.Add("Impersonate-Group", "system:masters");
            return request;
        }

        // The new policy may still be on its way into the authorizer.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        var (code, body) = await ProxiedCluster.SendAsync(user, Review());
        while (code == 403 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            (code, body) = await ProxiedCluster.SendAsync(user, Review());
        }

        Assert.True(code == 201, $"review answered {code}: {body?.ToJsonString()}\n{fixture.Server.Output.Tail()}");
        var userInfo = body!["status"]!["userInfo"]!;
        Assert.Equal(username, (string?)userInfo["username"]);
        Assert.DoesNotContain("system:masters", userInfo["groups"]!.AsArray().Select(g => (string?)g));

        // The same user may not act outside the cluster its policy names.
        var (ownCode, _) = await ProxiedCluster.SendAsync(user, new HttpRequestMessage(HttpMethod.Get, PlatformClusterApi.Clusters));
        Assert.Equal(403, ownCode);
    }
}
