using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tke.ApiMachinery.Admission;
using Tke.ApiMachinery.Errors;
using Tke.ApiMachinery.Json;
using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Objects;
using Tke.ApiMachinery.Requests;
using Tke.ApiMachinery.Validation;
using Tke.Storage;

namespace Tke.ApiMachinery.Store;

/// <summary>
/// The generic REST store of one kind: Kubernetes' create, get, list, update, patch,
/// delete and watch semantics on top of the MVCC key-value store. Keys are
/// /registry/{group}/{resource}/[{namespace}/]{name}.
/// </summary>
public sealed class ResourceStore(KindDefinition kind, IKeyValueStore store, AdmissionChain admission, TimeProvider clock)
{
    private const int MaxConflictRetries = 8;

    private readonly ObjectSections _sections = ObjectSections.For(kind);
    private readonly string _root = RootPrefix(kind);

    public KindDefinition Kind { get; } = kind;

    /// <summary>The key prefix of all objects of a kind.</summary>
    public static string RootPrefix(KindDefinition kind) => $"/registry/{kind.Group}/{kind.Plural}/";

    public IKeyValueStore Storage { get; } = store;

    public string Prefix(string? ns) => Kind.Namespaced && !string.IsNullOrEmpty(ns) ? string.Concat(_root, ns, "/") : _root;

    public string Key(string? ns, string name) => Kind.Namespaced ? string.Concat(_root, ns, "/", name) : _root + name;

    /// <summary>Reads one object; an object of another tenant than <paramref name="tenant"/> is not found.</summary>
    public async ValueTask<StoredItem> GetAsync(string? ns, string name, CancellationToken cancellationToken, string? tenant = null)
    {
        var kv = await Storage.GetAsync(Key(ns, name), cancellationToken);
        var item = kv is null ? throw NotFound(name) : StoredItem.Of(Kind, kv);
        return Visible(item, tenant) ? item : throw NotFound(name);
    }

    /// <summary>Objects of other tenants do not exist for a tenant-confined caller (404, not 403).</summary>
    private bool Visible(StoredItem item, string? tenant) =>
        tenant is null || Kind.Tenant is not { } field || field.Get(item.Object) == tenant;

    public async ValueTask<ListPage> ListAsync(string? ns, ListQuery query, CancellationToken cancellationToken)
    {
        var prefix = Prefix(ns);
        long atRevision = 0;
        string? startAfter = null;
        if (query.Continue is { } token)
        {
            atRevision = token.Revision;
            startAfter = prefix + token.StartAfter;
        }
        else if (query.Match == ResourceVersionMatch.Exact)
        {
            atRevision = query.ResourceVersion;
        }
        else if (query.Match == ResourceVersionMatch.NotOlderThan && query.ResourceVersion > Storage.CurrentRevision)
        {
            await WaitForRevisionAsync(query.ResourceVersion, cancellationToken);
        }

        var exactName = query.Fields?.RequiresExactMatch("metadata.name");
        if (exactName is not null && query.Continue is null && atRevision == 0)
        {
            return await ListOneAsync(ns, exactName, query, cancellationToken);
        }

        var items = new List<StoredItem>();
        var pageSize = query.Limit > 0 ? Math.Max(query.Limit, query.HasSelectors ? 256 : query.Limit) : 0;
        while (true)
        {
            RangeResult range;
            try
            {
                range = await Storage.RangeAsync(prefix, startAfter, pageSize, atRevision, cancellationToken);
            }
            catch (RevisionCompactedException e)
            {
                throw query.Continue is not null
                    ? StatusError.Gone("The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results.")
                    : StatusError.Gone($"too old resource version: {e.Requested} ({e.Compacted + 1})");
            }
            catch (FutureRevisionException e)
            {
                throw StatusError.Timeout($"Too large resource version: {e.Requested}, current: {e.Current}");
            }

            atRevision = range.Revision;
            foreach (var kv in range.Items)
            {
                var item = StoredItem.Of(Kind, kv);
                if (!query.HasSelectors || Matches(item, query))
                {
                    items.Add(item);
                    if (query.Limit > 0 && items.Count == query.Limit)
                    {
                        var more = range.More || !ReferenceEquals(kv, range.Items[^1]);
                        return new ListPage(items, atRevision, more ? new ContinueToken(atRevision, kv.Key[prefix.Length..]) : null, null);
                    }
                }
            }

            if (!range.More || range.Items.Count == 0)
            {
                return new ListPage(items, atRevision, null, null);
            }

            startAfter = range.Items[^1].Key;
        }
    }

