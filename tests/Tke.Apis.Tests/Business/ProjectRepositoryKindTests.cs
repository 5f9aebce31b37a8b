using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Objects;
using Tke.ApiMachinery.Validation;
using Tke.Apis.Tests.Shared;
using Tke.Business.Apis.ChartGroups;
using Tke.Business.Apis.ImageNamespaces;
using Tke.Business.Apis.Shared;

namespace Tke.Apis.Tests.Business;

public class ProjectRepositoryKindTests
{
    private readonly ImageNamespaceKind _images = new();
    private readonly ChartGroupKind _charts = new();

    private static ImageNamespace Image(string name = "team-a") => new()
    {
        Metadata = new ObjectMeta { Namespace = "prj-abcd1234" },
        Spec = new ProjectRepositorySpec { Name = name, TenantID = "default", DisplayName = "Team A images" },
    };

    private static ChartGroup Charts(string name = "team-a-charts") => new()
    {
        Metadata = new ObjectMeta { Namespace = "prj-abcd1234" },
        Spec = new ProjectRepositorySpec { Name = name, TenantID = "default" },
    };

    [Fact]
    public void Names_and_scope_are_those_of_TKEStack()
    {
        Assert.Equal("imagenamespaces", _images.Plural);
        Assert.Equal("chartgroups", _charts.Plural);
        Assert.Equal(KindScope.Namespaced, _images.Scope);
        Assert.Equal(KindScope.Namespaced, _charts.Scope);
        Assert.Equal("imn-", _images.DefaultGenerateName);
        KindAssert.HasFields(_images, "spec.finalizers", "spec.name", "spec.tenantID", "spec.displayName", "status.phase", "status.lastTransitionTime");
        KindAssert.HasFields(_charts, "spec.name", "spec.tenantID", "status.phase");
    }

    [Fact]
    public void Name_follows_spec_name_on_create()
    {
        var image = Image();
        _images.ApplyDefaults(image);
        Assert.Equal("team-a", image.Metadata.Name);
        Assert.Equal(new[] { "imagenamespace" }, image.Spec.Finalizers!);
        KindAssert.Valid(_images, image);

        var charts = Charts();
        _charts.ApplyDefaults(charts);
        Assert.Equal("team-a-charts", charts.Metadata.Name);
        Assert.Equal(new[] { "chartgroup" }, charts.Spec.Finalizers!);
        KindAssert.Valid(_charts, charts);
    }

    [Fact]
    public void Names_have_the_console_length_limits()
    {
        KindAssert.HasError(KindAssert.Validate(_images, Image(new string('a', 64))), "spec.name", FieldErrorKind.TooLong);
        KindAssert.HasError(KindAssert.Validate(_charts, Charts(new string('a', 61))), "spec.name", FieldErrorKind.TooLong);
        KindAssert.Valid(_charts, Charts(new string('a', 60)));
    }

    [Fact]
    public void Names_must_be_dns_labels()
    {
        KindAssert.HasError(KindAssert.Validate(_images, Image("Team_A")), "spec.name", FieldErrorKind.Invalid);
    }

    [Fact]
    public void Object_name_must_match_spec_name()
    {
        var image = Image();
        image.Metadata.Name = "other";
        KindAssert.HasError(KindAssert.Validate(_images, image), "metadata.name", FieldErrorKind.Invalid);
    }

    [Fact]
    public void Name_and_tenant_are_fixed()
    {
        var old = Image();
        var updated = Image("team-b");
        updated.Spec.TenantID = "other";
        var errors = KindAssert.ValidateUpdate(_images, updated, old);
        KindAssert.HasError(errors, "spec.name", FieldErrorKind.Invalid);
        KindAssert.HasError(errors, "spec.tenantID", FieldErrorKind.Invalid);
    }

    [Fact]
    public void Json_table_and_selectors()
    {
        var image = Image();
        image.Status = new ProjectRepositoryStatus { Phase = BusinessPhases.Available };
        var (json, _) = KindAssert.RoundTrip(image);
        Assert.Equal("team-a", KindAssert.At(json, "spec", "name")?.GetValue<string>());
        Assert.Equal("default", KindAssert.At(json, "spec", "tenantID")?.GetValue<string>());
        Assert.Equal("Available", KindAssert.Cells(_images, image)["Status"]);
        Assert.Equal("team-a", KindAssert.Select(_images, image, "spec.name"));
        Assert.Equal("default", KindAssert.Select(_charts, Charts(), "spec.tenantID"));
    }
}
