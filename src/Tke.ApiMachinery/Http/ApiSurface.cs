using Microsoft.AspNetCore.Http;
using Tke.ApiMachinery.Admission;
using Tke.ApiMachinery.Discovery;
using Tke.ApiMachinery.Errors;
using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Requests;
using Tke.ApiMachinery.Store;
using Tke.Storage;

namespace Tke.ApiMachinery.Http;

/// <summary>Options of the API surface that deployments and tests tune.</summary>
public sealed record ApiSurfaceOptions
{
    /// <summary>How often a watch that allows bookmarks gets one.</summary>
    public TimeSpan BookmarkInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Ends open watches when the server shuts down, so shutdown does not wait for them.</summary>
    public CancellationToken Stopping { get; init; }

    /// <summary>Decides whether a caller may perform a resource request.</summary>
    public IRequestAuthorizer Authorizer { get; init; } = AllowAuthenticated.Instance;

    /// <summary>Encrypts the sensitive fields of objects at rest; null stores them in the clear.</summary>
    public Secrets.FieldCipher? FieldCipher { get; init; }
}

/// <summary>
/// Everything under /api and /apis: discovery and the resources of every registered kind.
/// Errors are answered as metav1.Status.
/// </summary>
public sealed class ApiSurface
{
    private readonly KindCatalog _catalog;
    private readonly Dictionary<KindDefinition, ResourceStore> _stores;
    private readonly ResourceHandler _resources;


    public ApiSurface(KindCatalog catalog, IKeyValueStore store, AdmissionChain admission, TimeProvider clock, ApiSurfaceOptions options)
    {
        _catalog = catalog;
        if (options.FieldCipher is { } cipher)
        {
            var sealedKinds = catalog.Kinds
                .Where(k => Secrets.SensitiveFieldWalker.HasSensitiveFields(k.Schema))
                .Select(k => (ResourceStore.RootPrefix(k), k.Schema))
                .ToArray();
            store = new Secrets.SealedFieldsKeyValueStore(store, sealedKinds, cipher);
        }

        _stores = catalog.Kinds.ToDictionary(k => k, k => new ResourceStore(k, store, admission, clock));
        Discovery = new DiscoveryDocuments(catalog);
        Authorizer = options.Authorizer;
        _resources = new ResourceHandler(new ResponseWriter(clock), new WatchStreamer(clock, options.BookmarkInterval, options.Stopping));
    }

    public DiscoveryDocuments Discovery { get; }

    /// <summary>Decides resource requests; components that bring policies replace the default at start-up.</summary>
    public IRequestAuthorizer Authorizer { get; set; }

    public ResourceStore StoreFor(KindDefinition kind) => _stores[kind];

    /// <summary>Handles an /api or /apis request (parsed by <see cref="ApiRequest.Parse"/>); false if the path is not one.</summary>
    public async Task<bool> TryHandleAsync(HttpContext context, ApiRequest request, RequestUser user)
    {
        if (request.Kind == ApiPathKind.Other)
        {
            return false;
        }

        try
        {
            await HandleAsync(context, request, user);
        }
        catch (StatusError e)
        {
            await ResponseWriter.WriteStatusAsync(context, e);
        }

        return true;
    }

    /// <summary>The Kubernetes verb of a resource request (get, list, watch, create, update, patch, delete, deletecollection).</summary>
    public static string KubernetesVerb(HttpRequest http, ApiRequest request) => http.Method switch
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

    private async Task HandleAsync(HttpContext context, ApiRequest request, RequestUser user)
    {
        if (request.Kind != ApiPathKind.Resource && context.Request.Method is not ("GET" or "HEAD"))
        {
            throw StatusError.MethodNotSupported("discovery", context.Request.Method);
        }

        switch (request.Kind)
        {
            case ApiPathKind.CoreVersions:
                await ResponseWriter.WriteJsonBytesAsync(context, Discovery.CoreVersions);
                return;
            case ApiPathKind.GroupList:
                await ResponseWriter.WriteJsonBytesAsync(context, Discovery.GroupList);
                return;
            case ApiPathKind.Group:
                await ResponseWriter.WriteJsonBytesAsync(context, Discovery.Group(request.Group) ?? throw StatusError.PathNotFound(context.Request.Path));
                return;
            case ApiPathKind.ResourceList:
                await ResponseWriter.WriteJsonBytesAsync(context, Discovery.ResourceList(request.Group, request.Version) ?? throw StatusError.PathNotFound(context.Request.Path));
                return;
        }

        var kind = _catalog.Find(request.Group, request.Version, request.Resource) ?? throw StatusError.PathNotFound(context.Request.Path);
        var verb = KubernetesVerb(context.Request, request);
        var verdict = await Authorizer.AuthorizeAsync(user, new ResourceAttributes(verb, request.Group, request.Version, request.Resource, request.Subresource, request.Namespace, request.Name), context.RequestAborted);
        if (!verdict.Allowed)
        {
            var target = request.Name is null ? $"{request.Resource}.{request.Group}" : $"{request.Resource}.{request.Group} \"{request.Name}\"";
            var scope = request.Namespace is null ? "at the cluster scope" : $"in the namespace \"{request.Namespace}\"";
            throw StatusError.Forbidden($"{target} is forbidden: User \"{user.Name}\" cannot {verb} resource \"{request.Resource}\" in API group \"{request.Group}\" {scope}: {verdict.Reason}");
        }

        await _resources.HandleAsync(context, request, _stores[kind], user);
    }
}
