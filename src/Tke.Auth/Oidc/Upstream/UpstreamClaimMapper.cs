using System.Text.Json;

namespace Tke.Auth.Oidc.Upstream;

/// <summary>Turns validated upstream claims into a user, with dex's oidc connector rules:
/// userIDKey, userNameKey, claimMapping, insecureSkipEmailVerified and insecureEnableGroups.</summary>
public sealed class UpstreamClaimMapper(UpstreamOidcConfig config)
{
    private readonly bool _emailRequested = config.EffectiveScopes.Contains("email", StringComparer.Ordinal);

    /// <exception cref="UpstreamLoginException">A claim the configuration requires is missing or malformed.</exception>
    public UpstreamIdentity Map(UpstreamClaims claims)
    {
        var userId = claims.Subject ?? throw Missing("sub");
        if (!string.IsNullOrEmpty(config.UserIdKey))
        {
            userId = claims.String(config.UserIdKey) is { Length: > 0 } id ? id : throw Missing(config.UserIdKey);
        }

        return new UpstreamIdentity(userId, Username(claims, userId), Email(claims), Groups(claims));
    }

    private string Username(UpstreamClaims claims, string userId)
    {
        if (!string.IsNullOrEmpty(config.UserNameKey))
        {
            return claims.String(config.UserNameKey) is { Length: > 0 } configured ? configured : throw Missing(config.UserNameKey);
        }

        // The platform's name is a login name, which preferred_username is meant to be; name is
        // often a display name, so it only stands in when there is nothing better.
        return First(claims, "preferred_username", config.ClaimMapping?.PreferredUsername)
            ?? (claims.String("name") is { Length: > 0 } name ? name : userId);
    }

    private string? Email(UpstreamClaims claims)
    {
        var email = First(claims, "email", config.ClaimMapping?.Email);
        if (email is null)
        {
            return _emailRequested ? throw Missing(config.ClaimMapping?.Email is { Length: > 0 } key ? key : "email") : null;
        }

        var verified = claims.Get("email_verified") switch
        {
            { ValueKind: JsonValueKind.True } => true,
            { ValueKind: JsonValueKind.False } => false,
            { ValueKind: JsonValueKind.String } text => text.GetString() == "true", // some providers send strings
            _ => config.InsecureSkipEmailVerified ? true : throw Missing("email_verified"),
        };

        // An unverified address could be anybody's, so it is not passed on.
        return verified ? email : null;
    }

    private IReadOnlyList<string> Groups(UpstreamClaims claims)
    {
        if (!config.InsecureEnableGroups)
        {
            return [];
        }

        var key = claims.Has("groups") || string.IsNullOrEmpty(config.ClaimMapping?.Groups) ? "groups" : config.ClaimMapping.Groups;
        switch (claims.Get(key))
        {
            case null:
                return [];
            case { ValueKind: JsonValueKind.String } single:
                return [single.GetString()!];
            case { ValueKind: JsonValueKind.Array } array when array.EnumerateArray().All(g => g.ValueKind == JsonValueKind.String):
                return array.EnumerateArray().Select(g => g.GetString()!).Where(g => g.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
            default:
                throw new UpstreamLoginException($"the upstream's \"{key}\" claim is not a list of group names");
        }
    }

    /// <summary>The standard claim, or the mapped one when the standard claim is absent (dex's order).</summary>
    private static string? First(UpstreamClaims claims, string standard, string? mapped) =>
        claims.String(standard) is { Length: > 0 } value ? value
        : !string.IsNullOrEmpty(mapped) && claims.String(mapped) is { Length: > 0 } other ? other
        : null;

    private static UpstreamLoginException Missing(string claim) =>
        new($"the upstream did not send the \"{claim}\" claim this provider's configuration requires");
}
