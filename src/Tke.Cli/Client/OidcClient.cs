using System.Net.Http.Json;

namespace Tke.Cli.Client;

/// <summary>The platform's OpenID Connect endpoints under /oidc, as the public client "tke".
/// Give it a client without a bearer token: the endpoints authenticate by form parameters.</summary>
public sealed class OidcClient(HttpClient http)
{
    public const string ClientId = "tke";

    public async Task<OidcTokens> PasswordGrantAsync(string username, string password, string? tenantId, CancellationToken cancellationToken)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = ClientId,
            ["username"] = username,
            ["password"] = password,
            ["scope"] = "openid offline_access",
        };
        if (!string.IsNullOrEmpty(tenantId))
        {
            form["tenant_id"] = tenantId;
        }

        using var response = await PostFormAsync("oidc/token", form, cancellationToken);
        var tokens = await response.Content.ReadFromJsonAsync<OidcTokens>(cancellationToken);
        return tokens is { AccessToken.Length: > 0 } ? tokens : throw new CommandFailedException("the token endpoint answered without an access token");
    }

    /// <summary>RFC 7009: ends the login session the refresh token belongs to.</summary>
    public async Task RevokeAsync(string refreshToken, CancellationToken cancellationToken)
    {
        using var response = await PostFormAsync(
            "oidc/revoke",
            new Dictionary<string, string> { ["token"] = refreshToken, ["token_type_hint"] = "refresh_token", ["client_id"] = ClientId },
            cancellationToken);
    }

    private async Task<HttpResponseMessage> PostFormAsync(string path, Dictionary<string, string> form, CancellationToken cancellationToken)
    {
        using var content = new FormUrlEncodedContent(form);
        var response = await http.PostAsync(path, content, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                throw await ResponseError.ReadAsync(response, cancellationToken);
            }
        }

        return response;
    }
}
