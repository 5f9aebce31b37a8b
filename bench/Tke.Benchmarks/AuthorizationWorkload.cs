using Tke.Auth.Apis.LocalGroups;
using Tke.Auth.Apis.Policies;
using Tke.Auth.Apis.PolicyBindings;
using Tke.Auth.Apis.Subjects;
using Tke.Auth.Authorization;

namespace Tke.Benchmarks;

/// <summary>
/// A synthetic but realistic set of auth objects for the authorization benchmark: users in
/// local groups, platform policies bound to users and groups, project policies bound through
/// ProjectPolicyBindings, some deny policies, and a second tenant, with the action and resource
/// wildcard shapes TKEStack's presets and the manual use.
/// </summary>
public sealed class AuthorizationWorkload
{
    public const string Tenant = "default";
    private const string OtherTenant = "other";
    private const int Clusters = 50;
    private const int Namespaces = 200;
    private const int Projects = 500;
    private const int GroupsPerUser = 3;

    private static readonly string[] Kinds =
    [
        "Deployment", "Statefulset", "Daemonset", "Pod", "Service", "Ingress", "Configmap", "Secret", "Job", "Cronjob",
        "Namespace", "Persistentvolumeclaim", "Horizontalpodautoscaler", "Alarmpolicy", "Helm", "Chart", "Repository",
    ];

    private static readonly string[] Verbs = ["get", "list", "create", "update", "delete", "watch"];

    private readonly Random _random;

    private AuthorizationWorkload(int users, int groups, int policies, int seed)
    {
        _random = new Random(seed);
        UserCount = users;
        GroupCount = groups;
        Inputs = Generate(users, groups, policies);
    }

    public int UserCount { get; }

    public int GroupCount { get; }

    public AuthorizationInputs Inputs { get; }

    /// <summary>Group names of each user, as a token would carry them (user index to groups).</summary>
    public string[][] GroupsOfUser { get; private set; } = [];

    /// <summary>The project each user is a member of, by user index.</summary>
    public string[] ProjectOfUser { get; private set; } = [];

    public static AuthorizationWorkload Create(int users, int groups, int policies, int seed) => new(users, groups, policies, seed);

    public static string UserName(int i) => $"user-{i:D5}";

    /// <summary>Requests of the mix the benchmark decides: mostly users' own clusters and projects, some cold paths.</summary>
    public AuthorizationQuery[] Queries(int count)
    {
        var queries = new AuthorizationQuery[count];
        for (var i = 0; i < count; i++)
        {
            var user = _random.Next(UserCount);
            var kind = Kinds[_random.Next(Kinds.Length)];
            var verb = Verbs[_random.Next(Verbs.Length)];
            var name = _random.Next(4) == 0 ? "*" : $"{kind.ToLowerInvariant()}-{_random.Next(100)}";
            var action = verb is "list" ? $"list{kind}s" : $"{verb}{kind}";
            var resource = $"cluster:cls-{_random.Next(Clusters)}/namespace:ns-{_random.Next(Namespaces)}/{kind.ToLowerInvariant()}:{name}";
            var inProject = _random.Next(2) == 0;
            // A third of the users log in through a provider that reports their groups in the token.
            var tokenGroups = user % 3 == 0 ? GroupsOfUser[user] : [];
            queries[i] = new AuthorizationQuery(new RequestSubject(UserName(user), tokenGroups), action, resource, inProject ? ProjectOfUser[user] : null);
        }

        return queries;
    }

