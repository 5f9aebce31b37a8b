using System.Collections.Frozen;

namespace Tke.Auth.Oidc.Keys;

/// <summary>An immutable set of keys: the one that signs new tokens, the next one (published
/// ahead), and replaced ones that only verify until the tokens they signed have expired.</summary>
public sealed class SigningKeySet
{
    private readonly FrozenDictionary<string, SigningKey> _byKid;

    public SigningKeySet(IEnumerable<SigningKey> keys)
    {
        // Newest first, ties by kid: replicas that loaded the same keys pick the same signer.
        Keys = keys.OrderByDescending(k => k.ActiveFrom).ThenBy(k => k.Kid, StringComparer.Ordinal).ToArray();
        _byKid = Keys.ToFrozenDictionary(k => k.Kid, StringComparer.Ordinal);
    }

    public static SigningKeySet Empty { get; } = new([]);

    public IReadOnlyList<SigningKey> Keys { get; }

    public SigningKey? Find(string kid) => _byKid.GetValueOrDefault(kid);

    /// <summary>The key that signs at <paramref name="now"/>: the newest active one with a private
    /// part. Null before the first rotation.</summary>
    public SigningKey? SignerAt(DateTimeOffset now)
    {
        foreach (var key in Keys)
        {
            if (key.CanSign && key.ActiveFrom <= now)
            {
                return key;
            }
        }

        return null;
    }

    /// <summary>Applies the rotation policy at <paramref name="now"/>: drops keys past their
    /// verification time, retires signers that a newer key has replaced, makes a signer if there
    /// is none, and publishes the next key ahead of the current one's rotation. Returns this same
    /// instance when nothing changes, so callers know whether to persist.</summary>
    public SigningKeySet Rotate(DateTimeOffset now, KeyRotationPolicy policy)
    {
        var changed = false;
        var live = new List<SigningKey>(Keys.Count + 1);
        foreach (var key in Keys)
        {
            if (key.VerifyUntil > now)
            {
                live.Add(key);
            }
            else
            {
                changed = true;
            }
        }

        var signer = live.FirstOrDefault(k => k.CanSign && k.ActiveFrom <= now);
        if (signer is null)
        {
            signer = SigningKey.Generate(now, policy);
            live.Add(signer);
            changed = true;
        }

        var keys = new List<SigningKey>(live.Count + 1);
        foreach (var key in live)
        {
            // A replaced signer keeps only its public part. Tokens it signed up to now live at
            // most the verification period, even if this rotation runs late.
            if (key.CanSign && key.ActiveFrom <= now && !ReferenceEquals(key, signer))
            {
                keys.Add(key.Retire(now + policy.VerificationPeriod));
                changed = true;
            }
            else
            {
                keys.Add(key);
            }
        }

        var hasNext = keys.Any(k => k.CanSign && k.ActiveFrom > now);
        if (!hasNext && now >= signer.SignUntil - policy.PublishAhead)
        {
            var activeFrom = signer.SignUntil > now + policy.PublishAhead ? signer.SignUntil : now + policy.PublishAhead;
            keys.Add(SigningKey.Generate(activeFrom, policy));
            changed = true;
        }

        return changed ? new SigningKeySet(keys) : this;
    }
}
