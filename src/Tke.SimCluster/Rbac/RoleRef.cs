using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Tke.SimCluster.Rbac;

[Description("RoleRef contains information that points to the role being used.")]
public sealed class RoleRef
{
    [JsonPropertyName("apiGroup"), Description("APIGroup is the group for the resource being referenced: rbac.authorization.k8s.io.")]
    public string ApiGroup { get; set; } = "";

    [JsonPropertyName("kind"), Description("Kind is the type of resource being referenced: Role or ClusterRole.")]
    public string Kind { get; set; } = "";

    [JsonPropertyName("name"), Description("Name is the name of resource being referenced.")]
    public string Name { get; set; } = "";

    public bool SameAs(RoleRef other) => ApiGroup == other.ApiGroup && Kind == other.Kind && Name == other.Name;

    /// <summary>Go's %#v of the internal struct, which kube-apiserver puts in "cannot change roleRef".</summary>
    public override string ToString() => $"rbac.RoleRef{{APIGroup:\"{ApiGroup}\", Kind:\"{Kind}\", Name:\"{Name}\"}}";
}
