using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Tke.E2E.Tests.Clusters;

/// <summary>
/// An imported cluster after import: typed node counts, the connection check repeated on edits of
/// its address or credential, and what belonged to it removed with it.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterLifecycleTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_running_cluster_reports_its_node_counts_in_status_and_in_the_table()
    {
        var cluster = await ProxiedCluster.ImportAsync(fixture);
        var facts = await DirectClusterFacts.ReadAsync(fixture.Target);
        var body = await fixture.Api.WaitForAsync(cluster.Name, c => (int?)c["status"]?["nodeCount"] == facts.Nodes, TimeSpan.FromSeconds(30), "counted");
        Assert.Equal(facts.ReadyNodes, (int?)body["status"]!["readyNodeCount"]);

        using var table = new HttpRequestMessage(HttpMethod.Get, $"{PlatformClusterApi.Clusters}/{cluster.Name}");
        table.Headers.Accept.ParseAdd("application/json;as=Table;v=v1;g=meta.k8s.io");
        using var response = await fixture.Server.Http.SendAsync(table);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var columns = json["columnDefinitions"]!.AsArray().Select(c => (string?)c!["name"]).ToList();
        var cells = json["rows"]![0]!["cells"]!.AsArray();
        Assert.Equal($"{facts.ReadyNodes}/{facts.Nodes}", (string?)cells[columns.IndexOf("Nodes")]);
    }

    [Fact]
    public async Task Moving_an_imported_cluster_to_an_address_that_does_not_answer_is_refused_and_changes_nothing()
    {
        var cluster = await ProxiedCluster.ImportAsync(fixture);
        var before = await GetAsync($"{PlatformClusterApi.Clusters}/{cluster.Name}");
        var patch = new JsonObject
        {
            ["status"] = new JsonObject
            {
                ["addresses"] = new JsonArray(new JsonObject { ["type"] = "Advertise", ["host"] = "127.0.0.1", ["port"] = ClosedPort() }),
            },
        };

        var (code, refusal) = await MergePatchAsync($"{PlatformClusterApi.Clusters}/{cluster.Name}/status", patch);

        Assert.Equal(422, code);
        Assert.Contains("status.addresses", refusal, StringComparison.Ordinal);
        Assert.Contains("connection refused", refusal, StringComparison.Ordinal);
        var after = await GetAsync($"{PlatformClusterApi.Clusters}/{cluster.Name}");
        Assert.Equal(before["status"]!["addresses"]!.ToJsonString(), after["status"]!["addresses"]!.ToJsonString());
    }

    [Fact]
    public async Task A_wrong_token_written_into_a_credential_in_use_is_refused_and_the_old_one_kept()
    {
        var cluster = await ProxiedCluster.ImportAsync(fixture);
        var credentialName = (string)(await GetAsync($"{PlatformClusterApi.Clusters}/{cluster.Name}"))["spec"]!["clusterCredentialRef"]!["name"]!;
        var path = $"{PlatformClusterApi.Credentials}/{credentialName}";

        var (code, refusal) = await MergePatchAsync(path, new JsonObject { ["token"] = "not-the-token" });

        Assert.Equal(422, code);
        Assert.Contains($"cluster {cluster.Name} uses this credential", refusal, StringComparison.Ordinal);
        Assert.Contains("401", refusal, StringComparison.Ordinal);
        // Still reachable with the credential that was kept.
        var (direct, _) = await ProxiedCluster.SendAsync(fixture.Server.Http, cluster.WithHeader(HttpMethod.Get, "/api/v1/namespaces"));
        Assert.Equal(200, direct);

        // A change that still reaches the cluster (the same token, another spelling of the CA) is accepted.
        var ca = Convert.ToBase64String(Encoding.UTF8.GetBytes(fixture.Target.CaPem + "\n"));
        var (accepted, text) = await MergePatchAsync(path, new JsonObject { ["caCert"] = ca });
        Assert.True(accepted == 200, text);
    }

    [Fact]
    public async Task Deleting_a_cluster_removes_its_credential_and_machines_but_not_a_shared_credential()
    {
        var cluster = await ProxiedCluster.ImportAsync(fixture);
        var credentialName = (string)(await GetAsync($"{PlatformClusterApi.Clusters}/{cluster.Name}"))["spec"]!["clusterCredentialRef"]!["name"]!;
        var machine = new JsonObject
        {
            ["apiVersion"] = "platform.tkestack.io/v1",
            ["kind"] = "Machine",
            ["metadata"] = new JsonObject { ["generateName"] = "mc-" },
            ["spec"] = new JsonObject
            {
                ["clusterName"] = cluster.Name,
                ["type"] = "Baremetal",
                ["ip"] = "10.0.0.9",
                ["port"] = 22,
                ["username"] = "root",
                ["password"] = Convert.ToBase64String("secret"u8.ToArray()),
            },
        };
        using var created = await fixture.Server.Http.PostAsync("/apis/platform.tkestack.io/v1/machines", Json(machine));
        var createdText = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, createdText);
        var machineName = (string)JsonNode.Parse(createdText)!["metadata"]!["name"]!;

        // A second cluster on its own credential, and a third sharing the second's: deleting the third keeps it.
        var other = await ProxiedCluster.ImportAsync(fixture);
        var otherCredential = (string)(await GetAsync($"{PlatformClusterApi.Clusters}/{other.Name}"))["spec"]!["clusterCredentialRef"]!["name"]!;
        var sharing = "cls-sh" + Guid.NewGuid().ToString("N")[..8];
        var (code, body) = await fixture.Api.ImportAsync(sharing, fixture.Target, otherCredential);
        Assert.True(code == 201, body.ToJsonString());

        using (var deleted = await fixture.Server.Http.DeleteAsync($"{PlatformClusterApi.Clusters}/{cluster.Name}"))
        {
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        }

        using (var deleted = await fixture.Server.Http.DeleteAsync($"{PlatformClusterApi.Clusters}/{sharing}"))
        {
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        }

        await WaitForGoneAsync($"{PlatformClusterApi.Credentials}/{credentialName}");
        await WaitForGoneAsync($"/apis/platform.tkestack.io/v1/machines/{machineName}");
        Assert.Equal(200, (await fixture.Api.GetAsync($"{PlatformClusterApi.Credentials}/{otherCredential}")).Code);
        Assert.Equal(200, (await fixture.Api.GetAsync($"{PlatformClusterApi.Clusters}/{other.Name}")).Code);
    }

    private async Task WaitForGoneAsync(string path)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var code = 0;
        while (DateTime.UtcNow < deadline)
        {
            (code, _) = await fixture.Api.GetAsync(path);
            if (code == 404)
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"{path} still answers {code} after its cluster was deleted\n{fixture.Server.Output.Tail()}");
    }

    private async Task<JsonObject> GetAsync(string path)
    {
        var (code, body) = await fixture.Api.GetAsync(path);
        Assert.True(code == 200 && body is not null, $"GET {path} answered {code}");
        return body!;
    }

    private async Task<(int Code, string Body)> MergePatchAsync(string path, JsonObject patch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, path)
        {
            Content = new StringContent(patch.ToJsonString(), Encoding.UTF8, "application/merge-patch+json"),
        };
        using var response = await fixture.Server.Http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static StringContent Json(JsonObject body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    private static int ClosedPort()
    {
        using var socket = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
