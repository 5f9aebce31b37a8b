namespace Tke.Registry.Access;

/// <summary>Settings of the registry's authentication: TKEStack's token service names and the
/// host names that select a tenant.</summary>
public sealed record RegistryAccessOptions
{
    /// <summary>The token service's path on the platform's address (TKEStack's distribution auth path).</summary>
    public const string TokenPath = "/registry/auth";

    /// <summary>The "service" of Docker's token flow and the tokens' audience, as in TKEStack.</summary>
    public string Service { get; init; } = "tke";

    /// <summary>The tokens' "iss" claim, as in TKEStack.</summary>
    public string Issuer { get; init; } = "tke-registry-token-issuer";

    /// <summary>Registry host names are &lt;tenant&gt;.&lt;DomainSuffix&gt;, e.g. default.registry.tke.com.</summary>
    public string DomainSuffix { get; init; } = "registry.tke.com";

    public string DefaultTenant { get; init; } = "default";

    /// <summary>The user name docker login takes with an access credential as the password.</summary>
    public string AccessCredentialUser { get; init; } = "tkestack";

    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How long a refresh token (docker's identity token) may be exchanged for access
    /// tokens; each exchange still re-checks the user and credential it names.</summary>
    public TimeSpan RefreshTokenLifetime { get; init; } = TimeSpan.FromDays(30);

    /// <summary>Tolerance for clocks that differ between token service and registry (one process here, but tokens outlive restarts).</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a verified Basic login is remembered, so chart clients that send Basic
    /// credentials on every request do not pay a password hash each time.</summary>
    public TimeSpan BasicLoginCacheTtl { get; init; } = TimeSpan.FromSeconds(10);
}
