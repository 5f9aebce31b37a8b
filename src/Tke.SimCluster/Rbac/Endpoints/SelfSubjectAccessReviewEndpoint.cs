using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Tke.ApiMachinery.Errors;
using Tke.ApiMachinery.Http;
using Tke.ApiMachinery.Requests;
using Tke.ApiMachinery.Validation;
using Tke.ApiServer.Components;
using Tke.SimCluster.Rbac.Authorization;

namespace Tke.SimCluster.Rbac.Endpoints;

/// <summary>
/// authorization.k8s.io/v1 SelfSubjectAccessReview, what `kubectl auth can-i` asks: may the caller
/// (after impersonation, so `--as alice` asks about alice) perform one resource or non-resource
/// request? Created and answered (201 with status.allowed and the reason), never stored.
/// </summary>
public sealed class SelfSubjectAccessReviewEndpoint(IClusterAuthorizer authorizer)
{
    public const string Path = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews";
    private const string Kind = "SelfSubjectAccessReview";

    public PathHandler Handler => new(Path, HandleAsync) { Accepts = r => r.Path.Value == Path };

    public async Task HandleAsync(HttpContext context, RequestUser user)
    {
        RequireAllowed(authorizer, user, AccessRequest.ForResource("create", ReviewBody.Group, "selfsubjectaccessreviews"));
        var body = await ReviewBody.ReadAsync(context, Kind);
        var specNode = ReviewBody.Object(body, "spec");
        var resource = ReviewBody.Object(specNode, "resourceAttributes");
        var nonResource = ReviewBody.Object(specNode, "nonResourceAttributes");
        var errors = new FieldErrorList();
        if (resource is not null && nonResource is not null)
        {
            errors.Invalid("spec.nonResourceAttributes", Described(nonResource), "cannot be specified in combination with resourceAttributes");
        }
        else if (resource is null && nonResource is null)
        {
            errors.Invalid("spec.resourceAttributes", null, "exactly one of nonResourceAttributes or resourceAttributes must be specified");
        }

        if (errors.Count > 0)
        {
            throw StatusError.Invalid(ReviewBody.Group, Kind, "", errors);
        }

        AccessRequest access;
        JsonObject spec;
        if (resource is not null)
        {
            access = AccessRequest.ForResource(
                ReviewBody.Text(resource, "verb"), ReviewBody.Text(resource, "group"), ReviewBody.Text(resource, "resource"),
                ReviewBody.Text(resource, "subresource"), ReviewBody.Text(resource, "namespace"), ReviewBody.Text(resource, "name"));
            spec = new JsonObject { ["resourceAttributes"] = Present(resource, "namespace", "verb", "group", "version", "resource", "subresource", "name") };
        }
        else
        {
            access = AccessRequest.ForPath(ReviewBody.Text(nonResource, "verb"), ReviewBody.Text(nonResource, "path"));
            spec = new JsonObject { ["nonResourceAttributes"] = Present(nonResource!, "path", "verb") };
        }

        var verdict = authorizer.Authorize(user, access);
        var status = new JsonObject { ["allowed"] = verdict.Allowed };
        if (verdict.Reason.Length > 0)
        {
            status["reason"] = verdict.Reason;
        }

        await ResponseWriter.WriteJsonBytesAsync(context, ReviewBody.Answer(Kind, spec, status), StatusCodes.Status201Created);
    }

    /// <summary>The reviews are resources of their own: creating one needs "create" on it (system:basic-user grants it to everyone authenticated).</summary>
    public static void RequireAllowed(IClusterAuthorizer authorizer, RequestUser user, AccessRequest access)
    {
        var verdict = authorizer.Authorize(user, access);
        if (!verdict.Allowed)
        {
            throw NonResourceRequestGuard.Forbidden(user, access, verdict.Reason);
        }
    }

    /// <summary>The non-empty string fields, as Go's omitempty writes them back.</summary>
    private static JsonObject Present(JsonObject source, params string[] fields)
    {
        var result = new JsonObject();
        foreach (var field in fields)
        {
            if (ReviewBody.Text(source, field) is { Length: > 0 } value)
            {
                result[field] = value;
            }
        }

        return result;
    }

    private static string Described(JsonObject nonResource) =>
        $"&authorization.NonResourceAttributes{{Path:\"{ReviewBody.Text(nonResource, "path")}\", Verb:\"{ReviewBody.Text(nonResource, "verb")}\"}}";
}
