using System.Text.Json;
using Microsoft.Extensions.Logging;
using Tke.ApiMachinery.Errors;
using Tke.ApiMachinery.Json;
using Tke.ApiMachinery.Objects;
using Tke.ApiMachinery.Store;
using Tke.Registry.Apis.Namespaces;
using Tke.Registry.Apis.Repositories;
using Tke.Registry.Distribution;

namespace Tke.Registry.Resources;

/// <summary>
/// Keeps the Repository API objects level with what the distribution engine stores, as TKEStack's
/// notification handler does: the first push to "ns/name" creates the Repository (in the registry
/// Namespace object's metadata.namespace, named repo-*, with the namespace's tenant and
/// visibility) and updates the namespace's repoCount; a tagged push adds or replaces the tag with
/// its digest, size and time; a pull counts; a deletion removes the tag (or every tag of a
/// deleted manifest). Status writes retry on conflicts with other writers.
/// </summary>
public sealed class RepositoryStatusRecorder(ResourceStore namespaces, ResourceStore repositories, TimeProvider clock, ILogger? log = null) : IRepositoryEvents
{
    private const int MaxAttempts = 8;

    /// <summary>
    /// Applies a batch with one status write per repository: the events of each repository are
    /// replayed in order onto one copy of its status. Rewriting a repository with many tags once
    /// per pushed tag made the work grow with the square of the tags.
    /// </summary>
    public async Task ApplyAsync(IReadOnlyList<RepositoryEvent> events, CancellationToken cancellationToken)
    {
        foreach (var group in events.GroupBy(e => (e.Tenant, e.Repository)))
        {
            try
            {
                await ApplyToRepositoryAsync(group.Key.Tenant, group.Key.Repository, group.ToList(), cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log?.LogWarning(e, "repository events for {Tenant}/{Repository} failed", group.Key.Tenant, group.Key.Repository);
            }
        }
    }

    public Task OnPushedAsync(string tenant, string repository, string? tag, string digest, long size, CancellationToken cancellationToken) =>
        ApplyToRepositoryAsync(tenant, repository, [new RepositoryEvent(RepositoryEventKind.Pushed, tenant, repository, tag, digest, size)], cancellationToken);

    public Task OnPulledAsync(string tenant, string repository, string? tag, string digest, CancellationToken cancellationToken) =>
        ApplyToRepositoryAsync(tenant, repository, [new RepositoryEvent(RepositoryEventKind.Pulled, tenant, repository, tag, digest, 0)], cancellationToken);

    public Task OnDeletedAsync(string tenant, string repository, string? tag, string digest, CancellationToken cancellationToken) =>
        ApplyToRepositoryAsync(tenant, repository, [new RepositoryEvent(RepositoryEventKind.Deleted, tenant, repository, tag, digest, 0)], cancellationToken);

    private async Task ApplyToRepositoryAsync(string tenant, string repository, IReadOnlyList<RepositoryEvent> events, CancellationToken cancellationToken)
    {
        if (await NamespaceOfAsync(tenant, repository, cancellationToken) is not var (ns, name))
        {
            return;
        }

        var existing = await FindAsync(ns, name, cancellationToken);
        if (existing is null)
        {
            // Only a push brings a repository into being; pulls and deletions of unknown ones are ignored.
            if (!events.Any(e => e.Kind == RepositoryEventKind.Pushed))
            {
                return;
            }

            existing = await CreateAsync(ns, name, cancellationToken);
            await RecountAsync(ns, cancellationToken);
        }

        if (events.All(e => e.Kind == RepositoryEventKind.Pushed && e.Tag is null))
        {
            return;
        }

        var now = DateTimeOffset.FromUnixTimeSeconds(clock.GetUtcNow().ToUnixTimeSeconds());
        await UpdateStatusAsync(ns, existing, status =>
        {
            foreach (var e in events)
            {
                switch (e.Kind)
                {
                    case RepositoryEventKind.Pushed when e.Tag is { } tag:
                        var tags = status.Tags ??= [];
                        tags.RemoveAll(t => t.Name == tag);
                        tags.Add(new RepositoryTag { Name = tag, Digest = e.Digest, Size = e.Size, TimeCreated = now });
                        break;
                    case RepositoryEventKind.Pulled:
                        status.PullCount++;
                        break;
                    case RepositoryEventKind.Deleted:
                        status.Tags?.RemoveAll(t => e.Tag is null ? t.Digest == e.Digest : t.Name == e.Tag);
                        break;
                }
            }
        }, cancellationToken);
    }

    /// <summary>The registry Namespace object and image name of "ns/name" in a tenant; null (and
    /// logged) when the namespace no longer exists.</summary>
    private async ValueTask<(Namespace Namespace, string Name)?> NamespaceOfAsync(string tenant, string repository, CancellationToken cancellationToken)
    {
        var slash = repository.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == repository.Length - 1)
        {
            return null;
        }

        var nsName = repository[..slash];
        var page = await namespaces.ListAsync(null, new ListQuery { Tenant = tenant }, cancellationToken);
        var ns = page.Items.Select(i => (Namespace)i.Object).FirstOrDefault(n => n.Spec.Name == nsName);
        if (ns is null)
        {
            log?.LogWarning("repository event for {Tenant}/{Repository}: the registry namespace no longer exists", tenant, repository);
            return null;
        }

        return (ns, repository[(slash + 1)..]);
    }

