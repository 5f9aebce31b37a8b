namespace Tke.Kubernetes.Discovery;

/// <summary>Keeps one <see cref="ResourceMap"/> for a TTL; concurrent callers share one refresh.</summary>
internal sealed class DiscoveryCache(Func<CancellationToken, Task<ResourceMap>> read, TimeSpan ttl, TimeProvider time)
{
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private ResourceMap? _map;
    private DateTimeOffset _readAt;

    public async Task<ResourceMap> GetAsync(bool forceRefresh, CancellationToken ct)
    {
        var seen = _map;
        if (!forceRefresh && seen is not null && time.GetUtcNow() - _readAt < ttl)
        {
            return seen;
        }

        await _refresh.WaitAsync(ct);
        try
        {
            // Someone else refreshed while this caller waited.
            if (_map is not null && !ReferenceEquals(_map, seen) && time.GetUtcNow() - _readAt < ttl)
            {
                return _map;
            }

            var map = await read(ct);
            _readAt = time.GetUtcNow();
            _map = map;
            return map;
        }
        finally
        {
            _refresh.Release();
        }
    }

    public void Invalidate() => _map = null;
}
