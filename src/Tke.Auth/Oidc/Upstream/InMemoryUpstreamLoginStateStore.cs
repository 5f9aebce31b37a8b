using System.Collections.Concurrent;

namespace Tke.Auth.Oidc.Upstream;

/// <summary>Pending upstream sign-ins in process memory, like authorization codes: they live
/// minutes, so a restart only means starting the sign-in again.</summary>
public sealed class InMemoryUpstreamLoginStateStore(TimeProvider time) : IUpstreamLoginStateStore
{
    // Bounds the memory anonymous callers can make us hold by starting sign-ins they never finish.
    private const int MaxPending = 10_000;

    private readonly ConcurrentDictionary<string, UpstreamLoginState> _byHash = new(StringComparer.Ordinal);

    public ValueTask AddAsync(UpstreamLoginState state, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var (hash, pending) in _byHash)
        {
            if (pending.ExpiresAt <= now)
            {
                _byHash.TryRemove(hash, out _);
            }
        }

        if (_byHash.Count >= MaxPending)
        {
            throw new UpstreamLoginException("too many sign-ins are in progress; try again in a few minutes");
        }

        _byHash[state.StateHash] = state;
        return ValueTask.CompletedTask;
    }

    public ValueTask<UpstreamLoginState?> TakeAsync(string stateHash, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_byHash.TryRemove(stateHash, out var state) ? state : null);
}
