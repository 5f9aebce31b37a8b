namespace Tke.SimCluster.Rbac.Authorization;

/// <summary>What RBAC says about a request. The reason is kube-apiserver's: "RBAC: allowed by ..."
/// when allowed; when not, empty, or the bindings whose role is missing ("RBAC: clusterrole... not found").</summary>
public readonly record struct RbacDecision(bool Allowed, string Reason);

/// <summary>Every rule granted to an identity in a namespace (what SelfSubjectRulesReview lists),
/// and the errors met resolving its bindings' roles (empty when none).</summary>
public sealed record GrantedRules(IReadOnlyList<PolicyRule> Rules, string EvaluationError);
