using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;
using Tke.Platform.Apis.Shared;

namespace Tke.Platform.Apis.Machines;

[Description("Machine is a host the platform installs as a worker node of a Baremetal cluster, reached over SSH. Names are mc-<id>.")]
public sealed class Machine : ApiObject<MachineSpec, MachineStatus>
{
}

[Description("Desired state of a machine.")]
public sealed class MachineSpec
{
    [JsonPropertyName("finalizers"), ListType(ListKind.Set), Description("Values that must be empty before the machine is removed from storage; the platform sets \"machine\".")]
    public List<string>? Finalizers { get; set; }

    [JsonPropertyName("tenantID"), Description("Tenant that owns the machine.")]
    public string? TenantID { get; set; }

    [JsonPropertyName("clusterName"), RequiredField, Description("Name (ID) of the cluster the machine joins, e.g. cls-abcd1234; not its display name.")]
    public string? ClusterName { get; set; }

    [JsonPropertyName("type"), RequiredField, AllowedValues(MachineTypes.Baremetal), Description("Machine provider; Baremetal.")]
    public string? Type { get; set; }

    [JsonPropertyName("ip"), RequiredField, Description("IP address of the machine, on the same intranet as the cluster's masters.")]
    public string? IP { get; set; }

    [JsonPropertyName("port"), Range(1, 65535), Description("SSH port. Defaults to 22.")]
    public int? Port { get; set; }

    [JsonPropertyName("username"), Description("SSH user, root or a user with password-less sudo. Defaults to root.")]
    public string? Username { get; set; }

    [JsonPropertyName("password"), Sensitive, Description("SSH password, base64-encoded (echo -n $PASSWORD | base64).")]
    public byte[]? Password { get; set; }

    [JsonPropertyName("privateKey"), Sensitive, Description("SSH private key (PEM), base64-encoded; an alternative to password.")]
    public byte[]? PrivateKey { get; set; }

    [JsonPropertyName("passPhrase"), Sensitive, Description("Passphrase of the private key, base64-encoded.")]
    public byte[]? PassPhrase { get; set; }

    [JsonPropertyName("labels"), Description("Labels put on the node, e.g. for scheduling.")]
    public Dictionary<string, string>? Labels { get; set; }

    [JsonPropertyName("taints"), Description("Taints put on the node.")]
    public List<Taint>? Taints { get; set; }
}

[Description("Observed state of a machine.")]
public sealed class MachineStatus
{
    [JsonPropertyName("locked"), Description("True while the machine is locked against changes.")]
    public bool? Locked { get; set; }

    [JsonPropertyName("phase"), AllowedValues(MachinePhases.Initializing, MachinePhases.Running, MachinePhases.Failed, MachinePhases.Terminating), Description("Lifecycle phase: Initializing, Running, Failed or Terminating.")]
    public string? Phase { get; set; }

    [JsonPropertyName("conditions"), PatchMergeKey("type"), Description("Progress of the node setup steps.")]
    public List<Condition>? Conditions { get; set; }

    [JsonPropertyName("message"), Description("Human-readable details about the current phase.")]
    public string? Message { get; set; }

    [JsonPropertyName("reason"), Description("One-word CamelCase reason for the current phase.")]
    public string? Reason { get; set; }

    [JsonPropertyName("addresses"), PatchMergeKey("type"), Description("Addresses of the machine.")]
    public List<MachineAddress>? Addresses { get; set; }

    [JsonPropertyName("machineInfo"), Description("Identity and software versions reported by the node.")]
    public MachineSystemInfo? MachineInfo { get; set; }
}

[Description("An address of the machine.")]
public sealed class MachineAddress
{
    [JsonPropertyName("type"), RequiredField, AllowedValues("Hostname", "ExternalIP", "InternalIP", "ExternalDNS", "InternalDNS"), Description("Hostname, ExternalIP, InternalIP, ExternalDNS or InternalDNS.")]
    public string? Type { get; set; }

    [JsonPropertyName("address"), RequiredField, Description("The address.")]
    public string? Address { get; set; }
}

[Description("Identity and software versions reported by the node.")]
public sealed class MachineSystemInfo
{
    [JsonPropertyName("machineID")]
    public string? MachineID { get; set; }

    [JsonPropertyName("systemUUID")]
    public string? SystemUUID { get; set; }

    [JsonPropertyName("bootID")]
    public string? BootID { get; set; }

    [JsonPropertyName("kernelVersion")]
    public string? KernelVersion { get; set; }

    [JsonPropertyName("osImage")]
    public string? OSImage { get; set; }

    [JsonPropertyName("containerRuntimeVersion")]
    public string? ContainerRuntimeVersion { get; set; }

    [JsonPropertyName("kubeletVersion")]
    public string? KubeletVersion { get; set; }

    [JsonPropertyName("kubeProxyVersion")]
    public string? KubeProxyVersion { get; set; }

    [JsonPropertyName("operatingSystem")]
    public string? OperatingSystem { get; set; }

    [JsonPropertyName("architecture")]
    public string? Architecture { get; set; }
}

/// <summary>Values of <see cref="MachineSpec.Type"/>.</summary>
public static class MachineTypes
{
    public const string Baremetal = "Baremetal";
}

/// <summary>Values of <see cref="MachineStatus.Phase"/>.</summary>
public static class MachinePhases
{
    public const string Initializing = "Initializing";
    public const string Running = "Running";
    public const string Failed = "Failed";
    public const string Terminating = "Terminating";
}
