using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Objects;
using Tke.ApiMachinery.Validation;
using Tke.Platform.Apis.Shared;

namespace Tke.Platform.Apis.Addons;

/// <summary>
/// What the add-on kinds (TappController, CronHPA, PersistentEvent, ...) share: cluster scope,
/// a status subresource, the cluster/version/phase columns and selectors, and the rule that
/// an add-on never moves to another cluster or tenant.
/// </summary>
public abstract class AddonKind<TObject, TSpec, TStatus> : KindDefinition<TObject>
    where TObject : ApiObject<TSpec, TStatus>
    where TSpec : AddonSpec, new()
    where TStatus : AddonStatus, new()
{
    public override string Group => PlatformApiGroup.GroupName;

    public override string Version => PlatformApiGroup.GroupVersion;

    protected override IReadOnlyList<TableColumn> TypedColumns =>
    [
        Column("Cluster", a => a.Spec.ClusterName, description: "Cluster the add-on is installed into."),
        Column("Version", a => a.Status?.Version ?? a.Spec.Version, description: "Installed (or requested) version."),
        Column("Status", a => a.Status?.Phase, description: "Lifecycle phase of the add-on."),
    ];

    protected override IReadOnlyDictionary<string, Func<TObject, string?>> TypedSelectableFields => new Dictionary<string, Func<TObject, string?>>
    {
        ["spec.tenantID"] = a => a.Spec.TenantID ?? "",
        ["spec.clusterName"] = a => a.Spec.ClusterName ?? "",
        ["spec.version"] = a => a.Spec.Version ?? "",
        ["status.version"] = a => a.Status?.Version ?? "",
        ["status.phase"] = a => a.Status?.Phase ?? "",
    };

    protected override void Validate(TObject obj, FieldErrorList errors) =>
        errors.RequiredIfEmpty("spec.clusterName", obj.Spec.ClusterName, "must specify a cluster name");

    protected override void ValidateUpdate(TObject obj, TObject old, FieldErrorList errors)
    {
        Validate(obj, errors);
        errors.Immutable("spec.clusterName", obj.Spec.ClusterName, old.Spec.ClusterName);
        errors.Immutable("spec.tenantID", obj.Spec.TenantID, old.Spec.TenantID);
    }
}
