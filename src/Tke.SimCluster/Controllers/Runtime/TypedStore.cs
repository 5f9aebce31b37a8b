using System.Text.Json;
using System.Text.Json.Nodes;
using Tke.ApiMachinery.Errors;
using Tke.ApiMachinery.Json;
using Tke.ApiMachinery.Objects;
using Tke.ApiMachinery.Requests;
using Tke.ApiMachinery.Store;

namespace Tke.SimCluster.Controllers.Runtime;

/// <summary>
/// One kind's store seen by a controller: typed copies to read and change, written back as a
/// system user through the same defaulting, validation and optimistic concurrency as API clients.
/// A conflicting write throws, and the reconcile loop retries from fresh state.
/// </summary>
public sealed class TypedStore<T>(ResourceStore store, WriteContext context)
    where T : ApiObject
{
    public ResourceStore Store => store;

    public async Task<T?> GetAsync(string? ns, string name, CancellationToken cancellationToken)
    {
        try
        {
            return (T)(await store.GetAsync(ns, name, cancellationToken)).DecodeCopy();
        }
        catch (StatusError e) when (e.Code == 404)
        {
            return null;
        }
    }

    public async Task<List<T>> ListAsync(string? ns, CancellationToken cancellationToken, ListQuery? query = null)
    {
        var page = await store.ListAsync(ns, query ?? new ListQuery(), cancellationToken);
        return page.Items.Select(i => (T)i.DecodeCopy()).ToList();
    }

    public async Task<T> CreateAsync(T obj, CancellationToken cancellationToken) =>
        (T)(await store.CreateAsync(obj.Metadata.Namespace, ToJson(obj), context, cancellationToken)).DecodeCopy();

    /// <summary>Writes metadata and spec; the object's resourceVersion is the precondition.</summary>
    public async Task<T> UpdateAsync(T obj, CancellationToken cancellationToken) =>
        (T)(await store.UpdateAsync(obj.Metadata.Namespace, obj.Metadata.Name!, ToJson(obj), null, context, cancellationToken)).DecodeCopy();

    public async Task<T> UpdateStatusAsync(T obj, CancellationToken cancellationToken) =>
        (T)(await store.UpdateAsync(obj.Metadata.Namespace, obj.Metadata.Name!, ToJson(obj), "status", context, cancellationToken)).DecodeCopy();

    /// <summary>Deletes the object if it is still the one with that uid; gone already is fine.</summary>
    public async Task DeleteAsync(string? ns, string name, string? uid, CancellationToken cancellationToken)
    {
        try
        {
            await store.DeleteAsync(ns, name, new DeleteRequest(uid, null, "Background"), context, cancellationToken);
        }
        catch (StatusError e) when (e.Code == 404 || (e.Code == 409 && uid is not null && e.Message.Contains("UID in precondition", StringComparison.Ordinal)))
        {
        }
    }

    private static JsonNode ToJson(T obj) => JsonSerializer.SerializeToNode(obj, obj.GetType(), ApiJson.Options)!;
}
