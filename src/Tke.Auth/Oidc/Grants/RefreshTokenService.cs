namespace Tke.Auth.Oidc.Grants;

/// <summary>Issues, rotates and revokes refresh tokens. Each redemption replaces the token with a
/// new one of the same family; presenting a replaced token again revokes the family (RFC 9700
/// 4.14.2), since either the client or a thief holds a copy.</summary>
public sealed class RefreshTokenService(IRefreshTokenStore store, OidcOptions options, TimeProvider time)
{
    /// <summary>Starts a login session: a new family and its first token.</summary>
    public ValueTask<(string Token, string FamilyId)> StartAsync(OidcIdentity identity, string clientId, IReadOnlyList<string> scopes, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return IssueAsync(identity, clientId, scopes, OpaqueToken.Generate(), now + options.RefreshTokenAbsoluteLifetime, cancellationToken);
    }

    /// <summary>Exchanges a refresh token for its successor. <paramref name="refreshIdentity"/>
    /// re-reads the user (null: may no longer log in). Returns the successor and the identity
    /// and session it carries.</summary>
    public async ValueTask<(string Token, RefreshTokenRecord Successor)> RotateAsync(
        string token, string clientId, Func<OidcIdentity, ValueTask<OidcIdentity?>> refreshIdentity, CancellationToken cancellationToken)
    {
        var hash = OpaqueToken.Hash(token);
        var record = await store.FindAsync(hash, cancellationToken) ?? throw OAuthException.InvalidGrant("refresh token is invalid, expired or revoked");
        var now = time.GetUtcNow();
        if (record.ClientId != clientId)
        {
            throw OAuthException.InvalidGrant("refresh token was issued to another client");
        }

        if (record.UsedAt is not null || !await store.TryMarkUsedAsync(hash, now, cancellationToken))
        {
            await store.RevokeFamilyAsync(record.FamilyId, cancellationToken);
            throw OAuthException.InvalidGrant("refresh token was already used; the session is revoked");
        }

        if (record.ExpiresAt <= now || record.FamilyExpiresAt <= now)
        {
            throw OAuthException.InvalidGrant("refresh token is invalid, expired or revoked");
        }

        if (await refreshIdentity(record.Identity) is not { } identity)
        {
            await store.RevokeFamilyAsync(record.FamilyId, cancellationToken);
            throw OAuthException.InvalidGrant("the user may no longer log in");
        }

        var (next, _) = await IssueAsync(identity, clientId, record.Scopes, record.FamilyId, record.FamilyExpiresAt, cancellationToken);
        return (next, record with { Identity = identity });
    }

    /// <summary>Revokes the session a token belongs to (RFC 7009); unknown tokens and tokens of
    /// other clients are ignored, as the RFC asks.</summary>
    public async ValueTask RevokeAsync(string token, string clientId, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(OpaqueToken.Hash(token), cancellationToken) is { } record && record.ClientId == clientId)
        {
            await store.RevokeFamilyAsync(record.FamilyId, cancellationToken);
        }
    }

    public ValueTask RevokeSessionAsync(string familyId, CancellationToken cancellationToken) =>
        store.RevokeFamilyAsync(familyId, cancellationToken);

    private async ValueTask<(string Token, string FamilyId)> IssueAsync(OidcIdentity identity, string clientId, IReadOnlyList<string> scopes, string familyId, DateTimeOffset familyExpiresAt, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var token = OpaqueToken.Generate();
        var idle = now + options.RefreshTokenIdleLifetime;
        await store.AddAsync(new RefreshTokenRecord(OpaqueToken.Hash(token), familyId, clientId, identity, scopes, now, idle < familyExpiresAt ? idle : familyExpiresAt, familyExpiresAt), cancellationToken);
        return (token, familyId);
    }
}
