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
}
