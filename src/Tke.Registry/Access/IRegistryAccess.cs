using Microsoft.AspNetCore.Http;

namespace Tke.Registry.Access;

/// <summary>What a registry request may do to a repository or chart group.</summary>
public enum RegistryAction
{
    Pull,
    Push,
    Delete,
}

/// <summary>
/// Who is calling the registry: a platform user (from a registry bearer token, or Basic
/// credentials on the chart API), or nobody. <see cref="Tenant"/> is the tenant whose
/// repositories the request addresses: from the host name (<c>&lt;tenant&gt;.registry.&lt;domain&gt;</c>),
/// else the caller's tenant, else "default".
/// </summary>
public sealed record RegistryPrincipal(string? UserName, IReadOnlyList<string> Groups, string Tenant)
{
    public bool IsAnonymous => UserName is null;
}

/// <summary>
/// The registry's one authentication and authorization seam: the OCI distribution API and the
/// chart repositories ask it who the caller is and whether an action on a repository is allowed.
/// A refusal is expressed by the implementation's answer, which the endpoints turn into the
/// protocol's error (OCI UNAUTHORIZED with a WWW-Authenticate challenge, or DENIED).
/// </summary>
public interface IRegistryAccess
{
    /// <summary>The caller of a /v2/ or /chart/ request; anonymous when it carries no credentials,
    /// null when it carries credentials that are not valid (answered 401).</summary>
    ValueTask<RegistryPrincipal?> IdentifyAsync(HttpRequest request, CancellationToken cancellationToken);

    /// <summary>Whether <paramref name="principal"/> may do <paramref name="action"/> on
    /// <paramref name="repository"/> ("namespace/name" for images; the chart group's name for charts).</summary>
    ValueTask<RegistryDecision> AuthorizeAsync(RegistryPrincipal principal, string repository, RegistryAction action, CancellationToken cancellationToken);

    /// <summary>The WWW-Authenticate value for a 401 on <paramref name="repository"/> and actions
    /// (Docker's token flow: Bearer realm="...",service="...",scope="repository:ns/name:pull,push").</summary>
    string Challenge(HttpRequest request, string? repository, IReadOnlyList<RegistryAction> actions);
}

/// <summary>An authorization answer: allowed; refused because the caller must authenticate
/// (401 with a challenge); or refused for this caller (403 DENIED). NotFound hides repositories of
/// other tenants and private namespaces the caller may not see.</summary>
public enum RegistryDecision
{
    Allowed,
    Unauthenticated,
    Denied,
    NotFound,
}
