using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Tke.Benchmarks;

/// <summary>Logs in through the server's OpenID Connect password grant, as `tke login` does.</summary>
public static class OidcLogin
{
    public static async Task<string> PasswordGrantAsync(BenchmarkContext context, string username, string password, CancellationToken cancellationToken)
    {
        using var client = context.CreateClient(HttpProtocol.Http11, 1);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = "tke",
            ["username"] = username,
            ["password"] = password,
            ["scope"] = "openid",
        });
        using var response = await client.Http.PostAsync(new Uri(context.Target.BaseAddress, "/oidc/token"), form, cancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
        return response.IsSuccessStatusCode && (string?)body?["access_token"] is { } token
            ? token
            : throw new InvalidOperationException($"OIDC login failed: {(int)response.StatusCode} {body?.ToJsonString()}");
    }
}
