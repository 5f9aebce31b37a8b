using System.Text.Json.Nodes;
using Tke.ApiMachinery.Errors;
using Tke.ApiMachinery.Requests;
using Tke.ApiMachinery.Store;
using Tke.SimCluster.Rbac;
using static Tke.SimCluster.Tests.Rbac.RbacObjects;

namespace Tke.SimCluster.Tests.Rbac;

public sealed class RbacComponentTests
{
    private static readonly RequestUser Alice = RbacClusterFixture.User("alice");

    private static string Review(string spec) =>
        """{"apiVersion":"authorization.k8s.io/v1","kind":"SelfSubjectAccessReview","spec":""" + spec + "}";

    [Fact]
    public async Task Start_up_writes_the_bootstrap_policy_and_fills_the_aggregated_roles()
    {
        await using var cluster = await RbacClusterFixture.StartAsync();

        var names = (await cluster.Rbac("clusterroles").ListAsync(null, new ListQuery(), default)).Items.Select(i => i.Object.Metadata.Name).ToList();
        Assert.Contains("cluster-admin", names);
        Assert.Contains("system:discovery", names);
        var binding = (ClusterRoleBinding)(await cluster.Rbac("clusterrolebindings").GetAsync(null, "cluster-admin", default)).Object;
        Assert.Equal("system:masters", Assert.Single(binding.Subjects!).Name);

        await RbacClusterFixture.EventuallyAsync(async () =>
            ((ClusterRole)(await cluster.Rbac("clusterroles").GetAsync(null, "admin", default)).DecodeCopy()).Rules is { Count: > 0 } rules
            && rules.Any(r => r.Resources!.Contains("pods/eviction")) && rules.Any(r => r.Resources!.Contains("rolebindings")),
            "admin aggregates edit, view and system:aggregate-to-admin");
    }

    [Fact]
    public async Task A_restart_keeps_bootstrap_roles_as_the_operator_changed_them()
    {
        await using var cluster = await RbacClusterFixture.StartAsync();
        var store = cluster.Rbac("clusterroles");
        var patch = JsonNode.Parse("""{"rules":[{"verbs":["get"],"nonResourceURLs":["/version"]}]}""")!;
        await store.PatchAsync(null, "system:discovery", PatchKind.Merge, patch, null, new WriteContext(RbacClusterFixture.Admin), default);

        await cluster.StartComponentAsync();

        var role = (ClusterRole)(await store.GetAsync(null, "system:discovery", default)).Object;
        Assert.Equal(["/version"], Assert.Single(role.Rules!).NonResourceUrls!);
    }

    [Fact]
    public async Task A_user_is_refused_with_kube_apiserver_s_message_until_a_RoleBinding_grants_it_and_again_once_it_is_gone()
    {
        await using var cluster = await RbacClusterFixture.StartAsync();

        var (code, status) = await cluster.SendAsync(Alice, "GET", "/api/v1/namespaces/default/pods");
        Assert.Equal(403, code);
        Assert.Equal("Forbidden", (string?)status!["reason"]);
        Assert.Equal("pods is forbidden: User \"alice\" cannot list resource \"pods\" in API group \"\" in the namespace \"default\"", (string?)status["message"]);
        Assert.Equal("pods", (string?)status["details"]!["kind"]);

        await cluster.CreateAsync("roles", Role("default", "pod-reader", Rule("get,list", "", "pods")));
        await cluster.CreateAsync("rolebindings", RoleBinding("default", "alice-reads", "Role", "pod-reader", User("alice")));
        await RbacClusterFixture.EventuallyAsync(async () => (await cluster.SendAsync(Alice, "GET", "/api/v1/namespaces/default/pods")).Code == 200, "alice may list pods");

        var (elsewhere, refusal) = await cluster.SendAsync(Alice, "GET", "/api/v1/namespaces/kube-system/pods/x");
        Assert.Equal(403, elsewhere);
        Assert.Equal("pods \"x\" is forbidden: User \"alice\" cannot get resource \"pods\" in API group \"\" in the namespace \"kube-system\"", (string?)refusal!["message"]);
        var (clusterWide, wide) = await cluster.SendAsync(Alice, "GET", "/api/v1/pods");
        Assert.Equal(403, clusterWide);
        Assert.EndsWith("cannot list resource \"pods\" in API group \"\" at the cluster scope", (string?)wide!["message"], StringComparison.Ordinal);

        await cluster.Rbac("rolebindings").DeleteAsync("default", "alice-reads", new DeleteRequest(null, null, null), new WriteContext(RbacClusterFixture.Admin), default);
        await RbacClusterFixture.EventuallyAsync(async () => (await cluster.SendAsync(Alice, "GET", "/api/v1/namespaces/default/pods")).Code == 403, "alice is refused again");
    }

