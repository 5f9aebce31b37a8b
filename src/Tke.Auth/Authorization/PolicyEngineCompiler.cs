using Tke.Auth.Apis.Policies;
using Tke.Auth.Apis.Subjects;

namespace Tke.Auth.Authorization;

/// <summary>
/// Turns stored objects into a <see cref="PolicyEngine"/>'s indexes, following TKEStack's
/// binding rules (the casbin grouping rules tke-auth-controller wrote):
/// <list type="bullet">
/// <item>A platform policy (scope "platform" or unset) applies to the users and groups in its
/// status, in every project context of its tenant. Project-scoped policies bound there are ignored.</item>
/// <item>A role applies its platform policies to the users and groups in its status.</item>
/// <item>A ProjectPolicyBinding applies its project-scoped policy to its users and groups only
/// for requests made in its project.</item>
/// <item>A CustomPolicyBinding applies its policy's actions and effect, narrowed to the binding's
/// resources, in its domain: "*" or "" for every request of the tenant, otherwise a project id.</item>
/// <item>A group's members get everything bound to the group. A user named "*" stands for every
/// user of the tenant (TKEStack's DefaultAll).</item>
/// <item>A binding only uses a policy of its own tenant, and objects in phase Terminating are left out.</item>
/// </list>
/// Users are indexed by name and by id, groups by id (object name) and by name, so a binding
/// that names either finds the subject.
/// </summary>
internal static class PolicyEngineCompiler
{
    public const string AllUsers = "*";
    private const string Terminating = "Terminating";

    public static Dictionary<string, TenantRules> Compile(AuthorizationInputs inputs, out int statementCount)
    {
        var tenants = new Dictionary<string, TenantAccumulator>(StringComparer.Ordinal);
        TenantAccumulator TenantOf(string tenantId)
        {
            if (!tenants.TryGetValue(tenantId, out var tenant))
            {
                tenants[tenantId] = tenant = new TenantAccumulator();
            }

            return tenant;
        }

        var policies = new Dictionary<string, Policy>(StringComparer.Ordinal);
        foreach (var policy in inputs.Policies)
        {
            if (policy.Status?.Phase != Terminating && !string.IsNullOrEmpty(policy.Metadata.Name))
            {
                policies[policy.Metadata.Name] = policy;
            }
        }

        var compiled = new Dictionary<string, CompiledStatement>(StringComparer.Ordinal);
        CompiledStatement StatementOf(Policy policy)
        {
            var name = policy.Metadata.Name!;
            if (!compiled.TryGetValue(name, out var statement))
            {
                compiled[name] = statement = CompiledStatement.FromPolicy(policy);
            }

            return statement;
        }

        var extraStatements = 0;
        foreach (var policy in policies.Values)
        {
            if (!IsProjectScoped(policy))
            {
                TenantOf(policy.Spec.TenantId).Bind(policy.Status?.Users, policy.Status?.Groups, null, StatementOf(policy));
            }
        }

        foreach (var role in inputs.Roles)
        {
            if (role.Status?.Phase == Terminating)
            {
                continue;
            }

            foreach (var policyName in role.Spec.Policies ?? [])
            {
                if (policies.TryGetValue(policyName, out var policy) && policy.Spec.TenantId == role.Spec.TenantId && !IsProjectScoped(policy))
                {
                    TenantOf(role.Spec.TenantId).Bind(role.Status?.Users, role.Status?.Groups, null, StatementOf(policy));
                }
            }
        }

        foreach (var binding in inputs.ProjectPolicyBindings)
        {
            if (binding.Status?.Phase == Terminating || !policies.TryGetValue(binding.Spec.PolicyId, out var policy) || !IsProjectScoped(policy))
            {
                continue;
            }

            var tenantId = binding.Spec.TenantId.Length > 0 ? binding.Spec.TenantId : policy.Spec.TenantId;
            if (policy.Spec.TenantId == tenantId && binding.Spec.ProjectId.Length > 0)
            {
                TenantOf(tenantId).Bind(binding.Spec.Users, binding.Spec.Groups, binding.Spec.ProjectId, StatementOf(policy));
            }
        }

        foreach (var binding in inputs.CustomPolicyBindings)
        {
            if (binding.Status?.Phase == Terminating || !policies.TryGetValue(binding.Spec.PolicyId, out var policy))
            {
                continue;
            }

            var tenantId = binding.Spec.TenantId.Length > 0 ? binding.Spec.TenantId : policy.Spec.TenantId;
            if (policy.Spec.TenantId != tenantId)
            {
                continue;
            }

            var statement = binding.Spec.Resources is { Count: > 0 } resources ? CompiledStatement.FromPolicy(policy, resources) : StatementOf(policy);
            extraStatements++;
            var project = binding.Spec.Domain is "" or "*" ? null : binding.Spec.Domain;
            TenantOf(tenantId).Bind(binding.Spec.Users, binding.Spec.Groups, project, statement);
        }

        foreach (var group in inputs.LocalGroups)
        {
            if (group.Status?.Phase != Terminating)
            {
                TenantOf(group.Spec.TenantId).AddMembers(GroupKeys(group.Metadata.Name, group.Spec.DisplayName), group.Status?.Users);
            }
        }

        foreach (var group in inputs.Groups)
        {
            TenantOf(group.Spec.TenantId).AddMembers(GroupKeys(group.Metadata.Name, group.Spec.Id), group.Status?.Users);
        }

        foreach (var provider in inputs.IdentityProviders)
        {
            if (!string.IsNullOrEmpty(provider.Metadata.Name))
            {
                TenantOf(provider.Metadata.Name).Administrators.UnionWith(provider.Spec.Administrators ?? []);
            }
        }

        statementCount = compiled.Count + extraStatements;
        return tenants.ToDictionary(t => t.Key, t => t.Value.Freeze(), StringComparer.Ordinal);
    }

