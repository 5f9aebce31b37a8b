using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Tke.ApiMachinery.Errors;
using Tke.ApiMachinery.Requests;
using Tke.ApiMachinery.Store;

namespace Tke.ApiMachinery.Http;

/// <summary>Serves the verbs of one resource path: get, list, watch, create, update, patch,
/// delete and deletecollection, and the status subresource.</summary>
public sealed class ResourceHandler(ResponseWriter responses, WatchStreamer watches)
{
    public async Task HandleAsync(HttpContext context, ApiRequest request, ResourceStore store, RequestUser user)
    {
        var kind = store.Kind;
        var method = context.Request.Method;
        var ns = request.Namespace;
        if (request.Namespace is not null && !kind.Namespaced)
        {
            throw StatusError.PathNotFound(context.Request.Path);
        }

        if (request.Subresource is not null && (request.Subresource != "status" || !kind.HasStatusSubresource || request.Name is null))
        {
            throw StatusError.PathNotFound(context.Request.Path);
        }

        var output = MediaTypes.Negotiate(context.Request.Headers.Accept);

        // Only the platform-wide (break-glass) administrator reads secrets back over the API.
        var reveal = user.TenantScope is null;
        var q = context.Request.Query;
        var ct = context.RequestAborted;

        if (request.Name is null)
        {
            switch (method)
            {
                case "GET":
                    var query = QueryOptions.ListQuery(q) with { Tenant = kind.Tenant is null ? null : user.TenantScope };
                    store.CheckFieldSelector(query.Fields);
                    if (QueryOptions.Flag(q, "watch"))
                    {
                        await watches.StreamAsync(context, store, ns, query, output, QueryOptions.IncludeObject(q), reveal);
                        return;
                    }

                    var page = await store.ListAsync(ns, query, ct);
                    await responses.WriteListAsync(context, output, kind, page, QueryOptions.IncludeObject(q), reveal);
                    return;
                case "POST":
                    if (kind.Namespaced && ns is null)
                    {
                        throw StatusError.MethodNotSupported(kind.Plural, "create without a namespace in the path");
                    }

                    var body = await ReadBodyAsync(context, patch: false);
                    var write = QueryOptions.WriteContext(q, user);
                    var created = await store.CreateAsync(ns, body.Node, write, ct);
                    AddWarnings(context, write);
                    await responses.WriteObjectAsync(context, output, created, QueryOptions.IncludeObject(q), reveal, 201);
                    return;
                case "DELETE":
                    var listQuery = QueryOptions.ListQuery(q) with { Tenant = kind.Tenant is null ? null : user.TenantScope };
                    store.CheckFieldSelector(listQuery.Fields);
                    var deleteBody = await ReadOptionalBodyAsync(context);
                    var (deleteRequest, dryRun) = QueryOptions.DeleteOptions(q, deleteBody);
                    var deleteContext = QueryOptions.WriteContext(q, user, dryRun);
                    var matching = await store.ListAsync(ns, listQuery with { Limit = 0, Continue = null }, ct);
                    var deleted = new List<StoredItem>();
                    foreach (var item in matching.Items)
                    {
                        try
                        {
                            deleted.Add(await store.DeleteAsync(item.Object.Metadata.Namespace, item.Object.Metadata.Name!, deleteRequest, deleteContext, ct));
                        }
                        catch (StatusError e) when (e.Code == 404)
                        {
                            // Deleted concurrently: the goal is met.
                        }
                    }

                    await responses.WriteListAsync(context, output, kind, new ListPage(deleted, store.Storage.CurrentRevision, null, null), QueryOptions.IncludeObject(q), reveal);
                    return;
                default:
                    throw StatusError.MethodNotSupported(kind.Plural, method);
            }
        }

        var name = request.Name;
        switch (method)
        {
            case "GET":
                var item = await store.GetAsync(ns, name, ct, user.TenantScope);
                await responses.WriteObjectAsync(context, output, item, QueryOptions.IncludeObject(q), reveal);
                return;
            case "PUT":
                var body = await ReadBodyAsync(context, patch: false);
                var write = QueryOptions.WriteContext(q, user);
                var updated = await store.UpdateAsync(ns, name, body.Node, request.Subresource, write, ct);
                AddWarnings(context, write);
                await responses.WriteObjectAsync(context, output, updated, QueryOptions.IncludeObject(q), reveal);
                return;
            case "PATCH":
                var patch = await ReadBodyAsync(context, patch: true);
                var patchContext = QueryOptions.WriteContext(q, user);
                var patched = await store.PatchAsync(ns, name, patch.Kind, patch.Node ?? throw StatusError.BadRequest("the patch is null"), request.Subresource, patchContext, ct);
                AddWarnings(context, patchContext);
                await responses.WriteObjectAsync(context, output, patched, QueryOptions.IncludeObject(q), reveal);
                return;
            case "DELETE":
                if (request.Subresource is not null)
                {
                    throw StatusError.MethodNotSupported(kind.Plural + "/status", method);
                }

                var deleteBody = await ReadOptionalBodyAsync(context);
                var (deleteRequest, dryRun) = QueryOptions.DeleteOptions(q, deleteBody);
                var deleteContext = QueryOptions.WriteContext(q, user, dryRun);
                var result = await store.DeleteAsync(ns, name, deleteRequest, deleteContext, ct);
                if (result.Object.Metadata.DeletionTimestamp is not null && !deleteContext.DryRun && result.Object.Metadata.Finalizers is { Count: > 0 })
                {
                    await responses.WriteObjectAsync(context, output, result, QueryOptions.IncludeObject(q), reveal);
                    return;
                }

                await ResponseWriter.WriteJsonBytesAsync(context, System.Text.Encoding.UTF8.GetBytes(new JsonObject
                {
                    ["kind"] = "Status",
                    ["apiVersion"] = "v1",
                    ["metadata"] = new JsonObject(),
                    ["status"] = "Success",
                    ["details"] = new JsonObject
                    {
                        ["name"] = name,
                        ["group"] = kind.Group,
                        ["kind"] = kind.Plural,
                        ["uid"] = result.Object.Metadata.Uid,
                    },
                }.ToJsonString()));
                return;
            default:
                throw StatusError.MethodNotSupported(kind.Plural, method);
        }
    }

