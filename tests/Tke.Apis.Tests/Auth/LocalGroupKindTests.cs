using Tke.ApiMachinery.Validation;
using Tke.Auth.Apis.LocalGroups;
using Tke.Auth.Apis.Subjects;
using static Tke.Apis.Tests.ApiKindChecks;

namespace Tke.Apis.Tests.Auth;

public class LocalGroupKindTests
{
    private readonly LocalGroupKind _kind = new();

    private static LocalGroup Sample() => new()
    {
        Metadata = { Name = "grp-x1" },
        Spec = new LocalGroupSpec { DisplayName = "dev-team", TenantId = "default", Username = "admin", Description = "developers" },
        Status = new LocalGroupStatus { Phase = "Active", Users = [new Subject { Id = "usr-1", Name = "jane" }] },
    };

    [Fact]
    public void Schema_has_tkestack_field_names_and_limits()
    {
        HasFields(_kind, "spec.finalizers", "spec.displayName", "spec.tenantID", "spec.username", "spec.description",
            "status.phase", "status.users[].id", "status.users[].name");
        IsRequired(_kind, "spec", "displayName");
        Assert.Equal(59, Node(_kind, "spec.displayName").MaxLength);
        Assert.Equal(254, Node(_kind, "spec.description").MaxLength);
        Assert.True(PatternAccepts(_kind, "spec.displayName", "dev-team"));
        Assert.False(PatternAccepts(_kind, "spec.displayName", "Dev Team"));
    }

    [Fact]
    public void Valid_sample_passes() => Valid(Create(_kind, Sample()));

    [Fact]
    public void Member_without_id_or_name_is_rejected()
    {
        var group = Sample();
        group.Status!.Users!.Add(new Subject());
        Single(Create(_kind, group), "status.users[1]", FieldErrorKind.Required);
    }

    [Fact]
    public void Tenant_cannot_change()
    {
        var group = Sample();
        group.Spec.TenantId = "t2";
        Single(Update(_kind, group, Sample()), "spec.tenantID", FieldErrorKind.Invalid);
    }

    [Fact]
    public void Json_table_and_selectors()
    {
        var json = RoundTrip(Sample());
        Assert.Equal("dev-team", At(json, "spec.displayName")!.GetValue<string>());
        Assert.Equal("usr-1", At(json, "status.users")![0]!["id"]!.GetValue<string>());

        var cells = Cells(_kind, Sample());
        Assert.Equal("dev-team", cells["Display Name"]);
        Assert.Equal(1, cells["Members"]);
        Assert.Equal("Active", cells["Phase"]);
        Assert.Equal("admin", Selected(_kind, Sample(), "spec.username"));
        Assert.Equal("dev-team", Selected(_kind, Sample(), "spec.displayName"));
        Assert.Equal("default", Selected(_kind, Sample(), "spec.tenantID"));
    }
}
