namespace Tke.SimCluster.Rbac.Authorization;

/// <summary>
/// An immutable index of the cluster's roles and bindings that answers authorization questions
/// without touching storage: bindings are indexed by subject (user, group, service account), so a
/// request looks up only the bindings of the caller. ClusterRoleBindings apply everywhere,
/// RoleBindings only to requests in their namespace. The first rule that allows wins; RBAC never denies
/// outright, it only fails to allow.
/// </summary>
public sealed class RbacPolicy
{
    private readonly Dictionary<string, List<PolicyRule>> _clusterRoles;
    private readonly Dictionary<(string Namespace, string Name), List<PolicyRule>> _roles;
    private readonly Dictionary<string, List<Grant>> _clusterGrants;
    private readonly Dictionary<string, Dictionary<string, List<Grant>>> _namespaceGrants;

    private RbacPolicy(
        Dictionary<string, List<PolicyRule>> clusterRoles,
        Dictionary<(string, string), List<PolicyRule>> roles,
        Dictionary<string, List<Grant>> clusterGrants,
        Dictionary<string, Dictionary<string, List<Grant>>> namespaceGrants)
    {
        _clusterRoles = clusterRoles;
        _roles = roles;
        _clusterGrants = clusterGrants;
        _namespaceGrants = namespaceGrants;
    }

    public static RbacPolicy Empty { get; } = Build([], [], [], []);

    public static RbacPolicy Build(IEnumerable<Role> roles, IEnumerable<ClusterRole> clusterRoles, IEnumerable<RoleBinding> roleBindings, IEnumerable<ClusterRoleBinding> clusterRoleBindings)
    {
        var clusterRoleRules = clusterRoles.ToDictionary(r => r.Metadata.Name ?? "", r => r.Rules ?? [], StringComparer.Ordinal);
        var roleRules = roles.ToDictionary(r => (r.Metadata.Namespace ?? "", r.Metadata.Name ?? ""), r => r.Rules ?? []);
        var clusterGrants = new Dictionary<string, List<Grant>>(StringComparer.Ordinal);
        foreach (var binding in clusterRoleBindings.OrderBy(b => b.Metadata.Name, StringComparer.Ordinal))
        {
            AddGrants(clusterGrants, binding.Metadata.Name ?? "", null, binding.RoleRef, binding.Subjects);
        }

        var namespaceGrants = new Dictionary<string, Dictionary<string, List<Grant>>>(StringComparer.Ordinal);
        foreach (var binding in roleBindings.OrderBy(b => b.Metadata.Name, StringComparer.Ordinal))
        {
            var ns = binding.Metadata.Namespace ?? "";
            if (!namespaceGrants.TryGetValue(ns, out var grants))
            {
                namespaceGrants[ns] = grants = new Dictionary<string, List<Grant>>(StringComparer.Ordinal);
            }

            AddGrants(grants, binding.Metadata.Name ?? "", ns, binding.RoleRef, binding.Subjects);
        }

        return new RbacPolicy(clusterRoleRules, roleRules, clusterGrants, namespaceGrants);
    }

    public RbacDecision Authorize(RbacIdentity identity, AccessRequest request)
    {
        var errors = new List<string>();
        foreach (var grant in GrantsFor(identity, request.Namespace))
        {
            foreach (var rule in RulesOf(grant, errors))
            {
                if (PolicyRuleMatch.Allows(rule, request))
                {
                    return new RbacDecision(true, "RBAC: allowed by " + grant.Describe());
                }
            }
        }

        return new RbacDecision(false, errors.Count == 0 ? "" : "RBAC: " + Aggregate(errors));
    }

    /// <summary>All rules granted to the identity in <paramref name="ns"/> (cluster-wide ones included).</summary>
    public GrantedRules RulesFor(RbacIdentity identity, string ns)
    {
        var errors = new List<string>();
        var rules = GrantsFor(identity, ns).SelectMany(g => RulesOf(g, errors)).ToList();
        return new GrantedRules(rules, errors.Count == 0 ? "" : Aggregate(errors));
    }

