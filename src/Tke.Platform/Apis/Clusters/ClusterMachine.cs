using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;
using Tke.Platform.Apis.Shared;

namespace Tke.Platform.Apis.Clusters;

/// <summary>A master machine of a Baremetal cluster, reached over SSH to install it.</summary>
[Description("A master machine of the cluster and the SSH credentials used to install it.")]
public sealed class ClusterMachine
{
    [JsonPropertyName("ip"), RequiredField, Description("Intranet IP address of the machine.")]
    public string? IP { get; set; }

    [JsonPropertyName("port"), Range(1, 65535), Description("SSH port. Defaults to 22.")]
    public int? Port { get; set; }

    [JsonPropertyName("username"), Description("SSH user, root or a user with password-less sudo. Defaults to root.")]
    public string? Username { get; set; }

    [JsonPropertyName("password"), Sensitive, Description("SSH password, base64-encoded.")]
    public byte[]? Password { get; set; }

    [JsonPropertyName("privateKey"), Sensitive, Description("SSH private key (PEM), base64-encoded.")]
    public byte[]? PrivateKey { get; set; }

    [JsonPropertyName("passPhrase"), Sensitive, Description("Passphrase of the private key, base64-encoded.")]
    public byte[]? PassPhrase { get; set; }

    [JsonPropertyName("labels"), Description("Labels put on the node, e.g. for scheduling.")]
    public Dictionary<string, string>? Labels { get; set; }

    [JsonPropertyName("taints"), Description("Taints put on the node.")]
    public List<Taint>? Taints { get; set; }
}
