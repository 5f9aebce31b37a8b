namespace Tke.Auth.Oidc.Grants;

/// <summary>Shared storage of refresh tokens, by hash.</summary>
public interface IRefreshTokenStore
{
    ValueTask AddAsync(RefreshTokenRecord record, CancellationToken cancellationToken);

    ValueTask<RefreshTokenRecord?> FindAsync(string tokenHash, CancellationToken cancellationToken);

    /// <summary>Atomically marks an unused token used; false if it was already used or is gone,
    /// which is how two concurrent redemptions of one token are told apart.</summary>
    ValueTask<bool> TryMarkUsedAsync(string tokenHash, DateTimeOffset usedAt, CancellationToken cancellationToken);

    /// <summary>Deletes every token of the family.</summary>
    ValueTask RevokeFamilyAsync(string familyId, CancellationToken cancellationToken);

    /// <summary>Deletes tokens past their expiry; for periodic clean-up.</summary>
    ValueTask RemoveExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
