using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Tke.ApiMachinery.Errors;
using Tke.ApiMachinery.Http;
using Tke.ApiMachinery.Requests;

namespace Tke.ApiServer.Authentication;

/// <summary>
/// authentication.k8s.io/v1 SelfSubjectReview: tells callers who the server thinks they are.
/// `kubectl auth whoami` and `tke whoami` use it. The tenant travels in userInfo.extra.
/// </summary>
public static class SelfSubjectReviewEndpoint
{
    public const string Path = "/apis/authentication.k8s.io/v1/selfsubjectreviews";
    public const string TenantExtraKey = "tkestack.io/tenant-id";

    public static async Task ServeAsync(HttpContext context, RequestUser user)
    {
        if (context.Request.Method != "POST")
        {
            throw StatusError.MethodNotSupported("selfsubjectreviews", context.Request.Method);
        }

        // The review carries nothing but its kind; kubectl sends it as protobuf, which is not decoded.
        var bytes = await RequestBody.ReadAsync(context.Request, context.RequestAborted);
        var mediaType = MediaTypes.BodyType(context.Request.ContentType);
        if (bytes.Length > 0 && mediaType != "application/vnd.kubernetes.protobuf" && RequestBody.Decode(bytes, mediaType) is not JsonObject)
        {
            throw StatusError.BadRequest("the body must be a SelfSubjectReview object");
        }

        var review = new JsonObject
        {
            ["kind"] = "SelfSubjectReview",
            ["apiVersion"] = "authentication.k8s.io/v1",
            ["metadata"] = new JsonObject { ["creationTimestamp"] = null },
            ["status"] = new JsonObject
            {
                ["userInfo"] = new JsonObject
                {
                    ["username"] = user.Name,
                    ["groups"] = new JsonArray(user.Groups.Select(g => (JsonNode)g).ToArray()),
                    ["extra"] = new JsonObject { [TenantExtraKey] = new JsonArray((JsonNode)user.TenantId) },
                },
            },
        };
        await ResponseWriter.WriteJsonBytesAsync(context, System.Text.Encoding.UTF8.GetBytes(review.ToJsonString()), 201);
    }
}
