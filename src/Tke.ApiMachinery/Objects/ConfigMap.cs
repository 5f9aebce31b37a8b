using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Tke.ApiMachinery.Objects;

/// <summary>
/// The cluster-scoped ConfigMap every TKEStack API group serves (platform, business, auth,
/// monitor, ...): a bag of configuration the group's components read.
/// </summary>
[Description("ConfigMap holds configuration data for the platform's components to consume. Keys consist of alphanumerics, '-', '_' or '.'; a key may appear in data or in binaryData, not in both.")]
public sealed class ConfigMap : ApiObject
{
    [JsonPropertyName("data"), Description("UTF-8 configuration data, keyed by name.")]
    public Dictionary<string, string>? Data { get; set; }

    [JsonPropertyName("binaryData"), Description("Binary configuration data (base64 in JSON), keyed by name.")]
    public Dictionary<string, byte[]>? BinaryData { get; set; }
}
