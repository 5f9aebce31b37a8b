using System.Text.Json;
using System.Text.Json.Nodes;
using Tke.ApiMachinery.Errors;
using Tke.ApiMachinery.Http;
using Tke.ApiMachinery.Json;
using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Objects;
using Tke.ApiMachinery.Requests;
using Tke.ApiMachinery.Store;

namespace Tke.SimCluster.Simulation;

/// <summary>Writes objects of the simulated cluster as its own components, through the same
/// stores (defaulting, validation, watch events) that serve API clients.</summary>
public sealed class SystemWriter(ApiSurface surface, KindCatalog catalog, string componentName)
{
    private readonly WriteContext _context = new(new RequestUser($"system:{componentName}", [RequestUser.AllTenantsGroup], ""));

    public ResourceStore StoreFor(string group, string resource) =>
        surface.StoreFor(catalog.Find(group, "v1", resource) ?? throw new InvalidOperationException($"{resource}.{group} is not served"));

    /// <summary>Creates the object; false if one of that name exists already.</summary>
    public async Task<bool> CreateIfMissingAsync(ResourceStore store, ApiObject obj, CancellationToken cancellationToken)
    {
        try
        {
            await store.CreateAsync(obj.Metadata.Namespace, ToJson(obj), _context, cancellationToken);
            return true;
        }
        catch (StatusError e) when (e.Code == 409)
        {
            return false;
        }
    }

    /// <summary>Reads, changes and writes back the status of an object; a conflicting writer wins and the change is skipped.</summary>
    public async Task UpdateStatusAsync<T>(ResourceStore store, string? ns, string name, Action<T> change, CancellationToken cancellationToken)
        where T : ApiObject
    {
        var current = (T)(await store.GetAsync(ns, name, cancellationToken)).DecodeCopy();
        change(current);
        try
        {
            await store.UpdateAsync(ns, name, ToJson(current), "status", _context, cancellationToken);
        }
        catch (StatusError e) when (e.Code == 409)
        {
            // Someone else wrote the object meanwhile; the next round catches up.
        }
    }

    private static JsonNode ToJson(ApiObject obj) => JsonSerializer.SerializeToNode(obj, obj.GetType(), ApiJson.Options)!;
}
