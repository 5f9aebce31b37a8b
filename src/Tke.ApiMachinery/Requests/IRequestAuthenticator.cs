using Microsoft.AspNetCore.Http;

namespace Tke.ApiMachinery.Requests;

/// <summary>Establishes who sent a request. Returns null when the request carries no
/// credentials this authenticator understands; throws a StatusError (401) for credentials
/// it understands but rejects.</summary>
public interface IRequestAuthenticator
{
    ValueTask<RequestUser?> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken);
}
