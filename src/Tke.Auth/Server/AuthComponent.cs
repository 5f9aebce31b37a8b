using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Tke.ApiMachinery.Admission;
using Tke.ApiMachinery.Errors;
using Tke.ApiMachinery.Http;
using Tke.ApiServer.Components;
using Tke.Auth.Authorization;
using Tke.Auth.Identity;
using Tke.Auth.Oidc;
using Tke.Auth.Oidc.Endpoints;
using Tke.Auth.Oidc.Grants;
using Tke.Auth.Oidc.Keys;
using Tke.Auth.Oidc.Tokens;
using Tke.Auth.Oidc.Upstream;

namespace Tke.Auth.Server;

/// <summary>Settings of the auth component that `tke serve` exposes as flags.</summary>
public sealed record AuthOptions
{
    public string DefaultTenant { get; init; } = "default";

    /// <summary>The first administrator's password; generated and printed once when null.</summary>
    public string? AdminPassword { get; init; }
}

/// <summary>
/// auth.tkestack.io at run time: bootstrap of the default tenant, password hashing and policy
/// admission, the OpenID Connect provider at /oidc, access credentials, and the policy
/// authorizer kept level with the stored policies.
/// </summary>
public sealed class AuthComponent(AuthOptions options) : IServerComponent
{
    public const string IssuerPath = "/oidc";

    private readonly AuthorizationSnapshot _snapshot = new();
    private readonly Pbkdf2PasswordHasher _hasher = Pbkdf2PasswordHasher.Default;

    public IReadOnlyList<IAdmissionPlugin> CreateAdmissionPlugins(ServerContext context) =>
    [
        new LocalIdentityPasswordAdmission(_hasher),
        new PolicyStatementAdmission(_snapshot),
    ];

    public async Task<ComponentWiring> StartAsync(ServerContext context, ApiSurface surface, Uri address, CancellationToken cancellationToken)
    {
        var logger = context.Logs.CreateLogger("tke.auth");
        var stores = new AuthStores(surface, context.Catalog);
        var clock = context.Clock;

        var revision = context.Store.CurrentRevision;
        await new AuthBootstrap(stores, logger).RunAsync(options.DefaultTenant, options.AdminPassword, cancellationToken);
        var refresher = new PolicySnapshotRefresher(stores, _snapshot, logger);
        await refresher.RebuildAsync(cancellationToken);
        _ = refresher.RunAsync(revision, context.Stopping);

        var oidc = new OidcOptions { Issuer = new Uri(address, IssuerPath).ToString().TrimEnd('/') };
        var ring = new SigningKeyRing();
        var rotator = new SigningKeyRotator(new StoredSigningKeys(stores.SigningKeys), ring, KeyRotationPolicy.For(oidc), clock);
        await rotator.RefreshAsync(cancellationToken);
        _ = RotateKeysAsync(rotator, logger, context.Stopping);

        var validator = new TokenValidator(oidc, ring, clock);
        var issuer = new TokenIssuer(oidc, ring, clock);
        var clients = new StoredClients(stores.Clients);
        var passwords = new PlatformPasswordVerifier(new StoredLocalIdentities(stores.LocalIdentities), stores.IdentityProviders, stores.LocalIdentities, new LoginThrottle(timeProvider: clock), options.DefaultTenant);
        var refreshTokens = new RefreshTokenService(new InMemoryRefreshTokenStore(), oidc, clock);
        var codes = new InMemoryAuthorizationCodeStore(clock);
        var clientAuthenticator = new ClientAuthenticator(clients);
        var upstreams = new StoredUpstreamProviders(stores.IdentityProviders, options.DefaultTenant, clock);
        var endpoints = new Dictionary<string, Func<HttpContext, Task>>(StringComparer.Ordinal)
        {
            [DiscoveryEndpoint.Path] = new DiscoveryEndpoint(oidc).HandleAsync,
            [JwksEndpoint.Path] = new JwksEndpoint(ring).HandleAsync,
            [TokenEndpoint.Path] = new TokenEndpoint(clientAuthenticator, passwords, codes, refreshTokens, issuer, clock).HandleAsync,
            [AuthorizationEndpoint.Path] = new AuthorizationEndpoint(oidc, clients, passwords, codes, clock, upstreams).HandleAsync,
            [UpstreamLoginEndpoint.PathPrefix] = new UpstreamLoginEndpoint(oidc, clients, upstreams, new InMemoryUpstreamLoginStateStore(clock), codes, new StoredLocalIdentities(stores.LocalIdentities), clock, logger).HandleAsync,
            [UserInfoEndpoint.Path] = new UserInfoEndpoint(validator).HandleAsync,
            [RevocationEndpoint.Path] = new RevocationEndpoint(clientAuthenticator, refreshTokens).HandleAsync,
            [EndSessionEndpoint.Path] = new EndSessionEndpoint(validator, refreshTokens, clients).HandleAsync,
        };

        var apiKeys = new ApiKeyIssuer(stores.ApiKeys, oidc, ring, clock);
        var verified = new VerifiedTokenCache(ring, clock, oidc.ClockSkew);
        var tokens = new PlatformTokenAuthenticator(validator, ring, verified, stores.ApiKeys, clock);
        logger.LogInformation("OpenID Connect issuer {Issuer}", oidc.Issuer);
        return new ComponentWiring
        {
            Authenticators = [tokens],
            CredentialVerifier = new PlatformCredentialVerifier(passwords, tokens),
            Authorizer = new PolicyAuthorizer(_snapshot),
            PublicHandlers = [new PathHandler(IssuerPath + "/", (http, _) => ServeOidcAsync(http, endpoints))],
            Handlers = [new PathHandler(ApiKeyIssuer.Path, apiKeys.HandleAsync)],
        };
    }

    /// <summary>Exact paths first; a key ending in '/' also serves every path below it
    /// (the upstream providers' /upstream/{provider}/... pages).</summary>
    private static Task ServeOidcAsync(HttpContext context, IReadOnlyDictionary<string, Func<HttpContext, Task>> endpoints)
    {
        var path = context.Request.Path.Value![IssuerPath.Length..];
        if (endpoints.TryGetValue(path, out var handle))
        {
            return handle(context);
        }

        foreach (var (prefix, handlePrefix) in endpoints)
        {
            if (prefix.EndsWith('/') && path.StartsWith(prefix, StringComparison.Ordinal) && path.Length > prefix.Length)
            {
                return handlePrefix(context);
            }
        }

        throw StatusError.PathNotFound(context.Request.Path.Value);
    }

    private static async Task RotateKeysAsync(SigningKeyRotator rotator, ILogger logger, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    await rotator.RefreshAsync(cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "signing key rotation failed; will retry");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
