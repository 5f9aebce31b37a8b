using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Tke.ApiMachinery.Errors;
using Tke.ApiMachinery.Http;
using Tke.ApiMachinery.Json;
using Tke.ApiMachinery.Requests;
using Tke.ApiMachinery.Store;
using Tke.Auth.Apis.ApiKeys;
using Tke.Auth.Oidc;
using Tke.Auth.Oidc.Keys;
using Tke.Auth.Oidc.Tokens;

namespace Tke.Auth.Server;

/// <summary>
/// Access credentials ("访问凭证"): `POST /apis/auth.tkestack.io/v1/apikeys/default/token` issues
/// a signed bearer token for the caller with the requested lifetime. The token is returned once;
/// the stored APIKey keeps only its SHA-256, so listing keys never reveals one.
/// </summary>
public sealed class ApiKeyIssuer(ResourceStore apiKeys, OidcOptions oidc, SigningKeyRing keys, TimeProvider clock)
{
    public const string Path = "/apis/auth.tkestack.io/v1/apikeys/default/token";
    public const string Audience = "tke-apikey";
    public const string HashPrefix = "sha256:";

    public async Task HandleAsync(HttpContext context, RequestUser user)
    {
        if (context.Request.Method != "POST")
        {
            throw StatusError.MethodNotSupported("apikeys/token", context.Request.Method);
        }

        var body = RequestBody.Decode(await RequestBody.ReadAsync(context.Request, context.RequestAborted), MediaTypes.BodyType(context.Request.ContentType));
        ApiKeyRequest request;
        TimeSpan lifetime;
        try
        {
            request = body.Deserialize<ApiKeyRequest>(ApiJson.Options) ?? throw StatusError.BadRequest("the body must be an APIKeyReq object");
            lifetime = request.ExpiryOrDefault();
        }
        catch (Exception e) when (e is JsonException or FormatException or ArgumentException)
        {
            throw StatusError.BadRequest($"invalid access credential request: {e.Message}");
        }

        if (lifetime <= TimeSpan.Zero || lifetime > TimeSpan.FromDays(3650))
        {
            throw StatusError.BadRequest("expire must be positive and at most 3650 days");
        }

        var name = Tke.ApiMachinery.Store.NameGenerator.Generate("apikey-", 8);
        var identity = new OidcIdentity(user.Name, user.Name, null, user.Groups.Where(g => g != "system:authenticated").ToArray(), user.TenantId);
        var issuer = new TokenIssuer(new OidcOptions { Issuer = oidc.Issuer, AccessTokenLifetime = lifetime, IdTokenLifetime = lifetime, ClockSkew = oidc.ClockSkew }, keys, clock);
        var token = issuer.Issue(identity, Audience, name, null, ["apikey"]).AccessToken;
        var now = clock.GetUtcNow();
        var apiKey = new ApiKey
        {
            Metadata = new Tke.ApiMachinery.Objects.ObjectMeta { Name = name },
            Spec = new ApiKeySpec
            {
                Key = HashPrefix + Hash(token),
                TenantId = user.TenantId,
                Username = user.Name,
                Description = request.Description,
                IssueAt = now,
                ExpireAt = now + lifetime,
            },
        };
        var created = await apiKeys.CreateAsync(null, JsonSerializer.SerializeToNode(apiKey, ApiJson.Options), new WriteContext(user) { FieldValidation = FieldValidationMode.Strict }, context.RequestAborted);
        var shown = JsonNode.Parse(created.Json)!;
        shown["spec"]!["apiKey"] = token; // the only time the key is shown
        await ResponseWriter.WriteJsonBytesAsync(context, Encoding.UTF8.GetBytes(shown.ToJsonString()), 201);
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

/// <summary>
/// Accepts the platform's signed bearer tokens: OIDC access tokens from a login, and access
/// credentials (API keys). One header parse and one cache lookup per request: a token's
/// signature is verified once and remembered, and so is the caller it names. An API key must
/// also still exist with this token's hash and be neither disabled nor expired; key state is
/// re-read every few seconds, so disabling takes effect quickly without a read per request.
/// </summary>
public sealed class PlatformTokenAuthenticator(TokenValidator validator, SigningKeyRing keys, VerifiedTokenCache verified, ResourceStore apiKeys, TimeProvider clock) : IRequestAuthenticator
{
    private static readonly TimeSpan StateTtl = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<string, (ApiKey? Key, DateTimeOffset ReadAt)> _states = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<ValidatedToken, RequestUser> _users = new();

    public async ValueTask<RequestUser?> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var header = request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        if (header.Length <= prefix.Length || !header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return await AuthenticateTokenAsync(header[prefix.Length..].Trim(), cancellationToken);
    }

    /// <summary>The caller a bearer token names; null when it is not a JWT; a 401 StatusError when it is refused.</summary>
    public async ValueTask<RequestUser?> AuthenticateTokenAsync(string token, CancellationToken cancellationToken)
    {
        if (!TokenValidator.LooksLikeJwt(token))
        {
            return null;
        }

        if (!verified.TryGet(token, out var validated))
        {
            var keySet = keys.Current;
            try
            {
                validated = validator.Validate(token, checkAudience: false);
            }
            catch (TokenValidationException e)
            {
                throw StatusError.Unauthorized(e.Message);
            }

            verified.Add(token, validated, keySet);
        }

        if (validated.Audiences.Contains(ApiKeyIssuer.Audience))
        {
            await CheckApiKeyAsync(token, validated, cancellationToken);
        }

        return _users.GetValue(validated, ToUser);
    }

    private static RequestUser ToUser(ValidatedToken token) =>
        new(token.Name, token.Groups.Contains("system:authenticated") ? token.Groups : [.. token.Groups, "system:authenticated"], token.TenantId);

    private async ValueTask CheckApiKeyAsync(string token, ValidatedToken validated, CancellationToken cancellationToken)
    {
        var key = validated.SessionId is { } name ? await StateAsync(name, cancellationToken) : null;
        if (key is null || key.Spec.Key != ApiKeyIssuer.HashPrefix + ApiKeyIssuer.Hash(token))
        {
            throw StatusError.Unauthorized("the access credential has been deleted");
        }

        if (key.Status?.Disabled == true)
        {
            throw StatusError.Unauthorized("the access credential is disabled");
        }

        if (key.Spec.ExpireAt is { } expiry && expiry <= clock.GetUtcNow())
        {
            throw StatusError.Unauthorized("the access credential has expired");
        }
    }

    private async ValueTask<ApiKey?> StateAsync(string name, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_states.TryGetValue(name, out var cached) && now - cached.ReadAt < StateTtl)
        {
            return cached.Key;
        }

        ApiKey? key;
        try
        {
            key = (ApiKey)(await apiKeys.GetAsync(null, name, cancellationToken)).Object;
        }
        catch (StatusError e) when (e.Code == 404)
        {
            key = null;
        }

        if (_states.Count > 100_000)
        {
            _states.Clear(); // bounded memory; the next requests re-read
        }

        _states[name] = (key, now);
        return key;
    }
}
