using Tke.SimCluster.Rbac;
using Tke.SimCluster.Rbac.Authorization;
using static Tke.SimCluster.Tests.Rbac.RbacObjects;

namespace Tke.SimCluster.Tests.Rbac;

public sealed class RbacPolicyTests
{
    private static readonly RbacIdentity Alice = new("alice", ["system:authenticated"]);

    private static AccessRequest ListPods(string ns) => AccessRequest.ForResource("list", "", "pods", ns: ns);

    private static RbacPolicy Policy(IEnumerable<Role>? roles = null, IEnumerable<ClusterRole>? clusterRoles = null, IEnumerable<RoleBinding>? roleBindings = null, IEnumerable<ClusterRoleBinding>? clusterRoleBindings = null) =>
        RbacPolicy.Build(roles ?? [], clusterRoles ?? [], roleBindings ?? [], clusterRoleBindings ?? []);

    [Fact]
    public void Nothing_is_allowed_without_a_binding_and_the_reason_is_empty()
    {
        var policy = Policy(clusterRoles: [ClusterRole("view", Rule("list", "", "pods"))]);

        Assert.Equal(new RbacDecision(false, ""), policy.Authorize(Alice, ListPods("default")));
    }

    [Fact]
    public void A_ClusterRoleBinding_applies_in_every_namespace_and_at_the_cluster_scope()
    {
        var policy = Policy(
            clusterRoles: [ClusterRole("reader", Rule("list", "", "pods,nodes"))],
            clusterRoleBindings: [ClusterRoleBinding("alice-reads", "reader", User("alice"))]);

        Assert.True(policy.Authorize(Alice, ListPods("default")).Allowed);
        Assert.True(policy.Authorize(Alice, ListPods("kube-system")).Allowed);
        Assert.True(policy.Authorize(Alice, ListPods("")).Allowed);
        Assert.True(policy.Authorize(Alice, AccessRequest.ForResource("list", "", "nodes")).Allowed);
        Assert.Equal(
            "RBAC: allowed by ClusterRoleBinding \"alice-reads\" of ClusterRole \"reader\" to User \"alice\"",
            policy.Authorize(Alice, ListPods("default")).Reason);
    }

    [Fact]
    public void A_RoleBinding_applies_only_in_its_namespace_even_when_it_binds_a_ClusterRole()
    {
        var policy = Policy(
            roles: [Role("team", "pod-reader", Rule("list", "", "pods"))],
            clusterRoles: [ClusterRole("view", Rule("list", "", "pods,nodes"))],
            roleBindings:
            [
                RoleBinding("team", "reads", "Role", "pod-reader", User("alice")),
                RoleBinding("other", "views", "ClusterRole", "view", User("alice")),
            ]);

        Assert.True(policy.Authorize(Alice, ListPods("team")).Allowed);
        Assert.True(policy.Authorize(Alice, ListPods("other")).Allowed);
        Assert.False(policy.Authorize(Alice, ListPods("default")).Allowed);
        Assert.False(policy.Authorize(Alice, ListPods("")).Allowed);
        Assert.False(policy.Authorize(Alice, AccessRequest.ForResource("list", "", "nodes")).Allowed);
        Assert.Equal(
            "RBAC: allowed by RoleBinding \"reads/team\" of Role \"pod-reader\" to User \"alice\"",
            policy.Authorize(Alice, ListPods("team")).Reason);
    }

    [Fact]
    public void A_RoleBinding_finds_Roles_only_in_its_own_namespace()
    {
        var policy = Policy(
            roles: [Role("elsewhere", "pod-reader", Rule("list", "", "pods"))],
            roleBindings: [RoleBinding("team", "reads", "Role", "pod-reader", User("alice"))]);

        var decision = policy.Authorize(Alice, ListPods("team"));

        Assert.False(decision.Allowed);
        Assert.Equal("RBAC: role.rbac.authorization.k8s.io \"pod-reader\" not found", decision.Reason);
    }

