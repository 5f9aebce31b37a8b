using System.Net;
using Microsoft.AspNetCore.Http;
using Tke.ApiMachinery.Http;
using Tke.ApiMachinery.Requests;

namespace Tke.Audit;

/// <summary>The authorizer's verdict on a request, as the audit annotation spells it.</summary>
public enum AuditDecision
{
    Allow,
    Forbid,
}

/// <summary>Builds the audit record of a finished request.</summary>
public static class AuditRecordFactory
{
    private const int MaxUserAgentLength = 512;

    /// <summary>True for what must be audited: every mutating request and every one refused as 401 or 403.</summary>
    public static bool ShouldRecord(string method, int code) =>
        code is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden
        || HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);

    /// <param name="http">The request, answered or about to be.</param>
    /// <param name="request">Its parsed path.</param>
    /// <param name="user">The caller; <see cref="RequestUser.Anonymous"/> when authentication failed.</param>
    /// <param name="code">The HTTP status of the response.</param>
    /// <param name="decision">Whether authorization allowed the request.</param>
    /// <param name="received">When the request arrived.</param>
    /// <param name="reason">Why authorization decided so (the authorization.k8s.io/reason annotation).</param>
    /// <param name="objectName">The name of the object when the path has none, e.g. one just created.</param>
    /// <param name="clock">Stamps the stage timestamp; the system clock when null.</param>
    public static AuditRecord From(
        HttpContext http,
        ApiRequest request,
        RequestUser user,
        int code,
        AuditDecision decision,
        DateTimeOffset received,
        string? reason = null,
        string? objectName = null,
        TimeProvider? clock = null)
    {
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [AuditRecord.DecisionAnnotation] = decision == AuditDecision.Allow ? "allow" : "forbid",
            [AuditRecord.ReasonAnnotation] = reason ?? "",
        };
        if (user.TenantId.Length > 0)
        {
            annotations[AuditRecord.TenantAnnotation] = user.TenantId;
        }

        var userAgent = http.Request.Headers.UserAgent.ToString();
        return new AuditRecord
        {
            AuditId = AuditId(http),
            RequestUri = http.Request.Path.ToUriComponent() + http.Request.QueryString.ToUriComponent(),
            Verb = Verb(http.Request, request),
            User = new AuditUser
            {
                Username = user.Name,
                Groups = user.Groups,
                Extra = user.TenantId.Length > 0
                    ? new Dictionary<string, IReadOnlyList<string>> { [AuditRecord.TenantExtraKey] = [user.TenantId] }
                    : null,
            },
            SourceIps = http.Connection.RemoteIpAddress is { } remote ? [Address(remote)] : null,
            UserAgent = userAgent.Length == 0 ? null : userAgent.Length > MaxUserAgentLength ? userAgent[..MaxUserAgentLength] : userAgent,
            ObjectRef = request.Kind == ApiPathKind.Resource
                ? new AuditObjectRef
                {
                    Resource = request.Resource,
                    Namespace = request.Namespace,
                    Name = request.Name ?? objectName,
                    ApiGroup = request.Group,
                    ApiVersion = request.Version,
                    Subresource = request.Subresource,
                }
                : null,
            ResponseStatus = new AuditResponseStatus
            {
                Code = code,
                Status = code >= 400 ? "Failure" : null,
                Reason = code >= 400 ? FailureReason(code) : null,
            },
            RequestReceivedTimestamp = received,
            StageTimestamp = (clock ?? TimeProvider.System).GetUtcNow(),
            Annotations = annotations,
        };
    }

    /// <summary>The Kubernetes verb: resource verbs for API objects, the lower-cased method for other paths.</summary>
    public static string Verb(HttpRequest http, ApiRequest request)
    {
        if (request.Kind != ApiPathKind.Resource)
        {
            return http.Method.ToLowerInvariant();
        }

        return http.Method switch
        {
            "GET" or "HEAD" when request.Name is not null => "get",
            "GET" or "HEAD" => QueryOptions.Flag(http.Query, "watch") ? "watch" : "list",
            "POST" => "create",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" when request.Name is null => "deletecollection",
            "DELETE" => "delete",
            _ => http.Method.ToLowerInvariant(),
        };
    }

    // kube-apiserver keeps a caller's Audit-ID so a client can correlate; otherwise it makes one.
    private static string AuditId(HttpContext http)
    {
        var given = http.Request.Headers["Audit-ID"].ToString();
        return given.Length is > 0 and <= 64 && given.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')
            ? given
            : Guid.NewGuid().ToString();
    }

    private static string Address(IPAddress address) =>
        (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();

    private static string FailureReason(int code) => code switch
    {
        400 => "BadRequest",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        406 => "NotAcceptable",
        409 => "Conflict",
        410 => "Expired",
        413 => "RequestEntityTooLarge",
        415 => "UnsupportedMediaType",
        422 => "Invalid",
        429 => "TooManyRequests",
        503 => "ServiceUnavailable",
        504 => "Timeout",
        _ when code >= 500 => "InternalError",
        _ => "Unknown",
    };
}
