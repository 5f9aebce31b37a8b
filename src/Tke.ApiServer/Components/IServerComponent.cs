using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Tke.ApiMachinery.Admission;
using Tke.ApiMachinery.Http;
using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Requests;
using Tke.Storage;

namespace Tke.ApiServer.Components;

/// <summary>What a component gets from the server: the data directory, the store, the served kinds.</summary>
/// <param name="Stopping">Cancelled when the server shuts down; ends the component's background loops.</param>
public sealed record ServerContext(string DataDir, IKeyValueStore Store, KindCatalog Catalog, TimeProvider Clock, ILoggerFactory Logs, CancellationToken Stopping)
{
    /// <summary>Verifies passwords and platform tokens for components with their own logins (the
    /// registry); bound to the <see cref="ComponentWiring.CredentialVerifier"/> a component provides
    /// once components have started, so resolve it at request time.</summary>
    public DeferredCredentialVerifier Credentials { get; init; } = new();
}

/// <summary>A request handler for every path under a prefix, or, when <see cref="Accepts"/> is set,
/// for the requests it accepts (e.g. by a header, or only some paths under the prefix).</summary>
public sealed record PathHandler(string Prefix, Func<HttpContext, RequestUser, Task> Handle)
{
    public Func<HttpRequest, bool>? Accepts { get; init; }
}

/// <summary>What a running component adds to request handling.</summary>
public sealed record ComponentWiring
{
    /// <summary>Tried in order after the bootstrap token.</summary>
    public IReadOnlyList<IRequestAuthenticator> Authenticators { get; init; } = [];

    /// <summary>Decides resource requests; at most one component provides it.</summary>
    public IRequestAuthorizer? Authorizer { get; init; }

    /// <summary>Verifies credentials for other components (see <see cref="ServerContext.Credentials"/>); at most one component provides it.</summary>
    public ICredentialVerifier? CredentialVerifier { get; init; }

    /// <summary>Served without authentication (login and its discovery); the user is anonymous.</summary>
    public IReadOnlyList<PathHandler> PublicHandlers { get; init; } = [];

    /// <summary>Served after authentication, before the generic API surface.</summary>
    public IReadOnlyList<PathHandler> Handlers { get; init; } = [];
}

/// <summary>
/// A platform component that runs inside `tke serve` beyond its API group: admission plugins,
/// controllers, authentication and extra endpoints. The server starts components after it
/// listens (so they know its address) and before it reports ready.
/// </summary>
public interface IServerComponent
{
    /// <summary>Admission plugins; created before the API surface because the surface runs them.</summary>
    IReadOnlyList<IAdmissionPlugin> CreateAdmissionPlugins(ServerContext context);

    /// <summary>Starts the component's controllers and returns its request wiring. <paramref name="issuer"/>
    /// is the server's public HTTPS address.</summary>
    Task<ComponentWiring> StartAsync(ServerContext context, ApiSurface surface, Uri address, CancellationToken cancellationToken);
}
