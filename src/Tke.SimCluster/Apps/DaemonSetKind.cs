using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Validation;
using Tke.SimCluster.Core;
using Tke.SimCluster.Shared;

namespace Tke.SimCluster.Apps;

/// <summary>apps/v1 daemonsets.</summary>
public sealed class DaemonSetKind : KubernetesKind<DaemonSet>
{
    public override string Group => AppsApiGroup.GroupName;

    public override string Kind => "DaemonSet";

    public override string Plural => "daemonsets";

    public override IReadOnlyList<string> ShortNames => ["ds"];

    public override IReadOnlyList<string> Categories => AllCategory;

    protected override IReadOnlyList<TableColumn> TypedColumns =>
    [
        Column("Desired", d => d.Status?.DesiredNumberScheduled ?? 0, "integer", description: "Nodes that should run the daemon pod."),
        Column("Current", d => d.Status?.CurrentNumberScheduled ?? 0, "integer", description: "Nodes running the daemon pod."),
        Column("Ready", d => d.Status?.NumberReady ?? 0, "integer", description: "Nodes with a ready daemon pod."),
        Column("Up-to-date", d => d.Status?.UpdatedNumberScheduled ?? 0, "integer", description: "Nodes running the current template."),
        Column("Available", d => d.Status?.NumberAvailable ?? 0, "integer", description: "Nodes with an available daemon pod."),
        Column("Node Selector", d => d.Spec.Template.Spec?.NodeSelector is { Count: > 0 } s ? string.Join(',', s.Select(kv => $"{kv.Key}={kv.Value}")) : "<none>", description: "Nodes the daemon pod is limited to."),
        Column("Containers", d => PodTemplateRules.Containers(d.Spec.Template), priority: 1, description: "Containers of the pod template."),
        Column("Images", d => PodTemplateRules.Images(d.Spec.Template), priority: 1, description: "Images of the pod template."),
        Column("Selector", d => PodTemplateRules.Selector(d.Spec.Selector), priority: 1, description: "The daemon set's pod selector."),
    ];

    protected override void Default(DaemonSet obj)
    {
        obj.Spec.RevisionHistoryLimit ??= 10;
        obj.Spec.UpdateStrategy ??= new System.Text.Json.Nodes.JsonObject
        {
            ["type"] = "RollingUpdate",
            ["rollingUpdate"] = new System.Text.Json.Nodes.JsonObject { ["maxUnavailable"] = 1, ["maxSurge"] = 0 },
        };
        PodTemplateRules.ApplyDefaults(obj.Spec.Template);
    }

    protected override void Validate(DaemonSet obj, FieldErrorList errors) =>
        PodTemplateRules.Validate(obj.Spec.Selector, obj.Spec.Template, errors);
}
