using Tke.ApiMachinery.Kinds;
using Tke.Apis.Tests.Shared;
using Tke.Business.Apis;

namespace Tke.Apis.Tests.Business;

public class BusinessApiGroupTests
{
    private readonly BusinessApiGroup _group = new();

    [Fact]
    public void Group_is_well_formed() => KindAssert.WellFormedGroup(_group);

    [Fact]
    public void Group_serves_the_TKEStack_business_resources()
    {
        Assert.Equal("business.tkestack.io", _group.Name);
        Assert.Equal(
            new[] { "projects", "namespaces", "platforms", "imagenamespaces", "chartgroups", "configmaps" }.Order(),
            _group.Kinds.Select(k => k.Plural).Order());
        Assert.Equal(
            new[] { "chartgroups", "imagenamespaces", "namespaces" },
            _group.Kinds.Where(k => k.Scope == KindScope.Namespaced).Select(k => k.Plural).Order());
    }

    [Fact]
    public void Catalog_accepts_the_group_beside_platform() =>
        Assert.NotNull(new KindCatalog([new Tke.Platform.Apis.PlatformApiGroup(), _group]).Find("business.tkestack.io", "v1", "namespaces"));
}
