namespace Tke.Auth.Oidc;

/// <summary>Settings of the platform's OpenID Connect provider.</summary>
public sealed class OidcOptions
{
    /// <summary>The issuer, `https://&lt;server&gt;/oidc` as in TKEStack; every endpoint hangs below it.</summary>
    public required string Issuer { get; init; }

    public TimeSpan IdTokenLifetime { get; init; } = TimeSpan.FromHours(24);

    public TimeSpan AccessTokenLifetime { get; init; } = TimeSpan.FromHours(24);

    /// <summary>A refresh token not used for this long expires.</summary>
    public TimeSpan RefreshTokenIdleLifetime { get; init; } = TimeSpan.FromDays(7);

    /// <summary>A login session ends after this long however often it is refreshed.</summary>
    public TimeSpan RefreshTokenAbsoluteLifetime { get; init; } = TimeSpan.FromDays(30);

    public TimeSpan AuthorizationCodeLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Tolerated difference between our clock and the clocks of other replicas.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Audiences (client IDs) whose tokens the API accepts as bearer credentials;
    /// empty accepts tokens of every client.</summary>
    public IReadOnlyCollection<string> ApiAudiences { get; init; } = [];

    /// <summary>The longest-lived JWT we issue; old keys must verify for at least this long.</summary>
    public TimeSpan MaxTokenLifetime => IdTokenLifetime > AccessTokenLifetime ? IdTokenLifetime : AccessTokenLifetime;

    public string Endpoint(string path) => Issuer.TrimEnd('/') + path;
}
