using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Tke.E2E.Tests.Auth;

namespace Tke.E2E.Tests.Registry;

/// <summary>
/// An Imported chart group copies a third-party Helm repository: synced when it is created, and
/// again on demand through the repoupdating subresource, as the console's "sync" button does.
/// </summary>
[Collection(RegistryServerCollection.Name)]
public sealed class RegistryChartImportTests(RegistryServerFixture fixture)
{
    [Fact]
    public async Task An_imported_group_syncs_on_creation_and_again_through_repoupdating()
    {
        using var remote = new RegistryRemoteChartRepository("mirror", "Mirror-pass-1");
        remote.Add("nginx", "1.0.0", RegistryChartArchive.Create("nginx", "1.0.0"));
        var (objectName, repoName) = await CreateImportedAsync(remote.Address, "mirror", "Mirror-pass-1");

        var synced = await WaitForPhaseAsync(objectName, "Available");
        Assert.Contains("synced 1 chart versions", (string?)synced["status"]!["message"], StringComparison.Ordinal);
        Assert.Contains("version: 1.0.0", await IndexTextAsync(repoName), StringComparison.Ordinal);

        // A new upstream version arrives only when someone syncs.
        remote.Add("nginx", "1.1.0", RegistryChartArchive.Create("nginx", "1.1.0"));
        using var response = await fixture.Http.PostAsync($"{RegistryServerFixture.RegistryApi}/chartgroups/{objectName}/repoupdating", null);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        Assert.Contains("synced 2 chart versions", (string?)JsonNode.Parse(text)!["status"]!["message"], StringComparison.Ordinal);
        Assert.Contains("version: 1.1.0", await IndexTextAsync(repoName), StringComparison.Ordinal);
        // The remote's password is not handed back.
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes("Mirror-pass-1")), text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_remote_credentials_fail_the_sync_with_the_reason_in_status()
    {
        using var remote = new RegistryRemoteChartRepository("mirror", "right-password");
        remote.Add("redis", "7.0.0", RegistryChartArchive.Create("redis", "7.0.0"));
        var (objectName, _) = await CreateImportedAsync(remote.Address, "mirror", "wrong-password");

        var failed = await WaitForPhaseAsync(objectName, "Failed");
        Assert.Contains("401", (string?)failed["status"]!["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Repoupdating_is_refused_for_a_self_built_group_an_unknown_one_and_other_methods()
    {
        var repoName = await fixture.CreateChartGroupAsync("selfbuilt", "Public");
        var list = await fixture.ChartGroups.ListAsync($"?fieldSelector=spec.name={repoName}");
        var objectName = (string)list.Object["items"]![0]!["metadata"]!["name"]!;

        using (var selfBuilt = await fixture.Http.PostAsync($"{RegistryServerFixture.RegistryApi}/chartgroups/{objectName}/repoupdating", null))
        {
            Assert.Equal(HttpStatusCode.BadRequest, selfBuilt.StatusCode);
            Assert.Contains("not Imported", await selfBuilt.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var unknown = await fixture.Http.PostAsync($"{RegistryServerFixture.RegistryApi}/chartgroups/rcg-nosuchgroup/repoupdating", null))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        using (var get = await fixture.Http.GetAsync($"{RegistryServerFixture.RegistryApi}/chartgroups/{objectName}/repoupdating"))
        {
            Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
        }
    }

    private async Task<(string ObjectName, string RepoName)> CreateImportedAsync(string address, string username, string password)
    {
        var repoName = AuthManifests.UniqueName("imported");
        var created = await fixture.ChartGroups.CreateExpectingSuccessAsync(new JsonObject
        {
            ["apiVersion"] = "registry.tkestack.io/v1",
            ["kind"] = "ChartGroup",
            ["metadata"] = new JsonObject { ["generateName"] = "cg-" },
            ["spec"] = new JsonObject
            {
                ["name"] = repoName,
                ["tenantID"] = "default",
                ["visibility"] = "Public",
                ["type"] = "Imported",
                ["importedInfo"] = new JsonObject
                {
                    ["addr"] = address,
                    ["username"] = username,
                    ["password"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(password)),
                },
            },
        });
        return ((string)created["metadata"]!["name"]!, repoName);
    }

    private async Task<JsonObject> WaitForPhaseAsync(string objectName, string phase)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        JsonObject? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = (await fixture.ChartGroups.GetAsync(objectName)).Expect(200).Object;
            if ((string?)last["status"]?["phase"] == phase)
            {
                return last;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"chart group {objectName} did not become {phase}: {last?["status"]?.ToJsonString()}");
    }

    private async Task<string> IndexTextAsync(string repoName)
    {
        using var http = fixture.Server.CreateHttpClient(null);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:" + RegistryServerFixture.AdminPassword)));
        return await http.GetStringAsync($"/chart/{repoName}/index.yaml");
    }
}
