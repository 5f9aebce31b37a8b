using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Buffers.Text;
using System.Security.Cryptography;
using Tke.E2E.Tests.Hosting;
using Tke.E2E.Tests.Resources;

namespace Tke.E2E.Tests.Auth;

/// <summary>
/// Two real servers: the downstream platform logs its users in through the upstream platform's
/// OpenID Connect provider, configured as an "oidc" IdentityProvider over the API, and trusts
/// the upstream's private CA through rootCAData. The browser flow is driven step by step.
/// </summary>
public sealed partial class UpstreamOidcLoginTests(UpstreamOidcServers servers) : IClassFixture<UpstreamOidcServers>
{
    private const string ClientRedirect = "http://127.0.0.1/callback";

    [Fact]
    public async Task Alice_logs_in_at_the_downstream_with_her_upstream_password()
    {
        using var browser = servers.CreateBrowser();
        var verifier = NewVerifier();

        var loginPage = await browser.GetAsync(servers.DownstreamAuthorizeUrl(Challenge(verifier)));
        Assert.Equal(HttpStatusCode.OK, loginPage.StatusCode);
        var html = await loginPage.Content.ReadAsStringAsync();
        Assert.Contains($"Log in with {UpstreamOidcServers.DisplayName}", html, StringComparison.Ordinal);

        var upstreamAuthorize = await StartAsync(browser, StartLink(html));
        var upstreamCallback = await LogInUpstreamAsync(browser, upstreamAuthorize, UpstreamOidcServers.AlicePassword);
        Assert.StartsWith(new Uri(servers.Downstream.BaseAddress, "/oidc/upstream/default/callback").ToString(), upstreamCallback.ToString(), StringComparison.Ordinal);

        var finished = await browser.GetAsync(upstreamCallback);
        Assert.Equal(HttpStatusCode.Redirect, finished.StatusCode);
        var clientRedirect = finished.Headers.Location!;
        Assert.Equal(ClientRedirect, clientRedirect.GetLeftPart(UriPartial.Path));
        var query = Query(clientRedirect.Query);
        Assert.Equal("s", query["state"]);

        var tokens = await RedeemAsync(query["code"]!, verifier);
        var accessToken = (string)tokens["access_token"]!;

        using var alice = servers.Downstream.CreateHttpClient(accessToken);
        var review = (await new AuthApi(servers.Downstream).SelfSubjectReviewAsync(alice)).Expect(201);
        Assert.Equal("alice", (string?)review.Json!["status"]!["userInfo"]!["username"]);

        using var anonymous = servers.Downstream.CreateHttpClient(null);
        var userInfo = await new OidcPasswordClient(anonymous).UserInfoAsync(accessToken);
        Assert.Equal("oidc:default:alice", (string?)userInfo["sub"]);
        Assert.Equal(UpstreamOidcServers.AliceEmail, (string?)userInfo["email"]);

        // Upstream users survive a refresh while their provider exists.
        using var refresh = new HttpRequestMessage(HttpMethod.Post, "/oidc/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["client_id"] = "tke",
                ["refresh_token"] = (string)tokens["refresh_token"]!,
            }),
        };
        (await ApiResponse.ReadAsync(await anonymous.SendAsync(refresh), servers.Downstream.Output)).Expect(200);
    }

    [Fact]
    public async Task A_replayed_callback_is_refused()
    {
        using var browser = servers.CreateBrowser();
        var upstreamAuthorize = await StartAsync(browser, await StartLinkAsync(browser, NewVerifier()));
        var upstreamCallback = await LogInUpstreamAsync(browser, upstreamAuthorize, UpstreamOidcServers.AlicePassword);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync(upstreamCallback)).StatusCode);

        var replay = await browser.GetAsync(upstreamCallback);

        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Null(replay.Headers.Location);
        Assert.Contains("already completed", await replay.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_upstream_password_leaves_no_code_issued()
    {
        using var browser = servers.CreateBrowser();
        var upstreamAuthorize = await StartAsync(browser, await StartLinkAsync(browser, NewVerifier()));
        var form = await ReadLoginFormAsync(browser, upstreamAuthorize);
        form.Fields["password"] = "Wrong12345Pass";

        var refused = await browser.PostAsync(form.Action, new FormUrlEncodedContent(form.Fields));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Null(refused.Headers.Location);

        // Whatever code someone sends to the callback instead, the upstream will not redeem it.
        var state = Query(upstreamAuthorize.Query)["state"];
        var guessed = await browser.GetAsync(CallbackUrl($"code=guessed&state={Uri.EscapeDataString(state)}"));
        Assert.Equal(HttpStatusCode.BadRequest, guessed.StatusCode);
        Assert.Null(guessed.Headers.Location);
        Assert.Contains("invalid_grant", await guessed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upstream_refusal_ends_on_an_error_page()
    {
        using var browser = servers.CreateBrowser();
        var upstreamAuthorize = await StartAsync(browser, await StartLinkAsync(browser, NewVerifier()));
        var state = Uri.EscapeDataString(Query(upstreamAuthorize.Query)["state"]);

        var denied = await browser.GetAsync(CallbackUrl($"error=access_denied&error_description=%3Cscript%3E&state={state}"));

        Assert.Equal(HttpStatusCode.BadRequest, denied.StatusCode);
        Assert.Null(denied.Headers.Location);
        var page = await denied.Content.ReadAsStringAsync();
        Assert.Contains("access_denied", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", page, StringComparison.Ordinal);

        // The refusal spent the state.
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.GetAsync(CallbackUrl($"code=x&state={state}"))).StatusCode);
    }

    [Fact]
    public async Task An_upstream_account_named_like_a_local_user_is_refused()
    {
        using var browser = servers.CreateBrowser();
        var upstreamAuthorize = await StartAsync(browser, await StartLinkAsync(browser, NewVerifier()));
        var upstreamCallback = await LogInUpstreamAsync(browser, upstreamAuthorize, UpstreamOidcServers.BobPassword, UpstreamOidcServers.BobName);

        var refused = await browser.GetAsync(upstreamCallback);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Null(refused.Headers.Location);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.True(page.Contains("belongs to a local user", StringComparison.Ordinal), page);
    }

    [Fact]
    public async Task An_unknown_state_is_refused()
    {
        using var browser = servers.CreateBrowser();

        var unknown = await browser.GetAsync(CallbackUrl("code=x&state=made-up"));

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("text/html", unknown.Content.Headers.ContentType?.MediaType);
    }

    private static string NewVerifier() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>RFC 7636 S256.</summary>
    private static string Challenge(string verifier) => Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    private static Dictionary<string, string> Query(string query) =>
        query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(kv => Decode(kv[0]), kv => kv.Length > 1 ? Decode(kv[1]) : "", StringComparer.Ordinal);

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));

    private Uri CallbackUrl(string query) => new(servers.Downstream.BaseAddress, "/oidc/upstream/default/callback?" + query);

    private async Task<Uri> StartLinkAsync(HttpClient browser, string verifier)
    {
        var page = await browser.GetAsync(servers.DownstreamAuthorizeUrl(Challenge(verifier)));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return StartLink(await page.Content.ReadAsStringAsync());
    }

    private static Uri StartLink(string html)
    {
        var match = StartLinkPattern().Match(html);
        Assert.True(match.Success, $"no upstream link on the login page:\n{html}");
        return new Uri(WebUtility.HtmlDecode(match.Groups[1].Value));
    }

    /// <summary>Follows the start link; returns the upstream authorization URL it redirects to.</summary>
    private async Task<Uri> StartAsync(HttpClient browser, Uri startLink)
    {
        var start = await browser.GetAsync(startLink);
        Assert.True(start.StatusCode == HttpStatusCode.Redirect, $"start: {(int)start.StatusCode} {await start.Content.ReadAsStringAsync()}\n{servers.Downstream.Output.Tail()}");
        var upstreamAuthorize = start.Headers.Location!;
        Assert.Equal(new Uri(servers.Upstream.BaseAddress, "/oidc/auth").ToString(), upstreamAuthorize.GetLeftPart(UriPartial.Path));
        return upstreamAuthorize;
    }

    /// <summary>Fills in the upstream's login form; returns where the upstream sends the browser back to.</summary>
    private static async Task<Uri> LogInUpstreamAsync(HttpClient browser, Uri upstreamAuthorize, string password, string username = UpstreamOidcServers.AliceName)
    {
        var form = await ReadLoginFormAsync(browser, upstreamAuthorize);
        form.Fields["username"] = username;
        form.Fields["password"] = password;
        var posted = await browser.PostAsync(form.Action, new FormUrlEncodedContent(form.Fields));
        Assert.True(posted.StatusCode == HttpStatusCode.Redirect, $"upstream login: {(int)posted.StatusCode} {await posted.Content.ReadAsStringAsync()}");
        return posted.Headers.Location!;
    }

    private static async Task<(Uri Action, Dictionary<string, string> Fields)> ReadLoginFormAsync(HttpClient browser, Uri upstreamAuthorize)
    {
        var page = await browser.GetAsync(upstreamAuthorize);
        var html = await page.Content.ReadAsStringAsync();
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"upstream login page: {(int)page.StatusCode} {html}");
        var action = FormActionPattern().Match(html);
        Assert.True(action.Success, $"no login form:\n{html}");
        var fields = HiddenFieldPattern().Matches(html).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value), StringComparer.Ordinal);
        fields["username"] = UpstreamOidcServers.AliceName;
        return (new Uri(WebUtility.HtmlDecode(action.Groups[1].Value)), fields);
    }

    private async Task<JsonObject> RedeemAsync(string code, string verifier)
    {
        using var anonymous = servers.Downstream.CreateHttpClient(null);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/oidc/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["client_id"] = "tke",
                ["code"] = code,
                ["redirect_uri"] = ClientRedirect,
                ["code_verifier"] = verifier,
            }),
        };
        return (await ApiResponse.ReadAsync(await anonymous.SendAsync(request), servers.Downstream.Output)).Expect(200).Object;
    }

    [GeneratedRegex("<a href=\"([^\"]*/upstream/default/start[^\"]*)\">")]
    private static partial Regex StartLinkPattern();

    [GeneratedRegex("<form method=\"post\" action=\"([^\"]+)\">")]
    private static partial Regex FormActionPattern();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">")]
    private static partial Regex HiddenFieldPattern();
}

