using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;
using Tke.Auth.Apis.Subjects;

namespace Tke.Auth.Apis.PolicyBindings;

[Description("Binds a project-scoped policy to users and groups within one project (business).")]
public sealed class ProjectPolicyBinding : ApiObject<ProjectPolicyBindingSpec, BindingStatus>
{
}

[Description("The project, the policy and its subjects.")]
public sealed class ProjectPolicyBindingSpec
{
    [JsonPropertyName("finalizers"), Description("Tokens that must be cleared before the binding is removed from storage.")]
    public List<string>? Finalizers { get; set; }

    [JsonPropertyName("tenantID"), Description("Tenant of the binding; cannot be changed.")]
    public string TenantId { get; set; } = "";

    [JsonPropertyName("projectID"), RequiredField, MinLength(1), Description("Project (business) the binding applies in; cannot be changed.")]
    public string ProjectId { get; set; } = "";

    [JsonPropertyName("policyID"), RequiredField, MinLength(1), Description("Name of the project-scoped policy; cannot be changed.")]
    public string PolicyId { get; set; } = "";

    [JsonPropertyName("users"), PatchMergeKey("id"), Description("Users bound to the policy in the project, by id or name.")]
    public List<Subject>? Users { get; set; }

    [JsonPropertyName("groups"), PatchMergeKey("id"), Description("Groups bound to the policy in the project, by id.")]
    public List<Subject>? Groups { get; set; }
}
