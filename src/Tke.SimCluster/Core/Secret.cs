using System.ComponentModel;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;

namespace Tke.SimCluster.Core;

[Description("Secret holds secret data of a certain type. The total bytes of the values in the Data field must be less than 1 MiB.")]
public sealed class Secret : ApiObject
{
    [JsonPropertyName("data"), Sensitive, Description("Data contains the secret data (base64 in JSON). Keys must consist of alphanumeric characters, '-', '_' or '.'.")]
    public Dictionary<string, byte[]>? Data { get; set; }

    [JsonPropertyName("stringData"), Sensitive, Description("stringData allows specifying non-binary secret data in string form. It is write-only: merged into data on write, never output when reading.")]
    public Dictionary<string, string>? StringData { get; set; }

    [JsonPropertyName("type"), Description("Used to facilitate programmatic handling of secret data, e.g. Opaque or kubernetes.io/tls.")]
    public string? Type { get; set; }

    [JsonPropertyName("immutable"), Description("If set to true, ensures that data stored in the Secret cannot be updated.")]
    public bool? Immutable { get; set; }
}
