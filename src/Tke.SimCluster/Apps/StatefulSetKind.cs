using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Validation;
using Tke.SimCluster.Core;
using Tke.SimCluster.Shared;

namespace Tke.SimCluster.Apps;

/// <summary>apps/v1 statefulsets.</summary>
public sealed class StatefulSetKind : KubernetesKind<StatefulSet>
{
    public override string Group => AppsApiGroup.GroupName;

    public override string Kind => "StatefulSet";

    public override string Plural => "statefulsets";

    public override IReadOnlyList<string> ShortNames => ["sts"];

    public override IReadOnlyList<string> Categories => AllCategory;

    protected override IReadOnlyList<TableColumn> TypedColumns =>
    [
        Column("Ready", s => $"{s.Status?.ReadyReplicas ?? 0}/{s.Spec.Replicas ?? 1}", description: "Ready pods out of desired pods."),
        Column("Containers", s => PodTemplateRules.Containers(s.Spec.Template), priority: 1, description: "Containers of the pod template."),
        Column("Images", s => PodTemplateRules.Images(s.Spec.Template), priority: 1, description: "Images of the pod template."),
    ];

    protected override void Default(StatefulSet obj)
    {
        obj.Spec.Replicas ??= 1;
        obj.Spec.PodManagementPolicy ??= "OrderedReady";
        obj.Spec.RevisionHistoryLimit ??= 10;
        obj.Spec.UpdateStrategy ??= new System.Text.Json.Nodes.JsonObject
        {
            ["type"] = "RollingUpdate",
            ["rollingUpdate"] = new System.Text.Json.Nodes.JsonObject { ["partition"] = 0 },
        };
        PodTemplateRules.ApplyDefaults(obj.Spec.Template);
    }

    protected override void Validate(StatefulSet obj, FieldErrorList errors)
    {
        if (obj.Spec.Replicas < 0)
        {
            errors.Invalid("spec.replicas", obj.Spec.Replicas, "must be greater than or equal to 0");
        }

        PodTemplateRules.Validate(obj.Spec.Selector, obj.Spec.Template, errors);
    }
}
