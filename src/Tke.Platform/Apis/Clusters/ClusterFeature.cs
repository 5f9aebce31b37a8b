using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;

namespace Tke.Platform.Apis.Clusters;

[Description("Optional features enabled on the cluster.")]
public sealed class ClusterFeature
{
    [JsonPropertyName("ipvs"), Description("Use IPVS rather than iptables for Services.")]
    public bool? IPVS { get; set; }

    [JsonPropertyName("publicLB"), Description("Expose the API server through a public load balancer.")]
    public bool? PublicLB { get; set; }

    [JsonPropertyName("internalLB"), Description("Expose the API server through an internal load balancer.")]
    public bool? InternalLB { get; set; }

    [JsonPropertyName("gpuType"), AllowedValues(GpuTypes.Physical, GpuTypes.Virtual), Description("GPU support: Physical (whole cards, Nvidia device plugin) or Virtual (shared cards, GPUManager).")]
    public string? GPUType { get; set; }

    [JsonPropertyName("enableMasterSchedule"), Description("Allow workloads to run on master nodes.")]
    public bool? EnableMasterSchedule { get; set; }

    [JsonPropertyName("ha"), Description("High availability of the API server through a virtual IP.")]
    public HighAvailability? HA { get; set; }

    [JsonPropertyName("skipConditions"), Description("Setup steps (condition types) to skip.")]
    public List<string>? SkipConditions { get; set; }

    [JsonPropertyName("files"), Description("Files copied to every node during setup.")]
    public List<ClusterFile>? Files { get; set; }

    [JsonPropertyName("hooks"), Description("Commands run at points of the setup, keyed by hook type (PreInstall, PostInstall, ...).")]
    public Dictionary<string, string>? Hooks { get; set; }

    [JsonPropertyName("csiOperator"), Description("Install the CSI operator with the cluster.")]
    public CsiOperatorFeature? CSIOperator { get; set; }
}

[Description("How the API server is made highly available: a VIP managed by the platform (tke) or an existing load balancer (thirdParty).")]
public sealed class HighAvailability
{
    [JsonPropertyName("tke"), Description("Keepalived VIP installed on the masters by the platform.")]
    public TkeHighAvailability? TKE { get; set; }

    [JsonPropertyName("thirdParty"), Description("An existing load balancer in front of the masters.")]
    public ThirdPartyHighAvailability? ThirdParty { get; set; }
}

[Description("VIP managed by the platform.")]
public sealed class TkeHighAvailability
{
    [JsonPropertyName("vip"), RequiredField, Description("Virtual IP address.")]
    public string? VIP { get; set; }

    [JsonPropertyName("vrid"), Range(1, 255), Description("VRRP router id, 1-255.")]
    public int? VRID { get; set; }
}

[Description("Load balancer provided outside the platform.")]
public sealed class ThirdPartyHighAvailability
{
    [JsonPropertyName("vip"), RequiredField, Description("Address of the load balancer.")]
    public string? VIP { get; set; }

    [JsonPropertyName("vport"), Range(1, 65535), Description("Port of the load balancer.")]
    public int? VPort { get; set; }
}

[Description("A file copied to the nodes.")]
public sealed class ClusterFile
{
    [JsonPropertyName("src"), RequiredField, Description("Path of the file on the platform host.")]
    public string? Src { get; set; }

    [JsonPropertyName("dst"), RequiredField, Description("Path on the node.")]
    public string? Dst { get; set; }
}

[Description("CSI operator installed with the cluster.")]
public sealed class CsiOperatorFeature
{
    [JsonPropertyName("version"), Description("Version of the CSI operator.")]
    public string? Version { get; set; }
}

[Description("Sizing of the cluster's networks and overcommit.")]
public sealed class ClusterProperty
{
    [JsonPropertyName("maxClusterServiceNum"), Description("Maximum number of Services, which sizes the Service CIDR: 32, 64, ... 32768.")]
    public int? MaxClusterServiceNum { get; set; }

    [JsonPropertyName("maxNodePodNum"), Description("Maximum number of pods per node, which sizes each node's pod subnet: 16, 32, 64, 128 or 256.")]
    public int? MaxNodePodNum { get; set; }

    [JsonPropertyName("oversoldRatio"), Description("Overcommit ratio per resource, e.g. {\"cpu\": \"1.5\"}.")]
    public Dictionary<string, string>? OversoldRatio { get; set; }
}

/// <summary>Values of <see cref="ClusterFeature.GPUType"/>.</summary>
public static class GpuTypes
{
    public const string Physical = "Physical";
    public const string Virtual = "Virtual";
}
