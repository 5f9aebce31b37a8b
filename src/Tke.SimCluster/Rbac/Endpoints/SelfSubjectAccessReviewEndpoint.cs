using System.Text.Json.Nodes;
using Tke.ApiMachinery.Errors;
using Tke.ApiMachinery.Requests;
using Tke.ApiMachinery.Validation;
using Tke.SimCluster.Rbac.Authorization;

namespace Tke.SimCluster.Rbac.Endpoints;

/// <summary>
/// authorization.k8s.io/v1 SelfSubjectAccessReview, what `kubectl auth can-i` asks: may the caller
/// perform one resource or non-resource request? Answered with status.allowed and the reason.
/// </summary>
public sealed class SelfSubjectAccessReviewEndpoint(IClusterAuthorizer authorizer)
    : AuthorizationReviewEndpoint(authorizer, "selfsubjectaccessreviews", "SelfSubjectAccessReview")
{
    protected override (JsonObject Spec, JsonObject Status) Review(RequestUser user, JsonObject body)
    {
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

        var verdict = Authorizer.Authorize(user, access);
        var status = new JsonObject { ["allowed"] = verdict.Allowed };
        if (verdict.Reason.Length > 0)
        {
            status["reason"] = verdict.Reason;
        }

        return (spec, status);
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
