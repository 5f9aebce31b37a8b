namespace Tke.ApiMachinery.Requests;

/// <summary>What a resource request asks to do, in Kubernetes' terms (verb, group, resource ...).</summary>
public sealed record ResourceAttributes(
    string Verb,
    string Group,
    string Version,
    string Resource,
    string? Subresource,
    string? Namespace,
    string? Name)
{
    /// <summary>The managed cluster a proxied request goes to; null for the platform's own APIs.</summary>
    public string? ClusterName { get; init; }
}

/// <summary>The outcome of authorising a request; the reason goes into the 403 message and the audit record.</summary>
public readonly record struct AuthorizationVerdict(bool Allowed, string Reason)
{
    public static AuthorizationVerdict Allow(string reason) => new(true, reason);

    public static AuthorizationVerdict Deny(string reason) => new(false, reason);
}

/// <summary>Decides whether a caller may perform a resource request. Runs after authentication,
/// before the request touches storage.</summary>
public interface IRequestAuthorizer
{
    ValueTask<AuthorizationVerdict> AuthorizeAsync(RequestUser user, ResourceAttributes request, CancellationToken cancellationToken);
}

/// <summary>Allows every authenticated request (the behaviour before policies exist).</summary>
public sealed class AllowAuthenticated : IRequestAuthorizer
{
    public static AllowAuthenticated Instance { get; } = new();

    public ValueTask<AuthorizationVerdict> AuthorizeAsync(RequestUser user, ResourceAttributes request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(user.IsAuthenticated ? AuthorizationVerdict.Allow("authenticated") : AuthorizationVerdict.Deny("anonymous"));
}
