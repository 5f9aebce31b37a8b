using System.Text.Json;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;

namespace Tke.SimCluster.Shared;

/// <summary>
/// A Kubernetes struct of which only the fields the simulation reasons about are typed. Every
/// other field a manifest carries (probes, volumes, affinity, ...) is accepted and stored as it
/// came, so real manifests round-trip. Internal so that the schema does not list it as a field.
/// </summary>
[PreserveUnknownFields]
public abstract class ExtensibleObject
{
    // A dictionary rather than a JsonObject: System.Text.Json writes a non-public JsonObject
    // extension property without the property names.
    [JsonExtensionData, JsonInclude]
    internal Dictionary<string, JsonElement>? UntypedFields { get; set; }
}
