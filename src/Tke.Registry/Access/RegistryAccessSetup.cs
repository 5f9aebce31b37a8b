using Tke.ApiMachinery.Http;
using Tke.ApiServer.Components;
using Tke.Registry.Apis;

namespace Tke.Registry.Access;

/// <summary>The registry's access pieces built for `tke serve`: the <see cref="IRegistryAccess"/>
/// the endpoints ask, and the token service's handler (a public handler: it authenticates by itself).</summary>
public sealed record RegistryAccessSetup(IRegistryAccess Access, PathHandler TokenHandler)
{
    /// <summary>The token signing key's file under the data directory.</summary>
    public static string KeyPath(string dataDir) => Path.Combine(dataDir, "pki", "registry-token.key");

    public static RegistryAccessSetup Create(ServerContext context, ApiSurface surface, RegistryAccessOptions options)
    {
        var key = RegistryTokenKey.LoadOrCreate(KeyPath(context.DataDir));
        var store = (string plural) => surface.StoreFor(context.Catalog.Find(RegistryApiGroup.GroupName, RegistryApiGroup.Version, plural)
            ?? throw new InvalidOperationException($"registry kind {plural} is not registered"));
        // Projects open Project-visibility chart groups; absent when the business API is not served.
        var projects = context.Catalog.Find(BusinessProjects.Group, BusinessProjects.Version, BusinessProjects.Plural) is { } projectKind ? surface.StoreFor(projectKind) : null;
        var permissions = new RegistryPermissions(new RegistryDirectory(store("namespaces"), store("chartgroups"), context.Clock, projects), () => surface.Authorizer);
        var access = new RegistryAccess(options, key, context.Credentials, permissions, context.Clock);
        // Local accounts let a refresh token's exchange see a user locked or deleted since the login.
        var accounts = new LocalAccounts(context.Catalog.Find(LocalAccounts.Group, LocalAccounts.Version, LocalAccounts.Plural) is { } accountKind ? surface.StoreFor(accountKind) : null);
        var seal = new CredentialSeal(key);
        var refreshes = new RegistryRefreshGrant(
            options,
            new RegistryRefreshTokenIssuer(options, key, seal, context.Clock),
            new RegistryRefreshTokenValidator(options, key, seal, context.Clock),
            context.Credentials,
            accounts);
        var endpoint = new RegistryTokenEndpoint(options, new RegistryTokenIssuer(options, key, context.Clock), new BasicLogin(options, context.Credentials, context.Clock), permissions, refreshes);
        return new RegistryAccessSetup(access, new PathHandler(RegistryAccessOptions.TokenPath, (http, _) => endpoint.HandleAsync(http))
        {
            Accepts = r => r.Path.Value == RegistryAccessOptions.TokenPath,
        });
    }
}
