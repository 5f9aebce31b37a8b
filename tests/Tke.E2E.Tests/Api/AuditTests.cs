using System.Text.Json.Nodes;
using Tke.E2E.Tests.Hosting;
using Tke.E2E.Tests.Resources;

namespace Tke.E2E.Tests.Api;

/// <summary>Mutating and refused requests leave audit records that the audit API returns.</summary>
[Collection(SharedServerCollection.Name)]
public sealed class AuditTests(TkeServerFixture server)
{
    private const string Events = "/apis/audit.tkestack.io/v1/events";

    [Fact]
    public async Task A_create_is_recorded_with_who_what_and_the_result()
    {
        var name = "cls-audit" + Guid.NewGuid().ToString("N")[..6];
        await ResourceClient.Clusters(server.Server).CreateExpectingSuccessAsync(ClusterManifest.Json(name));

        var record = await WaitForRecordAsync("?verb=create&resource=clusters", r => ((string?)r["requestURI"])?.Contains("/clusters", StringComparison.Ordinal) == true && (int?)r["responseStatus"]?["code"] == 201);
        Assert.Equal("admin", (string?)record["user"]!["username"]);
        Assert.Equal("platform.tkestack.io", (string?)record["objectRef"]!["apiGroup"]);
        Assert.NotEmpty(record["sourceIPs"]!.AsArray());
        Assert.Equal("default", (string?)record["annotations"]!["tkestack.io/tenant-id"]);
    }

    [Fact]
    public async Task A_refused_request_is_recorded()
    {
        using var stranger = server.Server.CreateHttpClient("not-a-valid-token");
        (await ResourceClient.SendAsync(stranger, HttpMethod.Delete, "/apis/platform.tkestack.io/v1/clusters/cls-nobody", null)).Expect(401);

        var record = await WaitForRecordAsync("?code=401", r => ((string?)r["requestURI"])?.EndsWith("/clusters/cls-nobody", StringComparison.Ordinal) == true);
        Assert.Equal("delete", (string?)record["verb"]);
    }

    [Fact]
    public async Task Bad_query_parameters_are_400_and_the_api_needs_credentials()
    {
        (await ResourceClient.SendAsync(server.Http, HttpMethod.Get, Events + "?limit=0", null)).Expect(400);
        (await ResourceClient.SendAsync(server.Http, HttpMethod.Get, Events + "?from=yesterday", null)).Expect(400);
        using var anonymous = server.Server.CreateHttpClient(null);
        (await ResourceClient.SendAsync(anonymous, HttpMethod.Get, Events, null)).Expect(401);
    }

    /// <summary>Records are written asynchronously; poll briefly for the expected one.</summary>
    private async Task<JsonObject> WaitForRecordAsync(string query, Func<JsonObject, bool> match)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var page = (await ResourceClient.SendAsync(server.Http, HttpMethod.Get, Events + query, null, server.Server.Output)).Expect(200);
            Assert.Equal("EventList", (string?)page.Json!["kind"]);
            var found = page.Json!["items"]!.AsArray().OfType<JsonObject>().FirstOrDefault(match);
            if (found is not null)
            {
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"no audit record matched {query}: {page.Text}");
            }

            await Task.Delay(100);
        }
    }
}
