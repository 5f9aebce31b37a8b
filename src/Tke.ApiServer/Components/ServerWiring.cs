using Tke.ApiMachinery.Requests;
using Tke.ApiServer.Authentication;

namespace Tke.ApiServer.Components;

/// <summary>The request wiring contributed by components, completed once they have started;
/// until then the server answers 503 to everything but its health checks.</summary>
public sealed class ServerWiring(AuthenticatorChain bootstrapOnly)
{
    private volatile bool _ready;
    private IReadOnlyList<PathHandler> _public = [];
    private IReadOnlyList<PathHandler> _handlers = [];

    public bool Ready => _ready;

    public AuthenticatorChain Authenticators { get; private set; } = bootstrapOnly;

    public void Complete(IReadOnlyList<ComponentWiring> wirings, IRequestAuthenticator bootstrap)
    {
        Authenticators = new AuthenticatorChain([bootstrap, .. wirings.SelectMany(w => w.Authenticators)]);
        _public = wirings.SelectMany(w => w.PublicHandlers).OrderByDescending(h => h.Prefix.Length).ToArray();
        _handlers = wirings.SelectMany(w => w.Handlers).OrderByDescending(h => h.Prefix.Length).ToArray();
        _ready = true;
    }

    public PathHandler? PublicHandlerFor(Microsoft.AspNetCore.Http.HttpRequest request) => Find(_public, request);

    public PathHandler? HandlerFor(Microsoft.AspNetCore.Http.HttpRequest request) => Find(_handlers, request);

    private static PathHandler? Find(IReadOnlyList<PathHandler> handlers, Microsoft.AspNetCore.Http.HttpRequest request)
    {
        var path = request.Path.Value ?? "/";
        foreach (var h in handlers)
        {
            if (path.StartsWith(h.Prefix, StringComparison.Ordinal) && (h.Accepts is null || h.Accepts(request)))
            {
                return h;
            }
        }

        return null;
    }
}
