using Microsoft.AspNetCore.Http;

namespace Tke.Registry.Access;

/// <summary>Which tenant a request addresses by its host name: &lt;tenant&gt;.&lt;domain suffix&gt;.</summary>
public static class RegistryTenants
{
    /// <summary>The tenant named by the host, or null when the host is not a registry host name
    /// (e.g. the platform's own address).</summary>
    public static string? FromHost(HttpRequest request, string domainSuffix)
    {
        var host = request.Host.Host;
        if (string.IsNullOrEmpty(host) || string.IsNullOrEmpty(domainSuffix))
        {
            return null;
        }

        var suffix = "." + domainSuffix.TrimStart('.');
        if (host.Length <= suffix.Length || !host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var tenant = host[..^suffix.Length].ToLowerInvariant();
        return tenant.Contains('.', StringComparison.Ordinal) ? null : tenant;
    }
}
