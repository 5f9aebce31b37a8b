using System.ComponentModel;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;
using Tke.SimCluster.Shared;

namespace Tke.SimCluster.Core;

[Description("Event is a report of an event somewhere in the cluster.")]
public sealed class Event : ApiObject
{
    [JsonPropertyName("involvedObject"), RequiredField, Description("The object that this event is about.")]
    public ObjectReference InvolvedObject { get; set; } = new();

    [JsonPropertyName("reason"), Description("A short, machine understandable string that gives the reason for the transition into the object's current status.")]
    public string? Reason { get; set; }

    [JsonPropertyName("message"), Description("A human-readable description of the status of this operation.")]
    public string? Message { get; set; }

    [JsonPropertyName("source"), Description("The component reporting this event.")]
    public EventSource? Source { get; set; }

    [JsonPropertyName("firstTimestamp"), Description("The time at which the event was first recorded.")]
    public DateTimeOffset? FirstTimestamp { get; set; }

    [JsonPropertyName("lastTimestamp"), Description("The time at which the most recent occurrence of this event was recorded.")]
    public DateTimeOffset? LastTimestamp { get; set; }

    [JsonPropertyName("count"), Description("The number of times this event has occurred.")]
    public int? Count { get; set; }

    [JsonPropertyName("type"), Description("Type of this event (Normal, Warning).")]
    public string? Type { get; set; }

    [JsonPropertyName("eventTime"), Description("Time when this Event was first observed (MicroTime).")]
    public string? EventTime { get; set; }

    [JsonPropertyName("series"), Description("Data about the Event series this event represents.")]
    public System.Text.Json.Nodes.JsonObject? Series { get; set; }

    [JsonPropertyName("action"), Description("What action was taken/failed regarding to the Regarding object.")]
    public string? Action { get; set; }

    [JsonPropertyName("related"), Description("Optional secondary object for more complex actions.")]
    public ObjectReference? Related { get; set; }

    [JsonPropertyName("reportingComponent"), Description("Name of the controller that emitted this Event, e.g. kubernetes.io/kubelet.")]
    public string? ReportingComponent { get; set; }

    [JsonPropertyName("reportingInstance"), Description("ID of the controller instance, e.g. kubelet-xyzf.")]
    public string? ReportingInstance { get; set; }
}

[Description("ObjectReference contains enough information to let you inspect or modify the referred object.")]
public sealed class ObjectReference : ExtensibleObject
{
    [JsonPropertyName("kind"), Description("Kind of the referent.")]
    public string? Kind { get; set; }

    [JsonPropertyName("namespace"), Description("Namespace of the referent.")]
    public string? Namespace { get; set; }

    [JsonPropertyName("name"), Description("Name of the referent.")]
    public string? Name { get; set; }

    [JsonPropertyName("uid"), Description("UID of the referent.")]
    public string? Uid { get; set; }

    [JsonPropertyName("apiVersion"), Description("API version of the referent.")]
    public string? ApiVersion { get; set; }

    [JsonPropertyName("resourceVersion"), Description("Specific resourceVersion to which this reference is made, if any.")]
    public string? ResourceVersion { get; set; }

    [JsonPropertyName("fieldPath"), Description("If referring to a piece of an object instead of an entire object, e.g. spec.containers{name}.")]
    public string? FieldPath { get; set; }
}

[Description("EventSource contains information for an event.")]
public sealed class EventSource
{
    [JsonPropertyName("component"), Description("Component from which the event is generated.")]
    public string? Component { get; set; }

    [JsonPropertyName("host"), Description("Node name on which the event is generated.")]
    public string? Host { get; set; }
}
