using System.ComponentModel;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;

namespace Tke.SimCluster.Rbac;

[Description("RoleBinding references a role, but does not contain it. It can reference a Role in the same namespace or a ClusterRole in the global namespace, and applies only in its own namespace.")]
public sealed class RoleBinding : ApiObject
{
    [JsonPropertyName("subjects"), ListType(ListKind.Atomic), Description("Subjects holds references to the objects the role applies to.")]
    public List<Subject>? Subjects { get; set; }

    [JsonPropertyName("roleRef"), Description("RoleRef can reference a Role in the current namespace or a ClusterRole in the global namespace. This field is immutable.")]
    public RoleRef RoleRef { get; set; } = new();
}
