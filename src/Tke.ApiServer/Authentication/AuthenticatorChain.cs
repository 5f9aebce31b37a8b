using Microsoft.AspNetCore.Http;
using Tke.ApiMachinery.Requests;

namespace Tke.ApiServer.Authentication;

/// <summary>Asks each authenticator in turn; the first that recognises the credentials decides.</summary>
public sealed class AuthenticatorChain(IEnumerable<IRequestAuthenticator> authenticators)
{
    private readonly IRequestAuthenticator[] _authenticators = authenticators.ToArray();

    public async ValueTask<RequestUser?> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        foreach (var authenticator in _authenticators)
        {
            if (await authenticator.AuthenticateAsync(request, cancellationToken) is { } user)
            {
                return user;
            }
        }

        return null;
    }
}
