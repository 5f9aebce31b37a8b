using System.Net;
using System.Text.Json.Nodes;

namespace Tke.Kubernetes.Client;

/// <summary>One field-level cause of a failed request (metav1.StatusCause).</summary>
public sealed record StatusCause(string? Reason, string? Message, string? Field);

/// <summary>
/// The API server refused a request: the metav1.Status it answered with, or what the HTTP status
/// says when the body was not a Status (a proxy's error page, say).
/// </summary>
public sealed class KubernetesApiException : Exception
{
    public KubernetesApiException(int code, string reason, string message, IReadOnlyList<StatusCause>? causes = null, JsonObject? status = null)
        : base(message)
    {
        Code = code;
        Reason = reason;
        Causes = causes ?? [];
        Status = status;
    }

    /// <summary>The HTTP status code (Status.code).</summary>
    public int Code { get; }

    /// <summary>Status.reason: NotFound, AlreadyExists, Conflict, Invalid, Expired, Unauthorized, Forbidden ...</summary>
    public string Reason { get; }

    public IReadOnlyList<StatusCause> Causes { get; }

    /// <summary>The Status object as received, if there was one.</summary>
    public JsonObject? Status { get; }

    public bool IsNotFound => Code == 404;

    public bool IsConflict => Code == 409;

    /// <summary>The requested resourceVersion is compacted away (410 Gone / Expired): relist.</summary>
    public bool IsGone => Code == 410 || Reason is "Expired" or "Gone";

    /// <summary>Maps a metav1.Status (or any body) and HTTP status to an exception.</summary>
    public static KubernetesApiException From(HttpStatusCode httpStatus, JsonNode? body, string rawBody, string request)
    {
        if (body is JsonObject status && (string?)status["kind"] == "Status")
        {
            return FromStatus(status, (int)httpStatus, request);
        }

        var snippet = rawBody.Length > 300 ? rawBody[..300] + "..." : rawBody;
        var reason = httpStatus.ToString();
        var text = snippet.Trim().Length == 0 ? reason : snippet.Trim();
        return new KubernetesApiException((int)httpStatus, reason, $"{request}: {(int)httpStatus} {text}");
    }

    /// <summary>Maps a Status object, as a watch ERROR event carries it.</summary>
    public static KubernetesApiException FromStatus(JsonObject status, int fallbackCode, string request)
    {
        var code = status["code"] is JsonValue c && c.TryGetValue<int>(out var n) ? n : fallbackCode;
        var reason = status["reason"]?.GetValue<string>() ?? ((HttpStatusCode)code).ToString();
        var message = status["message"]?.GetValue<string>() ?? reason;
        var causes = (status["details"]?["causes"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Select(o => new StatusCause((string?)o["reason"], (string?)o["message"], (string?)o["field"]))
            .ToList();
        return new KubernetesApiException(code, reason, $"{request}: {message}", causes, status);
    }
}
