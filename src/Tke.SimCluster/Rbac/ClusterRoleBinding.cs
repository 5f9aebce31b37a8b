using System.ComponentModel;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;

namespace Tke.SimCluster.Rbac;

[Description("ClusterRoleBinding references a ClusterRole, but does not contain it, and adds who information via Subject. It applies in every namespace and at the cluster scope.")]
public sealed class ClusterRoleBinding : ApiObject
{
    [JsonPropertyName("subjects"), ListType(ListKind.Atomic), Description("Subjects holds references to the objects the role applies to.")]
    public List<Subject>? Subjects { get; set; }

    [JsonPropertyName("roleRef"), Description("RoleRef can only reference a ClusterRole in the global namespace. This field is immutable.")]
    public RoleRef RoleRef { get; set; } = new();
}
