using Microsoft.AspNetCore.Http;
using Tke.Registry.Access;
using Tke.Registry.Storage;

namespace Tke.Registry.Distribution;

/// <summary>
/// The OCI distribution API (v1.1) under <c>/v2/</c>. Every request first asks
/// <see cref="IRegistryAccess"/> who the caller is and whether the action (pull for GET/HEAD, push
/// for uploads and manifest PUT, delete for DELETE) is allowed on the repository, in the tenant of
/// <see cref="RegistryPrincipal.Tenant"/>; refusals become 401 UNAUTHORIZED with a challenge,
/// 403 DENIED or 404 NAME_UNKNOWN.
/// </summary>
public sealed class DistributionEndpoint
{
    private const string ApiVersionHeader = "Docker-Distribution-API-Version";

    private readonly IRegistryAccess _access;
    private readonly BlobEndpoints _blobs;
    private readonly UploadEndpoints _uploads;
    private readonly ManifestEndpoints _manifests;
    private readonly ListingEndpoints _listings;

    public DistributionEndpoint(RegistryStorage storage, IRegistryAccess access, RepositoryEventQueue? events = null)
    {
        _access = access;
        _blobs = new BlobEndpoints(storage);
        _uploads = new UploadEndpoints(storage, access);
        _manifests = new ManifestEndpoints(storage, events);
        _listings = new ListingEndpoints(storage, access);
    }

    public static bool Accepts(HttpRequest request) => request.Path.StartsWithSegments("/v2", StringComparison.Ordinal);

    public async Task HandleAsync(HttpContext context)
    {
        context.Response.Headers[ApiVersionHeader] = "registry/2.0";
        var route = RegistryRoute.Parse(context.Request.Path.Value ?? "");
        if (route is null)
        {
            await OciErrorResponse.WriteAsync(context, 404, OciErrorCode.NameUnknown, "no such registry endpoint", new { path = context.Request.Path.Value });
            return;
        }

        if (route.Resource is not (RegistryResource.Base or RegistryResource.Catalog) && !RepositoryNames.IsValidName(route.Name))
        {
            await OciErrorResponse.WriteAsync(context, 400, OciErrorCode.NameInvalid, "invalid repository name: namespace/name in lowercase letters, digits and separators", new { name = route.Name });
            return;
        }

        var action = ActionFor(route, context.Request.Method);
        if (action is null)
        {
            await OciErrorResponse.WriteAsync(context, 405, OciErrorCode.Unsupported, $"{context.Request.Method} is not supported here");
            return;
        }

        var principal = await _access.IdentifyAsync(context.Request, context.RequestAborted);
        if (route.Resource == RegistryResource.Base)
        {
            // The API version check doubles as docker login's credential check.
            if (principal is null || principal.IsAnonymous)
            {
                await UnauthorizedAsync(context, null, []);
                return;
            }

            context.Response.ContentType = "application/json";
            context.Response.ContentLength = 2;
            await context.Response.WriteAsync("{}", context.RequestAborted);
            return;
        }

        if (principal is null)
        {
            await UnauthorizedAsync(context, route.Resource == RegistryResource.Catalog ? null : route.Name, ChallengeActions(action.Value));
            return;
        }

        if (route.Resource == RegistryResource.Catalog)
        {
            await _listings.CatalogAsync(context, principal);
            return;
        }

        switch (await _access.AuthorizeAsync(principal, route.Name, action.Value, context.RequestAborted))
        {
            case RegistryDecision.Allowed:
                break;
            case RegistryDecision.Unauthenticated:
                await UnauthorizedAsync(context, route.Name, ChallengeActions(action.Value));
                return;
            case RegistryDecision.Denied:
                await OciErrorResponse.WriteAsync(context, 403, OciErrorCode.Denied, "requested access to the resource is denied", new { name = route.Name, action = action.Value.ToString().ToLowerInvariant() });
                return;
            default:
                await OciErrorResponse.WriteAsync(context, 404, OciErrorCode.NameUnknown, "repository name not known to registry", new { name = route.Name });
                return;
        }

        var request = new RepositoryRequest(context, route, new RepositoryKey(principal.Tenant, route.Name), principal);
        await DispatchAsync(request);
    }

    private Task DispatchAsync(RepositoryRequest request)
    {
        var method = request.Request.Method;
        return request.Route.Resource switch
        {
            RegistryResource.Blob when HttpMethods.IsDelete(method) => _blobs.DeleteAsync(request),
            RegistryResource.Blob => _blobs.GetAsync(request),
            RegistryResource.Upload when request.Route.Reference.Length == 0 => _uploads.StartAsync(request),
            RegistryResource.Upload when HttpMethods.IsPatch(method) => _uploads.PatchAsync(request),
            RegistryResource.Upload when HttpMethods.IsPut(method) => _uploads.PutAsync(request),
            RegistryResource.Upload when HttpMethods.IsDelete(method) => _uploads.CancelAsync(request),
            RegistryResource.Upload => _uploads.StatusAsync(request),
            RegistryResource.Manifest when HttpMethods.IsPut(method) => _manifests.PutAsync(request),
            RegistryResource.Manifest when HttpMethods.IsDelete(method) => _manifests.DeleteAsync(request),
            RegistryResource.Manifest => _manifests.GetAsync(request),
            RegistryResource.Tags => _listings.TagsAsync(request),
            _ => _listings.ReferrersAsync(request),
        };
    }

    /// <summary>The action a method needs on a resource; null when the method is not served there.</summary>
    private static RegistryAction? ActionFor(RegistryRoute route, string method)
    {
        var read = HttpMethods.IsGet(method) || HttpMethods.IsHead(method);
        return route.Resource switch
        {
            RegistryResource.Base or RegistryResource.Catalog or RegistryResource.Tags or RegistryResource.Referrers => read ? RegistryAction.Pull : null,
            RegistryResource.Blob => read ? RegistryAction.Pull : HttpMethods.IsDelete(method) ? RegistryAction.Delete : null,
            RegistryResource.Manifest => read ? RegistryAction.Pull : HttpMethods.IsPut(method) ? RegistryAction.Push : HttpMethods.IsDelete(method) ? RegistryAction.Delete : null,
            RegistryResource.Upload when route.Reference.Length == 0 => HttpMethods.IsPost(method) ? RegistryAction.Push : null,
            RegistryResource.Upload => HttpMethods.IsGet(method) || HttpMethods.IsPatch(method) || HttpMethods.IsPut(method) || HttpMethods.IsDelete(method) ? RegistryAction.Push : null,
            _ => null,
        };
    }

    /// <summary>Docker asks for pull and push together when it pushes.</summary>
    private static IReadOnlyList<RegistryAction> ChallengeActions(RegistryAction action) =>
        action == RegistryAction.Push ? [RegistryAction.Pull, RegistryAction.Push] : [action];

    private async Task UnauthorizedAsync(HttpContext context, string? repository, IReadOnlyList<RegistryAction> actions)
    {
        context.Response.Headers.WWWAuthenticate = _access.Challenge(context.Request, repository, actions);
        await OciErrorResponse.WriteAsync(context, 401, OciErrorCode.Unauthorized, "authentication required", repository is null ? null : new { name = repository });
    }
}
