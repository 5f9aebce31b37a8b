using System.Text.Json.Nodes;
using Tke.ApiMachinery.Validation;

namespace Tke.ApiMachinery.Errors;

/// <summary>
/// An API error that is answered as a metav1.Status with the matching HTTP code.
/// The factory methods follow Kubernetes' reasons and wording, which kubectl prints as is.
/// </summary>
public sealed class StatusError : Exception
{
    private StatusError(int code, string reason, string message, StatusDetails? details = null)
        : base(message)
    {
        Code = code;
        Reason = reason;
        Details = details;
    }

    public int Code { get; }

    public string Reason { get; }

    public StatusDetails? Details { get; }

    public static StatusError BadRequest(string message) => new(400, "BadRequest", message);

    public static StatusError Unauthorized(string message = "Unauthorized") => new(401, "Unauthorized", message);

    public static StatusError Forbidden(string message) => new(403, "Forbidden", message);

    /// <summary>Kubernetes' NewForbidden: "{resource.group} \"{name}\" is forbidden: {why}", or
    /// "forbidden: {why}" for a request that names no resource (a non-resource path).</summary>
    public static StatusError Forbidden(string group, string resource, string? name, string why)
    {
        var message = resource.Length == 0 ? $"forbidden: {why}"
            : string.IsNullOrEmpty(name) ? $"{Qualified(group, resource)} is forbidden: {why}"
            : $"{Qualified(group, resource)} \"{name}\" is forbidden: {why}";
        return new(403, "Forbidden", message, new StatusDetails(
            string.IsNullOrEmpty(name) ? null : name,
            group.Length == 0 ? null : group,
            resource.Length == 0 ? null : resource,
            null));
    }

    public static StatusError NotFound(string group, string resource, string name) =>
        new(404, "NotFound", $"{Qualified(group, resource)} \"{name}\" not found", new StatusDetails(name, group, resource, null));

    public static StatusError PathNotFound(string path) => new(404, "NotFound", $"the server could not find the requested resource ({path})");

    public static StatusError MethodNotSupported(string resource, string verb) =>
        new(405, "MethodNotAllowed", $"{verb} is not supported on resources of kind \"{resource}\"");

    public static StatusError NotAcceptable(string message) => new(406, "NotAcceptable", message);

    public static StatusError AlreadyExists(string group, string resource, string name) =>
        new(409, "AlreadyExists", $"{Qualified(group, resource)} \"{name}\" already exists", new StatusDetails(name, group, resource, null));

    public static StatusError Conflict(string group, string resource, string name, string why) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {Qualified(group, resource)} \"{name}\": {why}", new StatusDetails(name, group, resource, null));

    public static StatusError StaleResourceVersion(string group, string resource, string name) =>
        Conflict(group, resource, name, "the object has been modified; please apply your changes to the latest version and try again");

    public static StatusError Gone(string message) => new(410, "Expired", message);

    public static StatusError RequestEntityTooLarge(long limit) =>
        new(413, "RequestEntityTooLarge", $"Request entity too large: limit is {limit}");

    public static StatusError UnsupportedMediaType(string contentType) =>
        new(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf (got \"{contentType}\")");

    /// <summary>A strategic merge patch on a kind without one (custom resources), worded as kube-apiserver does.</summary>
    public static StatusError UnsupportedPatchType() =>
        new(415, "UnsupportedMediaType", "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml");

    public static StatusError Invalid(string group, string kind, string name, IReadOnlyList<FieldError> errors)
    {
        var summary = errors.Count == 1 ? errors[0].Message : "[" + string.Join(", ", errors.Select(e => e.Message)) + "]";
        return new(422, "Invalid", $"{kind}.{group} \"{name}\" is invalid: {summary}", new StatusDetails(name, group, null, kind)
        {
            Causes = errors.Select(e => new StatusCause(e.Reason, e.Description, e.Field)).ToArray(),
        });
    }

    public static StatusError UnprocessableEntity(string message) => new(422, "Invalid", message);

    public static StatusError TooManyRequests(string message) => new(429, "TooManyRequests", message);

    public static StatusError Internal(string message) => new(500, "InternalError", $"Internal error occurred: {message}");

    public static StatusError Timeout(string message) => new(504, "Timeout", message);

    public static StatusError ServiceUnavailable(string message) => new(503, "ServiceUnavailable", message);

    private static string Qualified(string group, string resource) => group.Length == 0 ? resource : $"{resource}.{group}";

    /// <summary>The metav1.Status body.</summary>
    public JsonObject ToStatus()
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = Message,
            ["reason"] = Reason,
        };
        if (Details is not null)
        {
            var details = new JsonObject();
            if (Details.Name is not null)
            {
                details["name"] = Details.Name;
            }

            if (Details.Group is not null)
            {
                details["group"] = Details.Group;
            }

            if (Details.Kind is not null)
            {
                details["kind"] = Details.Kind;
            }
            else if (Details.Resource is not null)
            {
                details["kind"] = Details.Resource;
            }

            if (Details.Causes is { Count: > 0 })
            {
                details["causes"] = new JsonArray(Details.Causes.Select(c => (JsonNode)new JsonObject
                {
                    ["reason"] = c.Reason,
                    ["message"] = c.Message,
                    ["field"] = c.Field,
                }).ToArray());
            }

            status["details"] = details;
        }

        status["code"] = Code;
        return status;
    }
}

public sealed record StatusDetails(string? Name, string? Group, string? Resource, string? Kind)
{
    public IReadOnlyList<StatusCause>? Causes { get; init; }
}

public sealed record StatusCause(string Reason, string Message, string Field);
