using System.Text.Json.Nodes;

namespace Tke.Kubernetes.Resources;

/// <summary>A core/v1 Namespace: its name, labels and phase (Active or Terminating).</summary>
public sealed record NamespaceView(ObjectMeta Metadata, string Phase)
{
    public string Name => Metadata.Name;

    public bool Terminating => Phase == "Terminating" || Metadata.DeletionTimestamp is not null;

    public static NamespaceView From(JsonObject ns) =>
        new(ObjectMeta.From(ns), JsonFields.String(ns["status"]?["phase"]) ?? "Active");
}
