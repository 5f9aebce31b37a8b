namespace Tke.Registry.Distribution;

/// <summary>
/// What happened to a repository, for whoever keeps the Repository API objects current (tags,
/// sizes, pull counts). Called from a background queue, never on a request's path; a slow or
/// failing handler delays or drops events, not pushes and pulls.
/// </summary>
public interface IRepositoryEvents
{
    /// <summary>A manifest was stored; <paramref name="tag"/> is null for a push by digest;
    /// <paramref name="size"/> is the manifest plus the blobs it lists.</summary>
    Task OnPushedAsync(string tenant, string repository, string? tag, string digest, long size, CancellationToken cancellationToken);

    /// <summary>A manifest was downloaded (GET, not HEAD), by tag or by digest.</summary>
    Task OnPulledAsync(string tenant, string repository, string? tag, string digest, CancellationToken cancellationToken);

    /// <summary>A tag (<paramref name="tag"/> set) or a manifest and all its tags (tag null) was deleted.</summary>
    Task OnDeletedAsync(string tenant, string repository, string? tag, string digest, CancellationToken cancellationToken);

    /// <summary>Several events in the order they happened; handlers that can apply them together
    /// (one write per repository instead of one per event) override this.</summary>
    async Task ApplyAsync(IReadOnlyList<RepositoryEvent> events, CancellationToken cancellationToken)
    {
        foreach (var e in events)
        {
            await (e.Kind switch
            {
                RepositoryEventKind.Pushed => OnPushedAsync(e.Tenant, e.Repository, e.Tag, e.Digest, e.Size, cancellationToken),
                RepositoryEventKind.Pulled => OnPulledAsync(e.Tenant, e.Repository, e.Tag, e.Digest, cancellationToken),
                _ => OnDeletedAsync(e.Tenant, e.Repository, e.Tag, e.Digest, cancellationToken),
            });
        }
    }
}