    private async ValueTask<ListPage> ListOneAsync(string? ns, string name, ListQuery query, CancellationToken cancellationToken)
    {
        // The revision is read before the object: a write landing in between then stays after the
        // list's revision, so a watch from it delivers that write. Read after, it would hide it.
        var revision = Storage.CurrentRevision;
        var kv = !Kind.Namespaced || !string.IsNullOrEmpty(ns)
            ? await Storage.GetAsync(Key(ns, name), cancellationToken)
            : null;
        if (kv is null && Kind.Namespaced && string.IsNullOrEmpty(ns))
        {
            // A name across all namespaces: scan, as there is no index by name.
            var all = await ListAsync(ns, query with { Fields = null, Limit = 0 }, cancellationToken);
            var named = all.Items.Where(i => i.Object.Metadata.Name == name && Matches(i, query)).ToList();
            return new ListPage(named, all.Revision, null, null);
        }

        var items = kv is not null && Matches(StoredItem.Of(Kind, kv), query) ? new List<StoredItem> { StoredItem.Of(Kind, kv) } : [];
        return new ListPage(items, Math.Max(revision, kv?.ModRevision ?? 0), null, null);
    }

    public async ValueTask<StoredItem> CreateAsync(string? ns, JsonNode? body, WriteContext context, CancellationToken cancellationToken)
    {
        var obj = ObjectDecoder.Decode(Kind, body, context);
        var meta = obj.Metadata;
        CheckNamespace(ns, meta);
        var generated = string.IsNullOrEmpty(meta.Name);
        if (generated && string.IsNullOrEmpty(meta.GenerateName) && Kind.DefaultGenerateName is { } prefix)
        {
            meta.GenerateName = prefix;
        }

        meta.Uid = Guid.NewGuid().ToString();
        meta.CreationTimestamp = TruncateToSeconds(clock.GetUtcNow());
        meta.Generation = 1;
        meta.ResourceVersion = null;
        meta.DeletionTimestamp = null;
        meta.DeletionGracePeriodSeconds = null;
        meta.SelfLink = null;
        meta.ManagedFields = null;
        if (Kind.HasStatusSubresource && !Kind.KeepsStatusOnCreate)
        {
            _sections.ClearStatus(obj);
        }

        ConfineToTenant(obj, context);
        Kind.ApplyDefaults(obj);
        for (var attempt = 0; ; attempt++)
        {
            if (generated && !string.IsNullOrEmpty(meta.GenerateName))
            {
                meta.Name = NameGenerator.Generate(meta.GenerateName, meta.GenerateName == Kind.DefaultGenerateName ? 8 : 5);
            }

            ValidateCreate(obj);
            await admission.AdmitAsync(new AdmissionRequest(Kind, AdmissionOperation.Create, meta.Namespace, meta.Name!, obj, null, null, context.User, context.DryRun), cancellationToken);
            var bytes = StoredObjectCodec.Encode(obj);
            if (context.DryRun)
            {
                var existing = await Storage.GetAsync(Key(meta.Namespace, meta.Name!), cancellationToken);
                if (existing is not null)
                {
                    throw StatusError.AlreadyExists(Kind.Group, Kind.Plural, meta.Name!);
                }

                return StoredItem.Of(Kind, new KeyValue(Key(meta.Namespace, meta.Name!), bytes, 0, 0));
            }

            var result = await Storage.CreateAsync(Key(meta.Namespace, meta.Name!), bytes, cancellationToken);
            if (result.Succeeded)
            {
                return StoredItem.Of(Kind, result.Current!);
            }

            if (!generated || attempt >= 3)
            {
                throw StatusError.AlreadyExists(Kind.Group, Kind.Plural, meta.Name!);
            }
        }
    }

