using System.Collections.Concurrent;
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
    private readonly ConcurrentDictionary<KindDefinition, ResourceStore> _stores = new(ReferenceEqualityComparer.Instance);
    private readonly Func<KindDefinition, ResourceStore> _newStore;
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

        _newStore = k => new ResourceStore(k, store, admission, clock);
        foreach (var kind in catalog.Kinds)
        {
            _stores[kind] = _newStore(kind);
        }

        // Kinds registered at run time get their store on first use; a removed kind's store goes with it.
        catalog.Changed += DropStoresOfRemovedKinds;
        Discovery = new DiscoveryDocuments(catalog);
        Authorizer = options.Authorizer;
        _resources = new ResourceHandler(new ResponseWriter(clock), new WatchStreamer(clock, options.BookmarkInterval, options.Stopping));
    }

    public DiscoveryDocuments Discovery { get; }

    /// <summary>Decides resource requests; components that bring policies replace the default at start-up.</summary>
    public IRequestAuthorizer Authorizer { get; set; }

    public ResourceStore StoreFor(KindDefinition kind) =>
        _stores.TryGetValue(kind, out var existing) ? existing : _stores.GetOrAdd(kind, _newStore);

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

    /// <summary>Authorizes a resource request as the surface does its own, throwing the 403; endpoints
    /// served outside the surface (subresources such as pods/eviction) call it too.</summary>
    public async ValueTask AuthorizeAsync(RequestUser user, ResourceAttributes request, CancellationToken cancellationToken)
    {
        var verdict = await Authorizer.AuthorizeAsync(user, request, cancellationToken);
        if (!verdict.Allowed)
        {
            throw Forbidden(user, request, verdict.Reason);
        }
    }

    /// <summary>kube-apiserver's answer to a refused resource request, in its wording (the reason,
    /// when there is one, follows a colon).</summary>
    public static StatusError Forbidden(RequestUser user, ResourceAttributes request, string reason)
    {
        var resource = string.IsNullOrEmpty(request.Subresource) ? request.Resource : $"{request.Resource}/{request.Subresource}";
        // As kube-apiserver's request info, a namespace object itself is in that namespace.
        var ns = string.IsNullOrEmpty(request.Namespace) && request.Group.Length == 0 && request.Resource == "namespaces" ? request.Name : request.Namespace;
        var scope = string.IsNullOrEmpty(ns) ? "at the cluster scope" : $"in the namespace \"{ns}\"";
        var why = $"User \"{user.Name}\" cannot {request.Verb} resource \"{resource}\" in API group \"{request.Group}\" {scope}";
        return StatusError.Forbidden(request.Group, request.Resource, request.Name, reason.Length == 0 ? why : $"{why}: {reason}");
    }

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
        await AuthorizeAsync(user, new ResourceAttributes(verb, request.Group, request.Version, request.Resource, request.Subresource, request.Namespace, request.Name), context.RequestAborted);

        await _resources.HandleAsync(context, request, StoreFor(kind), user);
    }

    private void DropStoresOfRemovedKinds()
    {
        var served = _catalog.Kinds.ToHashSet<KindDefinition>(ReferenceEqualityComparer.Instance);
        foreach (var kind in _stores.Keys)
        {
            if (!served.Contains(kind))
            {
                _stores.TryRemove(kind, out _);
            }
        }
    }
}
