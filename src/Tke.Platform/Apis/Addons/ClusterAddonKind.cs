using Tke.ApiMachinery.Kinds;

namespace Tke.Platform.Apis.Addons;

/// <summary>
/// platform.tkestack.io/v1 ClusterAddon. TKEStack computes this view on the fly under
/// clusters/{name}/addons; here it is stored like other kinds and kept up to date by the add-on
/// controllers, and the cluster subresource can be served from the stored objects.
/// </summary>
public sealed class ClusterAddonKind : KindDefinition<ClusterAddon>
{
    public override string Group => PlatformApiGroup.GroupName;

    public override string Version => PlatformApiGroup.GroupVersion;

    public override string Kind => "ClusterAddon";

    public override string Plural => "clusteraddons";

    protected override IReadOnlyList<TableColumn> TypedColumns =>
    [
        Column("Type", a => a.Spec.Type, description: "Add-on type."),
        Column("Level", a => a.Spec.Level, description: "Basic or Enhance."),
        Column("Version", a => a.Status?.Version ?? a.Spec.Version, description: "Installed version."),
        Column("Status", a => a.Status?.Phase, description: "Lifecycle phase of the add-on."),
    ];

    protected override IReadOnlyDictionary<string, Func<ClusterAddon, string?>> TypedSelectableFields => new Dictionary<string, Func<ClusterAddon, string?>>
    {
        ["spec.type"] = a => a.Spec.Type ?? "",
        ["spec.level"] = a => a.Spec.Level ?? "",
        ["status.phase"] = a => a.Status?.Phase ?? "",
    };
}
