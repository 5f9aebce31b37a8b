namespace Tke.Auth.Oidc.Upstream;

/// <summary>Storage of sign-ins waiting for an upstream callback, by state hash.</summary>
public interface IUpstreamLoginStateStore
{
    ValueTask AddAsync(UpstreamLoginState state, CancellationToken cancellationToken);

    /// <summary>Removes and returns the state atomically, so a callback can be completed once.</summary>
    ValueTask<UpstreamLoginState?> TakeAsync(string stateHash, CancellationToken cancellationToken);
}
