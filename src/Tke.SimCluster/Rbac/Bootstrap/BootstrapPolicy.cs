using Tke.ApiMachinery.Objects;
using Tke.SimCluster.Shared;
using Tke.SimCluster.Simulation;

namespace Tke.SimCluster.Rbac.Bootstrap;

/// <summary>
/// The default roles and bindings kube-apiserver writes at start-up (its rbac/bootstrap-roles hook),
/// limited to the user-facing ones: cluster-admin for system:masters; admin, edit and view built by
/// aggregation from the system:aggregate-to-* roles; and the discovery, basic-user, public-info-viewer
/// and monitoring roles that let every authenticated user discover the API and review itself.
/// Missing ones are created; existing ones are left as they are.
/// </summary>
public static class BootstrapPolicy
{
    public const string AggregateToAdmin = "rbac.authorization.k8s.io/aggregate-to-admin";
    public const string AggregateToEdit = "rbac.authorization.k8s.io/aggregate-to-edit";
    public const string AggregateToView = "rbac.authorization.k8s.io/aggregate-to-view";
    public const string AuthenticatedGroup = "system:authenticated";
    public const string UnauthenticatedGroup = "system:unauthenticated";

    private static readonly string[] Read = ["get", "list", "watch"];
    private static readonly string[] Write = ["create", "delete", "deletecollection", "patch", "update"];
    private static readonly string[] ReadWrite = [.. Read, .. Write];

    public static IReadOnlyList<ClusterRole> ClusterRoles() =>
    [
        Role("cluster-admin", null, null,
            Rule(["*"], ["*"], ["*"]),
            UrlRule(["*"], "*")),
        Role("admin", null, AggregateToAdmin),
        Role("edit", AggregateToAdmin, AggregateToEdit),
        Role("view", AggregateToEdit, AggregateToView),
        Role("system:aggregate-to-admin", AggregateToAdmin, null,
            Rule(["create"], ["authorization.k8s.io"], ["localsubjectaccessreviews"]),
            Rule(ReadWrite, ["rbac.authorization.k8s.io"], ["roles", "rolebindings"])),
        Role("system:aggregate-to-edit", AggregateToEdit, null,
            Rule(Read, [""], ["pods/attach", "pods/proxy", "pods/exec", "pods/portforward", "secrets", "services/proxy"]),
            Rule(["impersonate"], [""], ["serviceaccounts"]),
            Rule(Write, [""], ["pods", "pods/attach", "pods/proxy", "pods/exec", "pods/portforward"]),
            Rule(["create"], [""], ["pods/eviction"]),
            Rule(Write, [""], ["replicationcontrollers", "replicationcontrollers/scale", "serviceaccounts", "services", "services/proxy", "persistentvolumeclaims", "configmaps", "secrets", "events"]),
            Rule(["create"], [""], ["serviceaccounts/token"]),
            Rule(Write, ["apps"], ["statefulsets", "statefulsets/scale", "daemonsets", "deployments", "deployments/scale", "deployments/rollback", "replicasets", "replicasets/scale"]),
            Rule(Write, ["autoscaling"], ["horizontalpodautoscalers"]),
            Rule(Write, ["batch"], ["jobs", "cronjobs"]),
            Rule(Write, ["extensions"], ["daemonsets", "deployments", "deployments/scale", "deployments/rollback", "ingresses", "replicasets", "replicasets/scale", "replicationcontrollers/scale", "networkpolicies"]),
            Rule(Write, ["policy"], ["poddisruptionbudgets"]),
            Rule(Write, ["networking.k8s.io"], ["networkpolicies", "ingresses"]),
            Rule(ReadWrite, ["coordination.k8s.io"], ["leases"])),
        Role("system:aggregate-to-view", AggregateToView, null,
            Rule(Read, [""], ["pods", "replicationcontrollers", "replicationcontrollers/scale", "serviceaccounts", "services", "services/status", "endpoints", "persistentvolumeclaims", "persistentvolumeclaims/status", "configmaps"]),
            Rule(Read, [""], ["limitranges", "resourcequotas", "bindings", "events", "pods/status", "resourcequotas/status", "namespaces/status", "replicationcontrollers/status", "pods/log"]),
            Rule(Read, [""], ["namespaces"]),
            Rule(["get", "list", "watch"], ["discovery.k8s.io"], ["endpointslices"]),
            Rule(Read, ["apps"], ["controllerrevisions", "statefulsets", "statefulsets/status", "statefulsets/scale", "daemonsets", "daemonsets/status", "deployments", "deployments/status", "deployments/scale", "replicasets", "replicasets/status", "replicasets/scale"]),
            Rule(Read, ["autoscaling"], ["horizontalpodautoscalers", "horizontalpodautoscalers/status"]),
            Rule(Read, ["batch"], ["jobs", "cronjobs", "cronjobs/status", "jobs/status"]),
            Rule(Read, ["extensions"], ["daemonsets", "daemonsets/status", "deployments", "deployments/scale", "deployments/status", "ingresses", "ingresses/status", "replicasets", "replicasets/scale", "replicasets/status", "replicationcontrollers/scale", "networkpolicies"]),
            Rule(Read, ["policy"], ["poddisruptionbudgets", "poddisruptionbudgets/status"]),
            Rule(Read, ["networking.k8s.io"], ["networkpolicies", "ingresses", "ingresses/status"])),
        Role("system:basic-user", null, null,
            Rule(["create"], ["authorization.k8s.io"], ["selfsubjectaccessreviews", "selfsubjectrulesreviews"]),
            Rule(["create"], ["authentication.k8s.io"], ["selfsubjectreviews"])),
        Role("system:discovery", null, null,
            UrlRule(["get"], "/livez", "/readyz", "/healthz", "/version", "/version/", "/openapi", "/openapi/*", "/api", "/api/*", "/apis", "/apis/*")),
        Role("system:public-info-viewer", null, null,
            UrlRule(["get"], "/livez", "/readyz", "/healthz", "/version", "/version/")),
        Role("system:monitoring", null, null,
            UrlRule(["get"], "/metrics", "/metrics/slis", "/livez", "/readyz", "/healthz", "/livez/*", "/readyz/*", "/healthz/*")),
    ];