/// <summary>
/// The upstream server with user alice and a Client for the downstream, and the downstream
/// server with an "oidc" IdentityProvider for tenant default pointing at the upstream.
/// </summary>
public sealed class UpstreamOidcServers : IAsyncLifetime
{
    public const string AdminPassword = "Admin12345Pass";
    public const string AliceName = "alice";
    public const string AlicePassword = "Alice12345Pass";
    public const string AliceEmail = "alice@example.com";

    /// <summary>A user of both servers: the downstream's local bob must not be taken over from upstream.</summary>
    public const string BobName = "bob";
    public const string BobPassword = "Bob12345Pass";
    public const string DisplayName = "Upstream TKE";
    public const string ClientId = "downstream-tke";
    private const string ClientSecret = "downstream-client-secret-1";

    private X509Certificate2? _upstreamCa;
    private X509Certificate2? _downstreamCa;

    public TkeServer Upstream { get; } = new("--admin-password", AdminPassword);

    public TkeServer Downstream { get; } = new("--admin-password", AdminPassword);

    public async Task InitializeAsync()
    {
        await Task.WhenAll(Upstream.StartAsync(), Downstream.StartAsync());
        var upstreamCaPem = await File.ReadAllTextAsync(Path.Combine(Upstream.DataDir, "pki", "ca.crt"));
        _upstreamCa = X509Certificate2.CreateFromPem(upstreamCaPem);
        _downstreamCa = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(Path.Combine(Downstream.DataDir, "pki", "ca.crt")));

