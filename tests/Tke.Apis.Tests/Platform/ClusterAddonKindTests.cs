using Tke.ApiMachinery.Objects;
using Tke.Apis.Tests.Shared;
using Tke.Platform.Apis.Addons;

namespace Tke.Apis.Tests.Platform;

public class ClusterAddonKindTests
{
    private readonly ClusterAddonKind _kind = new();

    private static ClusterAddon Sample() => new()
    {
        Metadata = new ObjectMeta { Name = "tc-abc" },
        Spec = new ClusterAddonSpec { Type = "TappController", Level = AddonLevels.Enhance, Version = "v1.0.0" },
        Status = new ClusterAddonStatus { Phase = AddonPhases.Running, Version = "v1.0.0" },
    };

    [Fact]
    public void Is_stored_as_clusteraddons()
    {
        Assert.Equal("ClusterAddon", _kind.Kind);
        Assert.Equal("clusteraddons", _kind.Plural);
        Assert.Null(_kind.DefaultGenerateName);
        KindAssert.HasFields(_kind, "spec.type", "spec.level", "spec.version", "status.version", "status.phase", "status.reason");
        Assert.Equal(new[] { "Basic", "Enhance" }, KindAssert.SchemaAt(_kind, "spec.level").Enum!);
    }

    [Fact]
    public void A_valid_addon_view_passes() => KindAssert.Valid(_kind, Sample());

    [Fact]
    public void Json_table_and_selectors()
    {
        var (json, _) = KindAssert.RoundTrip(Sample());
        Assert.Equal("Enhance", KindAssert.At(json, "spec", "level")?.GetValue<string>());
        var cells = KindAssert.Cells(_kind, Sample());
        Assert.Equal("TappController", cells["Type"]);
        Assert.Equal("Enhance", cells["Level"]);
        Assert.Equal("Running", cells["Status"]);
        Assert.Equal("TappController", KindAssert.Select(_kind, Sample(), "spec.type"));
    }
}
