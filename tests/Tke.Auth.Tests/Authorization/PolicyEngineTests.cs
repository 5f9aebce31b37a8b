using Tke.Auth.Apis.IdentityProviders;
using Tke.Auth.Apis.PolicyBindings;
using Tke.Auth.Apis.Subjects;
using Tke.Auth.Authorization;
using static Tke.Auth.Tests.Authorization.PolicyFixtures;

namespace Tke.Auth.Tests.Authorization;

public sealed class PolicyEngineTests
{
    private static RequestSubject Alice(params string[] groups) => new("alice", groups);

    [Fact]
    public void NothingBoundMeansDenied()
    {
        var engine = PolicyEngine.Build(new AuthorizationInputs { Policies = [Policy("pol-1", "default", "allow", ["*"], ["*"], users: ["bob"])] });

        var decision = engine.Authorize(Alice(), "default", "getCluster", "cluster:cls-1", null);

        Assert.False(decision.Allowed);
        Assert.Equal(DecisionReason.NoMatchingPolicy, decision.Reason);
    }

    [Fact]
    public void AllowNamesThePolicy()
    {
        var engine = PolicyEngine.Build(new AuthorizationInputs
        {
            Policies = [Policy("pol-read", "default", "allow", ["get*", "list*"], ["cluster:cls-1/*", "cluster:cls-1"], users: ["alice"])],
        });

        var decision = engine.Authorize(Alice(), "default", "getCluster", "cluster:cls-1", null);

        Assert.True(decision.Allowed);
        Assert.Equal(DecisionReason.AllowedByPolicy, decision.Reason);
        Assert.Equal("pol-read", decision.PolicyName);
        Assert.Equal("POL-READ", decision.PolicyDisplayName);
        Assert.Contains("pol-read", decision.Describe());
        Assert.False(engine.Authorize(Alice(), "default", "deleteCluster", "cluster:cls-1", null).Allowed);
        Assert.False(engine.Authorize(Alice(), "default", "getCluster", "cluster:cls-2", null).Allowed);
    }

    [Fact]
    public void ExplicitDenyWinsOverAllow()
    {
        var engine = PolicyEngine.Build(new AuthorizationInputs
        {
            Policies =
            [
                Policy("pol-all", "default", "allow", ["*"], ["*"], users: ["alice"]),
                Policy("pol-no-delete", "default", "deny", ["delete*"], ["cluster:cls-prod/*"], groups: ["ops"]),
            ],
        });

        var denied = engine.Authorize(Alice("ops"), "default", "deleteDeployment", "cluster:cls-prod/namespace:a/deployment:web", null);
        Assert.False(denied.Allowed);
        Assert.Equal(DecisionReason.DeniedByPolicy, denied.Reason);
        Assert.Equal("pol-no-delete", denied.PolicyName);

        Assert.True(engine.Authorize(Alice("ops"), "default", "getDeployment", "cluster:cls-prod/namespace:a/deployment:web", null).Allowed);
        Assert.True(engine.Authorize(Alice("ops"), "default", "deleteDeployment", "cluster:cls-dev/namespace:a/deployment:web", null).Allowed);
        Assert.True(engine.Authorize(Alice(), "default", "deleteDeployment", "cluster:cls-prod/namespace:a/deployment:web", null).Allowed);
    }

    [Fact]
    public void DenyWinsWhicheverSourceItComesFrom()
    {
        var engine = PolicyEngine.Build(new AuthorizationInputs
        {
            Policies =
            [
                Policy("pol-all", "default", "allow", ["*"], ["*"], groups: ["devs"]),
                Policy("pol-deny-all-users", "default", "deny", ["deleteCluster"], ["*"], users: ["*"]),
            ],
        });

        Assert.False(engine.Authorize(Alice("devs"), "default", "deleteCluster", "cluster:cls-1", null).Allowed);
        Assert.True(engine.Authorize(Alice("devs"), "default", "getCluster", "cluster:cls-1", null).Allowed);
    }

