using System.Text.Json.Nodes;
using Tke.E2E.Tests.Hosting;
using Tke.E2E.Tests.Resources;

namespace Tke.E2E.Tests.Auth;

/// <summary>
/// The auth server as one test drives it: the bootstrap admin's client for setup, users that
/// log in through /oidc, and clients carrying their tokens.
/// </summary>
public sealed class AuthApi(TkeServer server)
{
    public const string Group = "/apis/auth.tkestack.io/v1";
    public const string ClustersPath = "/apis/platform.tkestack.io/v1/clusters";
    public const string SelfSubjectReviewPath = "/apis/authentication.k8s.io/v1/selfsubjectreviews";

    public TkeServer Server => server;

    /// <summary>Sees every tenant (system:masters).</summary>
    public HttpClient Admin => server.Http;

    public ResourceClient LocalIdentities(HttpClient? client = null) => new(client ?? Admin, Group + "/localidentities", server.Output);

    public ResourceClient Policies(HttpClient? client = null) => new(client ?? Admin, Group + "/policies", server.Output);

    public ResourceClient ApiKeys(HttpClient? client = null) => new(client ?? Admin, Group + "/apikeys", server.Output);

    public ResourceClient IdentityProviders(HttpClient? client = null) => new(client ?? Admin, Group + "/identityproviders", server.Output);

    public ResourceClient Clusters(HttpClient? client = null) => new(client ?? Admin, ClustersPath, server.Output);

    public OidcPasswordClient Oidc(HttpClient anonymous) => new(anonymous);

    /// <summary>Creates a local user as the bootstrap admin.</summary>
    public async Task<JsonObject> CreateUserAsync(string username, string password, string? tenantId = null) =>
        (await LocalIdentities().CreateAsync(AuthManifests.LocalIdentity(username, password, tenantId))).Expect(201).Object;

    /// <summary>Logs in with the password grant and returns a client sending the access token (dispose it).</summary>
    public async Task<HttpClient> LogInAsync(string username, string password, string? tenantId = null)
    {
        using var anonymous = server.CreateHttpClient(null);
        var token = await new OidcPasswordClient(anonymous).AccessTokenAsync(username, password, tenantId);
        return server.CreateHttpClient(token);
    }

    /// <summary>Adds the user to a policy's status.users through the status subresource, retrying on conflicts.</summary>
    public Task BindAsync(string policyName, string username) => BindSubjectAsync(policyName, "users", username);

    /// <summary>Adds a group (local, or as an identity provider names it) to a policy's status.groups.</summary>
    public Task BindGroupAsync(string policyName, string group) => BindSubjectAsync(policyName, "groups", group);

    private async Task BindSubjectAsync(string policyName, string field, string username)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var policy = (await Policies().GetAsync(policyName)).Expect(200).Object;
            var status = policy["status"] as JsonObject ?? new JsonObject();
            policy["status"] = status;
            var users = status[field] as JsonArray ?? new JsonArray();
            status[field] = users;
            users.Add(AuthManifests.Subject(username));
            var updated = await Policies().UpdateAsync(policyName, policy, "status");
            if (updated.Code != 409)
            {
                updated.Expect(200);
                return;
            }
        }

        throw new Xunit.Sdk.XunitException($"binding {username} to {policyName} kept conflicting");
    }

    /// <summary>POST .../apikeys/default/token as the given client.</summary>
    public Task<ApiResponse> IssueApiKeyAsync(HttpClient client, string expire, string description = "e2e") =>
        ResourceClient.SendAsync(client, HttpMethod.Post, Group + "/apikeys/default/token",
            ResourceClient.Json(new JsonObject { ["description"] = description, ["expire"] = expire }), server.Output);

    public Task<ApiResponse> SelfSubjectReviewAsync(HttpClient client) =>
        ResourceClient.SendAsync(client, HttpMethod.Post, SelfSubjectReviewPath,
            ResourceClient.Json(new JsonObject { ["apiVersion"] = "authentication.k8s.io/v1", ["kind"] = "SelfSubjectReview" }), server.Output);

    /// <summary>Repeats <paramref name="probe"/> until it answers <paramref name="expected"/> (policy and key caches settle in seconds).</summary>
    public static async Task<ApiResponse> PollUntilAsync(Func<Task<ApiResponse>> probe, int expected, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var response = await probe();
            if (response.Code == expected || DateTime.UtcNow > deadline)
            {
                return response.Expect(expected);
            }

            await Task.Delay(200);
        }
    }
}
