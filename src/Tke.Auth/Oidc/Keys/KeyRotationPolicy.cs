namespace Tke.Auth.Oidc.Keys;

/// <summary>How often a new signing key replaces the current one, how long before that the new
/// key is published (longer than replicas take to reload keys and relying parties cache the
/// JWKS), and how long a replaced key keeps verifying (as long as the tokens it signed live).</summary>
public sealed record KeyRotationPolicy(TimeSpan RotationPeriod, TimeSpan PublishAhead, TimeSpan VerificationPeriod)
{
    public static KeyRotationPolicy For(OidcOptions options) =>
        new(TimeSpan.FromHours(6), TimeSpan.FromMinutes(10), options.MaxTokenLifetime + options.ClockSkew);
}