    private static bool IsProjectScoped(Policy policy) => policy.Spec.Scope == PolicyScopes.Project;

    private static IEnumerable<string> GroupKeys(params string?[] keys) => keys.Where(k => !string.IsNullOrEmpty(k)).Distinct()!;

    private static IEnumerable<string> SubjectKeys(Subject subject)
    {
        if (subject.Name.Length > 0)
        {
            yield return subject.Name;
        }

        if (subject.Id.Length > 0 && subject.Id != subject.Name)
        {
            yield return subject.Id;
        }
    }

    private sealed class SubjectAccumulator
    {
        public List<CompiledStatement> Platform { get; } = [];

        public Dictionary<string, List<CompiledStatement>> Projects { get; } = new(StringComparer.Ordinal);

        public void Add(string? project, CompiledStatement statement)
        {
            if (project is null)
            {
                Platform.Add(statement);
                return;
            }

            if (!Projects.TryGetValue(project, out var list))
            {
                Projects[project] = list = [];
            }

            list.Add(statement);
        }

        public void AddAll(SubjectAccumulator other)
        {
            Platform.AddRange(other.Platform);
            foreach (var (project, statements) in other.Projects)
            {
                foreach (var statement in statements)
                {
                    Add(project, statement);
                }
            }
        }

        public SubjectRules Freeze() => new(
            new RuleSet(Platform),
            Projects.Count == 0 ? null : Projects.ToDictionary(p => p.Key, p => new RuleSet(p.Value), StringComparer.Ordinal));
    }

    private sealed class TenantAccumulator
    {
        private readonly Dictionary<string, SubjectAccumulator> _users = new(StringComparer.Ordinal);
        private readonly Dictionary<string, SubjectAccumulator> _groups = new(StringComparer.Ordinal);
        private readonly Dictionary<string, HashSet<string>> _groupsOfUser = new(StringComparer.Ordinal);
        private readonly SubjectAccumulator _everyone = new();

        public HashSet<string> Administrators { get; } = new(StringComparer.Ordinal);

        public void Bind(List<Subject>? users, List<Subject>? groups, string? project, CompiledStatement statement)
        {
            foreach (var user in users ?? [])
            {
                if (user.Name == AllUsers || (user.Name.Length == 0 && user.Id == AllUsers))
                {
                    _everyone.Add(project, statement);
                    continue;
                }

                foreach (var key in SubjectKeys(user))
                {
                    Get(_users, key).Add(project, statement);
                }
            }

            foreach (var group in groups ?? [])
            {
                foreach (var key in SubjectKeys(group))
                {
                    Get(_groups, key).Add(project, statement);
                }
            }
        }

        public void AddMembers(IEnumerable<string> groupKeys, List<Subject>? members)
        {
            var keys = groupKeys.ToArray();
            foreach (var member in members ?? [])
            {
                foreach (var userKey in SubjectKeys(member))
                {
                    if (!_groupsOfUser.TryGetValue(userKey, out var set))
                    {
                        _groupsOfUser[userKey] = set = new HashSet<string>(StringComparer.Ordinal);
                    }

                    set.UnionWith(keys);
                }
            }
        }

        public TenantRules Freeze()
        {
            // Local group membership is folded into each member's own rules, so a decision for a
            // local user looks up one entry instead of one per group.
            var users = new Dictionary<string, SubjectRules>(StringComparer.Ordinal);
            foreach (var userKey in _users.Keys.Union(_groupsOfUser.Keys))
            {
                var merged = new SubjectAccumulator();
                if (_users.TryGetValue(userKey, out var own))
                {
                    merged.AddAll(own);
                }

                foreach (var groupKey in _groupsOfUser.GetValueOrDefault(userKey) ?? [])
                {
                    if (_groups.TryGetValue(groupKey, out var group))
                    {
                        merged.AddAll(group);
                    }
                }

                users[userKey] = merged.Freeze();
            }

            var groups = _groups.ToDictionary(g => g.Key, g => g.Value.Freeze(), StringComparer.Ordinal);
            var everyone = _everyone.Platform.Count == 0 && _everyone.Projects.Count == 0 ? null : _everyone.Freeze();
            return new TenantRules(users, groups, everyone, Administrators);
        }

        private static SubjectAccumulator Get(Dictionary<string, SubjectAccumulator> map, string key)
        {
            if (!map.TryGetValue(key, out var value))
            {
                map[key] = value = new SubjectAccumulator();
            }

            return value;
        }
    }
}
