using System.Text.Json.Nodes;
using Tke.E2E.Tests.Resources;

namespace Tke.E2E.Tests.Auth;

/// <summary>Requests the policy engine refuses are audited with the decision.</summary>
[Collection(AuthServerCollection.Name)]
public sealed class AuthorizationAuditTests(AuthServerFixture fixture)
{
    private const string Events = "/apis/audit.tkestack.io/v1/events";
    private readonly AuthApi _api = new(fixture.Server);

    [Fact]
    public async Task A_forbidden_request_leaves_a_record_with_decision_forbid()
    {
        var username = AuthManifests.UniqueName("denied");
        const string password = "Denied12345Ok";
        await _api.CreateUserAsync(username, password);
        using var user = await _api.LogInAsync(username, password);
        var cluster = AuthManifests.UniqueName("cls-denied");
        (await _api.Clusters(user).GetAsync(cluster)).Expect(403);

        var deadline = DateTime.UtcNow.AddSeconds(15);
        JsonObject? record = null;
        while (record is null)
        {
            var page = (await ResourceClient.SendAsync(_api.Admin, HttpMethod.Get, Events + "?code=403", null, fixture.Server.Output)).Expect(200);
            record = page.Json!["items"]!.AsArray().OfType<JsonObject>()
                .FirstOrDefault(r => ((string?)r["requestURI"])?.EndsWith("/clusters/" + cluster, StringComparison.Ordinal) == true);
            if (record is null)
            {
                Assert.True(DateTime.UtcNow < deadline, $"no audit record for the refused request: {page.Text}");
                await Task.Delay(100);
            }
        }

        Assert.Equal("forbid", (string?)record["annotations"]!["authorization.k8s.io/decision"]);
        Assert.Equal(username, (string?)record["user"]!["username"]);
        Assert.Equal("get", (string?)record["verb"]);
        Assert.Equal(403, (int?)record["responseStatus"]!["code"]);
    }
}
