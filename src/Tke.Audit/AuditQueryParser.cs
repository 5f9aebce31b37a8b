using System.Globalization;
using Microsoft.AspNetCore.Http;
using Tke.ApiMachinery.Errors;
using Tke.ApiMachinery.Requests;

namespace Tke.Audit;

/// <summary>
/// Reads the query parameters of an audit listing. Empty values count as absent, since the
/// console sends every filter field whether filled or not. Times are RFC 3339 (<c>from</c>,
/// <c>to</c>) or, as TKEStack's audit API takes them, Unix milliseconds (<c>startTime</c>, <c>endTime</c>).
/// </summary>
public static class AuditQueryParser
{
    public const int DefaultLimit = 500;
    public const int MaxLimit = 1000;

    /// <summary>The apiGroup value that selects the legacy core group (whose name is empty).</summary>
    public const string CoreGroup = "core";

    private static readonly string[] TimeFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    /// <summary>Parses the filters; a tenant-confined caller is always held to its own tenant.</summary>
    /// <returns>The query, or null when the caller asked for another tenant's records (which it cannot see).</returns>
    /// <exception cref="StatusError">400 for a malformed parameter.</exception>
    public static AuditQuery? Parse(IQueryCollection q, RequestUser caller)
    {
        var tenant = Text(q, "tenant");
        if (caller.TenantScope is { } scope)
        {
            if (tenant is not null && tenant != scope)
            {
                return null;
            }

            tenant = scope;
        }

        var group = Text(q, "apiGroup");
        var resource = Text(q, "resource");
        if (group is null && resource is not null && resource.IndexOf('.') is var dot and > 0)
        {
            // "clusters.platform.tkestack.io", the way kubectl names a resource of a group.
            group = resource[(dot + 1)..];
            resource = resource[..dot];
        }

        var from = Time(q, "from") ?? UnixMilliseconds(q, "startTime");
        var to = Time(q, "to") ?? UnixMilliseconds(q, "endTime");
        if (from is not null && to is not null && from >= to)
        {
            throw StatusError.BadRequest("the time range is empty: from must be before to");
        }

        return new AuditQuery
        {
            User = Text(q, "user"),
            Tenant = tenant,
            Verb = Text(q, "verb"),
            ApiGroup = group == CoreGroup ? "" : group,
            Resource = resource,
            Namespace = Text(q, "namespace"),
            Name = Text(q, "name"),
            Code = Code(q),
            Result = Result(q),
            From = from,
            To = to,
            Limit = Limit(q),
            Continue = Text(q, "continue"),
        };
    }

    private static string? Text(IQueryCollection q, string name)
    {
        var values = q[name];
        if (values.Count > 1)
        {
            throw StatusError.BadRequest($"query parameter \"{name}\" may be given once");
        }

        var value = values.Count == 1 ? values[0] : null;
        return string.IsNullOrEmpty(value) ? null : value;
    }

    private static int Limit(IQueryCollection q)
    {
        var text = Text(q, "limit");
        if (text is null)
        {
            return DefaultLimit;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) || limit < 1 || limit > MaxLimit)
        {
            throw StatusError.BadRequest($"limit must be an integer from 1 to {MaxLimit}, got \"{Shorten(text)}\"");
        }

        return limit;
    }

    private static int? Code(IQueryCollection q)
    {
        var text = Text(q, "code");
        if (text is null)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var code) || code < 100 || code > 599)
        {
            throw StatusError.BadRequest($"code must be an HTTP status code, got \"{Shorten(text)}\"");
        }

        return code;
    }

    private static AuditResult? Result(IQueryCollection q) => Text(q, "result")?.ToLowerInvariant() switch
    {
        null => null,
        "success" => AuditResult.Success,
        "failure" => AuditResult.Failure,
        var other => throw StatusError.BadRequest($"result must be \"success\" or \"failure\", got \"{Shorten(other)}\""),
    };

    private static DateTimeOffset? Time(IQueryCollection q, string name)
    {
        var text = Text(q, name);
        if (text is null)
        {
            return null;
        }

        if (!DateTimeOffset.TryParseExact(text, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var time))
        {
            throw StatusError.BadRequest($"{name} must be an RFC 3339 time such as 2006-01-02T15:04:05Z, got \"{Shorten(text)}\"");
        }

        return time;
    }

    private static DateTimeOffset? UnixMilliseconds(IQueryCollection q, string name)
    {
        var text = Text(q, name);
        if (text is null)
        {
            return null;
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) || ms > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            throw StatusError.BadRequest($"{name} must be Unix time in milliseconds, got \"{Shorten(text)}\"");
        }

        return DateTimeOffset.FromUnixTimeMilliseconds(ms);
    }

    private static string Shorten(string text) => text.Length > 64 ? text[..64] + "..." : text;
}