    public static IReadOnlyList<ClusterRoleBinding> ClusterRoleBindings() =>
    [
        Binding("cluster-admin", "cluster-admin", Authorization.RbacAuthorizer.PrivilegedGroup),
        Binding("system:basic-user", "system:basic-user", AuthenticatedGroup),
        Binding("system:discovery", "system:discovery", AuthenticatedGroup),
        Binding("system:public-info-viewer", "system:public-info-viewer", AuthenticatedGroup, UnauthenticatedGroup),
        Binding("system:monitoring", "system:monitoring", "system:monitoring"),
    ];

    /// <summary>Creates the roles and bindings that do not exist; changed ones are kept as the cluster's operator left them.</summary>
    public static async Task WriteAsync(SystemWriter writer, CancellationToken cancellationToken)
    {
        var roles = writer.StoreFor(RbacApiGroup.GroupName, "clusterroles");
        foreach (var role in ClusterRoles())
        {
            await writer.CreateIfMissingAsync(roles, role, cancellationToken);
        }

        var bindings = writer.StoreFor(RbacApiGroup.GroupName, "clusterrolebindings");
        foreach (var binding in ClusterRoleBindings())
        {
            await writer.CreateIfMissingAsync(bindings, binding, cancellationToken);
        }
    }

    private static ClusterRole Role(string name, string? label, string? aggregateFrom, params PolicyRule[] rules) => new()
    {
        Metadata = Meta(name, label),
        Rules = aggregateFrom is null ? [.. rules] : null,
        AggregationRule = aggregateFrom is null
            ? null
            : new AggregationRule { ClusterRoleSelectors = [new LabelSelector { MatchLabels = new Dictionary<string, string> { [aggregateFrom] = "true" } }] },
    };

    private static ClusterRoleBinding Binding(string name, string role, params string[] groups) => new()
    {
        Metadata = Meta(name, null),
        RoleRef = new RoleRef { ApiGroup = RbacApiGroup.GroupName, Kind = RbacFieldRules.ClusterRoleKind, Name = role },
        Subjects = [.. groups.Select(g => new Subject { Kind = Subject.GroupKind, ApiGroup = RbacApiGroup.GroupName, Name = g })],
    };

    private static ObjectMeta Meta(string name, string? aggregationLabel)
    {
        var labels = new Dictionary<string, string> { ["kubernetes.io/bootstrapping"] = "rbac-defaults" };
        if (aggregationLabel is not null)
        {
            labels[aggregationLabel] = "true";
        }

        return new ObjectMeta
        {
            Name = name,
            Labels = labels,
            Annotations = new Dictionary<string, string> { ["rbac.authorization.kubernetes.io/autoupdate"] = "true" },
        };
    }

    private static PolicyRule Rule(string[] verbs, string[] groups, string[] resources) =>
        new() { Verbs = [.. verbs], ApiGroups = [.. groups], Resources = [.. resources] };

    private static PolicyRule UrlRule(string[] verbs, params string[] urls) =>
        new() { Verbs = [.. verbs], NonResourceUrls = [.. urls] };
}
