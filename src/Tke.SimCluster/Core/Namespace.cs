using System.ComponentModel;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;
using Tke.SimCluster.Shared;

namespace Tke.SimCluster.Core;

[Description("Namespace provides a scope for Names. Use of multiple namespaces is optional.")]
public sealed class Namespace : ApiObject<NamespaceSpec, NamespaceStatus>
{
}

[Description("NamespaceSpec describes the attributes on a Namespace.")]
public sealed class NamespaceSpec
{
    [JsonPropertyName("finalizers"), ListType(ListKind.Set), Description("Finalizers is an opaque list of values that must be empty to permanently remove object from storage.")]
    public List<string>? Finalizers { get; set; }
}

[Description("NamespaceStatus is information about the current status of a Namespace.")]
public sealed class NamespaceStatus : ExtensibleObject
{
    [JsonPropertyName("phase"), Description("Phase is the current lifecycle phase of the namespace: Active or Terminating.")]
    public string? Phase { get; set; }

    [JsonPropertyName("conditions"), PatchMergeKey("type"), Description("Represents the latest available observations of a namespace's current state.")]
    public List<WorkloadCondition>? Conditions { get; set; }
}
