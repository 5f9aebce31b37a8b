using Tke.Auth.Apis.LocalGroups;
using Tke.Auth.Apis.Policies;
using Tke.Auth.Apis.PolicyBindings;
using Tke.Auth.Apis.Roles;
using Tke.Auth.Apis.Subjects;

namespace Tke.Auth.Tests.Authorization;

/// <summary>Small builders for the stored objects the engine is compiled from.</summary>
internal static class PolicyFixtures
{
    public static Policy Policy(
        string name,
        string tenant,
        string effect,
        string[] actions,
        string[] resources,
        string[]? users = null,
        string[]? groups = null,
        string scope = PolicyScopes.Platform) => new()
        {
            Metadata = { Name = name },
            Spec = new PolicySpec
            {
                DisplayName = name.ToUpperInvariant(),
                TenantId = tenant,
                Category = "common",
                Scope = scope,
                Type = PolicyTypes.Custom,
                Statement = new Statement { Actions = [.. actions], Resources = [.. resources], Effect = effect },
            },
            Status = new PolicyStatus { Users = Subjects(users), Groups = Subjects(groups) },
        };

    public static ProjectPolicyBinding ProjectBinding(string tenant, string project, string policy, string[]? users = null, string[]? groups = null) => new()
    {
        Metadata = { Name = $"{project}-{policy}" },
        Spec = new ProjectPolicyBindingSpec
        {
            TenantId = tenant,
            ProjectId = project,
            PolicyId = policy,
            Users = Subjects(users),
            Groups = Subjects(groups),
        },
    };

    public static Role Role(string name, string tenant, string[] policies, string[]? users = null, string[]? groups = null) => new()
    {
        Metadata = { Name = name },
        Spec = new RoleSpec { DisplayName = name, TenantId = tenant, Policies = [.. policies] },
        Status = new RoleStatus { Users = Subjects(users), Groups = Subjects(groups) },
    };

    public static LocalGroup LocalGroup(string name, string tenant, params string[] members) => new()
    {
        Metadata = { Name = name },
        Spec = new LocalGroupSpec { DisplayName = name + "-display", TenantId = tenant },
        Status = new LocalGroupStatus { Users = Subjects(members) },
    };

    public static List<Subject>? Subjects(string[]? names) => names?.Select(n => new Subject { Name = n }).ToList();
}
