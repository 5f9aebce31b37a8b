using Tke.ApiMachinery.Kinds;
using Tke.SimCluster.Shared;

namespace Tke.SimCluster.Core;

/// <summary>core/v1 events, selectable by the fields `kubectl describe` and `kubectl events` filter on.</summary>
public sealed class EventKind : KubernetesKind<Event>
{
    public override string Group => "";

    public override string Kind => "Event";

    public override string Plural => "events";

    public override IReadOnlyList<string> ShortNames => ["ev"];

    public override bool HasStatusSubresource => false;

    protected override IReadOnlyList<TableColumn> TypedColumns =>
    [
        Column("Type", e => e.Type ?? "", description: "Normal or Warning."),
        Column("Reason", e => e.Reason ?? "", description: "Why the event happened."),
        Column("Object", e => $"{e.InvolvedObject.Kind?.ToLowerInvariant()}/{e.InvolvedObject.Name}", description: "The object the event is about."),
        Column("Message", e => e.Message ?? "", description: "What happened."),
    ];

    protected override IReadOnlyDictionary<string, Func<Event, string?>> TypedSelectableFields => new Dictionary<string, Func<Event, string?>>
    {
        ["involvedObject.kind"] = e => e.InvolvedObject.Kind ?? "",
        ["involvedObject.namespace"] = e => e.InvolvedObject.Namespace ?? "",
        ["involvedObject.name"] = e => e.InvolvedObject.Name ?? "",
        ["involvedObject.uid"] = e => e.InvolvedObject.Uid ?? "",
        ["involvedObject.apiVersion"] = e => e.InvolvedObject.ApiVersion ?? "",
        ["involvedObject.resourceVersion"] = e => e.InvolvedObject.ResourceVersion ?? "",
        ["involvedObject.fieldPath"] = e => e.InvolvedObject.FieldPath ?? "",
        ["reason"] = e => e.Reason ?? "",
        ["reportingComponent"] = e => e.ReportingComponent ?? "",
        ["source"] = e => e.Source?.Component ?? "",
        ["type"] = e => e.Type ?? "",
    };
}
