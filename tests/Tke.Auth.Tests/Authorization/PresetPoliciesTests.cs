using Tke.ApiMachinery.Validation;
using Tke.Auth.Apis.Policies;
using Tke.Auth.Apis.Subjects;
using Tke.Auth.Authorization;
using static Tke.Auth.Tests.Authorization.PolicyFixtures;

namespace Tke.Auth.Tests.Authorization;

public sealed class PresetPoliciesTests
{
    private const string Tenant = "default";

    private static PolicyEngine EngineWith(string platformPolicy, string user)
    {
        var presets = PresetPolicies.For(Tenant);
        presets.Single(p => p.Metadata.Name == platformPolicy).Status!.Users = [new Subject { Name = user }];
        return PolicyEngine.Build(new AuthorizationInputs
        {
            Policies = presets,
            ProjectPolicyBindings =
            [
                ProjectBinding(Tenant, "prj-1", PresetPolicies.ProjectOwnerPolicyName(Tenant), users: ["olivia"]),
                ProjectBinding(Tenant, "prj-1", PresetPolicies.ProjectMemberPolicyName(Tenant), users: ["mike"]),
                ProjectBinding(Tenant, "prj-1", PresetPolicies.ProjectViewerPolicyName(Tenant), users: ["vera"]),
            ],
        });
    }

    [Fact]
    public void PresetsHaveTkeStacksNamesAndPassValidation()
    {
        var presets = PresetPolicies.For("acme");
        Assert.Equal(
            ["pol-acme-administrator", "pol-acme-platform", "pol-acme-viewer", "pol-acme-project-owner", "pol-acme-project-member", "pol-acme-project-viewer"],
            presets.Select(p => p.Metadata.Name));
        Assert.Equal(["PlatformAdmin", "PlatformUser", "PlatformLogin", "ProjectAdmin", "ProjectMember", "ProjectViewer"], presets.Select(p => p.Spec.DisplayName));
        Assert.All(presets, p =>
        {
            Assert.Equal("acme", p.Spec.TenantId);
            Assert.Equal(PolicyTypes.Default, p.Spec.Type);
            var errors = new FieldErrorList();
            PolicyStatementValidator.Validate(p.Spec.Statement, errors, "spec.statement");
            Assert.Empty(errors);
        });
        Assert.Equal(3, presets.Count(p => p.Spec.Scope == PolicyScopes.Project));
        Assert.Equal("pol-acme-viewer", PresetPolicies.PolicyNameForPlatformRole("acme", PresetPolicies.TenantRole));
    }

    [Theory]
    [InlineData("deleteCluster", "cluster:cls-1")]
    [InlineData("createLocalidentity", "localidentity:*")]
    [InlineData("updateDeploymentScale", "cluster:cls-1/namespace:a/deployment:web")]
    [InlineData("anythingAtAll", "whatever:x/at:all")]
    public void AdministratorMayDoEverything(string action, string resource)
    {
        var engine = EngineWith(PresetPolicies.AdministratorPolicyName(Tenant), "admin");
        Assert.True(engine.Authorize(new RequestSubject("admin", []), Tenant, action, resource, null).Allowed);
        Assert.True(engine.Authorize(new RequestSubject("admin", []), Tenant, action, resource, "prj-7").Allowed);
    }

    [Fact]
    public void TenantRoleMayOnlyLogIn()
    {
        var engine = EngineWith(PresetPolicies.TenantPolicyName(Tenant), "tina");
        var tina = new RequestSubject("tina", []);
        Assert.True(engine.Authorize(tina, Tenant, "listPortal", "portal:*", null).Allowed);
        Assert.False(engine.Authorize(tina, Tenant, "listClusters", "cluster:*", null).Allowed);
    }

    [Theory]
    [InlineData("getDeployment", "cluster:cls-1/namespace:a/deployment:web", true)]
    [InlineData("listPods", "cluster:cls-1/namespace:a/pod:*", true)]
    [InlineData("watchDeployment", "cluster:cls-1/namespace:a/deployment:*", true)]
    [InlineData("createDeployment", "cluster:cls-1/namespace:a/deployment:*", false)]
    [InlineData("updateConfigmap", "cluster:cls-1/namespace:a/configmap:c", false)]
    [InlineData("deletePod", "cluster:cls-1/namespace:a/pod:p", false)]
    public void ViewerMayOnlyReadInItsProject(string action, string resource, bool allowed)
    {
        var engine = EngineWith(PresetPolicies.TenantPolicyName(Tenant), "nobody");
        var vera = new RequestSubject("vera", []);
        Assert.Equal(allowed, engine.Authorize(vera, Tenant, action, resource, "prj-1").Allowed);
        Assert.False(engine.Authorize(vera, Tenant, action, resource, "prj-2").Allowed);
        Assert.False(engine.Authorize(vera, Tenant, action, resource, null).Allowed);
    }

    [Theory]
    [InlineData("createDeployment", true)]
    [InlineData("updateDeploymentScale", true)]
    [InlineData("deleteSecret", true)]
    [InlineData("getNamespace", true)]
    [InlineData("createNamespace", false)]
    [InlineData("deleteProject", false)]
    [InlineData("createProjectpolicybinding", false)]
    public void MemberManagesWorkloadsButNotTheProject(string action, bool allowed)
    {
        var engine = EngineWith(PresetPolicies.TenantPolicyName(Tenant), "nobody");
        Assert.Equal(allowed, engine.Authorize(new RequestSubject("mike", []), Tenant, action, "cluster:cls-1/namespace:a/x:y", "prj-1").Allowed);
    }

    [Theory]
    [InlineData("createNamespace", true)]
    [InlineData("updateProject", true)]
    [InlineData("createProjectpolicybinding", true)]
    [InlineData("deleteDeployment", true)]
    [InlineData("createCluster", false)]
    [InlineData("deleteLocalidentity", false)]
    public void OwnerManagesTheProjectButNotThePlatform(string action, bool allowed)
    {
        var engine = EngineWith(PresetPolicies.TenantPolicyName(Tenant), "nobody");
        Assert.Equal(allowed, engine.Authorize(new RequestSubject("olivia", []), Tenant, action, "project:prj-1", "prj-1").Allowed);
    }
}
