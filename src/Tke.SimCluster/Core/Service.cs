using System.ComponentModel;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;
using Tke.SimCluster.Shared;

namespace Tke.SimCluster.Core;

[Description("Service is a named abstraction of software service (for example, mysql) consisting of local port (for example 3306) that the proxy listens on, and the selector that determines which pods will answer requests sent through the proxy.")]
public sealed class Service : ApiObject<ServiceSpec, ServiceStatus>
{
}

[Description("ServiceSpec describes the attributes that a user creates on a service.")]
public sealed class ServiceSpec : ExtensibleObject
{
    [JsonPropertyName("type"), Description("How the Service is exposed: ClusterIP (default), NodePort, LoadBalancer or ExternalName.")]
    public string? Type { get; set; }

    [JsonPropertyName("selector"), Description("Route service traffic to pods with label keys and values matching this selector.")]
    public Dictionary<string, string>? Selector { get; set; }

    [JsonPropertyName("ports"), PatchMergeKey("port"), Description("The list of ports that are exposed by this service.")]
    public List<ServicePort>? Ports { get; set; }

    [JsonPropertyName("clusterIP"), Description("The IP address of the service, allocated by the cluster; \"None\" makes a headless service.")]
    public string? ClusterIP { get; set; }

    [JsonPropertyName("clusterIPs"), Description("IP addresses assigned to this service; the first is clusterIP.")]
    public List<string>? ClusterIPs { get; set; }

    [JsonPropertyName("externalIPs"), Description("IP addresses for which nodes in the cluster will also accept traffic for this service.")]
    public List<string>? ExternalIPs { get; set; }

    [JsonPropertyName("externalName"), Description("The external reference that discovery mechanisms will return as an alias for this service (type ExternalName).")]
    public string? ExternalName { get; set; }

    [JsonPropertyName("sessionAffinity"), Description("ClientIP or None. Defaults to None.")]
    public string? SessionAffinity { get; set; }
}

[Description("ServicePort contains information on service's port.")]
public sealed class ServicePort : ExtensibleObject
{
    [JsonPropertyName("name"), Description("The name of this port within the service.")]
    public string? Name { get; set; }

    [JsonPropertyName("protocol"), Description("The IP protocol for this port: TCP, UDP or SCTP. Default is TCP.")]
    public string? Protocol { get; set; }

    [JsonPropertyName("port"), RequiredField, Description("The port that will be exposed by this service.")]
    public int Port { get; set; }

    [JsonPropertyName("targetPort"), IntOrString, Description("Number or name of the port to access on the pods targeted by the service. Defaults to port.")]
    public IntOrString? TargetPort { get; set; }

    [JsonPropertyName("nodePort"), Description("The port on each node on which this service is exposed when type is NodePort or LoadBalancer.")]
    public int? NodePort { get; set; }
}

[Description("ServiceStatus represents the current status of a service.")]
public sealed class ServiceStatus : ExtensibleObject
{
    [JsonPropertyName("loadBalancer"), Description("LoadBalancer contains the current status of the load-balancer, if one is present.")]
    public System.Text.Json.Nodes.JsonObject? LoadBalancer { get; set; }
}
