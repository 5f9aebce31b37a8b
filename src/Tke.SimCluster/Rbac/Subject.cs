using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Tke.SimCluster.Rbac;

[Description("Subject contains a reference to the object or user identities a role binding applies to: a User, a Group or a ServiceAccount.")]
public sealed class Subject
{
    public const string UserKind = "User";
    public const string GroupKind = "Group";
    public const string ServiceAccountKind = "ServiceAccount";

    [JsonPropertyName("kind"), Description("Kind of object being referenced: \"User\", \"Group\" or \"ServiceAccount\".")]
    public string Kind { get; set; } = "";

    [JsonPropertyName("apiGroup"), Description("APIGroup holds the API group of the referenced subject. Defaults to \"\" for ServiceAccount subjects and to \"rbac.authorization.k8s.io\" for User and Group subjects.")]
    public string? ApiGroup { get; set; }

    [JsonPropertyName("name"), Description("Name of the object being referenced.")]
    public string Name { get; set; } = "";

    [JsonPropertyName("namespace"), Description("Namespace of the referenced object (ServiceAccounts). Must be empty for User and Group.")]
    public string? Namespace { get; set; }
}
