using Tke.ApiMachinery.Requests;

namespace Tke.SimCluster.Rbac.Authorization;

/// <summary>
/// --authorization-mode=RBAC: members of system:masters may do anything (kube-apiserver's privileged
/// group, checked before RBAC); everyone else only what the current <see cref="RbacPolicy"/> grants.
/// The policy is read from memory, never from storage, so a decision costs a few lookups.
/// </summary>
public sealed class RbacAuthorizer(Func<RbacPolicy> currentPolicy) : IClusterAuthorizer
{
    public const string PrivilegedGroup = "system:masters";

    public ValueTask<AuthorizationVerdict> AuthorizeAsync(RequestUser user, ResourceAttributes request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Authorize(user, AccessRequest.From(request)));

    public AuthorizationVerdict Authorize(RequestUser user, AccessRequest request)
    {
        if (user.Groups.Contains(PrivilegedGroup))
        {
            return AuthorizationVerdict.Allow("");
        }

        var decision = currentPolicy().Authorize(Identity(user), request);
        return decision.Allowed ? AuthorizationVerdict.Allow(decision.Reason) : AuthorizationVerdict.Deny(decision.Reason);
    }

    public GrantedRules RulesFor(RequestUser user, string ns) => currentPolicy().RulesFor(Identity(user), ns);

    private static RbacIdentity Identity(RequestUser user) => new(user.Name, user.Groups);
}