    /// <summary>PUT: replaces the object (or, for subresource "status", its status). The body's
    /// resourceVersion is required and must be current.</summary>
    public ValueTask<StoredItem> UpdateAsync(string? ns, string name, JsonNode? body, string? subresource, WriteContext context, CancellationToken cancellationToken)
    {
        if (body is not JsonObject)
        {
            throw StatusError.BadRequest($"the body of the request must be a JSON or YAML object of kind {Kind.Kind}");
        }

        var bodyName = body["metadata"]?["name"] is JsonValue n && n.TryGetValue<string>(out var nameText) ? nameText : null;
        if (!string.IsNullOrEmpty(bodyName) && bodyName != name)
        {
            throw StatusError.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
        }

        if (body["metadata"]?["resourceVersion"] is not JsonValue rv || !rv.TryGetValue<string>(out var rvText) || string.IsNullOrEmpty(rvText))
        {
            var errors = new FieldErrorList();
            errors.Invalid("metadata.resourceVersion", 0, "must be specified for an update");
            throw StatusError.Invalid(Kind.Group, Kind.Kind, name, errors);
        }

        return UpdateLoopAsync(ns, name, current => DecodeWithSecretsKept(body, current, context), subresource, context, retryOnConflict: false, cancellationToken);
    }

    /// <summary>Decodes a replacement object; sensitive fields sent back as the read placeholder keep their stored value.</summary>
    private ApiObject DecodeWithSecretsKept(JsonNode? body, StoredItem current, WriteContext context)
    {
        var copy = body?.DeepClone();
        if (Kind.HasSensitiveFields)
        {
            Secrets.SecretRedaction.RestorePlaceholders(Kind, copy, JsonNode.Parse(current.Json));
        }

        return ObjectDecoder.Decode(Kind, copy, context);
    }

    /// <summary>PATCH: applies a JSON, merge or strategic merge patch to the current object,
    /// retrying on a write conflict unless the patch carries a resourceVersion precondition.</summary>
    public ValueTask<StoredItem> PatchAsync(string? ns, string name, PatchKind patchKind, JsonNode patch, string? subresource, WriteContext context, CancellationToken cancellationToken)
    {
        if (patchKind == PatchKind.StrategicMerge && !Kind.SupportsStrategicMergePatch)
        {
            throw StatusError.UnsupportedPatchType();
        }

        var precondition = patch is JsonObject p && p["metadata"]?["resourceVersion"] is JsonValue rv && rv.TryGetValue<string>(out var v) ? v : null;
        return UpdateLoopAsync(ns, name, item =>
        {
            var original = JsonNode.Parse(item.Json)!;
            JsonNode? patched;
            try
            {
                patched = patchKind switch
                {
                    PatchKind.Json => Patching.JsonPatch.Apply(original, patch),
                    PatchKind.Merge => Patching.JsonMergePatch.Apply(original, patch),
                    PatchKind.StrategicMerge => patch is JsonObject sp
                        ? Patching.StrategicMergePatch.Apply(original, sp, Kind.Schema)
                        : throw StatusError.BadRequest("a strategic merge patch must be a JSON object"),
                    _ => throw StatusError.UnsupportedMediaType(patchKind.ToString()),
                };
            }
            catch (Patching.PatchException e)
            {
                throw e.IsMalformed ? StatusError.BadRequest(e.Message) : StatusError.UnprocessableEntity(e.Message);
            }

            var decoded = DecodeWithSecretsKept(patched, item, context);
            if (!string.IsNullOrEmpty(decoded.Metadata.Name) && decoded.Metadata.Name != name)
            {
                throw StatusError.BadRequest($"the name of the object ({decoded.Metadata.Name}) does not match the name on the URL ({name})");
            }

            return decoded;
        }, subresource, context, retryOnConflict: precondition is null, cancellationToken);
    }