    [Fact]
    public void PoliciesNeverCrossTenants()
    {
        var engine = PolicyEngine.Build(new AuthorizationInputs
        {
            Policies =
            [
                Policy("pol-a", "tenant-a", "allow", ["*"], ["*"], users: ["alice"], groups: ["admins"]),
                Policy("pol-b-everyone", "tenant-b", "allow", ["getCluster"], ["*"], users: ["*"]),
            ],
            IdentityProviders = [new IdentityProvider { Metadata = { Name = "tenant-a" }, Spec = { Administrators = ["root"] } }],
        });

        Assert.True(engine.Authorize(Alice(), "tenant-a", "deleteCluster", "cluster:cls-1", null).Allowed);
        Assert.False(engine.Authorize(Alice(), "tenant-b", "deleteCluster", "cluster:cls-1", null).Allowed);
        Assert.False(engine.Authorize(new RequestSubject("bob", ["admins"]), "tenant-b", "deleteCluster", "cluster:cls-1", null).Allowed);
        Assert.False(engine.Authorize(new RequestSubject("root", []), "tenant-b", "deleteCluster", "cluster:cls-1", null).Allowed);
        Assert.True(engine.Authorize(new RequestSubject("root", []), "tenant-a", "deleteCluster", "cluster:cls-1", null).Allowed);
        Assert.False(engine.Authorize(Alice(), "tenant-c", "getCluster", "cluster:cls-1", null).Allowed);
        Assert.False(engine.Authorize(Alice(), "tenant-a", "listPortal", "*", null) is { Allowed: false });

        // A token of tenant A used for a request in tenant B is refused outright.
        var crossing = engine.Authorize(new RequestSubject("alice", [], "tenant-a"), "tenant-b", "getCluster", "cluster:cls-1", null);
        Assert.False(crossing.Allowed);
        Assert.Equal(DecisionReason.TenantMismatch, crossing.Reason);
    }

    [Fact]
    public void RolesAndBindingsIgnorePoliciesOfOtherTenants()
    {
        var engine = PolicyEngine.Build(new AuthorizationInputs
        {
            Policies =
            [
                Policy("pol-b-all", "tenant-b", "allow", ["*"], ["*"]),
                Policy("pol-b-project", "tenant-b", "allow", ["*"], ["*"], scope: "project"),
            ],
            Roles = [Role("rol-a", "tenant-a", ["pol-b-all"], users: ["alice"])],
            ProjectPolicyBindings = [ProjectBinding("tenant-a", "prj-1", "pol-b-project", users: ["alice"])],
        });

        Assert.False(engine.Authorize(Alice(), "tenant-a", "getCluster", "cluster:cls-1", null).Allowed);
        Assert.False(engine.Authorize(Alice(), "tenant-a", "getCluster", "cluster:cls-1", "prj-1").Allowed);
        Assert.False(engine.Authorize(Alice(), "tenant-b", "getCluster", "cluster:cls-1", "prj-1").Allowed);
    }

    [Fact]
    public void GroupPoliciesApplyToLocalMembersAndToTokenGroups()
    {
        var engine = PolicyEngine.Build(new AuthorizationInputs
        {
            Policies =
            [
                Policy("pol-local", "default", "allow", ["listClusters"], ["*"], groups: ["grp-ops"]),
                Policy("pol-ldap", "default", "allow", ["getCluster"], ["*"], groups: ["cn=devs"]),
            ],
            LocalGroups = [LocalGroup("grp-ops", "default", "alice"), LocalGroup("grp-ops", "other", "bob")],
        });

        Assert.True(engine.Authorize(Alice(), "default", "listClusters", "cluster:*", null).Allowed);
        Assert.False(engine.Authorize(new RequestSubject("bob", []), "default", "listClusters", "cluster:*", null).Allowed);
        Assert.False(engine.Authorize(Alice(), "default", "getCluster", "cluster:cls-1", null).Allowed);
        Assert.True(engine.Authorize(Alice("cn=devs"), "default", "getCluster", "cluster:cls-1", null).Allowed);
        Assert.True(engine.Authorize(new RequestSubject("carol", ["grp-ops"]), "default", "listClusters", "cluster:*", null).Allowed);
    }

    [Fact]
    public void GroupsBoundByDisplayNameAreFoundToo()
    {
        var engine = PolicyEngine.Build(new AuthorizationInputs
        {
            Policies = [Policy("pol-1", "default", "allow", ["*"], ["*"], groups: ["grp-ops-display"])],
            LocalGroups = [LocalGroup("grp-ops", "default", "alice")],
        });

        Assert.True(engine.Authorize(Alice(), "default", "getCluster", "cluster:cls-1", null).Allowed);
    }