    private static void AddWarnings(HttpContext context, WriteContext write)
    {
        foreach (var warning in write.Warnings.Distinct())
        {
            // RFC 7234 warn-code 299 with an escaped, quoted text, as kube-apiserver sends them.
            context.Response.Headers.Append("Warning", "299 - \"" + warning.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"");
        }
    }

    private static async Task<(JsonNode? Node, PatchKind Kind)> ReadBodyAsync(HttpContext context, bool patch)
    {
        var mediaType = MediaTypes.BodyType(context.Request.ContentType);
        PatchKind kind = default;
        if (patch)
        {
            kind = mediaType switch
            {
                MediaTypes.JsonPatch => PatchKind.Json,
                MediaTypes.MergePatch => PatchKind.Merge,
                MediaTypes.StrategicMergePatch => PatchKind.StrategicMerge,
                _ => throw StatusError.UnsupportedMediaType(mediaType),
            };
        }
        else if (mediaType is not (MediaTypes.Json or MediaTypes.Yaml or "text/yaml" or MediaTypes.Protobuf))
        {
            throw StatusError.UnsupportedMediaType(mediaType);
        }

        var bytes = await RequestBody.ReadAsync(context.Request, context.RequestAborted);
        return (RequestBody.Decode(bytes, mediaType), kind);
    }

    private static async Task<JsonNode?> ReadOptionalBodyAsync(HttpContext context)
    {
        var bytes = await RequestBody.ReadAsync(context.Request, context.RequestAborted);
        return bytes.Length == 0 ? null : RequestBody.Decode(bytes, MediaTypes.BodyType(context.Request.ContentType));
    }
}
