using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Objects;
using Tke.ApiMachinery.Validation;
using Tke.SimCluster.Rbac;
using Tke.SimCluster.Tests.Kinds;

namespace Tke.SimCluster.Tests.Rbac;

public sealed class RbacKindTests
{
    private static readonly KindCatalog Catalog = new(SimulatedClusterApi.Groups());

    private static KindDefinition Kind(string plural) => Catalog.Find(RbacApiGroup.GroupName, "v1", plural)!;

    public static TheoryData<string, string, bool> Resources => new()
    {
        { "roles", "Role", true },
        { "clusterroles", "ClusterRole", false },
        { "rolebindings", "RoleBinding", true },
        { "clusterrolebindings", "ClusterRoleBinding", false },
    };

    [Theory]
    [MemberData(nameof(Resources))]
    public void Kinds_have_the_Kubernetes_names_and_scope_and_no_short_names_categories_or_status(string plural, string kindName, bool namespaced)
    {
        var kind = Kind(plural);

        Assert.Equal(kindName, kind.Kind);
        Assert.Equal(namespaced, kind.Namespaced);
        Assert.Equal("rbac.authorization.k8s.io/v1", kind.ApiVersion);
        Assert.Empty(kind.ShortNames);
        Assert.Empty(kind.Categories);
        Assert.False(kind.HasStatusSubresource);
    }

    [Fact]
    public void Names_need_only_be_path_segments()
    {
        Assert.Empty(Kind("clusterroles").ValidateName("system:aggregate-to-edit"));
        Assert.Empty(Kind("roles").ValidateName("Pod_Reader"));
        Assert.Equal(["may not contain '/'"], Kind("roles").ValidateName("a/b"));
        Assert.Equal(["may not be '..'"], Kind("clusterrolebindings").ValidateName(".."));
        Assert.NotEmpty(Catalog.Find("", "v1", "configmaps")!.ValidateName("system:x"));
    }

    [Fact]
    public void A_binding_defaults_the_role_and_subject_api_groups()
    {
        var binding = KindDecoding.DecodeStrict<RoleBinding>(Kind("rolebindings"), """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: b, namespace: team}
            roleRef: {kind: Role, name: pod-reader}
            subjects:
            - {kind: User, name: alice}
            - {kind: Group, name: devs}
            - {kind: ServiceAccount, name: robot}
            """);

        Assert.Empty(KindDecoding.ValidateCreate(Kind("rolebindings"), binding));
        Assert.Equal("rbac.authorization.k8s.io", binding.RoleRef.ApiGroup);
        Assert.Equal(["rbac.authorization.k8s.io", "rbac.authorization.k8s.io", null], binding.Subjects!.Select(s => s.ApiGroup));
    }

    [Fact]
    public void Bad_role_references_and_subjects_are_refused_with_kube_apiserver_s_messages()
    {
        var binding = KindDecoding.DecodeStrict<ClusterRoleBinding>(Kind("clusterrolebindings"), """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: b}
            roleRef: {apiGroup: example.com, kind: Role, name: ""}
            subjects:
            - {kind: ServiceAccount, name: robot}
            - {kind: Robot, name: r2}
            - {kind: User, name: "", apiGroup: example.com}
            """);

        var messages = KindDecoding.ValidateCreate(Kind("clusterrolebindings"), binding).Select(e => e.Message).ToList();

        Assert.Equal(
        [
            "roleRef.apiGroup: Unsupported value: \"example.com\": supported values: \"rbac.authorization.k8s.io\"",
            "roleRef.kind: Unsupported value: \"Role\": supported values: \"ClusterRole\"",
            "roleRef.name: Required value",
            "subjects[0].namespace: Required value",
            "subjects[1].kind: Unsupported value: \"Robot\": supported values: \"ServiceAccount\", \"User\", \"Group\"",
            "subjects[2].name: Required value",
            "subjects[2].apiGroup: Unsupported value: \"example.com\": supported values: \"rbac.authorization.k8s.io\"",
        ], messages);
    }

    [Fact]
    public void A_RoleBinding_may_reference_a_Role_or_a_ClusterRole_and_nothing_else()
    {
        var binding = Binding("Group");

        Assert.Equal(
            ["roleRef.kind: Unsupported value: \"Group\": supported values: \"Role\", \"ClusterRole\""],
            KindDecoding.ValidateCreate(Kind("rolebindings"), binding).Select(e => e.Message));
        Assert.Empty(KindDecoding.ValidateCreate(Kind("rolebindings"), Binding("ClusterRole")));
    }

