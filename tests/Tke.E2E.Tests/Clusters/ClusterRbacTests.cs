using System.Text.Json.Nodes;
using Tke.E2E.Tests.Auth;
using Tke.E2E.Tests.Kubectl;

namespace Tke.E2E.Tests.Clusters;

/// <summary>
/// The simulated cluster serves and enforces rbac.authorization.k8s.io/v1 as kube-apiserver with
/// --authorization-mode=RBAC: directly with the real kubectl (impersonating users with --as), and
/// behind the platform, whose cluster proxy impersonates the platform user, so a user the platform
/// allows is still refused by the cluster until the cluster's own RBAC grants it.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterRbacTests(ClusterFixture fixture)
{
    private const string Password = "RbacUser12345";

    /// <summary>kubectl with the simulated cluster's admin kubeconfig (system:masters), as its operator.</summary>
    private KubectlRunner Kubectl => new(Path.Combine(fixture.Sim.DataDir, "admin.kubeconfig"), Path.Combine(fixture.Sim.DataDir, "kubectl-cache"), fixture.Sim.Output);

    [Fact]
    public async Task The_default_cluster_roles_and_bindings_are_listed_as_kubectl_prints_them()
    {
        var roles = (await Kubectl.RunAsync("get", "clusterroles")).EnsureSuccess();
        Assert.Matches(@"^NAME\s+CREATED AT$", roles.Lines[0]);
        foreach (var name in new[] { "cluster-admin", "admin", "edit", "view", "system:discovery", "system:basic-user", "system:public-info-viewer" })
        {
            Assert.Contains(roles.Lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, $@"^{name}\s+\d{{4}}-\d\d-\d\dT\d\d:\d\d:\d\dZ$"));
        }

        var bindings = (await Kubectl.RunAsync("get", "clusterrolebinding", "cluster-admin", "system:discovery", "-o", "wide")).EnsureSuccess();
        Assert.Matches(@"^NAME\s+ROLE\s+AGE\s+USERS\s+GROUPS\s+SERVICEACCOUNTS$", bindings.Lines[0]);
        Assert.Matches(@"^cluster-admin\s+ClusterRole/cluster-admin\s+\S+\s+system:masters$", bindings.Lines[1]);
        Assert.Matches(@"^system:discovery\s+ClusterRole/system:discovery\s+\S+\s+system:authenticated$", bindings.Lines[2]);

        // view is built by aggregation, so it has rules nobody wrote into it.
        var view = (await Kubectl.RunAsync("get", "clusterrole", "view", "-o", "jsonpath={.rules[*].resources}")).EnsureSuccess();
        Assert.Contains("deployments", view.Stdout, StringComparison.Ordinal);
        Assert.Contains("ClusterRole", (await Kubectl.RunAsync("api-resources", "--api-group", "rbac.authorization.k8s.io")).EnsureSuccess().Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Role_and_RoleBinding_created_with_kubectl_let_an_impersonated_user_list_pods_in_that_namespace_only()
    {
        var user = AuthManifests.UniqueName("alice");
        var ns = await NamespaceAsync();

        var before = await Kubectl.RunAsync("auth", "can-i", "list", "pods", "--as", user, "-n", ns);
        Assert.Equal(1, before.ExitCode);
        Assert.Equal("no", before.Stdout.Trim());
        var refused = (await Kubectl.RunAsync("get", "pods", "--as", user, "-n", ns)).EnsureFailure();
        Assert.Contains($"Error from server (Forbidden): pods is forbidden: User \"{user}\" cannot list resource \"pods\" in API group \"\" in the namespace \"{ns}\"", refused.Stderr, StringComparison.Ordinal);

        (await Kubectl.RunAsync("create", "role", "pod-reader", "--verb=get,list,watch", "--resource=pods", "-n", ns)).EnsureSuccess();
        (await Kubectl.RunAsync("create", "rolebinding", "reads", "--role=pod-reader", "--user", user, "-n", ns)).EnsureSuccess();
        await EventuallyAsync(async () => (await Kubectl.RunAsync("auth", "can-i", "list", "pods", "--as", user, "-n", ns)).Stdout.Trim() == "yes", "can-i says yes");

        Assert.Equal(0, (await Kubectl.RunAsync("get", "pods", "--as", user, "-n", ns)).EnsureSuccess().ExitCode);
        Assert.Equal("no", (await Kubectl.RunAsync("auth", "can-i", "delete", "pods", "--as", user, "-n", ns)).Stdout.Trim());
        Assert.Equal("no", (await Kubectl.RunAsync("auth", "can-i", "list", "pods", "--as", user, "-n", "default")).Stdout.Trim());
        Assert.Equal("no", (await Kubectl.RunAsync("auth", "can-i", "list", "secrets", "--as", user, "-n", ns)).Stdout.Trim());
        var elsewhere = (await Kubectl.RunAsync("get", "pods", "--as", user, "-A")).EnsureFailure();
        Assert.Contains($"User \"{user}\" cannot list resource \"pods\" in API group \"\" at the cluster scope", elsewhere.Stderr, StringComparison.Ordinal);

        var wide = (await Kubectl.RunAsync("get", "rolebinding", "reads", "-n", ns, "-o", "wide")).EnsureSuccess();
        Assert.Matches($@"^reads\s+Role/pod-reader\s+\S+\s+{user}$", wide.Lines[1]);
        var list = (await Kubectl.RunAsync("auth", "can-i", "--list", "--as", user, "-n", ns)).EnsureSuccess();
        Assert.Contains(list.Lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^pods\s+\[\]\s+\[\]\s+\[get list watch\]$"));
    }

    [Fact]
    public async Task A_ClusterRole_bound_cluster_wide_grants_cluster_scoped_reads_and_the_admin_is_never_refused()
    {
        var user = AuthManifests.UniqueName("nodes");
        var role = AuthManifests.UniqueName("node-reader-");

        Assert.Equal("no", (await Kubectl.RunAsync("auth", "can-i", "list", "nodes", "--as", user)).Stdout.Trim());
        (await Kubectl.RunAsync("create", "clusterrole", role, "--verb=get,list", "--resource=nodes")).EnsureSuccess();
        (await Kubectl.RunAsync("create", "clusterrolebinding", role, "--clusterrole", role, "--user", user)).EnsureSuccess();
        await EventuallyAsync(async () => (await Kubectl.RunAsync("get", "nodes", "-o", "name", "--as", user)).Succeeded, "the user lists nodes");

        var nodes = (await Kubectl.RunAsync("get", "nodes", "-o", "name", "--as", user)).EnsureSuccess();
        Assert.Equal(SimCluster.NodeCount, nodes.Lines.Count);
        Assert.Equal("no", (await Kubectl.RunAsync("auth", "can-i", "delete", "nodes", "--as", user)).Stdout.Trim());
        Assert.Equal("yes", (await Kubectl.RunAsync("auth", "can-i", "delete", "nodes")).Stdout.Trim());
        Assert.Equal("yes", (await Kubectl.RunAsync("auth", "can-i", "*", "*")).Stdout.Trim());
    }

    [Fact]
    public async Task Impersonating_a_group_or_a_service_account_is_authorized_as_that_identity()
    {
        var ns = await NamespaceAsync();
        var group = AuthManifests.UniqueName("team-");
        (await Kubectl.RunAsync("create", "rolebinding", "team-views", "--clusterrole=view", "--group", group, "--serviceaccount", $"{ns}:robot", "-n", ns)).EnsureSuccess();

        await EventuallyAsync(async () => (await Kubectl.RunAsync("auth", "can-i", "list", "deployments.apps", "--as", "carol", "--as-group", group, "-n", ns)).Stdout.Trim() == "yes", "the group may read");
        Assert.Equal("no", (await Kubectl.RunAsync("auth", "can-i", "list", "deployments.apps", "--as", "carol", "-n", ns)).Stdout.Trim());
        Assert.Equal("yes", (await Kubectl.RunAsync("auth", "can-i", "get", "configmaps", "--as", $"system:serviceaccount:{ns}:robot", "-n", ns)).Stdout.Trim());
        Assert.Equal("no", (await Kubectl.RunAsync("auth", "can-i", "get", "configmaps", "--as", $"system:serviceaccount:{ns}:other", "-n", ns)).Stdout.Trim());
        Assert.Equal("no", (await Kubectl.RunAsync("auth", "can-i", "get", "secrets", "--as", $"system:serviceaccount:{ns}:robot", "-n", ns)).Stdout.Trim());
    }

    [Fact]
    public async Task Changing_a_binding_s_roleRef_is_refused_and_the_binding_keeps_its_role()
    {
        var ns = await NamespaceAsync();
        (await Kubectl.RunAsync("create", "rolebinding", "fixed", "--clusterrole=view", "--user=someone", "-n", ns)).EnsureSuccess();

        var patched = (await Kubectl.RunAsync("patch", "rolebinding", "fixed", "-n", ns, "--type=merge", "-p", """{"roleRef":{"name":"edit"}}""")).EnsureFailure();
        Assert.Contains("The RoleBinding \"fixed\" is invalid: roleRef: Invalid value: rbac.RoleRef{APIGroup:\"rbac.authorization.k8s.io\", Kind:\"ClusterRole\", Name:\"edit\"}: cannot change roleRef", patched.Stderr, StringComparison.Ordinal);
        var yaml = (await Kubectl.RunAsync("get", "rolebinding", "fixed", "-n", ns, "-o", "yaml")).EnsureSuccess().Stdout;
        var replaced = (await Kubectl.RunWithInputAsync(yaml.Replace("kind: ClusterRole\n  name: view", "kind: ClusterRole\n  name: admin", StringComparison.Ordinal), "replace", "-f", "-")).EnsureFailure();
        Assert.Contains("cannot change roleRef", replaced.Stderr, StringComparison.Ordinal);

        Assert.Equal("ClusterRole/view", (await Kubectl.RunAsync("get", "rolebinding", "fixed", "-n", ns, "-o", "jsonpath={.roleRef.kind}/{.roleRef.name}")).EnsureSuccess().Stdout);
        (await Kubectl.RunAsync("patch", "rolebinding", "fixed", "-n", ns, "--type=json", "-p", """[{"op":"add","path":"/subjects/-","value":{"kind":"User","name":"another"}}]""")).EnsureSuccess();
    }

    [Fact]
    public async Task Invalid_roles_and_bindings_are_refused_with_kube_apiserver_s_reasons_and_nothing_is_created()
    {
        var binding = (await Kubectl.RunWithInputAsync("""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata:
              name: e2e-invalid-binding
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: view}
            subjects:
            - {kind: ServiceAccount, name: robot}
            - {kind: Robot, name: r2}
            """, "apply", "-f", "-")).EnsureFailure();
        Assert.Contains("roleRef.kind: Unsupported value: \"Role\": supported values: \"ClusterRole\"", binding.Stderr, StringComparison.Ordinal);
        Assert.Contains("subjects[0].namespace: Required value", binding.Stderr, StringComparison.Ordinal);
        Assert.Contains("subjects[1].kind: Unsupported value: \"Robot\"", binding.Stderr, StringComparison.Ordinal);

        var ns = await NamespaceAsync();
        var role = (await Kubectl.RunWithInputAsync("""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata:
              name: e2e-invalid-role
            rules:
            - {nonResourceURLs: ["/healthz"], verbs: [get]}
            - {apiGroups: [""], resources: [pods]}
            """, "apply", "-n", ns, "-f", "-")).EnsureFailure();
        Assert.Contains("namespaced rules cannot apply to non-resource URLs", role.Stderr, StringComparison.Ordinal);
        Assert.Contains("rules[1].verbs: Required value: verbs must contain at least one value", role.Stderr, StringComparison.Ordinal);

        Assert.Contains("NotFound", (await Kubectl.RunAsync("get", "clusterrolebinding", "e2e-invalid-binding")).EnsureFailure().Stderr, StringComparison.Ordinal);
        Assert.Contains("NotFound", (await Kubectl.RunAsync("get", "role", "e2e-invalid-role", "-n", ns)).EnsureFailure().Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Impersonated_users_may_discover_the_API_but_not_read_the_metrics()
    {
        var user = AuthManifests.UniqueName("discoverer");

        Assert.Contains("pods", (await Kubectl.RunAsync("api-resources", "--as", user)).EnsureSuccess().Stdout, StringComparison.Ordinal);
        Assert.Contains("simulated", (await Kubectl.RunAsync("get", "--raw", "/version", "--as", user)).EnsureSuccess().Stdout, StringComparison.Ordinal);
        var metrics = (await Kubectl.RunAsync("get", "--raw", "/metrics", "--as", user)).EnsureFailure();
        Assert.Contains($"Error from server (Forbidden): forbidden: User \"{user}\" cannot get path \"/metrics\"", metrics.Stderr, StringComparison.Ordinal);
        Assert.Contains(user, (await Kubectl.RunAsync("auth", "whoami", "--as", user)).EnsureSuccess().Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_platform_user_the_platform_allows_is_refused_by_the_cluster_until_a_RoleBinding_there_grants_it()
    {
        var cluster = await ProxiedCluster.ImportSimulatedAsync(fixture);
        var auth = new AuthApi(fixture.Server);
        var username = AuthManifests.UniqueName("rbacpx");
        await auth.CreateUserAsync(username, Password);
        var policy = AuthManifests.UniqueName("pol-rbac-pods");
        (await auth.Policies().CreateAsync(AuthManifests.Policy(policy, ["*"], [$"cluster:{cluster.Name}/*"]))).Expect(201);
        await auth.BindAsync(policy, username);
        using var user = await auth.LogInAsync(username, Password);
        var ns = await NamespaceAsync();
        var clusterRefusal = $"pods is forbidden: User \"{username}\" cannot list resource \"pods\" in API group \"\" in the namespace \"{ns}\"";

        // Until the new platform policy is in the platform's authorizer, the platform refuses first.
        var (code, status) = await EventuallyAnsweredAsync(user, cluster, ns, (c, s) => c != 403 || (string?)s?["message"] == clusterRefusal);
        Assert.True(code == 403, $"expected the cluster's 403, got {code}: {status?.ToJsonString()}");
        Assert.Equal("Forbidden", (string?)status!["reason"]);
        Assert.Equal(clusterRefusal, (string?)status["message"]);

        (await Kubectl.RunAsync("create", "rolebinding", "platform-user-views", "--clusterrole=view", "--user", username, "-n", ns)).EnsureSuccess();

        var (allowed, pods) = await EventuallyAnsweredAsync(user, cluster, ns, (c, _) => c == 200);
        Assert.True(allowed == 200, $"expected 200, got {allowed}: {pods?.ToJsonString()}");
        Assert.Equal("PodList", (string?)pods!["kind"]);
        var (other, otherStatus) = await ProxiedCluster.SendAsync(user, cluster.WithHeader(HttpMethod.Get, "/api/v1/namespaces/default/pods"));
        Assert.Equal(403, other);
        Assert.Equal($"pods is forbidden: User \"{username}\" cannot list resource \"pods\" in API group \"\" in the namespace \"default\"", (string?)otherStatus!["message"]);
    }

    [Fact]
    public async Task With_authorization_mode_AlwaysAllow_every_user_is_allowed_and_an_unknown_mode_is_refused_before_anything_starts()
    {
        await using var open = new SimCluster("--authorization-mode", "AlwaysAllow");
        await open.StartAsync();
        var kubectl = new KubectlRunner(Path.Combine(open.DataDir, "admin.kubeconfig"), Path.Combine(open.DataDir, "kubectl-cache"), open.Output);

        Assert.Equal("yes", (await kubectl.RunAsync("auth", "can-i", "delete", "nodes", "--as", "anyone")).Stdout.Trim());
        (await kubectl.RunAsync("get", "pods", "-A", "--as", "anyone")).EnsureSuccess();
        (await kubectl.RunAsync("get", "--raw", "/metrics", "--as", "anyone")).EnsureSuccess();

        var dataDir = Path.Combine(Path.GetTempPath(), "tke-e2e-sim", Guid.NewGuid().ToString("N"));
        var (code, _, stderr) = await Hosting.TkeCommand.RunAsync("sim-cluster", "--authorization-mode", "Webhook", "--data-dir", dataDir, "--listen", "127.0.0.1:0");
        Assert.Equal(2, code);
        Assert.Contains("tke sim-cluster: --authorization-mode must be one of RBAC, AlwaysAllow", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dataDir));
    }

    private async Task<(int Code, JsonObject? Body)> EventuallyAnsweredAsync(HttpClient user, ProxiedCluster cluster, string ns, Func<int, JsonObject?, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var (code, body) = await ProxiedCluster.SendAsync(user, cluster.WithHeader(HttpMethod.Get, $"/api/v1/namespaces/{ns}/pods"));
            if (done(code, body) || DateTime.UtcNow > deadline)
            {
                return (code, body);
            }

            await Task.Delay(200);
        }
    }

    private async Task<string> NamespaceAsync()
    {
        var ns = AuthManifests.UniqueName("rbac-");
        (await Kubectl.RunAsync("create", "namespace", ns)).EnsureSuccess();
        return ns;
    }

    private async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"not within 30s: {what}\n{fixture.Sim.Output.Tail()}");
            }

            await Task.Delay(100);
        }
    }
}
