namespace Tke.Audit;

/// <summary>Whether a request succeeded (2xx) or not.</summary>
public enum AuditResult
{
    Success,
    Failure,
}

/// <summary>
/// Filters of an audit listing. Null means "any"; every given filter must match exactly.
/// <see cref="ApiGroup"/> "" selects the core group. <see cref="From"/> is inclusive and
/// <see cref="To"/> exclusive, both on requestReceivedTimestamp.
/// </summary>
public sealed record AuditQuery
{
    public string? User { get; init; }

    public string? Tenant { get; init; }

    public string? Verb { get; init; }

    public string? ApiGroup { get; init; }

    public string? Resource { get; init; }

    public string? Namespace { get; init; }

    public string? Name { get; init; }

    public int? Code { get; init; }

    public AuditResult? Result { get; init; }

    public DateTimeOffset? From { get; init; }

    public DateTimeOffset? To { get; init; }

    /// <summary>The most records in one page.</summary>
    public int Limit { get; init; } = 500;

    /// <summary>The continue token of the previous page, or null for the first page.</summary>
    public string? Continue { get; init; }
}

/// <summary>One page of records, newest first, each as its stored audit.k8s.io/v1 Event JSON.</summary>
public sealed record AuditPage(IReadOnlyList<byte[]> Items, string? Continue)
{
    public IReadOnlyList<AuditRecord> Records() =>
        Items.Select(item => System.Text.Json.JsonSerializer.Deserialize<AuditRecord>(item, Tke.ApiMachinery.Json.ApiJson.Options)!).ToArray();
}

/// <summary>Reads audit records back.</summary>
public interface IAuditReader
{
    /// <exception cref="Tke.ApiMachinery.Errors.StatusError">400 when the continue token is not valid.</exception>
    AuditPage Query(AuditQuery query);
}
