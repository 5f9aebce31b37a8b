using System.ComponentModel;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;
using Tke.SimCluster.Shared;

namespace Tke.SimCluster.Rbac;

[Description("AggregationRule describes how to locate ClusterRoles to aggregate into the ClusterRole.")]
public sealed class AggregationRule
{
    [JsonPropertyName("clusterRoleSelectors"), ListType(ListKind.Atomic), Description("ClusterRoleSelectors holds a list of selectors which will be used to find ClusterRoles and create the rules. If any of the selectors match, then the ClusterRole's permissions will be added.")]
    public List<LabelSelector>? ClusterRoleSelectors { get; set; }
}
