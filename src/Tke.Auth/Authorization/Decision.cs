namespace Tke.Auth.Authorization;

/// <summary>Why a request was allowed or denied.</summary>
public enum DecisionReason
{
    /// <summary>An allow statement matched and no deny statement did.</summary>
    AllowedByPolicy,

    /// <summary>The user is an administrator of the tenant's identity provider.</summary>
    TenantAdministrator,

    /// <summary>A deny statement matched; deny wins over any allow.</summary>
    DeniedByPolicy,

    /// <summary>No statement of the user's policies matched (denied by default).</summary>
    NoMatchingPolicy,

    /// <summary>The subject belongs to another tenant than the one the request is in.</summary>
    TenantMismatch,

    /// <summary>The request names a project other than the project it is made in.</summary>
    ProjectMismatch,
}

/// <summary>
/// An authorization decision with what decided it, for the response and the audit record.
/// A struct of references to strings the engine already holds, so deciding allocates nothing.
/// </summary>
public readonly record struct Decision(bool Allowed, DecisionReason Reason, string? PolicyName = null, string? PolicyDisplayName = null)
{
    /// <summary>One line for logs, audit records and 403 messages.</summary>
    public string Describe() => Reason switch
    {
        DecisionReason.AllowedByPolicy => $"allowed by policy {Quoted}",
        DecisionReason.TenantAdministrator => "allowed: administrator of the tenant",
        DecisionReason.DeniedByPolicy => $"denied by policy {Quoted}",
        DecisionReason.NoMatchingPolicy => "denied: no policy allows this action on this resource",
        DecisionReason.TenantMismatch => "denied: the user belongs to another tenant",
        DecisionReason.ProjectMismatch => "denied: the resource belongs to another project than the request's",
        _ => Reason.ToString(),
    };

    public override string ToString() => Describe();

    private string Quoted => string.IsNullOrEmpty(PolicyDisplayName) || PolicyDisplayName == PolicyName
        ? $"\"{PolicyName}\""
        : $"\"{PolicyName}\" ({PolicyDisplayName})";
}
