using Tke.E2E.Tests.Hosting;

namespace Tke.E2E.Tests.Cli;

/// <summary>Raw calls to the token endpoint, to check what the CLI stored independently of it.</summary>
public static class OidcForms
{
    public static async Task<HttpResponseMessage> RefreshAsync(TkeServerFixture server, string refreshToken)
    {
        using var anonymous = server.Server.CreateHttpClient(null);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = "tke",
            ["refresh_token"] = refreshToken,
        });
        return await anonymous.PostAsync("/oidc/token", form);
    }
}
