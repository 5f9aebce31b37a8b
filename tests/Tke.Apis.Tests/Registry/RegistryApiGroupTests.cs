using Tke.ApiMachinery.Kinds;
using Tke.Registry.Apis;
using static Tke.Apis.Tests.ApiKindChecks;

namespace Tke.Apis.Tests.Registry;

public class RegistryApiGroupTests
{
    private readonly RegistryApiGroup _group = new();

    [Fact]
    public void Group_is_well_formed()
    {
        WellFormedGroup(_group);
        Assert.Equal("registry.tkestack.io", _group.Name);
    }

    [Theory]
    [InlineData("Namespace", "namespaces", KindScope.Cluster, "rns", true, "rns-")]
    [InlineData("Repository", "repositories", KindScope.Namespaced, "repo", true, "repo-")]
    [InlineData("ChartGroup", "chartgroups", KindScope.Cluster, "rcg", true, "rcg-")]
    [InlineData("Chart", "charts", KindScope.Namespaced, "chart", true, "repo-")]
    [InlineData("ConfigMap", "configmaps", KindScope.Cluster, null, false, null)]
    public void Kind_is_served_as_in_tkestack(string kind, string plural, KindScope scope, string? shortName, bool status, string? generateName)
    {
        var definition = Assert.Single(_group.Kinds, k => k.Kind == kind);
        Assert.Equal(plural, definition.Plural);
        Assert.Equal(scope, definition.Scope);
        Assert.Equal(shortName is null ? [] : new[] { shortName }, definition.ShortNames);
        Assert.Equal(status, definition.HasStatusSubresource);
        Assert.Equal(generateName, definition.DefaultGenerateName);
    }
}
