using Tke.ApiMachinery.Selectors;
using Tke.ApiMachinery.Store;

namespace Tke.Registry.Access;

/// <summary>
/// Finds a platform user's local account by tenant and login name, read from the store each time
/// (refreshes are rare, and a user locked a moment ago must count at once). Users of an LDAP
/// identity provider have no local account.
/// </summary>
/// <param name="identities">The auth.tkestack.io LocalIdentity store; null when the platform runs
/// without the auth API, and then nobody has a local account.</param>
public sealed class LocalAccounts(ResourceStore? identities)
{
    /// <summary>Where auth.tkestack.io keeps local users, named here so that the registry need not reference the auth component.</summary>
    public const string Group = "auth.tkestack.io";
    public const string Version = "v1";
    public const string Plural = "localidentities";

    public async ValueTask<LocalAccount?> FindAsync(string tenant, string username, CancellationToken cancellationToken)
    {
        if (identities is null || username.Length == 0)
        {
            return null;
        }

        var query = new ListQuery { Fields = FieldSelector.Parse("spec.username=" + FieldSelector.EscapeValue(username)), Tenant = tenant };
        var page = await identities.ListAsync(null, query, cancellationToken);
        return page.Items
            .Select(i => LocalAccount.Read(i.Json))
            .FirstOrDefault(a => string.Equals(a.Username, username, StringComparison.Ordinal));
    }
}