    [Fact]
    public async Task A_binding_to_a_missing_role_is_named_in_the_refusal()
    {
        await using var cluster = await RbacClusterFixture.StartAsync();
        await cluster.CreateAsync("rolebindings", RoleBinding("default", "ghostly", "ClusterRole", "ghost", User("alice")));

        await RbacClusterFixture.EventuallyAsync(
            async () => (string?)(await cluster.SendAsync(Alice, "GET", "/api/v1/namespaces/default/configmaps")).Body?["message"]
                == "configmaps is forbidden: User \"alice\" cannot list resource \"configmaps\" in API group \"\" in the namespace \"default\": RBAC: clusterrole.rbac.authorization.k8s.io \"ghost\" not found",
            "the refusal names the missing role");
    }

    [Fact]
    public async Task The_bootstrap_admin_in_system_masters_may_do_anything()
    {
        await using var cluster = await RbacClusterFixture.StartAsync();

        Assert.Equal(200, (await cluster.SendAsync(RbacClusterFixture.Admin, "GET", "/api/v1/pods")).Code);
        Assert.Equal(200, (await cluster.SendAsync(RbacClusterFixture.Admin, "GET", "/metrics")).Code);
        Assert.Equal(200, (await cluster.SendAsync(RbacClusterFixture.Admin, "GET", "/apis/rbac.authorization.k8s.io/v1/clusterroles")).Code);
    }

    [Fact]
    public async Task Authenticated_users_may_discover_the_API_and_read_the_version_but_not_the_metrics()
    {
        await using var cluster = await RbacClusterFixture.StartAsync();

        foreach (var path in new[] { "/api", "/api/v1", "/apis", "/apis/apps/v1", "/version", "/openapi/v2", "/openapi/v3/apis/apps/v1" })
        {
            Assert.True((await cluster.SendAsync(Alice, "GET", path)).Code == 200, path);
        }

        var (code, status) = await cluster.SendAsync(Alice, "GET", "/metrics");
        Assert.Equal(403, code);
        Assert.Equal("forbidden: User \"alice\" cannot get path \"/metrics\"", (string?)status!["message"]);
        Assert.Equal(403, (await cluster.SendAsync(Alice, "POST", "/version")).Code);
        Assert.Equal(403, (await cluster.SendAsync(new RequestUser("nobody", [], ""), "GET", "/version")).Code);
    }

    [Fact]
    public async Task Resources_the_server_answers_itself_are_authorized_as_resources()
    {
        await using var cluster = await RbacClusterFixture.StartAsync();

        Assert.Equal(200, (await cluster.SendAsync(Alice, "POST", "/apis/authentication.k8s.io/v1/selfsubjectreviews", "{}")).Code);
        var (code, status) = await cluster.SendAsync(Alice, "GET", "/apis/audit.tkestack.io/v1/events");
        Assert.Equal(403, code);
        Assert.Equal("events.audit.tkestack.io is forbidden: User \"alice\" cannot list resource \"events\" in API group \"audit.tkestack.io\" at the cluster scope", (string?)status!["message"]);
    }

