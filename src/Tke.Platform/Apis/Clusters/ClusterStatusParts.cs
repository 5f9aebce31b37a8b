using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;
using Tke.Platform.Apis.Shared;

namespace Tke.Platform.Apis.Clusters;

[Description("An address of the cluster's API server.")]
public sealed class ClusterAddress
{
    [JsonPropertyName("type"), RequiredField, AllowedValues(ClusterAddressTypes.Public, ClusterAddressTypes.Advertise, ClusterAddressTypes.Real, ClusterAddressTypes.Internal, ClusterAddressTypes.Support), Description("Who uses the address: Public, Advertise (nodes), Real (one API server), Internal (the platform) or Support.")]
    public string? Type { get; set; }

    [JsonPropertyName("host"), RequiredField, Description("Host name or IP, without scheme.")]
    public string? Host { get; set; }

    [JsonPropertyName("port"), Range(1, 65535), Description("Port, e.g. 6443 or 443.")]
    public int Port { get; set; }

    [JsonPropertyName("path"), Description("Path prefix of the API server behind a proxy; starts with '/'.")]
    public string? Path { get; set; }
}

/// <summary>Values of <see cref="ClusterAddress.Type"/>.</summary>
public static class ClusterAddressTypes
{
    public const string Public = "Public";
    public const string Advertise = "Advertise";
    public const string Real = "Real";
    public const string Internal = "Internal";
    public const string Support = "Support";
}

[Description("Capacity and allocation of the cluster's resources.")]
public sealed class ClusterResource
{
    [JsonPropertyName("capacity"), Description("Total resources of the cluster.")]
    public ResourceList? Capacity { get; set; }

    [JsonPropertyName("allocatable"), Description("Resources available for scheduling.")]
    public ResourceList? Allocatable { get; set; }

    [JsonPropertyName("allocated"), Description("Resources requested by pods.")]
    public ResourceList? Allocated { get; set; }
}

[Description("Replica counts of one control-plane component.")]
public sealed class ClusterComponent
{
    [JsonPropertyName("type"), RequiredField, Description("Component, e.g. kube-apiserver.")]
    public string? Type { get; set; }

    [JsonPropertyName("replicas"), Description("Replica counts by state.")]
    public ClusterComponentReplicas Replicas { get; set; } = new();
}

[Description("Replica counts of a component by state.")]
public sealed class ClusterComponentReplicas
{
    [JsonPropertyName("desired")]
    public int Desired { get; set; }

    [JsonPropertyName("current")]
    public int Current { get; set; }

    [JsonPropertyName("available")]
    public int Available { get; set; }

    [JsonPropertyName("updated")]
    public int Updated { get; set; }
}
