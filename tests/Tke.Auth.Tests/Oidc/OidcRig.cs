using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Tke.Auth.Apis.Clients;
using Tke.Auth.Oidc;
using Tke.Auth.Oidc.Endpoints;
using Tke.Auth.Oidc.Grants;
using Tke.Auth.Oidc.Keys;
using Tke.Auth.Oidc.Tokens;

namespace Tke.Auth.Tests.Oidc;

/// <summary>A clock the tests move by hand.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}

public sealed class FakePasswords : IPasswordVerifier
{
    public Dictionary<string, (string Password, OidcIdentity Identity)> Users { get; } = new()
    {
        ["alice"] = ("Secret12345", new OidcIdentity("usr-alice", "alice", "alice@example.com", ["dev", "ops"], "default")),
    };

    public HashSet<string> Disabled { get; } = [];

    public bool ThrottleAll { get; set; }

    public ValueTask<PasswordVerification> VerifyAsync(PasswordLogin login, CancellationToken cancellationToken)
    {
        if (ThrottleAll)
        {
            return ValueTask.FromResult(PasswordVerification.Throttle(TimeSpan.FromSeconds(30)));
        }

        return ValueTask.FromResult(Users.TryGetValue(login.Username, out var user) && user.Password == login.Password
            ? PasswordVerification.Succeeded(user.Identity)
            : PasswordVerification.Failed);
    }

    public ValueTask<OidcIdentity?> RefreshAsync(OidcIdentity identity, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Disabled.Contains(identity.Name) ? null : Users.GetValueOrDefault(identity.Name).Identity);
}

public sealed class FakeClients : IOidcClientRegistry
{
    public Dictionary<string, ClientSpec> Clients { get; } = new()
    {
        ["console"] = new ClientSpec { Id = "console", Public = true, RedirectUris = ["https://tke.example.com/callback", "https://tke.example.com/bye"] },
        ["default"] = new ClientSpec { Id = "default", Secret = "client-secret-1", RedirectUris = ["https://app.example.com/cb"] },
    };

    public ValueTask<ClientSpec?> FindAsync(string clientId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Clients.GetValueOrDefault(clientId));
}

/// <summary>The whole provider wired with in-memory stores.</summary>
public sealed class OidcRig
{
    public const string Issuer = "https://tke.example.com/oidc";

    public OidcRig(IReadOnlyCollection<string>? apiAudiences = null)
    {
        Options = new OidcOptions { Issuer = Issuer, ApiAudiences = apiAudiences ?? ["default", "console"], AccessTokenLifetime = TimeSpan.FromHours(1), IdTokenLifetime = TimeSpan.FromHours(1) };
        Policy = KeyRotationPolicy.For(Options);
        Ring = new SigningKeyRing(SigningKeySet.Empty.Rotate(Clock.Now, Policy));
        Issuer_ = new TokenIssuer(Options, Ring, Clock);
        Validator = new TokenValidator(Options, Ring, Clock);
        Cache = new VerifiedTokenCache(Ring, Clock, Options.ClockSkew);
        Authenticator = new OidcTokenAuthenticator(Validator, Ring, Cache);
        RefreshTokens = new RefreshTokenService(RefreshStore, Options, Clock);
        var clientAuthenticator = new ClientAuthenticator(Clients);
        Token = new TokenEndpoint(clientAuthenticator, Passwords, Codes, RefreshTokens, Issuer_, Clock);
        Authorization = new AuthorizationEndpoint(Options, Clients, Passwords, Codes, Clock);
        Discovery = new DiscoveryEndpoint(Options);
        Jwks = new JwksEndpoint(Ring);
        UserInfo = new UserInfoEndpoint(Validator);
        Revocation = new RevocationEndpoint(clientAuthenticator, RefreshTokens);
        EndSession = new EndSessionEndpoint(Validator, RefreshTokens, Clients);
    }

