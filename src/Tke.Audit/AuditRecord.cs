using System.Text.Json.Serialization;

namespace Tke.Audit;

/// <summary>
/// One audit event in the audit.k8s.io/v1 Event shape, which is what TKEStack's audit API stores
/// and the console reads. TKEStack's tenant travels in <see cref="AuditUser.Extra"/> under
/// <see cref="AuditRecord.TenantExtraKey"/> and in the <see cref="AuditRecord.TenantAnnotation"/> annotation.
/// </summary>
public sealed record AuditRecord
{
    public const string ApiVersionValue = "audit.k8s.io/v1";
    public const string KindValue = "Event";

    /// <summary>The user-info extra key TKEStack's authenticators put the tenant under.</summary>
    public const string TenantExtraKey = "tenantid";

    /// <summary>The annotation that names the tenant, so a record is attributable without reading user extras.</summary>
    public const string TenantAnnotation = "tkestack.io/tenant-id";

    public const string DecisionAnnotation = "authorization.k8s.io/decision";
    public const string ReasonAnnotation = "authorization.k8s.io/reason";

    [JsonPropertyName("kind")]
    public string Kind { get; init; } = KindValue;

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; init; } = ApiVersionValue;

    [JsonPropertyName("level")]
    public string Level { get; init; } = "Metadata";

    [JsonPropertyName("auditID")]
    public required string AuditId { get; init; }

    [JsonPropertyName("stage")]
    public string Stage { get; init; } = "ResponseComplete";

    [JsonPropertyName("requestURI")]
    public required string RequestUri { get; init; }

    [JsonPropertyName("verb")]
    public required string Verb { get; init; }

    [JsonPropertyName("user")]
    public required AuditUser User { get; init; }

    [JsonPropertyName("sourceIPs")]
    public IReadOnlyList<string>? SourceIps { get; init; }

    [JsonPropertyName("userAgent")]
    public string? UserAgent { get; init; }

    [JsonPropertyName("objectRef")]
    public AuditObjectRef? ObjectRef { get; init; }

    [JsonPropertyName("responseStatus")]
    public AuditResponseStatus? ResponseStatus { get; init; }

    [JsonPropertyName("requestReceivedTimestamp")]
    [JsonConverter(typeof(MicroTimeConverter))]
    public required DateTimeOffset RequestReceivedTimestamp { get; init; }

    [JsonPropertyName("stageTimestamp")]
    [JsonConverter(typeof(MicroTimeConverter))]
    public required DateTimeOffset StageTimestamp { get; init; }

    [JsonPropertyName("annotations")]
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }

    /// <summary>The tenant the record belongs to ("" when the caller had none, e.g. unauthenticated).</summary>
    [JsonIgnore]
    public string TenantId => User.Extra is { } extra && extra.TryGetValue(TenantExtraKey, out var values) && values.Count > 0 ? values[0] : "";

    /// <summary>The HTTP status the request was answered with (0 when unknown).</summary>
    [JsonIgnore]
    public int Code => ResponseStatus?.Code ?? 0;
}

/// <summary>authentication.k8s.io/v1 UserInfo as the audit event carries it.</summary>
public sealed record AuditUser
{
    [JsonPropertyName("username")]
    public required string Username { get; init; }

    [JsonPropertyName("uid")]
    public string? Uid { get; init; }

    [JsonPropertyName("groups")]
    public IReadOnlyList<string>? Groups { get; init; }

    [JsonPropertyName("extra")]
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? Extra { get; init; }
}

/// <summary>The object a request addressed.</summary>
public sealed record AuditObjectRef
{
    [JsonPropertyName("resource")]
    public string? Resource { get; init; }

    [JsonPropertyName("namespace")]
    public string? Namespace { get; init; }

    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("apiGroup")]
    public string? ApiGroup { get; init; }

    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; init; }

    [JsonPropertyName("subresource")]
    public string? Subresource { get; init; }
}

/// <summary>The metav1.Status subset an audit event keeps of the response.</summary>
public sealed record AuditResponseStatus
{
    [JsonPropertyName("metadata")]
    public Dictionary<string, string> Metadata { get; init; } = [];

    [JsonPropertyName("status")]
    public string? Status { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }

    [JsonPropertyName("reason")]
    public string? Reason { get; init; }

    [JsonPropertyName("code")]
    public int Code { get; init; }
}
