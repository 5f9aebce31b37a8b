using System.Text.Json.Nodes;

namespace Tke.Kubernetes.Resources;

/// <summary>The object an event is about.</summary>
public sealed record InvolvedObject(string Kind, string Name, string? Namespace, string? Uid);

/// <summary>
/// A core/v1 Event (events.k8s.io/v1 fields are read too: regarding, note, series,
/// reportingController), as the console's event lists show it.
/// </summary>
public sealed record EventView(
    ObjectMeta Metadata,
    InvolvedObject InvolvedObject,
    string Type,
    string? Reason,
    string? Message,
    long Count,
    string? Source,
    DateTimeOffset? FirstTimestamp,
    DateTimeOffset? LastTimestamp)
{
    public bool IsWarning => Type == "Warning";

    public static EventView From(JsonObject e)
    {
        var metadata = ObjectMeta.From(e);
        var involved = e["involvedObject"] as JsonObject ?? e["regarding"] as JsonObject ?? [];
        var eventTime = JsonFields.Time(e["eventTime"]);
        return new EventView(
            metadata,
            new InvolvedObject(
                JsonFields.String(involved["kind"]) ?? "",
                JsonFields.String(involved["name"]) ?? "",
                JsonFields.String(involved["namespace"]),
                JsonFields.String(involved["uid"])),
            JsonFields.String(e["type"]) ?? "Normal",
            JsonFields.String(e["reason"]),
            JsonFields.String(e["message"]) ?? JsonFields.String(e["note"]),
            JsonFields.Long(e["count"]) ?? JsonFields.Long(e["series"]?["count"]) ?? 1,
            JsonFields.String(e["source"]?["component"]) ?? JsonFields.String(e["reportingController"]),
            JsonFields.Time(e["firstTimestamp"]) ?? eventTime ?? metadata.CreationTimestamp,
            JsonFields.Time(e["lastTimestamp"]) ?? JsonFields.Time(e["series"]?["lastObservedTime"]) ?? eventTime ?? metadata.CreationTimestamp);
    }
}
