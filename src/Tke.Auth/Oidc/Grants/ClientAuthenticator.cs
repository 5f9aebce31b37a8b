using System.Text;
using Microsoft.AspNetCore.Http;
using Tke.Auth.Apis.Clients;

namespace Tke.Auth.Oidc.Grants;

/// <summary>Authenticates the client at the token, revocation endpoints: client_secret_basic,
/// client_secret_post, or none for public clients.</summary>
public sealed class ClientAuthenticator(IOidcClientRegistry clients)
{
    public async ValueTask<ClientSpec> AuthenticateAsync(HttpRequest request, IFormCollection form, CancellationToken cancellationToken)
    {
        var (id, secret) = ReadCredentials(request, form);
        if (string.IsNullOrEmpty(id))
        {
            throw OAuthException.InvalidClient("client authentication is required");
        }

        var client = await clients.FindAsync(id, cancellationToken);
        if (client is null)
        {
            throw OAuthException.InvalidClient("client authentication failed");
        }

        if (client.Public)
        {
            return client;
        }

        if (secret is null || string.IsNullOrEmpty(client.Secret) || !OpaqueToken.SecretsEqual(secret, client.Secret))
        {
            throw OAuthException.InvalidClient("client authentication failed");
        }

        return client;
    }

    private static (string? Id, string? Secret) ReadCredentials(HttpRequest request, IFormCollection form)
    {
        var header = request.Headers.Authorization.ToString();
        var formId = form["client_id"].ToString();
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            if (form.ContainsKey("client_secret"))
            {
                throw OAuthException.InvalidRequest("use one client authentication method, not two");
            }

            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            }
            catch (FormatException)
            {
                throw OAuthException.InvalidClient("malformed Basic credentials");
            }

            var colon = decoded.IndexOf(':');
            if (colon < 0)
            {
                throw OAuthException.InvalidClient("malformed Basic credentials");
            }

            // RFC 6749 2.3.1: both parts are form-urlencoded before Basic encoding.
            var id = Uri.UnescapeDataString(decoded[..colon].Replace('+', ' '));
            if (formId.Length > 0 && formId != id)
            {
                throw OAuthException.InvalidRequest("client_id does not match the Basic credentials");
            }

            return (id, Uri.UnescapeDataString(decoded[(colon + 1)..].Replace('+', ' ')));
        }

        return (formId, form.TryGetValue("client_secret", out var secret) ? secret.ToString() : null);
    }
}
