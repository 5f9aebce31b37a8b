using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Tke.ApiMachinery.Requests;

namespace Tke.ApiServer.Authentication;

/// <summary>Accepts the bootstrap admin token as `Authorization: Bearer`, the break-glass
/// credential of admin.kubeconfig. Compared in constant time. As kube-apiserver's system:masters,
/// the bootstrap admin may impersonate other users (<see cref="ImpersonatedUser"/>).</summary>
public sealed class BootstrapTokenAuthenticator(string token) : IRequestAuthenticator
{
    private readonly byte[] _token = Encoding.UTF8.GetBytes(token);

    public static RequestUser Admin { get; } = new("admin", ["system:masters", "system:authenticated"], "default");

    public ValueTask<RequestUser?> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var presented = BearerToken.From(request);
        if (presented is null || presented.Length != _token.Length)
        {
            // The length of the bootstrap token is no secret; other tokens (JWTs) skip the copy.
            return ValueTask.FromResult<RequestUser?>(null);
        }

        var bytes = Encoding.UTF8.GetBytes(presented);
        return ValueTask.FromResult(CryptographicOperations.FixedTimeEquals(bytes, _token) ? ImpersonatedUser.Apply(request, Admin) : null);
    }
}

/// <summary>Reads the bearer token of the Authorization header.</summary>
public static class BearerToken
{
    public static string? From(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        return header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && header.Length > prefix.Length
            ? header[prefix.Length..].Trim()
            : null;
    }
}
