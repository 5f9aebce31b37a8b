using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Http;
using Tke.Registry.Access;

namespace Tke.Registry.Tests.Charts;

/// <summary>
/// A test stand-in for the registry's access seam: Basic credentials from a fixed table (each user
/// in one tenant), anonymous callers in tenant "default"; anonymous callers may only pull the chart
/// groups listed as public, signed-in users may do anything in their tenant.
/// </summary>
internal sealed class BasicCredentialsRegistryAccess : IRegistryAccess
{
    private readonly Dictionary<string, (string Password, string Tenant)> _users = new(StringComparer.Ordinal);

    public HashSet<string> PublicGroups { get; } = new(StringComparer.Ordinal);

    public BasicCredentialsRegistryAccess WithUser(string name, string password, string tenant)
    {
        _users[name] = (password, tenant);
        return this;
    }

    public ValueTask<RegistryPrincipal?> IdentifyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header))
        {
            return ValueTask.FromResult<RegistryPrincipal?>(new RegistryPrincipal(null, [], "default"));
        }

        var pair = header.Scheme == "Basic" && header.Parameter is { } p ? Encoding.UTF8.GetString(Convert.FromBase64String(p)).Split(':', 2) : [];
        return ValueTask.FromResult(pair.Length == 2 && _users.TryGetValue(pair[0], out var user) && user.Password == pair[1]
            ? new RegistryPrincipal(pair[0], [], user.Tenant)
            : null);
    }

    public ValueTask<RegistryDecision> AuthorizeAsync(RegistryPrincipal principal, string repository, RegistryAction action, CancellationToken cancellationToken) =>
        ValueTask.FromResult(!principal.IsAnonymous || (action == RegistryAction.Pull && PublicGroups.Contains(repository))
            ? RegistryDecision.Allowed
            : RegistryDecision.Unauthenticated);

    public string Challenge(HttpRequest request, string? repository, IReadOnlyList<RegistryAction> actions) => "Basic realm=\"test\"";
}
