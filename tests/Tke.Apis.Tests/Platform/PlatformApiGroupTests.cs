using Tke.ApiMachinery.Kinds;
using Tke.Apis.Tests.Shared;
using Tke.Platform.Apis;

namespace Tke.Apis.Tests.Platform;

public class PlatformApiGroupTests
{
    private readonly PlatformApiGroup _group = new();

    [Fact]
    public void Group_is_well_formed() => KindAssert.WellFormedGroup(_group);

    [Fact]
    public void Group_serves_the_TKEStack_platform_resources()
    {
        Assert.Equal("platform.tkestack.io", _group.Name);
        Assert.Equal("v1", _group.PreferredVersion);
        Assert.Equal(
            new[] { "clusters", "clustercredentials", "machines", "clusteraddons", "registries", "persistentevents", "tappcontrollers", "cronhpas", "configmaps" }.Order(),
            _group.Kinds.Select(k => k.Plural).Order());
        Assert.All(_group.Kinds, k => Assert.Equal(KindScope.Cluster, k.Scope));
    }

    [Fact]
    public void Catalog_accepts_the_group() =>
        Assert.NotNull(new KindCatalog([_group]).Find("platform.tkestack.io", "v1", "machines"));
}
