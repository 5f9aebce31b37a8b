using System.Text.Json;
using Microsoft.Extensions.Logging;
using Tke.ApiMachinery.CustomResources;
using Tke.ApiMachinery.Errors;
using Tke.ApiMachinery.Http;
using Tke.ApiMachinery.Json;
using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Requests;
using Tke.ApiMachinery.Store;
using Tke.SimCluster.Controllers.Runtime;

namespace Tke.SimCluster.ApiExtensions;

/// <summary>
/// Serves what CustomResourceDefinitions define, as kube-apiserver's naming, establishing and
/// finalizing controllers do together: checks a definition's names (NamesAccepted), registers one
/// kind per served version in the catalog (Established), keeps status.acceptedNames and storedVersions,
/// and on deletion removes every custom resource before the definition goes and its kinds stop being served.
/// </summary>
public sealed class CustomResourceDefinitionController
{
    private static readonly TimeSpan RecheckConflicts = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RecheckCleanup = TimeSpan.FromSeconds(1);

    private readonly TypedStore<CustomResourceDefinition> _definitions;
    private readonly ApiSurface _surface;
    private readonly KindCatalog _catalog;
    private readonly WriteContext _system;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, ServedDefinition> _served = new(StringComparer.Ordinal);

    public CustomResourceDefinitionController(ApiSurface surface, KindCatalog catalog, TimeProvider clock, ILogger logger)
    {
        _surface = surface;
        _catalog = catalog;
        _clock = clock;
        _logger = logger;
        _system = new WriteContext(new RequestUser("system:apiextensions-controller", [RequestUser.AllTenantsGroup], ""));
        var kind = catalog.Find(ApiExtensionsApiGroup.GroupName, "v1", ApiExtensionsApiGroup.Resource)
            ?? throw new InvalidOperationException("customresourcedefinitions.apiextensions.k8s.io is not served");
        _definitions = new TypedStore<CustomResourceDefinition>(surface.StoreFor(kind), _system);
    }

    /// <summary>The kinds currently served for a definition (empty when none).</summary>
    public IReadOnlyList<CustomResourceKind> ServedKinds(string definitionName)
    {
        lock (_served)
        {
            return _served.TryGetValue(definitionName, out var served) ? served.Kinds : [];
        }
    }

    public ReconcileLoop CreateLoop() =>
        new ReconcileLoop("customresourcedefinitions", ReconcileAsync, _logger, _clock).Watch(_definitions.Store, ObjectKey.Self);

    /// <summary>Brings every stored definition up to date at once, so a restarted cluster serves its
    /// custom resources before it reports ready.</summary>
    public async Task SyncAllAsync(CancellationToken cancellationToken)
    {
        foreach (var crd in await _definitions.ListAsync(null, cancellationToken))
        {
            try
            {
                await ReconcileAsync(crd.Metadata.Name!, cancellationToken);
            }
            catch (StatusError e)
            {
                _logger.LogWarning(e, "could not bring custom resource definition {Name} up to date at start", crd.Metadata.Name);
            }
        }
    }

