using System.Collections.Concurrent;
using Tke.Auth.Oidc.Keys;

namespace Tke.Auth.Oidc.Tokens;

/// <summary>Remembers bearer tokens that passed full validation, so a client sending the same
/// token on every request pays for one RSA verification, not one per request. Entries are
/// tied to the key set they were verified under and expiry is checked on every hit.</summary>
public sealed class VerifiedTokenCache(SigningKeyRing keys, TimeProvider time, TimeSpan clockSkew, int capacity = 10_000)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public bool TryGet(string token, out ValidatedToken validated)
    {
        if (_entries.TryGetValue(token, out var entry))
        {
            // A rotation may have retired the key; re-verify against the new set.
            if (ReferenceEquals(entry.Keys, keys.Current) && time.GetUtcNow() < entry.Token.ExpiresAt + clockSkew)
            {
                validated = entry.Token;
                return true;
            }

            _entries.TryRemove(token, out _);
        }

        validated = null!;
        return false;
    }

    public void Add(string token, ValidatedToken validated, SigningKeySet verifiedWith)
    {
        // Crude but bounded: starting over is cheaper than tracking recency on every hit.
        if (_entries.Count >= capacity)
        {
            _entries.Clear();
        }

        _entries[token] = new Entry(validated, verifiedWith);
    }

    private sealed record Entry(ValidatedToken Token, SigningKeySet Keys);
}
