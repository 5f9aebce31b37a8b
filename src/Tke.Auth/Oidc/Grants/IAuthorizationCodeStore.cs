namespace Tke.Auth.Oidc.Grants;

/// <summary>Storage of pending authorization codes, by hash.</summary>
public interface IAuthorizationCodeStore
{
    ValueTask AddAsync(AuthorizationCodeRecord record, CancellationToken cancellationToken);

    /// <summary>Removes and returns the code atomically: whoever takes it first is the only one
    /// who can redeem it.</summary>
    ValueTask<AuthorizationCodeRecord?> TakeAsync(string codeHash, CancellationToken cancellationToken);
}
