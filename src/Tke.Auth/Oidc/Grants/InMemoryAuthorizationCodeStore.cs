using System.Collections.Concurrent;

namespace Tke.Auth.Oidc.Grants;

/// <summary>Authorization codes in process memory. Codes live minutes, so losing them on restart
/// only means logging in again; replicas behind a balancer without affinity need a shared store.</summary>
public sealed class InMemoryAuthorizationCodeStore(TimeProvider time) : IAuthorizationCodeStore
{
    private readonly ConcurrentDictionary<string, AuthorizationCodeRecord> _byHash = new(StringComparer.Ordinal);

    public ValueTask AddAsync(AuthorizationCodeRecord record, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var (hash, pending) in _byHash)
        {
            if (pending.ExpiresAt <= now)
            {
                _byHash.TryRemove(hash, out _);
            }
        }

        _byHash[record.CodeHash] = record;
        return ValueTask.CompletedTask;
    }

    public ValueTask<AuthorizationCodeRecord?> TakeAsync(string codeHash, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_byHash.TryRemove(codeHash, out var record) ? record : null);
}
