using Tke.ApiMachinery.Validation;
using Tke.Auth.Apis.Policies;
using Tke.Auth.Apis.Subjects;
using static Tke.Apis.Tests.ApiKindChecks;

namespace Tke.Apis.Tests.Auth;

public class PolicyKindTests
{
    private readonly PolicyKind _kind = new();

    private static Policy Sample() => new()
    {
        Metadata = { Name = "pol-view" },
        Spec = new PolicySpec
        {
            DisplayName = "DeploymentViewer",
            TenantId = "default",
            Category = "platform",
            Type = PolicyTypes.Custom,
            Scope = PolicyScopes.Platform,
            Username = "admin",
            Description = "view one deployment",
            Statement = new Statement
            {
                Actions = ["get*", "list*", "watch*", "*Deployment*"],
                Resources = ["cluster:cls-123/deployment:deploy-123/*"],
                Effect = PolicyEffects.Allow,
            },
        },
        Status = new PolicyStatus { Phase = "Active", Users = [new Subject { Id = "usr-1" }], Groups = [new Subject { Id = "grp-1" }] },
    };

    [Fact]
    public void Schema_has_tkestack_field_names()
    {
        HasFields(_kind, "spec.finalizers", "spec.displayName", "spec.tenantID", "spec.category", "spec.type", "spec.scope",
            "spec.username", "spec.description", "spec.statement.actions", "spec.statement.resources", "spec.statement.effect",
            "spec.conditions", "status.phase", "status.users[].id", "status.groups[].name");
    }

    [Fact]
    public void Schema_constrains_enums_and_required_fields()
    {
        HasEnum(_kind, "spec.statement.effect", "allow", "deny");
        IsRequired(_kind, "spec", "displayName");
        IsRequired(_kind, "spec", "category");
        IsRequired(_kind, "spec", "statement");
        IsRequired(_kind, "spec.statement", "effect");
        Assert.Equal(255, Node(_kind, "spec.displayName").MaxLength);
    }

    [Fact]
    public void Valid_sample_passes() => Valid(Create(_kind, Sample()));

    [Fact]
    public void Defaults_make_a_custom_platform_policy()
    {
        var policy = Sample();
        policy.Spec.Type = "";
        policy.Spec.Scope = "";
        _kind.ApplyDefaults(policy);
        Assert.Equal("custom", policy.Spec.Type);
        Assert.Equal("platform", policy.Spec.Scope);

        policy.Spec.Type = PolicyTypes.Default;
        policy.Spec.Scope = PolicyScopes.Project;
        _kind.ApplyDefaults(policy);
        Assert.Equal("default", policy.Spec.Type);
        Assert.Equal("project", policy.Spec.Scope);
        Assert.Equal("pol-", _kind.DefaultGenerateName);
    }

    [Fact]
    public void Type_and_scope_are_checked_after_defaulting()
    {
        var policy = Sample();
        policy.Spec.Type = "builtin";
        Single(Create(_kind, policy), "spec.type", FieldErrorKind.NotSupported);

        policy = Sample();
        policy.Spec.Scope = "cluster";
        Single(Create(_kind, policy), "spec.scope", FieldErrorKind.NotSupported);
    }

    [Fact]
    public void Statement_needs_actions_and_resources()
    {
        var policy = Sample();
        policy.Spec.Statement.Actions.Clear();
        Single(Create(_kind, policy), "spec.statement.actions", FieldErrorKind.Required);

        policy = Sample();
        policy.Spec.Statement.Resources.Clear();
        Single(Create(_kind, policy), "spec.statement.resources", FieldErrorKind.Required);
    }

    [Theory]
    [InlineData("get pods")]
    [InlineData("")]
    [InlineData("list/clusters")]
    public void Malformed_action_is_rejected(string action)
    {
        var policy = Sample();
        policy.Spec.Statement.Actions.Add(action);
        Single(Create(_kind, policy), "spec.statement.actions[4]", FieldErrorKind.Invalid);
    }

    [Theory]
    [InlineData("cluster:cls-123//*")]
    [InlineData("cluster")]
    [InlineData("cluster:cls 1")]
    [InlineData(":cls-1")]
    public void Malformed_resource_is_rejected(string resource)
    {
        var policy = Sample();
        policy.Spec.Statement.Resources.Add(resource);
        Single(Create(_kind, policy), "spec.statement.resources[1]", FieldErrorKind.Invalid);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("cluster:*")]
    [InlineData("cluster:cls-123/deployment:deploy-123/*")]
    [InlineData("project:prj-1/namespace:*/*")]
    public void Well_formed_resources_are_accepted(string resource) => Assert.Null(StatementFormat.ResourceProblem(resource));

    [Fact]
    public void Bound_user_needs_id_or_name()
    {
        var policy = Sample();
        policy.Status!.Users!.Add(new Subject());
        Single(Create(_kind, policy), "status.users[1]", FieldErrorKind.Required);
    }

    [Fact]
    public void Tenant_cannot_change()
    {
        var policy = Sample();
        policy.Spec.TenantId = "other";
        Single(Update(_kind, policy, Sample()), "spec.tenantID", FieldErrorKind.Invalid);
    }

    [Fact]
    public void Json_uses_tkestack_names()
    {
        var policy = Sample();
        policy.Spec.Conditions = [123, 34];
        var json = RoundTrip(policy);
        Assert.Equal("allow", At(json, "spec.statement.effect")!.GetValue<string>());
        Assert.Equal("cluster:cls-123/deployment:deploy-123/*", At(json, "spec.statement.resources")![0]!.GetValue<string>());
        Assert.Equal("platform", At(json, "spec.scope")!.GetValue<string>());
        Assert.Equal("default", At(json, "spec.tenantID")!.GetValue<string>());
        Assert.Equal("eyI=", At(json, "spec.conditions")!.GetValue<string>());
    }

    [Fact]
    public void Table_and_selectors()
    {
        var cells = Cells(_kind, Sample());
        Assert.Equal("DeploymentViewer", cells["Display Name"]);
        Assert.Equal("custom", cells["Type"]);
        Assert.Equal("platform", cells["Scope"]);
        Assert.Equal("allow", cells["Effect"]);
        Assert.Equal("platform", cells["Category"]);
        foreach (var (field, value) in new[] { ("spec.tenantID", "default"), ("spec.username", "admin"), ("spec.category", "platform"), ("spec.type", "custom"), ("spec.scope", "platform"), ("spec.displayName", "DeploymentViewer") })
        {
            Assert.Equal(value, Selected(_kind, Sample(), field));
        }
    }
}
