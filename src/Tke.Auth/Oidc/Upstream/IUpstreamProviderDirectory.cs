namespace Tke.Auth.Oidc.Upstream;

/// <summary>The upstream OpenID Connect providers the platform can send users to.</summary>
public interface IUpstreamProviderDirectory
{
    /// <summary>The providers offered on the login page of a tenant (null: the default tenant).</summary>
    ValueTask<IReadOnlyList<UpstreamProviderLink>> ListAsync(string? tenantId, CancellationToken cancellationToken);

    /// <summary>A provider by name with a client ready to talk to it; null when there is no such OIDC provider.</summary>
    /// <exception cref="UpstreamOidcConfigException">The provider exists but its configuration is unusable.</exception>
    ValueTask<UpstreamProvider?> FindAsync(string name, CancellationToken cancellationToken);
}

/// <summary>A provider as the login page lists it.</summary>
/// <param name="Name">The IdentityProvider's metadata.name, which goes into the start URL.</param>
/// <param name="DisplayName">spec.name, shown as "Log in with ...".</param>
public sealed record UpstreamProviderLink(string Name, string DisplayName);

/// <summary>A provider ready for a login: the tenant its users belong to and its client.</summary>
public sealed record UpstreamProvider(string Name, string DisplayName, string TenantId, UpstreamOidcClient Client);