    private static void AddGrants(Dictionary<string, List<Grant>> index, string bindingName, string? bindingNamespace, RoleRef roleRef, List<Subject>? subjects)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var subject in subjects ?? [])
        {
            // The first subject naming someone is the one a decision reports, as kube-apiserver's visitor.
            if (SubjectKey.Of(subject, bindingNamespace ?? "") is { } key && seen.Add(key))
            {
                if (!index.TryGetValue(key, out var grants))
                {
                    index[key] = grants = [];
                }

                grants.Add(new Grant(bindingName, bindingNamespace, roleRef, subject));
            }
        }
    }

    /// <summary>The identity's grants: cluster-wide first, then those of the namespace, each by binding
    /// name, one per binding even when several of its subjects name the identity.</summary>
    private IEnumerable<Grant> GrantsFor(RbacIdentity identity, string ns)
    {
        var keys = identity.SubjectKeys().ToList();
        var namespaced = ns.Length > 0 ? _namespaceGrants.GetValueOrDefault(ns) : null;
        return Collect(_clusterGrants, keys).Concat(namespaced is null ? [] : Collect(namespaced, keys));
    }

    private static IEnumerable<Grant> Collect(Dictionary<string, List<Grant>> index, List<string> keys)
    {
        List<Grant>? found = null;
        foreach (var key in keys)
        {
            if (index.TryGetValue(key, out var grants))
            {
                (found ??= []).AddRange(grants);
            }
        }

        return found is null ? [] : found.OrderBy(g => g.BindingName, StringComparer.Ordinal).DistinctBy(g => g.BindingName);
    }

    private List<PolicyRule> RulesOf(Grant grant, List<string> errors)
    {
        List<PolicyRule>? rules = grant.RoleRef.Kind switch
        {
            RbacFieldRules.ClusterRoleKind => _clusterRoles.GetValueOrDefault(grant.RoleRef.Name),
            RbacFieldRules.RoleKind => _roles.GetValueOrDefault((grant.BindingNamespace ?? "", grant.RoleRef.Name)),
            _ => null,
        };
        if (rules is null)
        {
            errors.Add(grant.RoleRef.Kind is RbacFieldRules.ClusterRoleKind or RbacFieldRules.RoleKind
                ? $"{grant.RoleRef.Kind.ToLowerInvariant()}.{RbacApiGroup.GroupName} \"{grant.RoleRef.Name}\" not found"
                : $"unsupported role reference kind: \"{grant.RoleRef.Kind}\"");
        }

        return rules ?? [];
    }

    /// <summary>Go's aggregate error text: one message as is, several deduplicated in brackets.</summary>
    private static string Aggregate(List<string> errors)
    {
        var distinct = errors.Distinct(StringComparer.Ordinal).ToList();
        return distinct.Count == 1 ? distinct[0] : "[" + string.Join(", ", distinct) + "]";
    }

    /// <summary>One binding's grant of its role to one of its subjects.</summary>
    private sealed record Grant(string BindingName, string? BindingNamespace, RoleRef RoleRef, Subject Subject)
    {
        /// <summary>kube-apiserver's description of the rule's source, e.g. ClusterRoleBinding "x" of ClusterRole "view" to User "alice".</summary>
        public string Describe()
        {
            var subject = Subject.Kind == Subject.ServiceAccountKind
                ? $"{Subject.Kind} \"{Subject.Name}/{(string.IsNullOrEmpty(Subject.Namespace) ? BindingNamespace : Subject.Namespace)}\""
                : $"{Subject.Kind} \"{Subject.Name}\"";
            return BindingNamespace is null
                ? $"ClusterRoleBinding \"{BindingName}\" of {RoleRef.Kind} \"{RoleRef.Name}\" to {subject}"
                : $"RoleBinding \"{BindingName}/{BindingNamespace}\" of {RoleRef.Kind} \"{RoleRef.Name}\" to {subject}";
        }
    }
}