    private AuthorizationInputs Generate(int users, int groups, int policyCount)
    {
        var groupMembers = Enumerable.Range(0, groups).Select(_ => new List<Subject>()).ToArray();
        GroupsOfUser = new string[users][];
        ProjectOfUser = new string[users];
        for (var u = 0; u < users; u++)
        {
            var mine = Enumerable.Range(0, GroupsPerUser).Select(_ => _random.Next(groups)).Distinct().ToArray();
            foreach (var g in mine)
            {
                groupMembers[g].Add(new Subject { Id = $"usr-{u:D5}", Name = UserName(u) });
            }

            GroupsOfUser[u] = mine.Select(GroupName).ToArray();
            ProjectOfUser[u] = ProjectName(_random.Next(Projects));
        }

        var localGroups = Enumerable.Range(0, groups).Select(g => new LocalGroup
        {
            Metadata = { Name = GroupName(g) },
            Spec = new LocalGroupSpec { DisplayName = $"group-{g}", TenantId = Tenant },
            Status = new LocalGroupStatus { Users = groupMembers[g] },
        }).ToList();

        var policies = new List<Policy>(policyCount);
        var projectBindings = new List<ProjectPolicyBinding>();
        for (var p = 0; p < policyCount; p++)
        {
            var name = $"pol-{p:D5}";
            var share = p % 10;
            var policy = share switch
            {
                0 or 1 => NewPolicy(name, Tenant, PolicyScopes.Platform, PolicyEffects.Allow, users: RandomUsers(users, 1, 3)),
                2 or 3 or 4 => NewPolicy(name, Tenant, PolicyScopes.Platform, PolicyEffects.Allow, groups: [new Subject { Id = GroupName(_random.Next(groups)) }]),
                5 or 6 or 7 => NewPolicy(name, Tenant, PolicyScopes.Project, PolicyEffects.Allow),
                8 => NewPolicy(name, Tenant, PolicyScopes.Platform, PolicyEffects.Deny, groups: [new Subject { Id = GroupName(_random.Next(groups)) }]),
                _ => NewPolicy(name, OtherTenant, PolicyScopes.Platform, PolicyEffects.Allow, users: RandomUsers(users, 1, 3)),
            };
            policies.Add(policy);

            if (share is 5 or 6 or 7)
            {
                // Members of a project get the project's policy; pick users whose project it is.
                var project = ProjectOfUser[_random.Next(users)];
                var members = Enumerable.Range(0, 5).Select(_ => _random.Next(users)).Where(u => ProjectOfUser[u] == project)
                    .Select(u => new Subject { Name = UserName(u) }).ToList();
                members.Add(new Subject { Name = UserName(_random.Next(users)) });
                projectBindings.Add(new ProjectPolicyBinding
                {
                    Metadata = { Name = $"{project}-{name}" },
                    Spec = new ProjectPolicyBindingSpec
                    {
                        TenantId = Tenant,
                        ProjectId = project,
                        PolicyId = name,
                        Users = members,
                        Groups = _random.Next(3) == 0 ? [new Subject { Id = GroupName(_random.Next(groups)) }] : null,
                    },
                });
            }
        }

        policies.AddRange(PresetPolicies.For(Tenant));
        return new AuthorizationInputs { Policies = policies, ProjectPolicyBindings = projectBindings, LocalGroups = localGroups };
    }

    private Policy NewPolicy(string name, string tenant, string scope, string effect, List<Subject>? users = null, List<Subject>? groups = null) => new()
    {
        Metadata = { Name = name },
        Spec = new PolicySpec
        {
            DisplayName = name,
            TenantId = tenant,
            Category = "common",
            Type = PolicyTypes.Custom,
            Scope = scope,
            Statement = new Statement { Actions = RandomActions(effect), Resources = RandomResources(), Effect = effect },
        },
        Status = new PolicyStatus { Users = users, Groups = groups },
    };

    private List<string> RandomActions(string effect)
    {
        var kind = Kinds[_random.Next(Kinds.Length)];
        if (effect == PolicyEffects.Deny)
        {
            return [_random.Next(2) == 0 ? $"delete{kind}" : $"*{kind}*"];
        }

        return _random.Next(8) switch
        {
            0 => ["get*", "list*", "watch*"],
            1 => [$"*{kind}*", $"*{kind}s*"],
            2 => [$"get{kind}", $"list{kind}s", $"update{kind}"],
            3 => ["*"],
            4 => [$"get*{kind}*", "list*"],
            5 => [$"create{kind}", $"delete{kind}", $"*{Kinds[_random.Next(Kinds.Length)]}*"],
            6 => [$"{Verbs[_random.Next(Verbs.Length)]}*"],
            _ => [$"*{kind}", $"get{kind}Status", $"list{kind}Events"],
        };
    }

    private List<string> RandomResources()
    {
        var cluster = $"cls-{_random.Next(Clusters)}";
        var ns = $"ns-{_random.Next(Namespaces)}";
        return _random.Next(6) switch
        {
            0 => ["*"],
            1 => [$"cluster:{cluster}/*"],
            2 => [$"cluster:{cluster}/namespace:{ns}/*"],
            3 => [$"cluster:*/namespace:{ns}/*", $"cluster:{cluster}/namespace:*/deployment:web-*"],
            4 => [$"cluster:{cluster}/namespace:{ns}/deployment:deployment-{_random.Next(100)}"],
            _ => ["cluster:*"],
        };
    }

    private List<Subject> RandomUsers(int users, int min, int max) =>
        Enumerable.Range(0, _random.Next(min, max + 1)).Select(_ => new Subject { Name = UserName(_random.Next(users)) }).ToList();

    private static string GroupName(int g) => $"grp-{g:D4}";

    private static string ProjectName(int p) => $"prj-{p:D4}";
}

/// <summary>One decision to make in the benchmark.</summary>
public sealed record AuthorizationQuery(RequestSubject Subject, string Action, string Resource, string? ProjectId);
