using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Validation;
using Tke.Platform.Apis.Clusters;
using Tke.Platform.Apis.Shared;

namespace Tke.Platform.Apis.Machines;

/// <summary>platform.tkestack.io/v1 Machine: cluster-scoped, named mc-&lt;id&gt;.</summary>
public sealed class MachineKind : KindDefinition<Machine>
{
    public const string Finalizer = "machine";
    public const int DefaultSshPort = 22;
    public const string DefaultUsername = "root";

    public override string Group => PlatformApiGroup.GroupName;

    public override string Version => PlatformApiGroup.GroupVersion;

    public override string Kind => "Machine";

    public override string Plural => "machines";

    public override IReadOnlyList<string> ShortNames => ["mc"];

    public override string? DefaultGenerateName => "mc-";

    protected override IReadOnlyList<TableColumn> TypedColumns =>
    [
        Column("Type", m => m.Spec.Type, description: "Machine provider."),
        Column("IP", m => m.Spec.IP, description: "IP address of the machine."),
        Column("Cluster", m => m.Spec.ClusterName, description: "Cluster the machine belongs to."),
        Column("Status", m => m.Status?.Phase, description: "Lifecycle phase of the machine."),
    ];

    protected override IReadOnlyDictionary<string, Func<Machine, string?>> TypedSelectableFields => new Dictionary<string, Func<Machine, string?>>
    {
        ["spec.tenantID"] = m => m.Spec.TenantID ?? "",
        ["spec.clusterName"] = m => m.Spec.ClusterName ?? "",
        ["spec.type"] = m => m.Spec.Type ?? "",
        ["spec.ip"] = m => m.Spec.IP ?? "",
        ["status.locked"] = m => m.Status?.Locked == true ? "true" : "false",
        ["status.phase"] = m => m.Status?.Phase ?? "",
    };

    protected override void Default(Machine obj)
    {
        if (NewObject.IsBeingCreated(obj))
        {
            obj.Spec.Finalizers = [Finalizer];
        }

        obj.Spec.Port ??= DefaultSshPort;
        obj.Spec.Username ??= DefaultUsername;
    }

    protected override void Validate(Machine obj, FieldErrorList errors)
    {
        var spec = obj.Spec;
        errors.RequiredIfEmpty("spec.clusterName", spec.ClusterName, "must specify cluster name");
        errors.RequiredIfEmpty("spec.type", spec.Type);
        SshTargetRules.Validate("spec", spec.IP, spec.Password, spec.PrivateKey, errors);
        for (var i = 0; i < (spec.Taints?.Count ?? 0); i++)
        {
            var key = spec.Taints![i].Key;
            if (!string.IsNullOrEmpty(key) && !QualifiedName.IsValid(key))
            {
                errors.Invalid($"spec.taints[{i}].key", key, "must be a qualified name, e.g. dedicated or example.com/gpu");
            }
        }
    }

    protected override void ValidateUpdate(Machine obj, Machine old, FieldErrorList errors)
    {
        Validate(obj, errors);
        errors.Immutable("spec.tenantID", obj.Spec.TenantID, old.Spec.TenantID);
        errors.Immutable("spec.type", obj.Spec.Type, old.Spec.Type);
        errors.Immutable("spec.clusterName", obj.Spec.ClusterName, old.Spec.ClusterName);
        errors.Immutable("spec.ip", obj.Spec.IP, old.Spec.IP);
        errors.ImmutableMap("spec.labels", obj.Spec.Labels, old.Spec.Labels);
        if (!SameTaints(obj.Spec.Taints, old.Spec.Taints))
        {
            errors.Invalid("spec.taints", null, "field is immutable");
        }
    }

    private static bool SameTaints(List<Taint>? a, List<Taint>? b) =>
        (a?.Count ?? 0) == (b?.Count ?? 0)
        && (a ?? []).Zip(b ?? []).All(p => p.First.Key == p.Second.Key && p.First.Value == p.Second.Value && p.First.Effect == p.Second.Effect);
}