    public async Task<ReconcileResult> ReconcileAsync(string name, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var crd = await _definitions.GetAsync(null, name, cancellationToken);
            if (crd is null)
            {
                Unserve(name);
                return ReconcileResult.Done;
            }

            if (crd.Metadata.DeletionTimestamp is not null)
            {
                return await FinalizeAsync(crd, cancellationToken);
            }

            var others = await _definitions.ListAsync(null, cancellationToken);
            var verdict = CustomResourceNaming.Check(crd, others, _catalog.Kinds.Where(_catalog.IsBuiltIn));
            if (verdict.Accepted)
            {
                verdict = Serve(crd);
            }
            else
            {
                Unserve(name);
            }

            await WriteStatusAsync(crd, verdict, cancellationToken);
            return verdict.Accepted ? ReconcileResult.Done : ReconcileResult.After(RecheckConflicts);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Registers the definition's kinds, replacing what it served before if its spec changed.</summary>
    private NamingVerdict Serve(CustomResourceDefinition crd)
    {
        var name = crd.Metadata.Name!;
        var fingerprint = JsonSerializer.Serialize(crd.Spec, ApiJson.Options);
        ServedDefinition? current;
        lock (_served)
        {
            current = _served.GetValueOrDefault(name);
        }

        if (current?.Fingerprint == fingerprint)
        {
            return NamingVerdict.NoConflicts;
        }

        var kinds = ServedCustomResources.For(crd, _clock);
        try
        {
            _catalog.Replace(current?.Kinds ?? [], kinds);
        }
        catch (InvalidOperationException e)
        {
            return new NamingVerdict(false, "PluralConflict", e.Message);
        }

        lock (_served)
        {
            _served[name] = new ServedDefinition(fingerprint, kinds);
        }

        _logger.LogInformation("serving custom resource {Plural}.{Group} ({Versions})", crd.Spec.Names.Plural, crd.Spec.Group, string.Join(", ", kinds.Select(k => k.Version)));
        return NamingVerdict.NoConflicts;
    }

    private void Unserve(string name)
    {
        ServedDefinition? current;
        lock (_served)
        {
            if (!_served.Remove(name, out current))
            {
                return;
            }
        }

        _catalog.Unregister(current.Kinds);
        _logger.LogInformation("stopped serving custom resources of {Name}", name);
    }

    /// <summary>Deletes every custom resource of a definition being deleted, then lets the definition go.</summary>
    private async Task<ReconcileResult> FinalizeAsync(CustomResourceDefinition crd, CancellationToken cancellationToken)
    {
        var name = crd.Metadata.Name!;
        if (crd.Metadata.Finalizers?.Contains(CustomResourceDefinitionKind.CleanupFinalizer) != true)
        {
            Unserve(name);
            return ReconcileResult.Done;
        }

        crd = await MarkTerminatingAsync(crd, cancellationToken);
        var storage = ServedKinds(name).FirstOrDefault(k => k.Version == ServedCustomResources.StorageVersion(crd))
            ?? ServedCustomResources.For(crd, _clock).FirstOrDefault();
        if (storage is not null)
        {
            var store = _surface.StoreFor(storage);
            var remaining = 0;
            foreach (var item in (await store.ListAsync(null, new ListQuery(), cancellationToken)).Items)
            {
                var meta = item.Object.Metadata;
                try
                {
                    var deleted = await store.DeleteAsync(meta.Namespace, meta.Name!, new DeleteRequest(meta.Uid, null, "Background"), _system, cancellationToken);
                    if (deleted.Object.Metadata.DeletionTimestamp is not null)
                    {
                        remaining++; // its own finalizers hold it
                    }
                }
                catch (StatusError e) when (e.Code is 404 or 409)
                {
                }
            }

            if (remaining > 0)
            {
                return ReconcileResult.After(RecheckCleanup);
            }
        }

        Unserve(name);
        crd.Metadata.Finalizers!.Remove(CustomResourceDefinitionKind.CleanupFinalizer);
        try
        {
            await _definitions.UpdateAsync(crd, cancellationToken);
        }
        catch (StatusError e) when (e.Code == 404)
        {
        }

        return ReconcileResult.Done;
    }

    private async Task<CustomResourceDefinition> MarkTerminatingAsync(CustomResourceDefinition crd, CancellationToken cancellationToken)
    {
        var status = crd.Status ?? new CustomResourceDefinitionStatus();
        var changed = DefinitionConditions.Set(status, "Terminating", "True", "InstanceDeletionInProgress", "CustomResource deletion is in progress", _clock);
        if (!changed)
        {
            return crd;
        }

        crd.Status = status;
        return await _definitions.UpdateStatusAsync(crd, cancellationToken);
    }

    private async Task WriteStatusAsync(CustomResourceDefinition crd, NamingVerdict verdict, CancellationToken cancellationToken)
    {
        var status = crd.Status ?? new CustomResourceDefinitionStatus();
        var before = JsonSerializer.Serialize(status, ApiJson.Options);
        DefinitionConditions.Set(status, "NamesAccepted", verdict.Accepted ? "True" : "False", verdict.Reason, verdict.Message, _clock);
        if (verdict.Accepted)
        {
            DefinitionConditions.Set(status, "Established", "True", "InitialNamesAccepted", "the initial names have been accepted", _clock);
            status.AcceptedNames = Copy(crd.Spec.Names);
            if (ServedCustomResources.StorageVersion(crd) is { } storage && status.StoredVersions?.Contains(storage) != true)
            {
                (status.StoredVersions ??= []).Add(storage);
            }
        }
        else
        {
            DefinitionConditions.Set(status, "Established", "False", "NotAccepted", "not all names are accepted", _clock);
            status.AcceptedNames ??= new CustomResourceDefinitionNames();
        }

        if (JsonSerializer.Serialize(status, ApiJson.Options) == before && crd.Status is not null)
        {
            return;
        }

        crd.Status = status;
        await _definitions.UpdateStatusAsync(crd, cancellationToken);
    }

    private static CustomResourceDefinitionNames Copy(CustomResourceDefinitionNames names) => new()
    {
        Plural = names.Plural,
        Singular = names.Singular,
        ShortNames = names.ShortNames?.ToList(),
        Kind = names.Kind,
        ListKind = names.ListKind,
        Categories = names.Categories?.ToList(),
    };

    private sealed record ServedDefinition(string Fingerprint, IReadOnlyList<CustomResourceKind> Kinds);
}
