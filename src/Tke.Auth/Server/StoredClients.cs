using Tke.ApiMachinery.Errors;
using Tke.ApiMachinery.Store;
using Tke.Auth.Apis.Clients;
using Tke.Auth.Oidc.Grants;

namespace Tke.Auth.Server;

/// <summary>OAuth2 clients: the registered Client objects, plus the built-in public client
/// "tke" that the command line logs in with (password grant, no secret).</summary>
public sealed class StoredClients(ResourceStore clients) : IOidcClientRegistry
{
    public const string CommandLineClientId = "tke";

    private static readonly ClientSpec CommandLine = new()
    {
        Id = CommandLineClientId,
        Name = "tke command line",
        Public = true,
        RedirectUris = ["urn:ietf:wg:oauth:2.0:oob", "http://127.0.0.1/callback"],
    };

    public async ValueTask<ClientSpec?> FindAsync(string clientId, CancellationToken cancellationToken)
    {
        if (clientId == CommandLineClientId)
        {
            return CommandLine;
        }

        try
        {
            return ((Client)(await clients.GetAsync(null, clientId, cancellationToken)).Object).Spec;
        }
        catch (StatusError e) when (e.Code == 404)
        {
            var all = await AuthStores.ListAllAsync<Client>(clients, cancellationToken);
            return all.FirstOrDefault(c => c.Spec.Id == clientId)?.Spec;
        }
    }
}