    [Fact]
    public void Changing_a_binding_s_roleRef_is_refused_and_other_changes_are_not()
    {
        var kind = Kind("rolebindings");
        var old = Binding("Role");
        var changed = Binding("ClusterRole");
        var errors = new FieldErrorList();

        kind.ValidateUpdate(changed, old, errors);

        var error = Assert.Single(errors);
        Assert.Equal("roleRef: Invalid value: rbac.RoleRef{APIGroup:\"rbac.authorization.k8s.io\", Kind:\"ClusterRole\", Name:\"reader\"}: cannot change roleRef", error.Message);

        var moreSubjects = Binding("Role");
        moreSubjects.Subjects!.Add(new Subject { Kind = "User", ApiGroup = RbacApiGroup.GroupName, Name = "bob" });
        var none = new FieldErrorList();
        kind.ValidateUpdate(moreSubjects, old, none);
        Assert.Empty(none);
    }

    [Fact]
    public void Rules_need_verbs_and_groups_and_resources_or_urls_and_urls_only_in_ClusterRoles()
    {
        var role = KindDecoding.DecodeStrict<Role>(Kind("roles"), """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: r, namespace: team}
            rules:
            - nonResourceURLs: ["/healthz"]
              verbs: [get]
            - resources: [pods]
            """);

        Assert.Equal(
        [
            "rules[0].nonResourceURLs: Invalid value: []string{\"/healthz\"}: namespaced rules cannot apply to non-resource URLs",
            "rules[1].verbs: Required value: verbs must contain at least one value",
            "rules[1].apiGroups: Required value: resource rules must supply at least one api group",
        ], KindDecoding.ValidateCreate(Kind("roles"), role).Select(e => e.Message));

        var clusterRole = new ClusterRole
        {
            Metadata = new ObjectMeta { Name = "c" },
            Rules = [new PolicyRule { Verbs = ["get"], NonResourceUrls = ["/healthz"] }, new PolicyRule { Verbs = ["get"], NonResourceUrls = ["/x"], Resources = ["pods"] }],
        };
        Assert.Equal(
            ["rules[1].nonResourceURLs: Invalid value: []string{\"/x\"}: rules cannot apply to both regular resources and non-resource URLs"],
            KindDecoding.ValidateCreate(Kind("clusterroles"), clusterRole).Select(e => e.Message));
    }

    [Fact]
    public void An_aggregation_rule_needs_a_valid_selector()
    {
        var empty = new ClusterRole { Metadata = new ObjectMeta { Name = "a" }, AggregationRule = new AggregationRule() };
        var bad = KindDecoding.DecodeStrict<ClusterRole>(Kind("clusterroles"), """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: b}
            aggregationRule:
              clusterRoleSelectors:
              - matchExpressions:
                - {key: tier, operator: Near, values: [x]}
                - {key: tier, operator: In}
            """);

        Assert.Equal(
            ["aggregationRule.clusterRoleSelectors: Required value: at least one clusterRoleSelector required if aggregationRule is non-nil"],
            KindDecoding.ValidateCreate(Kind("clusterroles"), empty).Select(e => e.Message));
        Assert.Equal(
        [
            "aggregationRule.clusterRoleSelectors[0].matchExpressions[0].operator: Invalid value: \"Near\": not a valid selector operator",
            "aggregationRule.clusterRoleSelectors[0].matchExpressions[1].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
        ], KindDecoding.ValidateCreate(Kind("clusterroles"), bad).Select(e => e.Message));
    }

    [Fact]
    public void Unknown_fields_are_refused_in_strict_mode()
    {
        var error = Assert.Throws<Tke.ApiMachinery.Errors.StatusError>(() => KindDecoding.DecodeStrict<Role>(Kind("roles"), """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: r, namespace: team}
            rules:
            - {verbs: [get], apiGroups: [""], resources: [pods], resourceName: [x]}
            """));

        Assert.Equal(400, error.Code);
        Assert.Contains("resourceName", error.Message, StringComparison.Ordinal);
    }

    private static RoleBinding Binding(string roleKind) => new()
    {
        Metadata = new ObjectMeta { Name = "b", Namespace = "team" },
        RoleRef = new RoleRef { ApiGroup = RbacApiGroup.GroupName, Kind = roleKind, Name = "reader" },
        Subjects = [new Subject { Kind = "User", ApiGroup = RbacApiGroup.GroupName, Name = "alice" }],
    };
}