    [Fact]
    public void ProjectPoliciesApplyOnlyToMembersInTheirProject()
    {
        var engine = PolicyEngine.Build(new AuthorizationInputs
        {
            Policies =
            [
                Policy("pol-deploy", "default", "allow", ["*Deployment*"], ["*"], scope: "project"),
                Policy("pol-proj-bound-on-status", "default", "allow", ["*"], ["*"], users: ["mallory"], scope: "project"),
            ],
            ProjectPolicyBindings =
            [
                ProjectBinding("default", "prj-1", "pol-deploy", users: ["alice"], groups: ["team-1"]),
            ],
        });

        const string Resource = "cluster:cls-1/namespace:ns-1/deployment:web";
        Assert.True(engine.Authorize(Alice(), "default", "updateDeployment", Resource, "prj-1").Allowed);
        Assert.True(engine.Authorize(new RequestSubject("dan", ["team-1"]), "default", "updateDeployment", Resource, "prj-1").Allowed);
        Assert.False(engine.Authorize(Alice(), "default", "updateDeployment", Resource, "prj-2").Allowed);
        Assert.False(engine.Authorize(Alice(), "default", "updateDeployment", Resource, null).Allowed);
        Assert.False(engine.Authorize(new RequestSubject("bob", []), "default", "updateDeployment", Resource, "prj-1").Allowed);
        Assert.False(engine.Authorize(Alice(), "default", "deletePod", "cluster:cls-1/namespace:ns-1/pod:p", "prj-1").Allowed);

        // A project-scoped policy does nothing when bound as a platform policy.
        Assert.False(engine.Authorize(new RequestSubject("mallory", []), "default", "getCluster", "cluster:cls-1", null).Allowed);
    }

    [Fact]
    public void PlatformPoliciesApplyInsideProjectsToo()
    {
        var engine = PolicyEngine.Build(new AuthorizationInputs
        {
            Policies = [Policy("pol-read", "default", "allow", ["get*"], ["*"], users: ["alice"])],
        });

        Assert.True(engine.Authorize(Alice(), "default", "getDeployment", "cluster:cls-1/namespace:a/deployment:b", "prj-1").Allowed);
    }

    [Fact]
    public void InsideAProjectAnotherProjectObjectIsDenied()
    {
        var engine = PolicyEngine.Build(new AuthorizationInputs
        {
            Policies = [Policy("pol-all", "default", "allow", ["*"], ["*"], users: ["alice"])],
        });

        var decision = engine.Authorize(Alice(), "default", "getProject", "project:prj-2", "prj-1");
        Assert.False(decision.Allowed);
        Assert.Equal(DecisionReason.ProjectMismatch, decision.Reason);
        Assert.True(engine.Authorize(Alice(), "default", "getProject", "project:prj-1", "prj-1").Allowed);
        Assert.True(engine.Authorize(Alice(), "default", "listProjects", "project:*", "prj-1").Allowed);
    }

    [Fact]
    public void RolesBindTheirPlatformPolicies()
    {
        var engine = PolicyEngine.Build(new AuthorizationInputs
        {
            Policies =
            [
                Policy("pol-clusters", "default", "allow", ["*Cluster*"], ["*"]),
                Policy("pol-nodes", "default", "allow", ["*Node*"], ["*"]),
                Policy("pol-proj", "default", "allow", ["*"], ["*"], scope: "project"),
            ],
            Roles = [Role("rol-ops", "default", ["pol-clusters", "pol-nodes", "pol-proj", "pol-missing"], groups: ["ops"])],
        });

        Assert.True(engine.Authorize(Alice("ops"), "default", "getCluster", "cluster:cls-1", null).Allowed);
        Assert.True(engine.Authorize(Alice("ops"), "default", "listNodes", "cluster:cls-1/node:*", null).Allowed);
        Assert.False(engine.Authorize(Alice("ops"), "default", "getSecret", "cluster:cls-1/namespace:a/secret:s", null).Allowed);
    }

