using Tke.Auth.Apis.LocalIdentities;

namespace Tke.Auth.Identity;

/// <summary>Finds the stored local account of a tenant by login name (the server backs it with its object store).</summary>
public interface ILocalIdentityLookup
{
    /// <summary>The account whose spec.username is <paramref name="username"/> in <paramref name="tenantId"/>, or null.</summary>
    Task<LocalIdentity?> FindAsync(string tenantId, string username, CancellationToken cancellationToken = default);
}
