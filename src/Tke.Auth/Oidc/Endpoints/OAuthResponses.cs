using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Tke.Auth.Oidc.Grants;

namespace Tke.Auth.Oidc.Endpoints;

/// <summary>Writes JSON responses of the OAuth endpoints. Token-bearing and error responses are
/// never cached (RFC 6749 5.1).</summary>
public static class OAuthResponses
{
    public static Task WriteJsonAsync(HttpResponse response, int statusCode, Action<Utf8JsonWriter> write, string cacheControl = "no-store")
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            write(json);
        }

        response.StatusCode = statusCode;
        response.ContentType = "application/json";
        response.Headers.CacheControl = cacheControl;
        if (cacheControl == "no-store")
        {
            response.Headers.Pragma = "no-cache";
        }

        response.ContentLength = buffer.WrittenCount;
        return response.Body.WriteAsync(buffer.WrittenMemory).AsTask();
    }

    public static Task WriteErrorAsync(HttpResponse response, OAuthException error)
    {
        if (error.StatusCode == 401 && error.Error == "invalid_client")
        {
            response.Headers.WWWAuthenticate = "Basic realm=\"tke\"";
        }
        else if (error.Error == "invalid_token")
        {
            response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
        }

        return WriteJsonAsync(response, error.StatusCode, json =>
        {
            json.WriteStartObject();
            json.WriteString("error", error.Error);
            json.WriteString("error_description", error.Message);
            json.WriteEndObject();
        });
    }

    /// <summary>Reads a POSTed form, or fails as RFC 6749 asks of anything else.</summary>
    public static async Task<IFormCollection> ReadFormAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!HttpMethods.IsPost(request.Method))
        {
            throw new OAuthException("invalid_request", "use POST", 405);
        }

        if (!request.HasFormContentType)
        {
            throw OAuthException.InvalidRequest("the body must be application/x-www-form-urlencoded");
        }

        var form = await request.ReadFormAsync(cancellationToken);
        foreach (var (name, values) in form)
        {
            // RFC 6749 3.1: parameters must not be repeated.
            if (values.Count > 1)
            {
                throw OAuthException.InvalidRequest($"parameter {name} is repeated");
            }
        }

        return form;
    }

    public static void WriteFederatedClaims(Utf8JsonWriter json, OidcIdentity identity)
    {
        json.WriteStartObject(OidcClaimNames.FederatedClaims);
        json.WriteString(OidcClaimNames.ConnectorId, identity.TenantId);
        json.WriteString(OidcClaimNames.UserId, identity.UserId);
        json.WriteEndObject();
    }
}
