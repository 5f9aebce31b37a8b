using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Validation;
using Tke.SimCluster.Core;
using Tke.SimCluster.Shared;

namespace Tke.SimCluster.Apps;

/// <summary>apps/v1 replicasets, usually created by the deployment controller.</summary>
public sealed class ReplicaSetKind : KubernetesKind<ReplicaSet>
{
    public override string Group => AppsApiGroup.GroupName;

    public override string Kind => "ReplicaSet";

    public override string Plural => "replicasets";

    public override IReadOnlyList<string> ShortNames => ["rs"];

    public override IReadOnlyList<string> Categories => AllCategory;

    protected override IReadOnlyList<TableColumn> TypedColumns =>
    [
        Column("Desired", r => r.Spec.Replicas ?? 1, "integer", description: "Desired pods."),
        Column("Current", r => r.Status?.Replicas ?? 0, "integer", description: "Pods that exist."),
        Column("Ready", r => r.Status?.ReadyReplicas ?? 0, "integer", description: "Ready pods."),
        Column("Containers", r => PodTemplateRules.Containers(r.Spec.Template), priority: 1, description: "Containers of the pod template."),
        Column("Images", r => PodTemplateRules.Images(r.Spec.Template), priority: 1, description: "Images of the pod template."),
        Column("Selector", r => PodTemplateRules.Selector(r.Spec.Selector), priority: 1, description: "The replica set's pod selector."),
    ];

    protected override void Default(ReplicaSet obj)
    {
        obj.Spec.Replicas ??= 1;
        PodTemplateRules.ApplyDefaults(obj.Spec.Template);
    }

    protected override void Validate(ReplicaSet obj, FieldErrorList errors)
    {
        if (obj.Spec.Replicas < 0)
        {
            errors.Invalid("spec.replicas", obj.Spec.Replicas, "must be greater than or equal to 0");
        }

        PodTemplateRules.Validate(obj.Spec.Selector, obj.Spec.Template, errors);
    }
}
