using Tke.ApiMachinery.Requests;

namespace Tke.SimCluster.Rbac.Authorization;

/// <summary>--authorization-mode=AlwaysAllow: every authenticated request is allowed, and a rules
/// review says "everything", as kube-apiserver's AlwaysAllow authorizer does.</summary>
public sealed class AlwaysAllowAuthorizer : IClusterAuthorizer
{
    private static readonly GrantedRules Everything = new(
    [
        new PolicyRule { Verbs = ["*"], ApiGroups = ["*"], Resources = ["*"] },
        new PolicyRule { Verbs = ["*"], NonResourceUrls = ["*"] },
    ], "");

    public ValueTask<AuthorizationVerdict> AuthorizeAsync(RequestUser user, ResourceAttributes request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AuthorizationVerdict.Allow(""));

    public AuthorizationVerdict Authorize(RequestUser user, AccessRequest request) => AuthorizationVerdict.Allow("");

    public GrantedRules RulesFor(RequestUser user, string ns) => Everything;
}
