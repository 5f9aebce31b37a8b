using System.Text.Json.Nodes;
using Tke.E2E.Tests.Resources;

namespace Tke.E2E.Tests.Auth;

/// <summary>The OIDC endpoints under /oidc as the command line uses them: the password grant of the public client "tke".</summary>
public sealed class OidcPasswordClient(HttpClient anonymous)
{
    public const string TokenPath = "/oidc/token";
    public const string UserInfoPath = "/oidc/userinfo";

    /// <summary>Posts the password grant and returns the raw answer (tokens on 200, an OAuth error otherwise).</summary>
    public async Task<ApiResponse> PasswordGrantAsync(string username, string password, string? tenantId = null)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = "tke",
            ["username"] = username,
            ["password"] = password,
        };
        if (tenantId is not null)
        {
            form["tenant_id"] = tenantId;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, TokenPath) { Content = new FormUrlEncodedContent(form) };
        return await ApiResponse.ReadAsync(await anonymous.SendAsync(request), null);
    }

    /// <summary>The access token of a successful login; fails the test otherwise.</summary>
    public async Task<string> AccessTokenAsync(string username, string password, string? tenantId = null)
    {
        var response = (await PasswordGrantAsync(username, password, tenantId)).Expect(200);
        return (string?)response.Json?["access_token"] ?? throw new Xunit.Sdk.XunitException($"no access_token in {response}");
    }

    public async Task<JsonObject> UserInfoAsync(string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, UserInfoPath);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
        return (await ApiResponse.ReadAsync(await anonymous.SendAsync(request), null)).Expect(200).Object;
    }
}
