using Tke.Auth.Apis.Groups;
using Tke.Auth.Apis.Subjects;
using Tke.Auth.Apis.Users;
using static Tke.Apis.Tests.ApiKindChecks;

namespace Tke.Apis.Tests.Auth;

public class UserAndGroupKindTests
{
    private static User SampleUser() => new()
    {
        Metadata = { Name = "default-jane" },
        Spec = new UserSpec { Id = "usr-1", Name = "jane", DisplayName = "Jane", Email = "jane@example.com", TenantId = "default" },
    };

    private static Group SampleGroup() => new()
    {
        Metadata = { Name = "default-grp-1" },
        Spec = new GroupSpec { Id = "grp-1", DisplayName = "dev", TenantId = "default", Description = "devs" },
        Status = new GroupStatus { Users = [new Subject { Id = "usr-1", Name = "jane" }] },
    };

    [Fact]
    public void User_schema_json_and_table()
    {
        var kind = new UserKind();
        HasFields(kind, "spec.id", "spec.name", "spec.displayName", "spec.email", "spec.phoneNumber", "spec.tenantID", "spec.extra");
        Assert.Null(kind.Schema.Properties!.GetValueOrDefault("status"));
        IsRequired(kind, "spec", "name");
        Valid(Create(kind, SampleUser()));

        var json = RoundTrip(SampleUser());
        Assert.Equal("usr-1", At(json, "spec.id")!.GetValue<string>());
        Assert.Equal("default", At(json, "spec.tenantID")!.GetValue<string>());

        Assert.Equal("jane", Cells(kind, SampleUser())["Username"]);
        Assert.Equal("default", Selected(kind, SampleUser(), "spec.tenantID"));
    }

    [Fact]
    public void Group_schema_json_and_table()
    {
        var kind = new GroupKind();
        HasFields(kind, "spec.id", "spec.displayName", "spec.tenantID", "spec.description", "status.users[].id");
        Valid(Create(kind, SampleGroup()));

        var json = RoundTrip(SampleGroup());
        Assert.Equal("grp-1", At(json, "spec.id")!.GetValue<string>());
        Assert.Equal("jane", At(json, "status.users")![0]!["name"]!.GetValue<string>());

        Assert.Equal(1, Cells(kind, SampleGroup())["Members"]);
        Assert.Equal("default", Selected(kind, SampleGroup(), "spec.tenantID"));
    }
}
