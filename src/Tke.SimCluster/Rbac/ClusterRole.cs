using System.ComponentModel;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;

namespace Tke.SimCluster.Rbac;

[Description("ClusterRole is a cluster level, logical grouping of PolicyRules that can be referenced as a unit by a RoleBinding or ClusterRoleBinding.")]
public sealed class ClusterRole : ApiObject
{
    [JsonPropertyName("rules"), ListType(ListKind.Atomic), Description("Rules holds all the PolicyRules for this ClusterRole.")]
    public List<PolicyRule>? Rules { get; set; }

    [JsonPropertyName("aggregationRule"), Description("AggregationRule is an optional field that describes how to build the Rules for this ClusterRole. If AggregationRule is set, then the Rules are controller managed and direct changes to Rules will be stomped by the controller.")]
    public AggregationRule? AggregationRule { get; set; }
}