        var upstream = new AuthApi(Upstream);
        var alice = AuthManifests.LocalIdentity(AliceName, AlicePassword);
        alice["spec"]!["email"] = AliceEmail;
        (await upstream.LocalIdentities().CreateAsync(alice)).Expect(201);
        var bob = AuthManifests.LocalIdentity(BobName, BobPassword);
        bob["spec"]!["email"] = "bob@example.com";
        (await upstream.LocalIdentities().CreateAsync(bob)).Expect(201);
        await new AuthApi(Downstream).CreateUserAsync(BobName, "Other12345Pass");
        var client = new JsonObject
        {
            ["apiVersion"] = AuthManifests.ApiVersion,
            ["kind"] = "Client",
            ["metadata"] = new JsonObject { ["name"] = ClientId },
            ["spec"] = new JsonObject
            {
                ["id"] = ClientId,
                ["secret"] = ClientSecret,
                ["name"] = "downstream platform",
                ["redirect_uris"] = new JsonArray(new Uri(Downstream.BaseAddress, "/oidc/upstream/default/callback").ToString()),
            },
        };
        (await new ResourceClient(Upstream.Http, AuthApi.Group + "/clients", Upstream.Output).CreateAsync(client)).Expect(201);

        var config = new JsonObject
        {
            ["issuer"] = new Uri(Upstream.BaseAddress, "/oidc").ToString(),
            ["clientID"] = ClientId,
            ["clientSecret"] = ClientSecret,
            ["rootCAData"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(upstreamCaPem)),
            ["scopes"] = new JsonArray("profile", "email"),

            // The platform's own ID tokens carry no email_verified claim.
            ["insecureSkipEmailVerified"] = true,
        };
        var provider = new JsonObject
        {
            ["apiVersion"] = AuthManifests.ApiVersion,
            ["kind"] = "IdentityProvider",
            ["metadata"] = new JsonObject { ["name"] = "default" },
            ["spec"] = new JsonObject { ["name"] = DisplayName, ["type"] = "oidc", ["config"] = config.ToJsonString() },
        };
        (await new AuthApi(Downstream).IdentityProviders().CreateAsync(provider)).Expect(201);
    }

    /// <summary>The downstream's /oidc/auth for the command line client "tke", as a browser would open it.</summary>
    public Uri DownstreamAuthorizeUrl(string codeChallenge)
    {
        var query = new Dictionary<string, string>
        {
            ["client_id"] = "tke",
            ["redirect_uri"] = "http://127.0.0.1/callback",
            ["response_type"] = "code",
            ["scope"] = "openid",
            ["state"] = "s",
            ["code_challenge"] = codeChallenge,
            ["code_challenge_method"] = "S256",
        };
        return new Uri(Downstream.BaseAddress, "/oidc/auth?" + string.Join('&', query.Select(p => p.Key + "=" + Uri.EscapeDataString(p.Value))));
    }

    /// <summary>A browser: keeps cookies, trusts the two servers' CAs, and does not follow
    /// redirects so each step can be checked.</summary>
    public HttpClient CreateBrowser()
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = true,
            CookieContainer = new CookieContainer(),
            SslOptions = new SslClientAuthenticationOptions
            {
                // Both servers' CAs have the same name, so each is tried as the only root in turn.
                RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                    IsTrusted(certificate, errors, _upstreamCa!) || IsTrusted(certificate, errors, _downstreamCa!),
            },
        };
        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
    }

    public async Task DisposeAsync()
    {
        await Task.WhenAll(Upstream.DisposeAsync().AsTask(), Downstream.DisposeAsync().AsTask());
        _upstreamCa?.Dispose();
        _downstreamCa?.Dispose();
    }

    private static bool IsTrusted(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2 ca)
    {
        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(leaf);
    }
}
