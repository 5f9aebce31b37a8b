using System.ComponentModel;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;

namespace Tke.SimCluster.Core;

[Description("ConfigMap holds configuration data for pods to consume.")]
public sealed class ConfigMap : ApiObject
{
    [JsonPropertyName("data"), Description("Data contains the configuration data. Each key must consist of alphanumeric characters, '-', '_' or '.'.")]
    public Dictionary<string, string>? Data { get; set; }

    [JsonPropertyName("binaryData"), Description("BinaryData contains the binary data (base64 in JSON). Keys must not overlap with those in data.")]
    public Dictionary<string, byte[]>? BinaryData { get; set; }

    [JsonPropertyName("immutable"), Description("If set to true, ensures that data stored in the ConfigMap cannot be updated.")]
    public bool? Immutable { get; set; }
}
