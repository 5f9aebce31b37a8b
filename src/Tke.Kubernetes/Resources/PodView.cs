using System.Text.Json.Nodes;

namespace Tke.Kubernetes.Resources;

/// <summary>The fields of a core/v1 Pod that node drain and cluster summaries read.</summary>
public sealed record PodView(ObjectMeta Metadata, string Phase, string? NodeName)
{
    // The kubelet marks static pods' API mirrors with this; they cannot be evicted.
    private const string MirrorAnnotation = "kubernetes.io/config.mirror";

    public string Name => Metadata.Name;

    public string? Namespace => Metadata.Namespace;

    public IReadOnlyList<OwnerReference> OwnerReferences => Metadata.OwnerReferences;

    public OwnerReference? Controller => Metadata.OwnerReferences.FirstOrDefault(o => o.Controller);

    /// <summary>Drain leaves these alone: their DaemonSet would recreate them on the same node.</summary>
    public bool OwnedByDaemonSet => Controller is { Kind: "DaemonSet" };

    public bool IsMirrorPod => Metadata.Annotations.ContainsKey(MirrorAnnotation);

    public bool Finished => Phase is "Succeeded" or "Failed";

    public static PodView From(JsonObject pod) =>
        new(ObjectMeta.From(pod), JsonFields.String(pod["status"]?["phase"]) ?? "Pending", JsonFields.String(pod["spec"]?["nodeName"]));
}
