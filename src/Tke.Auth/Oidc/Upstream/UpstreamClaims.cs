using System.Text.Json;

namespace Tke.Auth.Oidc.Upstream;

/// <summary>The claims of a validated upstream ID token, possibly completed from userinfo.</summary>
public sealed class UpstreamClaims
{
    private readonly Dictionary<string, JsonElement> _claims;

    private UpstreamClaims(Dictionary<string, JsonElement> claims) => _claims = claims;

    /// <exception cref="JsonException">The text is not JSON.</exception>
    /// <returns>Null when the JSON is not an object.</returns>
    public static UpstreamClaims? Parse(ReadOnlySpan<byte> json)
    {
        using var document = JsonDocument.Parse(json.ToArray());
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var claims = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            claims[property.Name] = property.Value.Clone();
        }

        return new UpstreamClaims(claims);
    }

    public string? Subject => String("sub");

    /// <summary>The claim when it is a string, otherwise null.</summary>
    public string? String(string name) =>
        _claims.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public bool Has(string name) => _claims.ContainsKey(name);

    public JsonElement? Get(string name) => _claims.TryGetValue(name, out var value) ? value : null;

    /// <summary>These claims with <paramref name="other"/>'s on top, as dex merges userinfo over the ID token.</summary>
    public UpstreamClaims With(UpstreamClaims other)
    {
        var merged = new Dictionary<string, JsonElement>(_claims, StringComparer.Ordinal);
        foreach (var (name, value) in other._claims)
        {
            merged[name] = value;
        }

        return new UpstreamClaims(merged);
    }
}
