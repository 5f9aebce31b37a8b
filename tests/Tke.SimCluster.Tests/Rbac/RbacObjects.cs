using Tke.ApiMachinery.Objects;
using Tke.SimCluster.Rbac;
using Tke.SimCluster.Shared;

namespace Tke.SimCluster.Tests.Rbac;

/// <summary>Roles, bindings and rules written as compactly as kubectl create would make them.</summary>
public static class RbacObjects
{
    public static PolicyRule Rule(string verbs, string groups, string resources, string? names = null) => new()
    {
        Verbs = [.. verbs.Split(',')],
        ApiGroups = [.. groups.Split(',')],
        Resources = [.. resources.Split(',')],
        ResourceNames = names is null ? null : [.. names.Split(',')],
    };

    public static PolicyRule UrlRule(string verbs, params string[] urls) => new() { Verbs = [.. verbs.Split(',')], NonResourceUrls = [.. urls] };

    public static Role Role(string ns, string name, params PolicyRule[] rules) =>
        new() { Metadata = new ObjectMeta { Namespace = ns, Name = name }, Rules = [.. rules] };

    public static ClusterRole ClusterRole(string name, params PolicyRule[] rules) =>
        new() { Metadata = new ObjectMeta { Name = name }, Rules = [.. rules] };

    public static ClusterRole Labeled(this ClusterRole role, string key, string value = "true")
    {
        role.Metadata.Labels ??= [];
        role.Metadata.Labels[key] = value;
        return role;
    }

    public static ClusterRole Aggregating(this ClusterRole role, params string[] labelKeys)
    {
        role.AggregationRule = new AggregationRule
        {
            ClusterRoleSelectors = [.. labelKeys.Select(k => new LabelSelector { MatchLabels = new Dictionary<string, string> { [k] = "true" } })],
        };
        return role;
    }

    public static RoleBinding RoleBinding(string ns, string name, string roleKind, string role, params Subject[] subjects) => new()
    {
        Metadata = new ObjectMeta { Namespace = ns, Name = name },
        RoleRef = new RoleRef { ApiGroup = RbacApiGroup.GroupName, Kind = roleKind, Name = role },
        Subjects = [.. subjects],
    };

    public static ClusterRoleBinding ClusterRoleBinding(string name, string role, params Subject[] subjects) => new()
    {
        Metadata = new ObjectMeta { Name = name },
        RoleRef = new RoleRef { ApiGroup = RbacApiGroup.GroupName, Kind = "ClusterRole", Name = role },
        Subjects = [.. subjects],
    };

    public static Subject User(string name) => new() { Kind = Subject.UserKind, ApiGroup = RbacApiGroup.GroupName, Name = name };

    public static Subject Group(string name) => new() { Kind = Subject.GroupKind, ApiGroup = RbacApiGroup.GroupName, Name = name };

    public static Subject ServiceAccount(string name, string? ns = null) => new() { Kind = Subject.ServiceAccountKind, Name = name, Namespace = ns };
}
