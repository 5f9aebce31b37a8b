using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tke.Auth.Oidc.Upstream;

/// <summary>
/// The settings of an upstream OpenID Connect provider carried in IdentityProvider spec.config,
/// in the format of dex's oidc connector (the format TKEStack documents).
/// </summary>
public sealed class UpstreamOidcConfig
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        // Go's encoding/json, which TKEStack uses, matches field names case-insensitively, and
        // hand-written configurations carry comments.
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>The upstream issuer; its discovery document lives below it.</summary>
    [JsonPropertyName("issuer")]
    public string Issuer { get; set; } = "";

    [JsonPropertyName("clientID")]
    public string ClientId { get; set; } = "";

    [JsonPropertyName("clientSecret")]
    public string ClientSecret { get; set; } = "";

    /// <summary>Our callback as registered upstream; derived from the platform's issuer when empty.</summary>
    [JsonPropertyName("redirectURI")]
    public string? RedirectUri { get; set; }

    /// <summary>Scopes besides openid; "profile" and "email" when empty.</summary>
    [JsonPropertyName("scopes")]
    public List<string>? Scopes { get; set; }

    /// <summary>Send the client secret in the form (client_secret_post) instead of HTTP Basic.</summary>
    [JsonPropertyName("basicAuthUnsupported")]
    public bool? BasicAuthUnsupported { get; set; }

    /// <summary>Treat a missing email_verified claim as verified.</summary>
    [JsonPropertyName("insecureSkipEmailVerified")]
    public bool InsecureSkipEmailVerified { get; set; }

    /// <summary>Take groups from the upstream; off by default as in dex, because upstream groups
    /// then decide which platform policies apply.</summary>
    [JsonPropertyName("insecureEnableGroups")]
    public bool InsecureEnableGroups { get; set; }

    /// <summary>Not supported: a private CA goes in rootCA or rootCAData instead.</summary>
    [JsonPropertyName("insecureSkipVerify")]
    public bool InsecureSkipVerify { get; set; }

    /// <summary>Also read the userinfo endpoint, for upstreams whose ID tokens are thin.</summary>
    [JsonPropertyName("getUserInfo")]
    public bool GetUserInfo { get; set; }

    /// <summary>Claim holding the user ID; `sub` when empty.</summary>
    [JsonPropertyName("userIDKey")]
    public string? UserIdKey { get; set; }

    /// <summary>Claim holding the login name; preferred_username, then name, when empty.</summary>
    [JsonPropertyName("userNameKey")]
    public string? UserNameKey { get; set; }

    [JsonPropertyName("claimMapping")]
    public UpstreamClaimMapping? ClaimMapping { get; set; }

    /// <summary>Path of a PEM file with the CA certificates that sign the upstream's certificate.</summary>
    [JsonPropertyName("rootCA")]
    public string? RootCa { get; set; }

    /// <summary>The same as <see cref="RootCa"/> inline: base64 of the PEM text (Go's []byte encoding), or the PEM text itself.</summary>
    [JsonPropertyName("rootCAData")]
    public string? RootCaData { get; set; }

    /// <summary>openid followed by the configured scopes (or dex's default profile and email), without repeats.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> EffectiveScopes =>
        new[] { "openid" }.Concat(Scopes is { Count: > 0 } scopes ? scopes : ["profile", "email"]).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>Issuer without a trailing slash, the base of the discovery URL.</summary>
    [JsonIgnore]
    public string IssuerBase => Issuer.TrimEnd('/');

    /// <summary>Parses and validates spec.config.</summary>
    /// <exception cref="UpstreamOidcConfigException">The text is not JSON or the settings are incomplete.</exception>
    public static UpstreamOidcConfig Parse(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            throw new UpstreamOidcConfigException(["config: required"]);
        }

        UpstreamOidcConfig? config;
        try
        {
            config = JsonSerializer.Deserialize<UpstreamOidcConfig>(json, JsonOptions);
        }
        catch (JsonException e)
        {
            // The text holds the client secret, so only the position of the error is reported.
            throw new UpstreamOidcConfigException([$"config: not a JSON object of the expected shape (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})"]);
        }

        if (config is null)
        {
            throw new UpstreamOidcConfigException(["config: must be a JSON object"]);
        }

        var problems = config.Problems();
        return problems.Count == 0 ? config : throw new UpstreamOidcConfigException(problems);
    }

    /// <summary>Every reason the settings cannot be used; empty when they can. Values never appear in the text.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Issuer))
        {
            problems.Add("issuer: required");
        }
        else if (!IsAcceptableUrl(Issuer) || Issuer.Contains('?', StringComparison.Ordinal) || Issuer.Contains('#', StringComparison.Ordinal))
        {
            problems.Add("issuer: must be an https URL without query or fragment (http only on loopback)");
        }

        if (string.IsNullOrWhiteSpace(ClientId))
        {
            problems.Add("clientID: required");
        }

        if (string.IsNullOrEmpty(ClientSecret))
        {
            problems.Add("clientSecret: required");
        }

        if (!string.IsNullOrEmpty(RedirectUri) && !(Uri.TryCreate(RedirectUri, UriKind.Absolute, out var redirect) && redirect.Scheme is "https" or "http"))
        {
            problems.Add("redirectURI: must be an absolute http or https URL");
        }

        for (var i = 0; i < (Scopes?.Count ?? 0); i++)
        {
            var scope = Scopes![i];
            if (string.IsNullOrEmpty(scope) || scope.Any(c => c <= ' ' || c == '"' || c == '\\' || c > '~'))
            {
                problems.Add($"scopes[{i}]: must be a non-empty scope token without spaces or quotes");
            }
        }

        if (InsecureSkipVerify)
        {
            problems.Add("insecureSkipVerify: not supported; give the upstream's CA in rootCA or rootCAData instead");
        }

        if (!string.IsNullOrEmpty(RootCa) && !string.IsNullOrEmpty(RootCaData))
        {
            problems.Add("rootCAData: give either rootCA or rootCAData, not both");
        }

        if (!string.IsNullOrEmpty(RootCaData) && DecodeRootCaData(RootCaData) is null)
        {
            problems.Add("rootCAData: must be the base64 encoding of PEM certificates");
        }

        CheckClaimName(problems, "userIDKey", UserIdKey);
        CheckClaimName(problems, "userNameKey", UserNameKey);
        CheckClaimName(problems, "claimMapping.preferred_username", ClaimMapping?.PreferredUsername);
        CheckClaimName(problems, "claimMapping.email", ClaimMapping?.Email);
        CheckClaimName(problems, "claimMapping.groups", ClaimMapping?.Groups);
        return problems;
    }

    /// <summary>PEM text of the configured CA, or null when the system trust store applies.</summary>
    public string? ReadRootCaPem()
    {
        if (!string.IsNullOrEmpty(RootCaData))
        {
            return DecodeRootCaData(RootCaData);
        }

        return string.IsNullOrEmpty(RootCa) ? null : File.ReadAllText(RootCa);
    }

    private static bool IsAcceptableUrl(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.IsFile)
        {
            return false;
        }

        // Plain http would let anyone on the path forge identities; loopback is for local tests.
        return uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && (uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip))));
    }

    private static void CheckClaimName(List<string> problems, string field, string? claim)
    {
        if (claim is not null && claim.Trim().Length != claim.Length)
        {
            problems.Add($"{field}: must be a claim name without surrounding spaces");
        }
    }

    private static string? DecodeRootCaData(string data)
    {
        // Go marshals []byte as base64; plain PEM text is accepted too since people paste it.
        if (data.Contains("-----BEGIN", StringComparison.Ordinal))
        {
            return data;
        }

        try
        {
            var pem = Encoding.UTF8.GetString(Convert.FromBase64String(data));
            return pem.Contains("-----BEGIN", StringComparison.Ordinal) ? pem : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