    [Fact]
    public void Missing_roles_are_the_reason_of_a_refusal_each_named_once()
    {
        var policy = Policy(
            clusterRoleBindings: [ClusterRoleBinding("a", "ghost", User("alice")), ClusterRoleBinding("b", "ghost", Group("system:authenticated"))],
            roleBindings: [RoleBinding("team", "c", "Role", "phantom", User("alice"))]);

        Assert.Equal(
            "RBAC: [clusterrole.rbac.authorization.k8s.io \"ghost\" not found, role.rbac.authorization.k8s.io \"phantom\" not found]",
            policy.Authorize(Alice, ListPods("team")).Reason);
    }

    [Fact]
    public void Groups_match_Group_subjects_and_users_only_their_own_name()
    {
        var policy = Policy(
            clusterRoles: [ClusterRole("reader", Rule("list", "", "pods"))],
            roleBindings: [RoleBinding("team", "devs", "ClusterRole", "reader", Group("developers"), User("bob"))]);

        Assert.True(policy.Authorize(new RbacIdentity("carol", ["developers"]), ListPods("team")).Allowed);
        Assert.True(policy.Authorize(new RbacIdentity("bob", []), ListPods("team")).Allowed);
        Assert.False(policy.Authorize(new RbacIdentity("developers", []), ListPods("team")).Allowed);
        Assert.False(policy.Authorize(Alice, ListPods("team")).Allowed);
        Assert.Equal(
            "RBAC: allowed by RoleBinding \"devs/team\" of ClusterRole \"reader\" to Group \"developers\"",
            policy.Authorize(new RbacIdentity("carol", ["developers"]), ListPods("team")).Reason);
    }

    [Fact]
    public void A_service_account_is_its_user_name_and_a_RoleBinding_subject_defaults_to_the_binding_namespace()
    {
        var policy = Policy(
            clusterRoles: [ClusterRole("reader", Rule("list", "", "pods"))],
            roleBindings:
            [
                RoleBinding("team", "robot", "ClusterRole", "reader", ServiceAccount("robot")),
                RoleBinding("ops", "remote", "ClusterRole", "reader", ServiceAccount("deployer", "ci")),
            ]);

        Assert.True(policy.Authorize(new RbacIdentity("system:serviceaccount:team:robot", []), ListPods("team")).Allowed);
        Assert.False(policy.Authorize(new RbacIdentity("system:serviceaccount:other:robot", []), ListPods("team")).Allowed);
        Assert.True(policy.Authorize(new RbacIdentity("system:serviceaccount:ci:deployer", []), ListPods("ops")).Allowed);
        Assert.False(policy.Authorize(new RbacIdentity("robot", []), ListPods("team")).Allowed);
        Assert.Equal(
            "RBAC: allowed by RoleBinding \"robot/team\" of ClusterRole \"reader\" to ServiceAccount \"robot/team\"",
            policy.Authorize(new RbacIdentity("system:serviceaccount:team:robot", []), ListPods("team")).Reason);
    }

    [Fact]
    public void Service_accounts_are_in_the_service_account_groups_of_all_and_of_their_namespace()
    {
        var policy = Policy(
            clusterRoles: [ClusterRole("reader", Rule("list", "", "pods")), ClusterRole("node-reader", Rule("list", "", "nodes"))],
            roleBindings: [RoleBinding("team", "all-team-sas", "ClusterRole", "reader", Group("system:serviceaccounts:team"))],
            clusterRoleBindings: [ClusterRoleBinding("all-sas", "node-reader", Group("system:serviceaccounts"))]);
        var robot = new RbacIdentity("system:serviceaccount:team:robot", []);
        var stranger = new RbacIdentity("system:serviceaccount:other:robot", []);

        Assert.True(policy.Authorize(robot, ListPods("team")).Allowed);
        Assert.False(policy.Authorize(stranger, ListPods("team")).Allowed);
        Assert.True(policy.Authorize(stranger, AccessRequest.ForResource("list", "", "nodes")).Allowed);
        Assert.False(policy.Authorize(Alice, AccessRequest.ForResource("list", "", "nodes")).Allowed);
    }

    [Fact]
    public void A_service_account_subject_of_a_ClusterRoleBinding_without_namespace_matches_no_one()
    {
        var policy = Policy(
            clusterRoles: [ClusterRole("reader", Rule("list", "", "pods"))],
            clusterRoleBindings: [ClusterRoleBinding("broken", "reader", ServiceAccount("robot"))]);

        Assert.False(policy.Authorize(new RbacIdentity("system:serviceaccount:default:robot", []), ListPods("default")).Allowed);
    }

