using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;
using Tke.ApiMachinery.Requests;

namespace Tke.Registry.Access;

/// <summary>
/// The registry's authentication and authorization: registry tokens from the token service
/// (Bearer), Basic credentials (helm's chart uploads), platform bearer tokens, or nobody. A caller
/// with a registry token may do only what the token grants and what they may still do now (a
/// namespace made private since does not stay open); a token lacking a scope the caller could
/// get is answered with a challenge, so the client fetches a new one.
/// </summary>
public sealed class RegistryAccess : IRegistryAccess
{
    private readonly RegistryAccessOptions _options;
    private readonly RegistryTokenValidator _tokens;
    private readonly BasicLogin _basic;
    private readonly ICredentialVerifier _credentials;
    private readonly RegistryPermissions _permissions;

    // What IdentifyAsync learnt about a principal beyond its public fields: the user as the
    // platform sees them, and a registry token's grants.
    private readonly ConditionalWeakTable<RegistryPrincipal, Caller> _callers = new();

    public RegistryAccess(RegistryAccessOptions options, RegistryTokenKey key, ICredentialVerifier credentials, RegistryPermissions permissions, TimeProvider clock)
    {
        _options = options;
        _tokens = new RegistryTokenValidator(options, key, clock);
        _basic = new BasicLogin(options, credentials, clock);
        _credentials = credentials;
        _permissions = permissions;
    }

    private sealed record Caller(RequestUser? User, IReadOnlyList<RegistryScope>? Grants);

    public async ValueTask<RegistryPrincipal?> IdentifyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var hostTenant = RegistryTenants.FromHost(request, _options.DomainSuffix);
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.Length == 0)
        {
            return Remember(new RegistryPrincipal(null, [], hostTenant ?? _options.DefaultTenant), new Caller(null, null));
        }

        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var jwt = authorization["Bearer ".Length..].Trim();
            if (_tokens.IsRegistryIssued(jwt))
            {
                var token = _tokens.Validate(jwt, out _);
                if (token is null || (hostTenant is not null && hostTenant != token.Tenant))
                {
                    return null;
                }

                var user = token.IsAnonymous ? null : new RequestUser(token.Subject, token.Groups, token.UserTenant ?? token.Tenant);
                return Remember(new RegistryPrincipal(user?.Name, token.Groups, token.Tenant), new Caller(user, token.Access));
            }

            var platform = await _credentials.VerifyBearerAsync(jwt, cancellationToken);
            return platform.User is { } bearerUser ? Principal(bearerUser, hostTenant) : null;
        }

        if (BasicLogin.Parse(request) is var (name, password))
        {
            var login = await _basic.VerifyAsync(hostTenant, name, password, request.HttpContext.Connection.RemoteIpAddress?.ToString(), cancellationToken);
            return login.User is { } basicUser ? Principal(basicUser, hostTenant) : null;
        }

        return null;
    }

    public async ValueTask<RegistryDecision> AuthorizeAsync(RegistryPrincipal principal, string repository, RegistryAction action, CancellationToken cancellationToken)
    {
        var caller = _callers.TryGetValue(principal, out var known)
            ? known
            : new Caller(principal.IsAnonymous ? null : new RequestUser(principal.UserName!, principal.Groups, principal.Tenant), null);
        var decision = await _permissions.DecideAsync(caller.User, principal.Tenant, repository, action, cancellationToken);
        if (decision == RegistryDecision.Allowed && caller.Grants is { } grants && !grants.Any(g => g.Allows(repository, action)))
        {
            // Allowed, but not by this token: ask for a token with this scope.
            return RegistryDecision.Unauthenticated;
        }

        return decision;
    }

    public string Challenge(HttpRequest request, string? repository, IReadOnlyList<RegistryAction> actions)
    {
        var realm = $"{request.Scheme}://{request.Host.Value}{RegistryAccessOptions.TokenPath}";
        var challenge = $"Bearer realm=\"{realm}\",service=\"{_options.Service}\"";
        if (repository is not null && actions.Count > 0)
        {
            challenge += $",scope=\"{RegistryScope.RepositoryType}:{repository}:{string.Join(',', actions.Select(RegistryScope.ActionName).Distinct())}\"";
        }

        return challenge;
    }

    private RegistryPrincipal Principal(RequestUser user, string? hostTenant)
    {
        var tenant = hostTenant ?? (string.IsNullOrEmpty(user.TenantId) ? _options.DefaultTenant : user.TenantId);
        return Remember(new RegistryPrincipal(user.Name, user.Groups, tenant), new Caller(user, null));
    }

    private RegistryPrincipal Remember(RegistryPrincipal principal, Caller caller)
    {
        _callers.AddOrUpdate(principal, caller);
        return principal;
    }
}
