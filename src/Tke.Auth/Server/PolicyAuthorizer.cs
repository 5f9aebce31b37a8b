using Tke.ApiMachinery.Requests;
using Tke.Auth.Authorization;

namespace Tke.Auth.Server;

/// <summary>
/// Authorises resource requests against the tenant's policies: the request becomes TKEStack's
/// action and resource (getCluster, cluster:cls-1), and the current policy snapshot decides.
/// The platform-wide admin group (the bootstrap token) is always allowed.
/// </summary>
public sealed class PolicyAuthorizer(AuthorizationSnapshot snapshot) : IRequestAuthorizer
{
    public ValueTask<AuthorizationVerdict> AuthorizeAsync(RequestUser user, ResourceAttributes request, CancellationToken cancellationToken)
    {
        if (user.TenantScope is null)
        {
            return ValueTask.FromResult(AuthorizationVerdict.Allow("platform-wide administrator"));
        }

        var attributes = new RequestAttributes
        {
            Verb = request.Verb,
            ApiGroup = request.Group,
            Resource = request.Resource,
            Name = request.Name ?? "",
            Namespace = request.Namespace ?? "",
            Subresource = request.Subresource ?? "",
            ClusterName = request.ClusterName ?? "",
        };
        var projectId = request.Group == "business.tkestack.io" && request.Namespace is { } ns ? ns : null;
        var decision = snapshot.Current.Authorize(new RequestSubject(user.Name, user.Groups, user.TenantId), user.TenantId, attributes, projectId);
        return ValueTask.FromResult(decision.Allowed ? AuthorizationVerdict.Allow(decision.Describe()) : AuthorizationVerdict.Deny(decision.Describe()));
    }
}