    [Fact]
    public async Task Evictions_need_create_on_pods_eviction()
    {
        await using var cluster = await RbacClusterFixture.StartAsync();
        var attributes = new ResourceAttributes("create", "", "v1", "pods", "eviction", "default", "web");

        var refused = await Assert.ThrowsAsync<StatusError>(() => cluster.Surface.AuthorizeAsync(Alice, attributes, default).AsTask());
        Assert.Equal("pods \"web\" is forbidden: User \"alice\" cannot create resource \"pods/eviction\" in API group \"\" in the namespace \"default\"", refused.Message);

        await cluster.CreateAsync("rolebindings", RoleBinding("default", "alice-edits", "ClusterRole", "edit", User("alice")));
        await RbacClusterFixture.EventuallyAsync(async () =>
        {
            try
            {
                await cluster.Surface.AuthorizeAsync(Alice, attributes, default);
                return true;
            }
            catch (StatusError)
            {
                return false;
            }
        }, "edit (aggregated) grants evictions");
    }

    [Fact]
    public async Task SelfSubjectAccessReview_answers_for_the_caller_and_follows_new_bindings()
    {
        await using var cluster = await RbacClusterFixture.StartAsync();
        const string path = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews";
        var listPods = Review("""{"resourceAttributes":{"namespace":"team","verb":"list","resource":"pods"}}""");

        var (code, review) = await cluster.SendAsync(Alice, "POST", path, listPods);
        Assert.Equal(201, code);
        Assert.Equal("SelfSubjectAccessReview", (string?)review!["kind"]);
        Assert.False((bool)review["status"]!["allowed"]!);
        Assert.Equal("team", (string?)review["spec"]!["resourceAttributes"]!["namespace"]);

        await cluster.CreateAsync("rolebindings", RoleBinding("team", "alice-views", "ClusterRole", "view", User("alice")));
        await RbacClusterFixture.EventuallyAsync(async () => (bool?)(await cluster.SendAsync(Alice, "POST", path, listPods)).Body?["status"]?["allowed"] == true, "the review allows");
        var allowed = (await cluster.SendAsync(Alice, "POST", path, listPods)).Body!;
        Assert.Equal("RBAC: allowed by RoleBinding \"alice-views/team\" of ClusterRole \"view\" to User \"alice\"", (string?)allowed["status"]!["reason"]);

        var version = (await cluster.SendAsync(Alice, "POST", path, Review("""{"nonResourceAttributes":{"path":"/version","verb":"get"}}"""))).Body!;
        Assert.True((bool)version["status"]!["allowed"]!);
    }

    [Fact]
    public async Task A_SelfSubjectAccessReview_needs_exactly_one_kind_of_attributes_and_a_POST()
    {
        await using var cluster = await RbacClusterFixture.StartAsync();
        const string path = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews";

        var (none, noneStatus) = await cluster.SendAsync(Alice, "POST", path, Review("{}"));
        Assert.Equal(422, none);
        Assert.Equal("SelfSubjectAccessReview.authorization.k8s.io \"\" is invalid: spec.resourceAttributes: Invalid value: null: exactly one of nonResourceAttributes or resourceAttributes must be specified", (string?)noneStatus!["message"]);
        var (both, _) = await cluster.SendAsync(Alice, "POST", path, Review("""{"resourceAttributes":{"verb":"get"},"nonResourceAttributes":{"path":"/"}}"""));
        Assert.Equal(422, both);
        Assert.Equal(400, (await cluster.SendAsync(Alice, "POST", path, """{"kind":"Pod"}""")).Code);
        Assert.Equal(400, (await cluster.SendAsync(Alice, "POST", path, Review("""{"resourceAttributes":{"verb":7}}"""))).Code);
        Assert.Equal(405, (await cluster.SendAsync(Alice, "GET", path)).Code);
    }

