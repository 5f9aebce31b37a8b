using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Tke.Auth.Oidc.Grants;
using Tke.Auth.Oidc.Upstream;

namespace Tke.Auth.Tests.Oidc.Upstream;

public sealed class UpstreamOidcClientTests : IDisposable
{
    private const string Callback = "https://tke.example.com/oidc/upstream/default/callback";
    private const string Secret = "client secret/+";

    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);
    private readonly UpstreamTestIssuer _upstream = new();
    private readonly FakeUpstream _fake;

    public UpstreamOidcClientTests() => _fake = new FakeUpstream(_upstream, _clock);

    [Fact]
    public async Task The_authorization_url_asks_for_a_code_with_pkce_state_and_nonce()
    {
        using var client = Client();

        var begin = await client.BeginAsync(Callback, CancellationToken.None);

        var query = QueryHelpers.ParseQuery(begin.Url.Query);
        Assert.Equal("https://idp.example.com/authorize", begin.Url.GetLeftPart(UriPartial.Path));
        Assert.Equal("code", query["response_type"]);
        Assert.Equal(UpstreamTestIssuer.ClientId, query["client_id"]);
        Assert.Equal(Callback, query["redirect_uri"]);
        Assert.Equal("openid profile email", query["scope"]);
        Assert.Equal(begin.State, query["state"]);
        Assert.Equal(begin.Nonce, query["nonce"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Equal(Pkce.Challenge(begin.CodeVerifier), query["code_challenge"]);
        Assert.NotEqual(begin.State, begin.Nonce);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_code_is_redeemed_with_the_client_secret_and_the_verifier(bool basicAuthUnsupported)
    {
        using var client = Client(basicAuthUnsupported ? """ "basicAuthUnsupported": true, """ : "");
        var begin = await client.BeginAsync(Callback, CancellationToken.None);
        _fake.Nonce = begin.Nonce;

        var identity = await client.CompleteAsync(FakeUpstream.Code, begin.RedirectUri, begin.Nonce, begin.CodeVerifier, CancellationToken.None);

        Assert.Equal("user-123", identity.UserId);
        Assert.Equal("alice", identity.Username);
        Assert.Equal(basicAuthUnsupported ? "post" : "basic", _fake.ClientAuthentication);
        Assert.Equal(Pkce.Challenge(begin.CodeVerifier), Pkce.Challenge(_fake.Form!["code_verifier"]!));
        Assert.Equal(Callback, _fake.Form!["redirect_uri"]);
    }

    [Fact]
    public async Task A_refused_code_fails_with_the_oauth_error_only()
    {
        using var client = Client();
        var begin = await client.BeginAsync(Callback, CancellationToken.None);

        var e = await Assert.ThrowsAsync<UpstreamLoginException>(() =>
            client.CompleteAsync("wrong-code", begin.RedirectUri, begin.Nonce, begin.CodeVerifier, CancellationToken.None));

        Assert.Contains("invalid_grant", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-code", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_with_the_nonce_of_another_sign_in_is_refused()
    {
        using var client = Client();
        var begin = await client.BeginAsync(Callback, CancellationToken.None);
        _fake.Nonce = "stolen";

        var e = await Assert.ThrowsAsync<UpstreamIdTokenException>(() =>
            client.CompleteAsync(FakeUpstream.Code, begin.RedirectUri, begin.Nonce, begin.CodeVerifier, CancellationToken.None));

        Assert.Equal(UpstreamTokenProblem.NonceMismatch, e.Problem);
    }

    [Fact]
    public async Task A_discovery_document_for_another_issuer_is_refused()
    {
        _fake.DiscoveredIssuer = "https://evil.example.com";
        using var client = Client();

        var e = await Assert.ThrowsAsync<UpstreamLoginException>(() => client.BeginAsync(Callback, CancellationToken.None));

        Assert.Contains("another issuer", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Userinfo_claims_complete_a_thin_id_token()
    {
        using var client = Client(""" "getUserInfo": true, """);
        var begin = await client.BeginAsync(Callback, CancellationToken.None);
        _fake.Nonce = begin.Nonce;
        _fake.UserInfo = new JsonObject { ["sub"] = "user-123", ["preferred_username"] = "alice-from-userinfo", ["email"] = "a@example.com", ["email_verified"] = true };

        var identity = await client.CompleteAsync(FakeUpstream.Code, begin.RedirectUri, begin.Nonce, begin.CodeVerifier, CancellationToken.None);

        Assert.Equal("alice-from-userinfo", identity.Username);
        Assert.Equal("a@example.com", identity.Email);
    }

    [Fact]
    public async Task Userinfo_about_someone_else_is_refused()
    {
        using var client = Client(""" "getUserInfo": true, """);
        var begin = await client.BeginAsync(Callback, CancellationToken.None);
        _fake.Nonce = begin.Nonce;
        _fake.UserInfo = new JsonObject { ["sub"] = "admin" };

        await Assert.ThrowsAsync<UpstreamLoginException>(() =>
            client.CompleteAsync(FakeUpstream.Code, begin.RedirectUri, begin.Nonce, begin.CodeVerifier, CancellationToken.None));
    }

    public void Dispose() => _upstream.Dispose();

    private UpstreamOidcClient Client(string extra = "") =>
        new(UpstreamOidcConfig.Parse($$"""{ {{extra}} "issuer": "{{UpstreamTestIssuer.Issuer}}", "clientID": "{{UpstreamTestIssuer.ClientId}}", "clientSecret": "{{Secret}}" }"""), _fake, _clock, disposeHandler: false);

    /// <summary>The upstream's discovery, JWKS, token and userinfo endpoints, answering in memory.</summary>
    private sealed class FakeUpstream(UpstreamTestIssuer issuer, ManualClock clock) : HttpMessageHandler
    {
        public const string Code = "upstream-code";

        public string DiscoveredIssuer { get; set; } = UpstreamTestIssuer.Issuer;

        public string Nonce { get; set; } = "";

        public JsonObject? UserInfo { get; set; }

        public string? ClientAuthentication { get; private set; }

        public Dictionary<string, string?>? Form { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            switch (request.RequestUri!.AbsolutePath)
            {
                case "/.well-known/openid-configuration":
                    return Json(200, new JsonObject
                    {
                        ["issuer"] = DiscoveredIssuer,
                        ["authorization_endpoint"] = "https://idp.example.com/authorize",
                        ["token_endpoint"] = "https://idp.example.com/token",
                        ["jwks_uri"] = "https://idp.example.com/keys",
                        ["userinfo_endpoint"] = "https://idp.example.com/userinfo",
                    });
                case "/keys":
                    return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(issuer.JwksJson, Encoding.UTF8, "application/json") };
                case "/token":
                    return await TokenAsync(request, cancellationToken);
                case "/userinfo" when UserInfo is not null && request.Headers.Authorization?.Parameter == "upstream-access-token":
                    return Json(200, UserInfo);
                default:
                    return new HttpResponseMessage(HttpStatusCode.NotFound);
            }
        }

        private async Task<HttpResponseMessage> TokenAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Form = QueryHelpers.ParseQuery(await request.Content!.ReadAsStringAsync(cancellationToken)).ToDictionary(p => p.Key, p => (string?)p.Value.ToString());
            var basic = request.Headers.Authorization is { Scheme: "Basic" } header
                ? Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter!))
                : null;
            if (basic == Uri.EscapeDataString(UpstreamTestIssuer.ClientId) + ":" + Uri.EscapeDataString(Secret) && !Form.ContainsKey("client_secret"))
            {
                ClientAuthentication = "basic";
            }
            else if (basic is null && Form.GetValueOrDefault("client_id") == UpstreamTestIssuer.ClientId && Form.GetValueOrDefault("client_secret") == Secret)
            {
                ClientAuthentication = "post";
            }
            else
            {
                return Json(401, new JsonObject { ["error"] = "invalid_client" });
            }

            if (Form.GetValueOrDefault("code") != Code || Form.GetValueOrDefault("grant_type") != "authorization_code")
            {
                return Json(400, new JsonObject { ["error"] = "invalid_grant", ["error_description"] = "<script>bad</script>" });
            }

            return Json(200, new JsonObject
            {
                ["access_token"] = "upstream-access-token",
                ["token_type"] = "Bearer",
                ["id_token"] = issuer.SignRs256(UpstreamTestIssuer.Claims(clock.Now, Nonce)),
            });
        }

        private static HttpResponseMessage Json(int status, JsonObject body) =>
            new((HttpStatusCode)status) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
    }
}
