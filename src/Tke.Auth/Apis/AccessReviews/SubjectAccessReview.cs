using System.ComponentModel;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;

namespace Tke.Auth.Apis.AccessReviews;

/// <summary>Asks whether a user may perform actions; created and answered, never stored.</summary>
[Description("Checks whether a user or group may perform an action. The server answers in status and does not store the object.")]
public sealed class SubjectAccessReview : ApiObject<SubjectAccessReviewSpec, SubjectAccessReviewStatus>
{
}

[Description("The request being evaluated. Exactly one of resourceAttributes, resourceAttributesList and nonResourceAttributes must be set.")]
public sealed class SubjectAccessReviewSpec
{
    [JsonPropertyName("resourceAttributes"), Description("A single resource access request.")]
    public ResourceAttributes? ResourceAttributes { get; set; }

    [JsonPropertyName("resourceAttributesList"), Description("Several resource access requests evaluated at once.")]
    public List<ResourceAttributes>? ResourceAttributesList { get; set; }

    [JsonPropertyName("nonResourceAttributes"), Description("A non-resource (URL path) access request.")]
    public NonResourceAttributes? NonResourceAttributes { get; set; }

    [JsonPropertyName("user"), Description("The user to test. Without groups, the user is treated as a member of no group.")]
    public string? User { get; set; }

    [JsonPropertyName("groups"), Description("The groups to test.")]
    public List<string>? Groups { get; set; }

    [JsonPropertyName("extra"), Description("Extra attributes of the user, as the authenticator reports them.")]
    public Dictionary<string, List<string>>? Extra { get; set; }

    [JsonPropertyName("uid"), Description("UID of the user.")]
    public string? Uid { get; set; }
}

[Description("Attributes of a resource request.")]
public sealed class ResourceAttributes
{
    [JsonPropertyName("namespace"), Description("Namespace of the request; empty means all namespaces.")]
    public string? Namespace { get; set; }

    [JsonPropertyName("verb"), Description("API verb (get, list, watch, create, update, delete, proxy); \"*\" means all.")]
    public string? Verb { get; set; }

    [JsonPropertyName("group"), Description("API group; \"*\" means all.")]
    public string? Group { get; set; }

    [JsonPropertyName("version"), Description("API version; \"*\" means all.")]
    public string? Version { get; set; }

    [JsonPropertyName("resource"), Description("Resource type; \"*\" means all.")]
    public string? Resource { get; set; }

    [JsonPropertyName("subresource"), Description("Subresource; empty means none.")]
    public string? Subresource { get; set; }

    [JsonPropertyName("name"), Description("Object name; empty means all.")]
    public string? Name { get; set; }
}

[Description("Attributes of a non-resource request.")]
public sealed class NonResourceAttributes
{
    [JsonPropertyName("path"), Description("URL path.")]
    public string? Path { get; set; }

    [JsonPropertyName("verb"), Description("HTTP verb.")]
    public string? Verb { get; set; }
}

[Description("The answer.")]
public sealed class SubjectAccessReviewStatus
{
    [JsonPropertyName("allowed"), Description("True if the action would be allowed.")]
    public bool Allowed { get; set; }

    [JsonPropertyName("denied"), Description("True if the action is explicitly denied.")]
    public bool? Denied { get; set; }

    [JsonPropertyName("reason"), Description("Why the request was allowed or denied.")]
    public string? Reason { get; set; }

    [JsonPropertyName("evaluationError"), Description("An error met while evaluating; the answer may still be usable.")]
    public string? EvaluationError { get; set; }

    [JsonPropertyName("allowedList"), Description("Answers to resourceAttributesList, in order.")]
    public List<AllowedStatus>? AllowedList { get; set; }
}

[Description("The answer to one resource request of a batch.")]
public sealed class AllowedStatus
{
    [JsonPropertyName("resource"), Description("Resource of the request.")]
    public string Resource { get; set; } = "";

    // TKEStack spells the verb's JSON name "web".
    [JsonPropertyName("web"), Description("Verb of the request.")]
    public string Verb { get; set; } = "";

    [JsonPropertyName("allowed"), Description("True if the action would be allowed.")]
    public bool Allowed { get; set; }

    [JsonPropertyName("denied"), Description("True if the action is explicitly denied.")]
    public bool? Denied { get; set; }

    [JsonPropertyName("reason"), Description("Why the request was allowed or denied.")]
    public string? Reason { get; set; }

    [JsonPropertyName("evaluationError"), Description("An error met while evaluating.")]
    public string? EvaluationError { get; set; }
}