    [Fact]
    public async Task SelfSubjectRulesReview_lists_the_caller_s_rules_in_a_namespace()
    {
        await using var cluster = await RbacClusterFixture.StartAsync();
        const string path = "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews";
        await cluster.CreateAsync("roles", Role("team", "pod-reader", Rule("get,list", "", "pods")));
        await cluster.CreateAsync("rolebindings", RoleBinding("team", "alice-reads", "Role", "pod-reader", User("alice")));
        var body = """{"apiVersion":"authorization.k8s.io/v1","kind":"SelfSubjectRulesReview","spec":{"namespace":"team"}}""";

        await RbacClusterFixture.EventuallyAsync(
            async () => (await cluster.SendAsync(Alice, "POST", path, body)).Body?["status"]?["resourceRules"]?.AsArray().Any(r => (string?)r!["resources"]![0] == "pods") == true,
            "the review lists pods");
        var status = (await cluster.SendAsync(Alice, "POST", path, body)).Body!["status"]!;
        Assert.Contains(status["nonResourceRules"]!.AsArray(), r => r!["nonResourceURLs"]!.AsArray().Any(u => (string?)u == "/version"));
        Assert.False((bool)status["incomplete"]!);
        Assert.Equal(400, (await cluster.SendAsync(Alice, "POST", path, """{"spec":{}}""")).Code);
    }

    [Fact]
    public async Task AlwaysAllow_lets_every_authenticated_request_through()
    {
        await using var cluster = await RbacClusterFixture.StartAsync(AuthorizationMode.AlwaysAllow);

        Assert.Equal(200, (await cluster.SendAsync(Alice, "GET", "/api/v1/namespaces/default/pods")).Code);
        Assert.Equal(200, (await cluster.SendAsync(Alice, "GET", "/metrics")).Code);
        var review = (await cluster.SendAsync(Alice, "POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", Review("""{"resourceAttributes":{"verb":"delete","resource":"nodes"}}"""))).Body!;
        Assert.True((bool)review["status"]!["allowed"]!);
    }

    [Fact]
    public async Task A_binding_s_roleRef_cannot_change_through_the_API_and_the_binding_stays_as_it_was()
    {
        await using var cluster = await RbacClusterFixture.StartAsync();
        await cluster.CreateAsync("rolebindings", RoleBinding("team", "b", "ClusterRole", "view", User("alice")));
        var before = (await cluster.Rbac("rolebindings").GetAsync("team", "b", default)).Revision;
        var patch = JsonNode.Parse("""{"roleRef":{"name":"edit"}}""")!;

        var error = await Assert.ThrowsAsync<StatusError>(() => cluster.Rbac("rolebindings").PatchAsync("team", "b", PatchKind.Merge, patch, null, new WriteContext(RbacClusterFixture.Admin), default).AsTask());

        Assert.Equal(422, error.Code);
        Assert.Equal("RoleBinding.rbac.authorization.k8s.io \"b\" is invalid: roleRef: Invalid value: rbac.RoleRef{APIGroup:\"rbac.authorization.k8s.io\", Kind:\"ClusterRole\", Name:\"edit\"}: cannot change roleRef", error.Message);
        var after = await cluster.Rbac("rolebindings").GetAsync("team", "b", default);
        Assert.Equal(before, after.Revision);
        Assert.Equal("view", ((RoleBinding)after.Object).RoleRef.Name);
    }

    [Fact]
    public async Task Names_with_colons_are_stored_and_a_subject_less_binding_is_fine()
    {
        await using var cluster = await RbacClusterFixture.StartAsync();

        var created = await cluster.CreateAsync("clusterrolebindings", ClusterRoleBinding("team:readers", "view"));

        Assert.Equal("team:readers", created.Object.Metadata.Name);
        Assert.Empty(((ClusterRoleBinding)created.Object).Subjects ?? []);
    }
}
