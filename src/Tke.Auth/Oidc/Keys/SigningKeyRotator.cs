namespace Tke.Auth.Oidc.Keys;

/// <summary>Loads the shared keys, rotates them by policy, writes the changes back and publishes
/// the result. Call <see cref="RefreshAsync"/> at start-up and then every minute or so on every
/// replica; replicas converge on the newest key.</summary>
public sealed class SigningKeyRotator(ISigningKeyStore store, SigningKeyRing ring, KeyRotationPolicy policy, TimeProvider time)
{
    public async ValueTask<SigningKeySet> RefreshAsync(CancellationToken cancellationToken)
    {
        var objects = await store.ListAsync(cancellationToken);
        var loaded = new SigningKeySet(objects.Where(SigningKeyObjectCodec.IsOidcKey).Select(SigningKeyObjectCodec.FromObject));
        var rotated = loaded.Rotate(time.GetUtcNow(), policy);
        if (!ReferenceEquals(rotated, loaded))
        {
            await PersistAsync(loaded, rotated, cancellationToken);
        }

        ring.Publish(rotated);
        return rotated;
    }

    private async ValueTask PersistAsync(SigningKeySet before, SigningKeySet after, CancellationToken cancellationToken)
    {
        // Create first: if another replica raced us, failing here leaves the stored set untouched.
        foreach (var key in after.Keys.Where(k => before.Find(k.Kid) is null))
        {
            await store.CreateAsync(SigningKeyObjectCodec.ToObject(key), cancellationToken);
        }

        foreach (var key in after.Keys)
        {
            if (before.Find(key.Kid) is { } old && (old.CanSign != key.CanSign || old.VerifyUntil != key.VerifyUntil))
            {
                await store.UpdateAsync(SigningKeyObjectCodec.ToObject(key), cancellationToken);
            }
        }

        foreach (var key in before.Keys.Where(k => after.Find(k.Kid) is null))
        {
            await store.DeleteAsync(key.Kid, cancellationToken);
        }
    }
}
