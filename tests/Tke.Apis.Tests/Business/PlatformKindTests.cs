using Tke.ApiMachinery.Objects;
using Tke.ApiMachinery.Validation;
using Tke.Apis.Tests.Shared;
using Tke.Business.Apis.Platforms;

namespace Tke.Apis.Tests.Business;

public class PlatformKindTests
{
    private readonly PlatformKind _kind = new();

    private static Tke.Business.Apis.Platforms.Platform Sample() => new()
    {
        Metadata = new ObjectMeta { Name = "platform-default" },
        Spec = new PlatformSpec { TenantID = "default", Administrators = ["admin", "ops"] },
    };

    [Fact]
    public void Names_and_prefix_are_those_of_TKEStack()
    {
        Assert.Equal("platforms", _kind.Plural);
        Assert.Equal("platform-", _kind.DefaultGenerateName);
        Assert.False(_kind.HasStatusSubresource);
        KindAssert.HasFields(_kind, "spec.tenantID", "spec.administrators");
    }

    [Fact]
    public void Administrators_are_unique()
    {
        KindAssert.Valid(_kind, Sample());
        var platform = Sample();
        platform.Spec.Administrators!.Add("admin");
        KindAssert.HasError(KindAssert.Validate(_kind, platform), "spec.administrators[2]", FieldErrorKind.Duplicate);
    }

    [Fact]
    public void Json_table_and_selectors()
    {
        var (json, _) = KindAssert.RoundTrip(Sample());
        Assert.Equal("ops", KindAssert.At(json, "spec", "administrators")?[1]?.GetValue<string>());
        Assert.Equal("admin,ops", KindAssert.Cells(_kind, Sample())["Administrators"]);
        Assert.Equal("default", KindAssert.Select(_kind, Sample(), "spec.tenantID"));
    }
}
