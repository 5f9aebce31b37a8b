using Tke.Auth.Apis.Groups;
using Tke.Auth.Apis.IdentityProviders;
using Tke.Auth.Apis.LocalGroups;
using Tke.Auth.Apis.Policies;
using Tke.Auth.Apis.PolicyBindings;
using Tke.Auth.Apis.Roles;

namespace Tke.Auth.Authorization;

/// <summary>The stored objects a <see cref="PolicyEngine"/> is compiled from, all tenants together.</summary>
public sealed class AuthorizationInputs
{
    public IEnumerable<Policy> Policies { get; init; } = [];

    public IEnumerable<Role> Roles { get; init; } = [];

    public IEnumerable<ProjectPolicyBinding> ProjectPolicyBindings { get; init; } = [];

    public IEnumerable<CustomPolicyBinding> CustomPolicyBindings { get; init; } = [];

    /// <summary>Local groups: their status.users are the group members.</summary>
    public IEnumerable<LocalGroup> LocalGroups { get; init; } = [];

    /// <summary>Groups reported by identity providers, with their members when the provider lists them.</summary>
    public IEnumerable<Group> Groups { get; init; } = [];

    /// <summary>Identity providers, named after their tenant: their administrators may do anything in that tenant.</summary>
    public IEnumerable<IdentityProvider> IdentityProviders { get; init; } = [];
}
