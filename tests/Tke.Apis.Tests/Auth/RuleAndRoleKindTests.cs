using Tke.ApiMachinery.Validation;
using Tke.Auth.Apis.Roles;
using Tke.Auth.Apis.Rules;
using Tke.Auth.Apis.Subjects;
using static Tke.Apis.Tests.ApiKindChecks;

namespace Tke.Apis.Tests.Auth;

public class RuleAndRoleKindTests
{
    private static Rule SampleRule() => new()
    {
        Metadata = { Name = "rule-1" },
        Spec = new RuleSpec { PType = "p", V0 = "pol-view", V1 = "cluster:*", V2 = "get*", V3 = "allow" },
    };

    private static Role SampleRole() => new()
    {
        Metadata = { Name = "rol-ops" },
        Spec = new RoleSpec { DisplayName = "ops", TenantId = "default", Username = "admin", Policies = ["pol-a", "pol-b"] },
        Status = new RoleStatus { Phase = "Active", Users = [new Subject { Name = "jane" }] },
    };

    [Fact]
    public void Rule_schema_json_table_and_selectors()
    {
        var kind = new RuleKind();
        HasFields(kind, "spec.ptype", "spec.v0", "spec.v1", "spec.v2", "spec.v3", "spec.v4", "spec.v5", "spec.v6");
        IsRequired(kind, "spec", "ptype");
        Assert.True(PatternAccepts(kind, "spec.ptype", "g2"));
        Assert.False(PatternAccepts(kind, "spec.ptype", "x"));
        Valid(Create(kind, SampleRule()));

        var json = RoundTrip(SampleRule());
        Assert.Equal("p", At(json, "spec.ptype")!.GetValue<string>());
        Assert.Equal("", At(json, "spec.v6")!.GetValue<string>());

        Assert.Equal("pol-view", Cells(kind, SampleRule())["V0"]);
        Assert.Equal("get*", Selected(kind, SampleRule(), "spec.v2"));
        Assert.Equal("p", Selected(kind, SampleRule(), "spec.ptype"));
    }

    [Fact]
    public void Role_schema_and_valid_sample()
    {
        var kind = new RoleKind();
        HasFields(kind, "spec.finalizers", "spec.displayName", "spec.tenantID", "spec.username", "spec.description", "spec.policies",
            "status.phase", "status.users[].id", "status.groups[].id");
        IsRequired(kind, "spec", "displayName");
        Valid(Create(kind, SampleRole()));
        Assert.Equal("rol-", kind.DefaultGenerateName);
    }

    [Fact]
    public void Role_rejects_repeated_policies_and_tenant_change()
    {
        var kind = new RoleKind();
        var role = SampleRole();
        role.Spec.Policies!.Add("pol-a");
        Single(Create(kind, role), "spec.policies[2]", FieldErrorKind.Duplicate);

        role = SampleRole();
        role.Status!.Groups = [new Subject { Name = "no-id" }];
        Single(Create(kind, role), "status.groups[0].id", FieldErrorKind.Required);

        role = SampleRole();
        role.Spec.TenantId = "t2";
        Single(Update(kind, role, SampleRole()), "spec.tenantID", FieldErrorKind.Invalid);
    }

    [Fact]
    public void Role_json_table_and_selectors()
    {
        var kind = new RoleKind();
        var json = RoundTrip(SampleRole());
        Assert.Equal("pol-b", At(json, "spec.policies")![1]!.GetValue<string>());
        var cells = Cells(kind, SampleRole());
        Assert.Equal("ops", cells["Display Name"]);
        Assert.Equal(2, cells["Policies"]);
        Assert.Equal("Active", cells["Phase"]);
        Assert.Equal("ops", Selected(kind, SampleRole(), "spec.displayName"));
        Assert.Equal("admin", Selected(kind, SampleRole(), "spec.username"));
    }
}