    [Fact]
    public void Non_resource_paths_are_granted_by_ClusterRoleBindings()
    {
        var policy = Policy(
            clusterRoles: [ClusterRole("discovery", UrlRule("get", "/version", "/apis/*"))],
            clusterRoleBindings: [ClusterRoleBinding("discovery", "discovery", Group("system:authenticated"))]);

        Assert.True(policy.Authorize(Alice, AccessRequest.ForPath("get", "/version")).Allowed);
        Assert.True(policy.Authorize(Alice, AccessRequest.ForPath("get", "/apis/apps/v1")).Allowed);
        Assert.False(policy.Authorize(Alice, AccessRequest.ForPath("get", "/metrics")).Allowed);
        Assert.False(policy.Authorize(new RbacIdentity("anonymous-ish", []), AccessRequest.ForPath("get", "/version")).Allowed);
    }

    [Fact]
    public void Rules_for_a_namespace_are_the_cluster_wide_ones_and_that_namespace_s_with_missing_roles_reported()
    {
        var policy = Policy(
            roles: [Role("team", "pod-reader", Rule("list", "", "pods"))],
            clusterRoles: [ClusterRole("discovery", UrlRule("get", "/version"))],
            roleBindings: [RoleBinding("team", "reads", "Role", "pod-reader", User("alice")), RoleBinding("other", "x", "Role", "pod-reader", User("alice"))],
            clusterRoleBindings: [ClusterRoleBinding("discovery", "discovery", Group("system:authenticated")), ClusterRoleBinding("gone", "ghost", User("alice"))]);

        var rules = policy.RulesFor(Alice, "team");

        Assert.Equal(2, rules.Rules.Count);
        Assert.Equal(["/version"], rules.Rules[0].NonResourceUrls!);
        Assert.Equal(["pods"], rules.Rules[1].Resources!);
        Assert.Equal("clusterrole.rbac.authorization.k8s.io \"ghost\" not found", rules.EvaluationError);
        Assert.Single(policy.RulesFor(Alice, "default").Rules);
    }

    [Fact]
    public void The_privileged_group_is_allowed_without_any_binding_and_others_are_judged_by_the_current_policy()
    {
        var current = RbacPolicy.Empty;
        var authorizer = new RbacAuthorizer(() => current);
        var admin = new Tke.ApiMachinery.Requests.RequestUser("admin", ["system:masters", "system:authenticated"], "default");
        var alice = new Tke.ApiMachinery.Requests.RequestUser("alice", ["system:authenticated"], "default");

        Assert.True(authorizer.Authorize(admin, ListPods("default")).Allowed);
        Assert.False(authorizer.Authorize(alice, ListPods("default")).Allowed);

        current = Policy(clusterRoles: [ClusterRole("reader", Rule("list", "", "pods"))], roleBindings: [RoleBinding("default", "r", "ClusterRole", "reader", User("alice"))]);
        Assert.True(authorizer.Authorize(alice, ListPods("default")).Allowed);
    }

    [Fact]
    public void A_namespace_object_is_in_its_own_namespace_so_a_RoleBinding_there_can_grant_reading_it()
    {
        var policy = Policy(
            clusterRoles: [ClusterRole("ns-reader", Rule("get", "", "namespaces"))],
            roleBindings: [RoleBinding("team", "r", "ClusterRole", "ns-reader", User("alice"))]);
        var authorizer = new RbacAuthorizer(() => policy);
        var alice = new Tke.ApiMachinery.Requests.RequestUser("alice", [], "");

        Assert.True(authorizer.Authorize(alice, AccessRequest.From(new("get", "", "v1", "namespaces", null, null, "team"))).Allowed);
        Assert.False(authorizer.Authorize(alice, AccessRequest.From(new("get", "", "v1", "namespaces", null, null, "kube-system"))).Allowed);
        Assert.False(authorizer.Authorize(alice, AccessRequest.From(new("list", "", "v1", "namespaces", null, null, null))).Allowed);
    }
}
