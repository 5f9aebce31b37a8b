using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;
using Tke.Auth.Apis.Subjects;

namespace Tke.Auth.Apis.PolicyBindings;

[Description("Binds a policy to users and groups for a chosen set of resources within an authorization domain.")]
public sealed class CustomPolicyBinding : ApiObject<CustomPolicyBindingSpec, BindingStatus>
{
}

[Description("The policy, the resources it is narrowed to and its subjects.")]
public sealed class CustomPolicyBindingSpec
{
    [JsonPropertyName("finalizers"), Description("Tokens that must be cleared before the binding is removed from storage.")]
    public List<string>? Finalizers { get; set; }

    [JsonPropertyName("tenantID"), Description("Tenant of the binding; cannot be changed.")]
    public string TenantId { get; set; } = "";

    [JsonPropertyName("policyID"), RequiredField, MinLength(1), Description("Name of the bound policy; cannot be changed.")]
    public string PolicyId { get; set; } = "";

    [JsonPropertyName("rulePrefix"), RequiredField, MinLength(1), Description("Prefix of the authorizer rules generated for the binding; cannot be changed.")]
    public string RulePrefix { get; set; } = "";

    [JsonPropertyName("domain"), RequiredField, MinLength(1), Description("Authorization domain the rules apply in.")]
    public string Domain { get; set; } = "";

    [JsonPropertyName("resources"), ListType(ListKind.Set), Description("Resources the policy is narrowed to.")]
    public List<string>? Resources { get; set; }

    [JsonPropertyName("users"), PatchMergeKey("id"), Description("Users bound to the policy, by id or name.")]
    public List<Subject>? Users { get; set; }

    [JsonPropertyName("groups"), PatchMergeKey("id"), Description("Groups bound to the policy, by id.")]
    public List<Subject>? Groups { get; set; }
}