    private async ValueTask<Repository?> FindAsync(Namespace ns, string name, CancellationToken cancellationToken)
    {
        var page = await repositories.ListAsync(ns.Metadata.Name, new ListQuery(), cancellationToken);
        return page.Items.Select(i => (Repository)i.Object).FirstOrDefault(r => r.Spec.Name == name);
    }

    private async ValueTask<Repository> CreateAsync(Namespace ns, string name, CancellationToken cancellationToken)
    {
        var repository = new Repository
        {
            Metadata = new ObjectMeta { Namespace = ns.Metadata.Name },
            Spec = new RepositorySpec
            {
                Name = name,
                TenantId = ns.Spec.TenantId,
                NamespaceName = ns.Spec.Name,
                Visibility = ns.Spec.Visibility,
            },
        };
        var created = await repositories.CreateAsync(ns.Metadata.Name, JsonSerializer.SerializeToNode(repository, ApiJson.Options), RegistrySystemUser.Write(), cancellationToken);
        return (Repository)created.Object;
    }

    private async ValueTask UpdateStatusAsync(Namespace ns, Repository current, Action<RepositoryStatus> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var copy = JsonSerializer.Deserialize<Repository>(JsonSerializer.SerializeToUtf8Bytes(current, ApiJson.Options), ApiJson.Options)!;
            change(copy.Status ??= new RepositoryStatus());
            try
            {
                await repositories.UpdateAsync(ns.Metadata.Name, copy.Metadata.Name!, JsonSerializer.SerializeToNode(copy, ApiJson.Options), "status", RegistrySystemUser.Write(), cancellationToken);
                return;
            }
            catch (StatusError e) when (e.Code == 409 && attempt < MaxAttempts)
            {
                current = (Repository)(await repositories.GetAsync(ns.Metadata.Name, current.Metadata.Name!, cancellationToken)).Object;
            }
        }
    }

    /// <summary>Recounts the repositories of the registry Namespace object <paramref name="namespaceObjectName"/>
    /// (after a Repository was deleted through the API); a namespace that is gone is left alone.</summary>
    public async Task RecountNamespaceAsync(string namespaceObjectName, CancellationToken cancellationToken)
    {
        Namespace ns;
        try
        {
            ns = (Namespace)(await namespaces.GetAsync(null, namespaceObjectName, cancellationToken)).Object;
        }
        catch (StatusError e) when (e.Code == 404)
        {
            return;
        }

        await RecountAsync(ns, cancellationToken);
    }

    /// <summary>Sets the namespace's repoCount to the number of its Repository objects (a count
    /// rather than an increment, so it heals after repositories are deleted through the API).</summary>
    private async ValueTask RecountAsync(Namespace ns, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var count = (await repositories.ListAsync(ns.Metadata.Name, new ListQuery(), cancellationToken)).Items.Count;
            var current = (Namespace)(await namespaces.GetAsync(null, ns.Metadata.Name!, cancellationToken)).Object;
            var copy = JsonSerializer.Deserialize<Namespace>(JsonSerializer.SerializeToUtf8Bytes(current, ApiJson.Options), ApiJson.Options)!;
            (copy.Status ??= new NamespaceStatus()).RepoCount = count;
            try
            {
                await namespaces.UpdateAsync(null, copy.Metadata.Name!, JsonSerializer.SerializeToNode(copy, ApiJson.Options), "status", RegistrySystemUser.Write(), cancellationToken);
                return;
            }
            catch (StatusError e) when (e.Code == 409 && attempt < MaxAttempts)
            {
            }
        }
    }
}
