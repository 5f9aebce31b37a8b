using System.ComponentModel;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;

namespace Tke.SimCluster.Rbac;

[Description("PolicyRule holds information that describes a policy rule, but does not contain information about who the rule applies to or which namespace the rule applies to.")]
public sealed class PolicyRule
{
    [JsonPropertyName("verbs"), ListType(ListKind.Atomic), Description("Verbs is a list of Verbs that apply to ALL the ResourceKinds contained in this rule. '*' represents all verbs.")]
    public List<string>? Verbs { get; set; }

    [JsonPropertyName("apiGroups"), ListType(ListKind.Atomic), Description("APIGroups is the name of the APIGroup that contains the resources. \"\" represents the core API group and \"*\" represents all API groups.")]
    public List<string>? ApiGroups { get; set; }

    [JsonPropertyName("resources"), ListType(ListKind.Atomic), Description("Resources is a list of resources this rule applies to. '*' represents all resources; \"pods/log\" a subresource and \"*/scale\" that subresource of every resource.")]
    public List<string>? Resources { get; set; }

    [JsonPropertyName("resourceNames"), ListType(ListKind.Atomic), Description("ResourceNames is an optional white list of names that the rule applies to. An empty set means that everything is allowed.")]
    public List<string>? ResourceNames { get; set; }

    [JsonPropertyName("nonResourceURLs"), ListType(ListKind.Atomic), Description("NonResourceURLs is a set of partial urls that a user should have access to. *s are allowed, but only as the full, final step in the path. Only for ClusterRoles bound by a ClusterRoleBinding.")]
    public List<string>? NonResourceUrls { get; set; }

    /// <summary>Field-by-field equality, as the aggregation controller compares rules.</summary>
    public bool SameAs(PolicyRule other) =>
        Same(Verbs, other.Verbs) && Same(ApiGroups, other.ApiGroups) && Same(Resources, other.Resources)
        && Same(ResourceNames, other.ResourceNames) && Same(NonResourceUrls, other.NonResourceUrls);

    public PolicyRule Copy() => new()
    {
        Verbs = Verbs?.ToList(),
        ApiGroups = ApiGroups?.ToList(),
        Resources = Resources?.ToList(),
        ResourceNames = ResourceNames?.ToList(),
        NonResourceUrls = NonResourceUrls?.ToList(),
    };

    // An absent list and an empty one mean the same; Go's DeepEqual would tell them apart, but no rule reads differently.
    private static bool Same(List<string>? a, List<string>? b) => (a ?? []).SequenceEqual(b ?? [], StringComparer.Ordinal);
}
