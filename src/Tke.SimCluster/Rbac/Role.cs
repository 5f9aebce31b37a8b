using System.ComponentModel;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;

namespace Tke.SimCluster.Rbac;

[Description("Role is a namespaced, logical grouping of PolicyRules that can be referenced as a unit by a RoleBinding.")]
public sealed class Role : ApiObject
{
    [JsonPropertyName("rules"), ListType(ListKind.Atomic), Description("Rules holds all the PolicyRules for this Role.")]
    public List<PolicyRule>? Rules { get; set; }
}
