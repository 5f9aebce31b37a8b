using Tke.ApiMachinery.Requests;

namespace Tke.SimCluster.Rbac.Authorization;

/// <summary>The simulated cluster's authorization mode: it decides the API surface's resource
/// requests, every other request (non-resource paths such as /version), and the self reviews.</summary>
public interface IClusterAuthorizer : IRequestAuthorizer
{
    AuthorizationVerdict Authorize(RequestUser user, AccessRequest request);

    /// <summary>What the user may do in a namespace, for SelfSubjectRulesReview.</summary>
    GrantedRules RulesFor(RequestUser user, string ns);
}
