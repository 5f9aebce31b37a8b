using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Tke.ApiMachinery.Http;
using Tke.ApiMachinery.Requests;
using Tke.ApiServer.Components;
using Tke.SimCluster.Rbac.Authorization;

namespace Tke.SimCluster.Rbac.Endpoints;

/// <summary>
/// A create-only authorization.k8s.io/v1 review the caller asks about itself (after impersonation,
/// so `--as alice` asks about alice): POSTed to its own path, answered with 201 and the review's
/// spec and status, never stored. The reviews are resources of their own: creating one needs
/// "create" on it (system:basic-user grants it to everyone authenticated).
/// </summary>
public abstract class AuthorizationReviewEndpoint(IClusterAuthorizer authorizer, string resource, string kind)
{
    public string Path { get; } = $"/apis/{ReviewBody.ApiVersion}/{resource}";

    public PathHandler Handler => new(Path, HandleAsync) { Accepts = r => r.Path.Value == Path };

    protected IClusterAuthorizer Authorizer => authorizer;

    protected string Kind => kind;

    public async Task HandleAsync(HttpContext context, RequestUser user)
    {
        var access = AccessRequest.ForResource("create", ReviewBody.Group, resource);
        var verdict = authorizer.Authorize(user, access);
        if (!verdict.Allowed)
        {
            throw NonResourceRequestGuard.Forbidden(user, access, verdict.Reason);
        }

        var body = await ReviewBody.ReadAsync(context, kind);
        var (spec, status) = Review(user, body);
        await ResponseWriter.WriteJsonBytesAsync(context, ReviewBody.Answer(kind, spec, status), StatusCodes.Status201Created);
    }

    /// <summary>The review's answer to the body: its spec as the server echoes it, and its status.</summary>
    protected abstract (JsonObject Spec, JsonObject Status) Review(RequestUser user, JsonObject body);
}