    private async ValueTask<StoredItem> UpdateLoopAsync(string? ns, string name, Func<StoredItem, ApiObject> produce, string? subresource, WriteContext context, bool retryOnConflict, CancellationToken cancellationToken)
    {
        var key = Key(ns, name);
        for (var attempt = 0; ; attempt++)
        {
            var kv = await Storage.GetAsync(key, cancellationToken) ?? throw NotFound(name);
            var current = StoredItem.Of(Kind, kv);
            if (!Visible(current, context.User.TenantScope))
            {
                throw NotFound(name);
            }

            var old = current.Object;
            var updated = produce(current);
            if (context.User.TenantScope is { } scope && Kind.Tenant is { } tenantField && tenantField.Get(updated) != scope)
            {
                throw StatusError.Forbidden($"{Kind.Plural}.{Kind.Group} \"{name}\" is forbidden: it may not be moved to another tenant");
            }

            var rv = updated.Metadata.ResourceVersion;
            if (!string.IsNullOrEmpty(rv) && rv != old.Metadata.ResourceVersion)
            {
                if (!long.TryParse(rv, out _))
                {
                    var errors = new FieldErrorList();
                    errors.Invalid("metadata.resourceVersion", rv, "must be a decimal resource version");
                    throw StatusError.Invalid(Kind.Group, Kind.Kind, name, errors);
                }

                throw StatusError.StaleResourceVersion(Kind.Group, Kind.Plural, name);
            }

            PrepareUpdate(updated, old, subresource);
            var bytes = StoredObjectCodec.Encode(updated);
            if (bytes.AsSpan().SequenceEqual(kv.Value.Span))
            {
                return current; // nothing changed: no write, no new resourceVersion
            }

            await admission.AdmitAsync(new AdmissionRequest(Kind, AdmissionOperation.Update, updated.Metadata.Namespace, name, updated, old, subresource, context.User, context.DryRun), cancellationToken);
            bytes = StoredObjectCodec.Encode(updated);
            if (context.DryRun)
            {
                return StoredItem.Of(Kind, kv with { Value = bytes });
            }

            var finalize = updated.Metadata.DeletionTimestamp is not null && (updated.Metadata.Finalizers is null || updated.Metadata.Finalizers.Count == 0);
            var result = finalize
                ? await Storage.DeleteAsync(key, kv.ModRevision, cancellationToken)
                : await Storage.UpdateAsync(key, bytes, kv.ModRevision, cancellationToken);
            switch (result.Outcome)
            {
                case WriteOutcome.Succeeded:
                    return finalize
                        ? StoredItem.Of(Kind, new KeyValue(key, bytes, kv.CreateRevision, result.Revision))
                        : StoredItem.Of(Kind, result.Current!);
                case WriteOutcome.NotFound:
                    throw NotFound(name);
                case WriteOutcome.Conflict when retryOnConflict && attempt < MaxConflictRetries:
                    continue;
                default:
                    throw StatusError.StaleResourceVersion(Kind.Group, Kind.Plural, name);
            }
        }
    }

    private void PrepareUpdate(ApiObject updated, ApiObject old, string? subresource)
    {
        var meta = updated.Metadata;
        var oldMeta = old.Metadata;
        if (subresource == "status")
        {
            // The status subresource changes status only; everything else stays as stored.
            _sections.CopyDesired(old, updated);
            var status = updated;
            meta = new ObjectMeta
            {
                Name = oldMeta.Name,
                GenerateName = oldMeta.GenerateName,
                Namespace = oldMeta.Namespace,
                Uid = oldMeta.Uid,
                Generation = oldMeta.Generation,
                CreationTimestamp = oldMeta.CreationTimestamp,
                DeletionTimestamp = oldMeta.DeletionTimestamp,
                DeletionGracePeriodSeconds = oldMeta.DeletionGracePeriodSeconds,
                Labels = oldMeta.Labels,
                Annotations = oldMeta.Annotations,
                OwnerReferences = oldMeta.OwnerReferences,
                Finalizers = oldMeta.Finalizers,
            };
            status.Metadata = meta;
            var statusErrors = new FieldErrorList();
            Kind.ValidateStatusUpdate(updated, old, statusErrors);
            if (statusErrors.Count > 0)
            {
                throw StatusError.Invalid(Kind.Group, Kind.Kind, oldMeta.Name ?? "", statusErrors);
            }

            return;
        }

        if (subresource is not null)
        {
            throw StatusError.PathNotFound($"{Kind.Plural}/{subresource}");
        }

        if (Kind.HasStatusSubresource)
        {
            _sections.CopyStatus(old, updated);
        }

        meta.Namespace ??= oldMeta.Namespace;
        meta.Uid ??= oldMeta.Uid;
        meta.CreationTimestamp ??= oldMeta.CreationTimestamp;
        Kind.ApplyDefaults(updated);
        var errors = new FieldErrorList();
        ObjectMetaValidation.ValidateUpdate(meta, oldMeta, errors);
        if (errors.Count == 0)
        {
            Kind.ValidateUpdate(updated, old, errors);
        }

        if (errors.Count > 0)
        {
            throw StatusError.Invalid(Kind.Group, Kind.Kind, oldMeta.Name ?? "", errors);
        }

        // System fields come from the stored object whatever the client sent.
        meta.GenerateName = string.IsNullOrEmpty(meta.GenerateName) ? oldMeta.GenerateName : meta.GenerateName;
        meta.DeletionTimestamp = oldMeta.DeletionTimestamp;
        meta.DeletionGracePeriodSeconds = oldMeta.DeletionGracePeriodSeconds;
        meta.SelfLink = null;
        meta.ManagedFields = null;
        meta.ResourceVersion = null;
        meta.Generation = _sections.DesiredEquals(updated, old) ? oldMeta.Generation : (oldMeta.Generation ?? 0) + 1;
    }

