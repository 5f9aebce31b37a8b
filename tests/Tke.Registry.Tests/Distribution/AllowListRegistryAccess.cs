using System.Text;
using Microsoft.AspNetCore.Http;
using Tke.Registry.Access;

namespace Tke.Registry.Tests.Distribution;

/// <summary>
/// A test-only IRegistryAccess: users with passwords in one tenant each (HTTP Basic), and grants
/// of actions on repository namespaces. Anonymous callers are in tenant "default" and get only
/// what is granted to user "*". Without a grant a caller gets Denied when it has some grant in
/// the namespace, else NotFound (as for a private namespace it may not see).
/// </summary>
public sealed class AllowListRegistryAccess : IRegistryAccess
{
    public const string AnyUser = "*";

    private readonly Dictionary<string, (string Password, string Tenant)> _users = [];
    private readonly List<(string Tenant, string User, string Namespace, RegistryAction Action)> _grants = [];

    public AllowListRegistryAccess AddUser(string name, string password, string tenant = "default")
    {
        _users[name] = (password, tenant);
        return this;
    }

    public AllowListRegistryAccess Grant(string tenant, string user, string @namespace, params RegistryAction[] actions)
    {
        foreach (var action in actions)
        {
            _grants.Add((tenant, user, @namespace, action));
        }

        return this;
    }

    public ValueTask<RegistryPrincipal?> IdentifyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var header = request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header))
        {
            return ValueTask.FromResult<RegistryPrincipal?>(new RegistryPrincipal(null, [], "default"));
        }

        if (!header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            return ValueTask.FromResult<RegistryPrincipal?>(null);
        }

        var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..])).Split(':', 2);
        if (pair.Length == 2 && _users.TryGetValue(pair[0], out var user) && user.Password == pair[1])
        {
            return ValueTask.FromResult<RegistryPrincipal?>(new RegistryPrincipal(pair[0], [], user.Tenant));
        }

        return ValueTask.FromResult<RegistryPrincipal?>(null);
    }

    public ValueTask<RegistryDecision> AuthorizeAsync(RegistryPrincipal principal, string repository, RegistryAction action, CancellationToken cancellationToken)
    {
        var ns = repository[..repository.IndexOf('/', StringComparison.Ordinal)];
        var user = principal.UserName ?? AnyUser;
        bool Matches((string Tenant, string User, string Namespace, RegistryAction Action) g) =>
            g.Tenant == principal.Tenant && g.Namespace == ns && (g.User == user || g.User == AnyUser);
        if (_grants.Any(g => Matches(g) && g.Action == action))
        {
            return ValueTask.FromResult(RegistryDecision.Allowed);
        }

        if (principal.IsAnonymous)
        {
            return ValueTask.FromResult(RegistryDecision.Unauthenticated);
        }

        return ValueTask.FromResult(_grants.Any(Matches) ? RegistryDecision.Denied : RegistryDecision.NotFound);
    }

    public string Challenge(HttpRequest request, string? repository, IReadOnlyList<RegistryAction> actions)
    {
        var challenge = "Bearer realm=\"https://registry.test/token\",service=\"registry.test\"";
        return repository is null
            ? challenge
            : challenge + $",scope=\"repository:{repository}:{string.Join(',', actions.Select(a => a.ToString().ToLowerInvariant()))}\"";
    }
}
