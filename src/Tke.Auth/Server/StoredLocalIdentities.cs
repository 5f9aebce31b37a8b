using Tke.ApiMachinery.Selectors;
using Tke.ApiMachinery.Store;
using Tke.Auth.Apis.LocalIdentities;
using Tke.Auth.Identity;

namespace Tke.Auth.Server;

/// <summary>Looks up local users in the store by tenant and username.</summary>
public sealed class StoredLocalIdentities(ResourceStore identities) : ILocalIdentityLookup
{
    public async Task<LocalIdentity?> FindAsync(string tenantId, string username, CancellationToken cancellationToken)
    {
        var query = new ListQuery { Fields = FieldSelector.Parse("spec.username=" + FieldSelector.EscapeValue(username)), Tenant = tenantId };
        var page = await identities.ListAsync(null, query, cancellationToken);
        return page.Items.Select(i => (LocalIdentity)i.Object).FirstOrDefault();
    }
}
