using System.Text.Json.Nodes;

namespace Tke.Kubernetes.Resources;

/// <summary>A reference from an object to the object that owns it.</summary>
public sealed record OwnerReference(string ApiVersion, string Kind, string Name, string? Uid, bool Controller);

/// <summary>The metadata fields the platform reads.</summary>
public sealed record ObjectMeta(
    string Name,
    string? Namespace,
    string? Uid,
    string? ResourceVersion,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations,
    IReadOnlyList<OwnerReference> OwnerReferences,
    DateTimeOffset? CreationTimestamp,
    DateTimeOffset? DeletionTimestamp)
{
    public static ObjectMeta From(JsonObject obj)
    {
        var m = obj["metadata"] as JsonObject ?? [];
        return new ObjectMeta(
            JsonFields.String(m["name"]) ?? "",
            JsonFields.String(m["namespace"]),
            JsonFields.String(m["uid"]),
            JsonFields.String(m["resourceVersion"]),
            JsonFields.StringMap(m["labels"]),
            JsonFields.StringMap(m["annotations"]),
            JsonFields.Objects(m["ownerReferences"])
                .Select(o => new OwnerReference(
                    JsonFields.String(o["apiVersion"]) ?? "",
                    JsonFields.String(o["kind"]) ?? "",
                    JsonFields.String(o["name"]) ?? "",
                    JsonFields.String(o["uid"]),
                    JsonFields.Bool(o["controller"])))
                .ToList(),
            JsonFields.Time(m["creationTimestamp"]),
            JsonFields.Time(m["deletionTimestamp"]));
    }
}
