using Tke.Auth.Apis.LocalIdentities;
using Tke.Auth.Identity;

namespace Tke.Auth.Tests.Identity;

internal sealed class InMemoryLocalIdentities : ILocalIdentityLookup
{
    private readonly List<LocalIdentity> accounts = [];

    public int Lookups { get; private set; }

    public LocalIdentity Add(string tenantId, string username, string password, Action<LocalIdentity>? configure = null)
    {
        var account = new LocalIdentity();
        account.Metadata.Name = "usr-" + username;
        account.Spec.Username = username;
        account.Spec.TenantId = tenantId;
        account.Spec.HashedPassword = Pbkdf2PasswordHasher.Default.Hash(password);
        configure?.Invoke(account);
        accounts.Add(account);
        return account;
    }

    public Task<LocalIdentity?> FindAsync(string tenantId, string username, CancellationToken cancellationToken = default)
    {
        Lookups++;
        return Task.FromResult(accounts.FirstOrDefault(a => a.Spec.TenantId == tenantId && a.Spec.Username == username));
    }
}
