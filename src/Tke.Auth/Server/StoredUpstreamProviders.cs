using System.Collections.Concurrent;
using Tke.ApiMachinery.Errors;
using Tke.ApiMachinery.Store;
using Tke.Auth.Apis.IdentityProviders;
using Tke.Auth.Oidc.Upstream;

namespace Tke.Auth.Server;

/// <summary>
/// The IdentityProvider objects of type "oidc" as upstream providers. Providers are named after
/// their tenant, as TKEStack's are. A provider's client (and with it the cached discovery document
/// and keys) is reused until its configuration changes.
/// </summary>
public sealed class StoredUpstreamProviders(ResourceStore identityProviders, string defaultTenant, TimeProvider time) : IUpstreamProviderDirectory, IDisposable
{
    public const string ProviderType = "oidc";

    private readonly ConcurrentDictionary<string, (string Config, UpstreamOidcClient Client)> _clients = new(StringComparer.Ordinal);

    public async ValueTask<IReadOnlyList<UpstreamProviderLink>> ListAsync(string? tenantId, CancellationToken cancellationToken)
    {
        var tenant = string.IsNullOrEmpty(tenantId) ? defaultTenant : tenantId;
        var all = await AuthStores.ListAllAsync<IdentityProvider>(identityProviders, cancellationToken);
        return all
            .Where(p => p.Spec.Type == ProviderType && p.Metadata.Name == tenant)
            .Select(p => new UpstreamProviderLink(p.Metadata.Name!, string.IsNullOrEmpty(p.Spec.Name) ? p.Metadata.Name! : p.Spec.Name))
            .ToArray();
    }

    public async ValueTask<UpstreamProvider?> FindAsync(string name, CancellationToken cancellationToken)
    {
        IdentityProvider provider;
        try
        {
            provider = (IdentityProvider)(await identityProviders.GetAsync(null, name, cancellationToken)).Object;
        }
        catch (StatusError e) when (e.Code is 404 or 400 or 422)
        {
            return null;
        }

        if (provider.Spec.Type != ProviderType)
        {
            return null;
        }

        var client = ClientFor(name, provider.Spec.Config);
        return new UpstreamProvider(name, string.IsNullOrEmpty(provider.Spec.Name) ? name : provider.Spec.Name, name, client);
    }

    public void Dispose()
    {
        foreach (var (_, entry) in _clients)
        {
            entry.Client.Dispose();
        }

        _clients.Clear();
    }

    private UpstreamOidcClient ClientFor(string name, string configText)
    {
        if (_clients.TryGetValue(name, out var cached) && cached.Config == configText)
        {
            return cached.Client;
        }

        var config = UpstreamOidcConfig.Parse(configText);
        var client = new UpstreamOidcClient(config, UpstreamHttpHandler.Create(config), time);
        var entry = (configText, client);
        if (_clients.TryGetValue(name, out var previous))
        {
            // Not disposed: that would cancel a login in flight on the old client, whose idle
            // connections close by themselves.
            _clients.TryUpdate(name, entry, previous);
        }
        else
        {
            _clients.TryAdd(name, entry);
        }

        return client;
    }
}
