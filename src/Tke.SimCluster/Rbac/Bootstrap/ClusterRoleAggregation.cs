namespace Tke.SimCluster.Rbac.Bootstrap;

/// <summary>
/// The rules of aggregated ClusterRoles, as Kubernetes' clusterrole-aggregation controller computes
/// them: for each selector in turn, the rules of the matching ClusterRoles (other than the role itself,
/// by name) without duplicates. Chains (admin aggregates edit, which aggregates view) are followed
/// to a fixed point in memory, so one pass writes final rules.
/// </summary>
public static class ClusterRoleAggregation
{
    /// <summary>The aggregated roles whose rules must change, with their new rules.</summary>
    public static IReadOnlyDictionary<string, List<PolicyRule>> Changes(IReadOnlyList<ClusterRole> roles)
    {
        var rules = roles.ToDictionary(r => r.Metadata.Name ?? "", r => r.Rules ?? [], StringComparer.Ordinal);
        var aggregated = roles.Where(r => r.AggregationRule is not null).OrderBy(r => r.Metadata.Name, StringComparer.Ordinal).ToList();
        var byName = roles.OrderBy(r => r.Metadata.Name, StringComparer.Ordinal).ToList();
        for (var round = 0; round <= aggregated.Count; round++)
        {
            var changed = false;
            foreach (var role in aggregated)
            {
                var name = role.Metadata.Name ?? "";
                var next = Aggregate(role, byName, rules);
                if (!Same(next, rules[name]))
                {
                    rules[name] = next;
                    changed = true;
                }
            }

            if (!changed)
            {
                break;
            }
        }

        return aggregated
            .Where(r => !Same(rules[r.Metadata.Name ?? ""], r.Rules ?? []))
            .ToDictionary(r => r.Metadata.Name ?? "", r => rules[r.Metadata.Name ?? ""], StringComparer.Ordinal);
    }

    private static List<PolicyRule> Aggregate(ClusterRole role, List<ClusterRole> byName, Dictionary<string, List<PolicyRule>> rules)
    {
        var result = new List<PolicyRule>();
        foreach (var selector in role.AggregationRule!.ClusterRoleSelectors ?? [])
        {
            foreach (var source in byName)
            {
                if (source.Metadata.Name == role.Metadata.Name || !selector.Matches(source.Metadata.Labels))
                {
                    continue;
                }

                foreach (var rule in rules[source.Metadata.Name ?? ""])
                {
                    if (!result.Any(r => r.SameAs(rule)))
                    {
                        result.Add(rule.Copy());
                    }
                }
            }
        }

        return result;
    }

    private static bool Same(List<PolicyRule> a, List<PolicyRule> b) => a.Count == b.Count && a.Zip(b).All(p => p.First.SameAs(p.Second));
}
