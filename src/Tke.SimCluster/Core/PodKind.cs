using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Validation;
using Tke.SimCluster.Shared;

namespace Tke.SimCluster.Core;

/// <summary>core/v1 pods, with kubectl's columns and the defaults kube-apiserver applies.</summary>
public sealed class PodKind : KubernetesKind<Pod>
{
    public override string Group => "";

    public override string Kind => "Pod";

    public override string Plural => "pods";

    public override IReadOnlyList<string> ShortNames => ["po"];

    public override IReadOnlyList<string> Categories => AllCategory;

    /// <summary>Served by the eviction component; kubectl drain looks for it in discovery.</summary>
    public override IReadOnlyList<ExtraSubresource> ExtraSubresources { get; } = [new("eviction", "Eviction", ["create"], "policy", "v1")];

    protected override IReadOnlyList<TableColumn> TypedColumns =>
    [
        Column("Ready", p => $"{p.Status?.ContainerStatuses?.Count(c => c.Ready) ?? 0}/{p.Spec.Containers.Count}", description: "Ready containers out of all containers."),
        Column("Status", DisplayStatus, description: "The pod's phase, or the reason it is not running."),
        Column("Restarts", p => p.Status?.ContainerStatuses?.Sum(c => c.RestartCount) ?? 0, "integer", description: "Restarts of the pod's containers."),
        Column("IP", p => p.Status?.PodIP ?? "<none>", priority: 1, description: "IP address allocated to the pod."),
        Column("Node", p => p.Spec.NodeName ?? "<none>", priority: 1, description: "Node the pod is bound to."),
        Column("Nominated Node", p => p.Status?.NominatedNodeName ?? "<none>", priority: 1, description: "Node nominated by preemption."),
        Column("Readiness Gates", _ => "<none>", priority: 1, description: "Readiness gates of the pod."),
    ];

    protected override IReadOnlyDictionary<string, Func<Pod, string?>> TypedSelectableFields => new Dictionary<string, Func<Pod, string?>>
    {
        ["spec.nodeName"] = p => p.Spec.NodeName ?? "",
        ["spec.restartPolicy"] = p => p.Spec.RestartPolicy ?? "",
        ["spec.schedulerName"] = p => p.Spec.SchedulerName ?? "",
        ["spec.serviceAccountName"] = p => p.Spec.ServiceAccountName ?? "",
        ["status.phase"] = p => p.Status?.Phase ?? "",
        ["status.podIP"] = p => p.Status?.PodIP ?? "",
        ["status.nominatedNodeName"] = p => p.Status?.NominatedNodeName ?? "",
    };

    /// <summary>What `kubectl get pods` shows in STATUS: a terminating pod, a waiting container's reason, or the phase.</summary>
    public static string DisplayStatus(Pod pod)
    {
        if (pod.Metadata.DeletionTimestamp is not null)
        {
            return "Terminating";
        }

        var waiting = pod.Status?.ContainerStatuses?
            .Select(c => c.State?["waiting"]?["reason"]?.GetValue<string>())
            .FirstOrDefault(r => !string.IsNullOrEmpty(r));
        return pod.Status?.Reason ?? waiting ?? pod.Status?.Phase ?? "Pending";
    }

    protected override void Default(Pod obj)
    {
        PodSpecDefaults.Apply(obj.Spec);
        if (IsBeingCreated(obj))
        {
            // As kube-apiserver's pod strategy: a new pod starts Pending, whatever the client sent.
            obj.Status = new PodStatus { Phase = "Pending", QosClass = PodSpecDefaults.QosClass(obj.Spec) };
        }
    }

    protected override void Validate(Pod obj, FieldErrorList errors) => PodSpecRules.Validate(obj.Spec, "spec", errors);

    protected override void ValidateUpdate(Pod obj, Pod old, FieldErrorList errors)
    {
        Validate(obj, errors);
        if (!string.IsNullOrEmpty(old.Spec.NodeName) && obj.Spec.NodeName != old.Spec.NodeName)
        {
            errors.Invalid("spec.nodeName", obj.Spec.NodeName, "field is immutable once the pod is bound");
        }
    }
}
