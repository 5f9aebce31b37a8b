using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;
using Tke.Platform.Apis.Shared;

namespace Tke.Platform.Apis.Clusters;

[Description("Cluster is a Kubernetes cluster managed by the platform: either created on bare-metal machines (type Baremetal) or an existing cluster imported by address and credential (type Imported). Names are cls-<id>, or global for the platform's own cluster.")]
public sealed class Cluster : ApiObject<ClusterSpec, ClusterStatus>
{
}

[Description("Desired state of a cluster.")]
public sealed class ClusterSpec
{
    [JsonPropertyName("finalizers"), ListType(ListKind.Set), Description("Values that must be empty before the cluster is removed from storage; the platform sets \"cluster\".")]
    public List<string>? Finalizers { get; set; }

    [JsonPropertyName("tenantID"), Description("Tenant that owns the cluster.")]
    public string? TenantID { get; set; }

    [JsonPropertyName("displayName"), StringLength(60), Description("Human-readable cluster name (Chinese allowed), at most 60 characters.")]
    public string? DisplayName { get; set; }

    [JsonPropertyName("type"), RequiredField, AllowedValues(ClusterTypes.Baremetal, ClusterTypes.Imported), Description("How the cluster is provided: Baremetal (installed by the platform) or Imported (an existing cluster).")]
    public string? Type { get; set; }

    [JsonPropertyName("version"), Description("Kubernetes version to install or upgrade to, e.g. 1.20.4.")]
    public string? Version { get; set; }

    [JsonPropertyName("networkType"), Description("Container network plugin of the cluster.")]
    public string? NetworkType { get; set; }

    [JsonPropertyName("networkDevice"), MaxLength(63), RegularExpression("^[a-z]([-a-z0-9]*[a-z0-9])?$"), Description("Network interface used for traffic between nodes, e.g. eth0. Lower-case letters, digits and '-', starting with a letter.")]
    public string? NetworkDevice { get; set; }

    [JsonPropertyName("clusterCIDR"), Description("CIDR of the pod network, inside a private range and not overlapping the machines' addresses, e.g. 192.168.0.0/16.")]
    public string? ClusterCIDR { get; set; }

    [JsonPropertyName("serviceCIDR"), Description("Separate CIDR for Services; exclusive with properties.maxClusterServiceNum.")]
    public string? ServiceCIDR { get; set; }

    [JsonPropertyName("dnsDomain"), Description("DNS domain of Services. Defaults to cluster.local.")]
    public string? DNSDomain { get; set; }

    [JsonPropertyName("publicAlternativeNames"), Description("Extra names and addresses put in the API server certificate.")]
    public List<string>? PublicAlternativeNames { get; set; }

    [JsonPropertyName("features"), Description("Optional features of the cluster.")]
    public ClusterFeature? Features { get; set; }

    [JsonPropertyName("properties"), Description("Sizing properties of the cluster.")]
    public ClusterProperty? Properties { get; set; }

    [JsonPropertyName("machines"), Description("Master machines of a Baremetal cluster.")]
    public List<ClusterMachine>? Machines { get; set; }

    [JsonPropertyName("dockerExtraArgs"), Description("Extra docker daemon arguments.")]
    public Dictionary<string, string>? DockerExtraArgs { get; set; }

    [JsonPropertyName("kubeletExtraArgs"), Description("Extra kubelet arguments.")]
    public Dictionary<string, string>? KubeletExtraArgs { get; set; }

    [JsonPropertyName("apiServerExtraArgs"), Description("Extra kube-apiserver arguments.")]
    public Dictionary<string, string>? APIServerExtraArgs { get; set; }

    [JsonPropertyName("controllerManagerExtraArgs"), Description("Extra kube-controller-manager arguments.")]
    public Dictionary<string, string>? ControllerManagerExtraArgs { get; set; }

    [JsonPropertyName("schedulerExtraArgs"), Description("Extra kube-scheduler arguments.")]
    public Dictionary<string, string>? SchedulerExtraArgs { get; set; }

    [JsonPropertyName("clusterCredentialRef"), Description("ClusterCredential holding the secrets used to reach the cluster; created by the platform when absent.")]
    public LocalObjectReference? ClusterCredentialRef { get; set; }
}

[Description("Observed state of a cluster.")]
public sealed class ClusterStatus
{
    [JsonPropertyName("locked"), Description("True while the cluster is locked against changes.")]
    public bool? Locked { get; set; }

    [JsonPropertyName("version"), Description("Kubernetes version the cluster runs.")]
    public string? Version { get; set; }

    [JsonPropertyName("phase"), AllowedValues(ClusterPhases.Initializing, ClusterPhases.Running, ClusterPhases.Failed, ClusterPhases.Terminating, ClusterPhases.Upgrading, ClusterPhases.Upscaling, ClusterPhases.Downscaling, ClusterPhases.Idling, ClusterPhases.Recovering, ClusterPhases.Confined), Description("Lifecycle phase: Initializing, Running, Failed, Terminating, Upgrading, Upscaling, Downscaling, Idling, Recovering or Confined.")]
    public string? Phase { get; set; }

    [JsonPropertyName("conditions"), PatchMergeKey("type"), Description("Progress of the setup and health checks.")]
    public List<Condition>? Conditions { get; set; }

    [JsonPropertyName("message"), Description("Human-readable details about the current phase.")]
    public string? Message { get; set; }

    [JsonPropertyName("reason"), Description("One-word CamelCase reason for the current phase.")]
    public string? Reason { get; set; }

    [JsonPropertyName("addresses"), PatchMergeKey("type"), Description("Addresses of the cluster's API server. An Imported cluster is created with at least one.")]
    public List<ClusterAddress>? Addresses { get; set; }

    [JsonPropertyName("nodeCount"), Description("Nodes the cluster had at the last successful health check.")]
    public int? NodeCount { get; set; }

    [JsonPropertyName("readyNodeCount"), Description("Nodes whose Ready condition was True at the last successful health check.")]
    public int? ReadyNodeCount { get; set; }

    [JsonPropertyName("resource"), Description("Capacity and allocation of the cluster's resources.")]
    public ClusterResource? Resource { get; set; }

    [JsonPropertyName("components"), PatchMergeKey("type"), Description("Replica counts of the control-plane components.")]
    public List<ClusterComponent>? Components { get; set; }

    [JsonPropertyName("serviceCIDR"), Description("CIDR allocated to Services.")]
    public string? ServiceCIDR { get; set; }

    [JsonPropertyName("nodeCIDRMaskSize"), Description("Prefix length of each node's pod subnet.")]
    public int? NodeCIDRMaskSize { get; set; }

    [JsonPropertyName("dnsIP"), Description("Cluster IP of the DNS service.")]
    public string? DNSIP { get; set; }

    [JsonPropertyName("registryIPs"), Description("Addresses of the image registry the cluster uses.")]
    public List<string>? RegistryIPs { get; set; }
}

/// <summary>Values of <see cref="ClusterSpec.Type"/>.</summary>
public static class ClusterTypes
{
    public const string Baremetal = "Baremetal";
    public const string Imported = "Imported";
}

/// <summary>Values of <see cref="ClusterStatus.Phase"/>.</summary>
public static class ClusterPhases
{
    public const string Initializing = "Initializing";
    public const string Running = "Running";
    public const string Failed = "Failed";
    public const string Terminating = "Terminating";
    public const string Upgrading = "Upgrading";
    public const string Upscaling = "Upscaling";
    public const string Downscaling = "Downscaling";
    public const string Idling = "Idling";
    public const string Recovering = "Recovering";
    public const string Confined = "Confined";
}