    public async ValueTask<StoredItem> DeleteAsync(string? ns, string name, DeleteRequest request, WriteContext context, CancellationToken cancellationToken)
    {
        var key = Key(ns, name);
        for (var attempt = 0; ; attempt++)
        {
            var kv = await Storage.GetAsync(key, cancellationToken) ?? throw NotFound(name);
            var current = StoredItem.Of(Kind, kv);
            if (!Visible(current, context.User.TenantScope))
            {
                throw NotFound(name);
            }

            var old = current.Object;
            if (request.PreconditionUid is { } uid && uid != old.Metadata.Uid)
            {
                throw StatusError.Conflict(Kind.Group, Kind.Plural, name, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {old.Metadata.Uid}");
            }

            if (request.PreconditionResourceVersion is { } prv && prv != old.Metadata.ResourceVersion)
            {
                throw StatusError.Conflict(Kind.Group, Kind.Plural, name, $"Precondition failed: ResourceVersion in precondition: {prv}, ResourceVersion in object meta: {old.Metadata.ResourceVersion}");
            }

            await admission.AdmitAsync(new AdmissionRequest(Kind, AdmissionOperation.Delete, old.Metadata.Namespace, name, null, old, null, context.User, context.DryRun), cancellationToken);
            if (old.Metadata.Finalizers is { Count: > 0 })
            {
                if (old.Metadata.DeletionTimestamp is not null)
                {
                    return current; // already being deleted; finalizers hold it
                }

                // Graceful deletion: mark it, and let the finalizers' owners remove it.
                var marked = current.DecodeCopy();
                marked.Metadata.DeletionTimestamp = TruncateToSeconds(clock.GetUtcNow());
                marked.Metadata.DeletionGracePeriodSeconds = 0;
                marked.Metadata.Generation = (marked.Metadata.Generation ?? 0) + 1;
                var bytes = StoredObjectCodec.Encode(marked);
                if (context.DryRun)
                {
                    return StoredItem.Of(Kind, kv with { Value = bytes });
                }

                var update = await Storage.UpdateAsync(key, bytes, kv.ModRevision, cancellationToken);
                if (update.Succeeded)
                {
                    return StoredItem.Of(Kind, update.Current!);
                }
            }
            else
            {
                if (context.DryRun)
                {
                    return current;
                }

                var deleted = await Storage.DeleteAsync(key, kv.ModRevision, cancellationToken);
                if (deleted.Succeeded)
                {
                    return StoredItem.Of(Kind, new KeyValue(key, kv.Value, kv.CreateRevision, deleted.Revision));
                }
            }

            if (attempt >= MaxConflictRetries)
            {
                throw StatusError.StaleResourceVersion(Kind.Group, Kind.Plural, name);
            }
        }
    }

    /// <summary>Streams changes after a revision, as Kubernetes watch events filtered by the query's selectors.</summary>
    public async IAsyncEnumerable<ResourceEvent> WatchAsync(string? ns, ListQuery query, long afterRevision, WatchProgress progress, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (afterRevision > 0 && afterRevision < Storage.CompactedRevision)
        {
            throw StatusError.Gone($"too old resource version: {afterRevision} ({Storage.CompactedRevision + 1})");
        }

        progress.Revision = afterRevision;
        await foreach (var e in Storage.WatchAsync(Prefix(ns), afterRevision, cancellationToken))
        {
            progress.Revision = e.Revision;
            var item = StoredItem.ForEvent(Kind, e.Kv);
            if (e.Type == WatchEventType.Delete)
            {
                if (!query.HasSelectors || Matches(item, query))
                {
                    yield return new ResourceEvent(ResourceEventType.Deleted, item);
                }

                continue;
            }

            var matchesNow = !query.HasSelectors || Matches(item, query);
            var matchedBefore = e.PrevKv is not null && (!query.HasSelectors || Matches(StoredItem.ForEvent(Kind, e.PrevKv), query));
            if (matchesNow)
            {
                yield return new ResourceEvent(matchedBefore ? ResourceEventType.Modified : ResourceEventType.Added, item);
            }
            else if (matchedBefore)
            {
                yield return new ResourceEvent(ResourceEventType.Deleted, item);
            }
        }
    }

    /// <summary>True if the item matches the query's label and field selectors.</summary>
    public bool Matches(StoredItem item, ListQuery query)
    {
        var obj = item.Object;
        if (!Visible(item, query.Tenant))
        {
            return false;
        }

        if (!query.Labels.IsEmpty && !query.Labels.Matches(obj.Metadata.Labels))
        {
            return false;
        }

        return query.Fields is null || query.Fields.Matches(field => FieldValue(obj, field));
    }

    /// <summary>Rejects field selectors on fields this kind does not support.</summary>
    public void CheckFieldSelector(Selectors.FieldSelector? selector)
    {
        if (selector is null)
        {
            return;
        }

        foreach (var r in selector.Requirements)
        {
            if (r.Field is not ("metadata.name" or "metadata.namespace") && !Kind.SelectableFields.ContainsKey(r.Field))
            {
                throw StatusError.BadRequest($"field label not supported: {r.Field}");
            }
        }
    }

    private string? FieldValue(ApiObject obj, string field) => field switch
    {
        "metadata.name" => obj.Metadata.Name,
        "metadata.namespace" => obj.Metadata.Namespace ?? "",
        _ => Kind.SelectableFields.TryGetValue(field, out var f) ? f(obj) ?? "" : null,
    };

    private void ValidateCreate(ApiObject obj)
    {
        var errors = new FieldErrorList();
        ObjectMetaValidation.ValidateCreate(obj.Metadata, Kind.Namespaced, Kind.ValidateName, errors);
        if (errors.Count == 0)
        {
            Kind.ValidateCreate(obj, errors);
        }

        if (errors.Count > 0)
        {
            throw StatusError.Invalid(Kind.Group, Kind.Kind, obj.Metadata.Name ?? obj.Metadata.GenerateName ?? "", errors);
        }
    }

    /// <summary>Objects are created in the caller's tenant when they name none; a tenant-confined
    /// caller may not name another tenant.</summary>
    private void ConfineToTenant(ApiObject obj, WriteContext context)
    {
        if (Kind.Tenant is not { } field)
        {
            return;
        }

        var requested = field.Get(obj);
        if (string.IsNullOrEmpty(requested))
        {
            if (!string.IsNullOrEmpty(context.User.TenantId))
            {
                field.Set(obj, context.User.TenantId);
            }
        }
        else if (context.User.TenantScope is { } scope && requested != scope)
        {
            throw StatusError.Forbidden($"{Kind.Plural}.{Kind.Group} is forbidden: {field.Path} \"{requested}\" is not your tenant");
        }
    }

    private void CheckNamespace(string? ns, ObjectMeta meta)
    {
        if (!Kind.Namespaced)
        {
            meta.Namespace = null;
            return;
        }

        if (!string.IsNullOrEmpty(meta.Namespace) && meta.Namespace != ns)
        {
            throw StatusError.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }

        meta.Namespace = ns;
    }

    private async ValueTask WaitForRevisionAsync(long revision, CancellationToken cancellationToken)
    {
        var deadline = clock.GetUtcNow().AddSeconds(3);
        while (Storage.CurrentRevision < revision)
        {
            if (clock.GetUtcNow() > deadline)
            {
                throw StatusError.Timeout($"Too large resource version: {revision}, current: {Storage.CurrentRevision}");
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    private StatusError NotFound(string name) => StatusError.NotFound(Kind.Group, Kind.Plural, name);

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset t) => new(t.Ticks - (t.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}

public enum PatchKind
{
    Json,
    Merge,
    StrategicMerge,
}

public enum ResourceEventType
{
    Added,
    Modified,
    Deleted,
}

public sealed record ResourceEvent(ResourceEventType Type, StoredItem Item);

/// <summary>The last storage revision a watcher has seen, including events its selectors filtered out;
/// it is the resourceVersion of the watcher's bookmarks.</summary>
public sealed class WatchProgress
{
    private long _revision;

    public long Revision
    {
        get => Volatile.Read(ref _revision);
        set => Volatile.Write(ref _revision, value);
    }
}

/// <summary>The options of a delete (metav1.DeleteOptions), already checked.</summary>
public sealed record DeleteRequest(string? PreconditionUid, string? PreconditionResourceVersion, string? PropagationPolicy);
