using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;
using Tke.Auth.Apis.Subjects;

namespace Tke.Auth.Apis.Policies;

[Description("An access policy: the actions allowed or denied on resources, bound to users and groups.")]
public sealed class Policy : ApiObject<PolicySpec, PolicyStatus>
{
}

[Description("The policy document.")]
public sealed class PolicySpec
{
    [JsonPropertyName("finalizers"), Description("Tokens that must be cleared before the policy is removed from storage.")]
    public List<string>? Finalizers { get; set; }

    [JsonPropertyName("displayName"), RequiredField, StringLength(255, MinimumLength = 1), Description("Policy name shown in the console (fewer than 256 characters).")]
    public string DisplayName { get; set; } = "";

    [JsonPropertyName("tenantID"), Description("Tenant the policy belongs to; cannot be changed.")]
    public string TenantId { get; set; } = "";

    [JsonPropertyName("category"), RequiredField, MinLength(1), Description("Service category of the policy's actions, e.g. \"platform\" or \"registry\".")]
    public string Category { get; set; } = "";

    [JsonPropertyName("type"), Description("\"default\" for presets shipped with the platform, \"custom\" for user-defined policies (the default).")]
    public string Type { get; set; } = "";

    [JsonPropertyName("scope"), Description("\"platform\" for platform policies (the default), \"project\" for business (project) policies.")]
    public string Scope { get; set; } = "";

    [JsonPropertyName("username"), Description("User who created the policy.")]
    public string Username { get; set; } = "";

    [JsonPropertyName("description"), Description("Description.")]
    public string Description { get; set; } = "";

    [JsonPropertyName("statement"), RequiredField, Description("What the policy allows or denies.")]
    public Statement Statement { get; set; } = new();

    [JsonPropertyName("conditions"), Description("Extra conditions (opaque, base64 in JSON).")]
    public byte[]? Conditions { get; set; }
}

[Description("Actions on resources with an effect.")]
public sealed class Statement
{
    [JsonPropertyName("actions"), ListType(ListKind.Set)]
    [Description("Actions (API names with '*' wildcards, e.g. \"get*\", \"*Deployment*\", or \"*\" for all).")]
    public List<string> Actions { get; set; } = [];

    [JsonPropertyName("resources"), ListType(ListKind.Set)]
    [Description("Resources as type:id segments joined by '/', outermost first, '*' matching anything: e.g. \"cluster:cls-123/deployment:deploy-123/*\".")]
    public List<string> Resources { get; set; } = [];

    [JsonPropertyName("effect"), RequiredField, AllowedValues(PolicyEffects.Allow, PolicyEffects.Deny), Description("\"allow\" or \"deny\" (an explicit deny wins over any allow).")]
    public string Effect { get; set; } = "";
}

[Description("Users and groups the policy is bound to.")]
public sealed class PolicyStatus
{
    [JsonPropertyName("phase"), Description("Lifecycle phase: Active or Terminating.")]
    public string Phase { get; set; } = "";

    [JsonPropertyName("users"), Description("Users the policy applies to.")]
    public List<Subject>? Users { get; set; }

    [JsonPropertyName("groups"), Description("Groups the policy applies to.")]
    public List<Subject>? Groups { get; set; }
}

public static class PolicyTypes
{
    public static readonly IReadOnlyList<string> All = [Custom, Default];

    public const string Custom = "custom";
    public const string Default = "default";
}

public static class PolicyScopes
{
    public static readonly IReadOnlyList<string> All = [Platform, Project];

    public const string Platform = "platform";
    public const string Project = "project";
}

public static class PolicyEffects
{
    public const string Allow = "allow";
    public const string Deny = "deny";
}