    [Fact]
    public void CustomBindingsNarrowThePolicyToTheirResourcesAndDomain()
    {
        var engine = PolicyEngine.Build(new AuthorizationInputs
        {
            Policies = [Policy("pol-read", "default", "allow", ["get*"], ["*"])],
            CustomPolicyBindings =
            [
                new CustomPolicyBinding
                {
                    Metadata = { Name = "pol-read", Namespace = "default" },
                    Spec = new CustomPolicyBindingSpec
                    {
                        TenantId = "default", PolicyId = "pol-read", RulePrefix = "cpb", Domain = "*",
                        Resources = ["cluster:cls-1/*"], Users = [new Subject { Name = "alice" }],
                    },
                },
                new CustomPolicyBinding
                {
                    Metadata = { Name = "pol-read-2", Namespace = "default" },
                    Spec = new CustomPolicyBindingSpec
                    {
                        TenantId = "default", PolicyId = "pol-read", RulePrefix = "cpb", Domain = "prj-9",
                        Resources = ["cluster:cls-9/*"], Users = [new Subject { Name = "alice" }],
                    },
                },
            ],
        });

        Assert.True(engine.Authorize(Alice(), "default", "getDeployment", "cluster:cls-1/namespace:a/deployment:b", null).Allowed);
        Assert.False(engine.Authorize(Alice(), "default", "getDeployment", "cluster:cls-2/namespace:a/deployment:b", null).Allowed);
        Assert.False(engine.Authorize(Alice(), "default", "getDeployment", "cluster:cls-9/namespace:a/deployment:b", null).Allowed);
        Assert.True(engine.Authorize(Alice(), "default", "getDeployment", "cluster:cls-9/namespace:a/deployment:b", "prj-9").Allowed);
    }

    [Fact]
    public void UsersBoundByIdAreFoundThroughTheirId()
    {
        var policy = Policy("pol-1", "default", "allow", ["*"], ["*"]);
        policy.Status!.Users = [new Subject { Id = "usr-123" }];
        var engine = PolicyEngine.Build(new AuthorizationInputs { Policies = [policy] });

        Assert.False(engine.Authorize(Alice(), "default", "getCluster", "cluster:c", null).Allowed);
        Assert.True(engine.Authorize(Alice() with { UserId = "usr-123" }, "default", "getCluster", "cluster:c", null).Allowed);
    }

    [Fact]
    public void TerminatingObjectsAreLeftOut()
    {
        var policy = Policy("pol-1", "default", "allow", ["*"], ["*"], users: ["alice"]);
        policy.Status!.Phase = "Terminating";
        var engine = PolicyEngine.Build(new AuthorizationInputs { Policies = [policy] });

        Assert.False(engine.Authorize(Alice(), "default", "getCluster", "cluster:c", null).Allowed);
    }

    [Fact]
    public void RequestAttributesAreMappedBeforeDeciding()
    {
        var engine = PolicyEngine.Build(new AuthorizationInputs
        {
            Policies = [Policy("pol-web", "default", "allow", ["get*", "list*"], ["cluster:cls-1/namespace:demo/*"], users: ["alice"])],
        });

        var request = new RequestAttributes { Verb = "list", ApiGroup = "apps", Resource = "deployments", Namespace = "demo", ClusterName = "cls-1" };
        Assert.True(engine.Authorize(Alice(), "default", request, null).Allowed);
        Assert.False(engine.Authorize(Alice(), "default", request with { Verb = "create" }, null).Allowed);
        Assert.False(engine.Authorize(Alice(), "default", request with { Namespace = "prod" }, null).Allowed);
    }

    [Fact]
    public void SnapshotSwapsEnginesAtomically()
    {
        var snapshot = new AuthorizationSnapshot();
        Assert.False(snapshot.Authorize(Alice(), "default", "getCluster", "cluster:c", null).Allowed);

        var next = PolicyEngine.Build(new AuthorizationInputs { Policies = [Policy("pol-1", "default", "allow", ["*"], ["*"], users: ["alice"])] });
        var previous = snapshot.Replace(next);

        Assert.Same(PolicyEngine.Empty, previous);
        Assert.Same(next, snapshot.Current);
        Assert.Equal(1, snapshot.Version);
        Assert.True(snapshot.Authorize(Alice(), "default", "getCluster", "cluster:c", null).Allowed);
    }
}
