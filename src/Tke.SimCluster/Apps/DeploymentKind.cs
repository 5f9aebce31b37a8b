using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Validation;
using Tke.SimCluster.Core;
using Tke.SimCluster.Shared;

namespace Tke.SimCluster.Apps;

/// <summary>apps/v1 deployments with Kubernetes' defaults (one replica, rolling update 25%/25%).</summary>
public sealed class DeploymentKind : KubernetesKind<Deployment>
{
    public override string Group => AppsApiGroup.GroupName;

    public override string Kind => "Deployment";

    public override string Plural => "deployments";

    public override IReadOnlyList<string> ShortNames => ["deploy"];

    public override IReadOnlyList<string> Categories => AllCategory;

    protected override IReadOnlyList<TableColumn> TypedColumns =>
    [
        Column("Ready", d => $"{d.Status?.ReadyReplicas ?? 0}/{d.Spec.Replicas ?? 1}", description: "Ready pods out of desired pods."),
        Column("Up-to-date", d => d.Status?.UpdatedReplicas ?? 0, "integer", description: "Pods running the current template."),
        Column("Available", d => d.Status?.AvailableReplicas ?? 0, "integer", description: "Pods available to users."),
        Column("Containers", d => PodTemplateRules.Containers(d.Spec.Template), priority: 1, description: "Containers of the pod template."),
        Column("Images", d => PodTemplateRules.Images(d.Spec.Template), priority: 1, description: "Images of the pod template."),
        Column("Selector", d => PodTemplateRules.Selector(d.Spec.Selector), priority: 1, description: "The deployment's pod selector."),
    ];

    protected override void Default(Deployment obj)
    {
        var spec = obj.Spec;
        spec.Replicas ??= 1;
        spec.Strategy ??= new DeploymentStrategy();
        spec.Strategy.Type ??= "RollingUpdate";
        if (spec.Strategy.Type == "RollingUpdate")
        {
            spec.Strategy.RollingUpdate ??= new RollingUpdateDeployment();
            spec.Strategy.RollingUpdate.MaxSurge ??= IntOrString.FromString("25%");
            spec.Strategy.RollingUpdate.MaxUnavailable ??= IntOrString.FromString("25%");
        }

        spec.RevisionHistoryLimit ??= 10;
        spec.ProgressDeadlineSeconds ??= 600;
        PodTemplateRules.ApplyDefaults(spec.Template);
    }

    protected override void Validate(Deployment obj, FieldErrorList errors)
    {
        if (obj.Spec.Replicas < 0)
        {
            errors.Invalid("spec.replicas", obj.Spec.Replicas, "must be greater than or equal to 0");
        }

        if (obj.Spec.Strategy?.Type is { } type && type is not ("RollingUpdate" or "Recreate"))
        {
            errors.NotSupported("spec.strategy.type", type, ["Recreate", "RollingUpdate"]);
        }

        PodTemplateRules.Validate(obj.Spec.Selector, obj.Spec.Template, errors);
    }
}
