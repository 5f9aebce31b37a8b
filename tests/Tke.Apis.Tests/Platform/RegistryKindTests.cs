using Tke.ApiMachinery.Objects;
using Tke.ApiMachinery.Validation;
using Tke.Apis.Tests.Shared;
using Tke.Platform.Apis.Registries;

namespace Tke.Apis.Tests.Platform;

public class RegistryKindTests
{
    private readonly RegistryKind _kind = new();

    private static Tke.Platform.Apis.Registries.Registry Sample() => new()
    {
        Metadata = new ObjectMeta { Name = "rg-abc" },
        Spec = new RegistrySpec { TenantID = "default", DisplayName = "Harbor", ClusterName = "cls-abc123", URL = "harbor.example.com:8443", UserName = "admin", Password = "Harbor12345" },
    };

    [Fact]
    public void Names_and_prefix_are_those_of_TKEStack()
    {
        Assert.Equal("registries", _kind.Plural);
        Assert.Equal("registry", _kind.Singular);
        Assert.Equal("rg-", _kind.DefaultGenerateName);
        Assert.False(_kind.HasStatusSubresource);
        Assert.False(_kind.Schema.Properties!.ContainsKey("status"));
    }

    [Fact]
    public void Schema_has_TKEStack_field_names()
    {
        KindAssert.HasFields(_kind, "spec.tenantID", "spec.displayName", "spec.clusterName", "spec.url", "spec.userName", "spec.password");
        Assert.True(KindAssert.SchemaAt(_kind, "spec.password").Sensitive);
    }

    [Theory]
    [InlineData("harbor.example.com:8443")]
    [InlineData("https://registry.example.com/v2")]
    public void Valid_addresses_pass(string url)
    {
        var registry = Sample();
        registry.Spec.URL = url;
        KindAssert.Valid(_kind, registry);
    }

    [Theory]
    [InlineData("ftp://registry.example.com")]
    [InlineData("has space.example.com")]
    public void Bad_addresses_are_rejected(string url)
    {
        var registry = Sample();
        registry.Spec.URL = url;
        KindAssert.HasError(KindAssert.Validate(_kind, registry), "spec.url", FieldErrorKind.Invalid);
    }

    [Fact]
    public void Address_is_required()
    {
        var registry = Sample();
        registry.Spec.URL = null;
        KindAssert.HasError(KindAssert.Validate(_kind, registry), "spec.url", FieldErrorKind.Required);
    }

    [Fact]
    public void Json_table_and_selectors()
    {
        var (json, back) = KindAssert.RoundTrip(Sample());
        Assert.Equal("admin", KindAssert.At(json, "spec", "userName")?.GetValue<string>());
        Assert.Equal("harbor.example.com:8443", KindAssert.At(json, "spec", "url")?.GetValue<string>());
        Assert.Equal("Harbor12345", back.Spec.Password);
        Assert.Equal("harbor.example.com:8443", KindAssert.Cells(_kind, Sample())["URL"]);
        Assert.Equal("default", KindAssert.Select(_kind, Sample(), "spec.tenantID"));
    }
}
