using System.Text.Json;

namespace Tke.Auth.Oidc.Upstream;

/// <summary>The parts of an upstream's `/.well-known/openid-configuration` a login needs.</summary>
public sealed record UpstreamDiscoveryDocument(string Issuer, Uri AuthorizationEndpoint, Uri TokenEndpoint, Uri JwksUri, Uri? UserInfoEndpoint)
{
    /// <param name="expectedIssuer">The configured issuer; OIDC Discovery 4.3 requires the document to name the same one.</param>
    /// <exception cref="UpstreamLoginException">The document is unusable.</exception>
    public static UpstreamDiscoveryDocument Parse(ReadOnlySpan<byte> json, string expectedIssuer)
    {
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new UpstreamLoginException("the upstream's discovery document is not a JSON object");
            }

            var issuer = String(root, "issuer");
            if (!string.Equals(issuer?.TrimEnd('/'), expectedIssuer.TrimEnd('/'), StringComparison.Ordinal))
            {
                throw new UpstreamLoginException("the upstream's discovery document names another issuer than the configured one");
            }

            return new UpstreamDiscoveryDocument(
                issuer!,
                RequiredUrl(root, "authorization_endpoint", expectedIssuer),
                RequiredUrl(root, "token_endpoint", expectedIssuer),
                RequiredUrl(root, "jwks_uri", expectedIssuer),
                String(root, "userinfo_endpoint") is null ? null : RequiredUrl(root, "userinfo_endpoint", expectedIssuer));
        }
        catch (JsonException)
        {
            throw new UpstreamLoginException("the upstream's discovery document is not JSON");
        }
    }

    private static Uri RequiredUrl(JsonElement root, string name, string issuer)
    {
        // Endpoints must be as protected as the issuer: an https issuer with an http token
        // endpoint would send the client secret in clear.
        var scheme = new Uri(issuer).Scheme;
        return Uri.TryCreate(String(root, name), UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && (uri.Scheme == scheme || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new UpstreamLoginException($"the upstream's discovery document has no usable {name}");
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
