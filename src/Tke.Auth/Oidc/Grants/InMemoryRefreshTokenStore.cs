using System.Collections.Concurrent;

namespace Tke.Auth.Oidc.Grants;

/// <summary>A single-process refresh token store, for tests and single-replica servers.</summary>
public sealed class InMemoryRefreshTokenStore : IRefreshTokenStore
{
    private readonly ConcurrentDictionary<string, RefreshTokenRecord> _byHash = new(StringComparer.Ordinal);

    public int Count => _byHash.Count;

    public ValueTask AddAsync(RefreshTokenRecord record, CancellationToken cancellationToken)
    {
        _byHash[record.TokenHash] = record;
        return ValueTask.CompletedTask;
    }

    public ValueTask<RefreshTokenRecord?> FindAsync(string tokenHash, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_byHash.GetValueOrDefault(tokenHash));

    public ValueTask<bool> TryMarkUsedAsync(string tokenHash, DateTimeOffset usedAt, CancellationToken cancellationToken)
    {
        while (_byHash.TryGetValue(tokenHash, out var record))
        {
            if (record.UsedAt is not null)
            {
                return ValueTask.FromResult(false);
            }

            if (_byHash.TryUpdate(tokenHash, record with { UsedAt = usedAt }, record))
            {
                return ValueTask.FromResult(true);
            }
        }

        return ValueTask.FromResult(false);
    }

    public ValueTask RevokeFamilyAsync(string familyId, CancellationToken cancellationToken)
    {
        foreach (var (hash, record) in _byHash)
        {
            if (record.FamilyId == familyId)
            {
                _byHash.TryRemove(hash, out _);
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask RemoveExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var (hash, record) in _byHash)
        {
            if (record.ExpiresAt <= now || record.FamilyExpiresAt <= now)
            {
                _byHash.TryRemove(hash, out _);
            }
        }

        return ValueTask.CompletedTask;
    }
}