    public ManualClock Clock { get; } = new(new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero));

    public OidcOptions Options { get; }

    public KeyRotationPolicy Policy { get; }

    public SigningKeyRing Ring { get; }

    public TokenIssuer Issuer_ { get; }

    public TokenValidator Validator { get; }

    public VerifiedTokenCache Cache { get; }

    public OidcTokenAuthenticator Authenticator { get; }

    public FakePasswords Passwords { get; } = new();

    public FakeClients Clients { get; } = new();

    public InMemoryRefreshTokenStore RefreshStore { get; } = new();

    public InMemoryAuthorizationCodeStore Codes => _codes ??= new InMemoryAuthorizationCodeStore(Clock);

    private InMemoryAuthorizationCodeStore? _codes;

    public RefreshTokenService RefreshTokens { get; }

    public TokenEndpoint Token { get; }

    public AuthorizationEndpoint Authorization { get; }

    public DiscoveryEndpoint Discovery { get; }

    public JwksEndpoint Jwks { get; }

    public UserInfoEndpoint UserInfo { get; }

    public RevocationEndpoint Revocation { get; }

    public EndSessionEndpoint EndSession { get; }

    public static OidcIdentity Alice => new("usr-alice", "alice", "alice@example.com", ["dev", "ops"], "default");

    public IssuedTokens IssueForAlice(string clientId = "default") => Issuer_.Issue(Alice, clientId, "sess-1", "n-0S6", ["openid"]);

    /// <summary>A JWT with any header and payload, signed by <paramref name="key"/>.</summary>
    public static string Forge(SigningKey key, object header, object payload)
    {
        var signingInput = B64(JsonSerializer.SerializeToUtf8Bytes(header)) + "." + B64(JsonSerializer.SerializeToUtf8Bytes(payload));
        return signingInput + "." + B64(key.Sign(Encoding.ASCII.GetBytes(signingInput)));
    }

    public static string B64(byte[] bytes) => Base64Url.EncodeToString(bytes);

    public Dictionary<string, object> AlicePayload(long? exp = null, string iss = Issuer, string aud = "default") => new()
    {
        ["iss"] = iss,
        ["sub"] = "usr-alice",
        ["aud"] = aud,
        ["exp"] = exp ?? (Clock.Now + TimeSpan.FromMinutes(10)).ToUnixTimeSeconds(),
        ["iat"] = Clock.Now.ToUnixTimeSeconds(),
        ["name"] = "alice",
        ["groups"] = new[] { "dev" },
        ["federated_claims"] = new Dictionary<string, string> { ["connector_id"] = "default", ["user_id"] = "usr-alice" },
    };

    public static DefaultHttpContext Post(string form, string? basic = null, string? cookie = null)
    {
        var context = NewContext();
        context.Request.Method = "POST";
        context.Request.ContentType = "application/x-www-form-urlencoded";
        var bytes = Encoding.UTF8.GetBytes(form);
        context.Request.Body = new MemoryStream(bytes);
        context.Request.ContentLength = bytes.Length;
        if (basic is not null)
        {
            context.Request.Headers.Authorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(basic));
        }

        if (cookie is not null)
        {
            context.Request.Headers.Cookie = cookie;
        }

        return context;
    }

    public static DefaultHttpContext Get(string query, string? bearer = null)
    {
        var context = NewContext();
        context.Request.Method = "GET";
        context.Request.QueryString = new QueryString(query);
        if (bearer is not null)
        {
            context.Request.Headers.Authorization = "Bearer " + bearer;
        }

        return context;
    }

    private static DefaultHttpContext NewContext()
    {
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();
        context.Connection.RemoteIpAddress = System.Net.IPAddress.Loopback;
        return context;
    }

    public static string Body(HttpContext context)
    {
        context.Response.Body.Position = 0;
        return new StreamReader(context.Response.Body).ReadToEnd();
    }

    public static JsonElement Json(HttpContext context) => JsonDocument.Parse(Body(context)).RootElement;

    public static string Form(params (string Name, string Value)[] fields) =>
        string.Join('&', fields.Select(f => Uri.EscapeDataString(f.Name) + "=" + Uri.EscapeDataString(f.Value)));
}
