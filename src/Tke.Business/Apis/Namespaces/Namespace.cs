using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;
using Tke.Business.Apis.Shared;
using Tke.Platform.Apis.Shared;

namespace Tke.Business.Apis.Namespaces;

[Description("Namespace is a Kubernetes namespace in one cluster allotted to a project, with its own share of the project's quota in that cluster. It lives in the project's namespace (/namespaces/prj-xxx/namespaces) and is named <cluster>-<namespace>.")]
public sealed class Namespace : ApiObject<NamespaceSpec, NamespaceStatus>
{
}

[Description("Desired state of a project namespace.")]
public sealed class NamespaceSpec
{
    [JsonPropertyName("finalizers"), ListType(ListKind.Set), Description("Values that must be empty before the namespace is removed from storage; the platform sets \"namespace\".")]
    public List<string>? Finalizers { get; set; }

    [JsonPropertyName("tenantID"), Description("Tenant that owns the namespace.")]
    public string? TenantID { get; set; }

    [JsonPropertyName("clusterName"), RequiredField, Description("Cluster (one of the project's clusters) the namespace is created in.")]
    public string? ClusterName { get; set; }

    [JsonPropertyName("clusterType"), Description("Type of the cluster, filled in by the server.")]
    public string? ClusterType { get; set; }

    [JsonPropertyName("clusterVersion"), Description("Kubernetes version of the cluster, filled in by the server.")]
    public string? ClusterVersion { get; set; }

    [JsonPropertyName("clusterDisplayName"), Description("Display name of the cluster, filled in by the server.")]
    public string? ClusterDisplayName { get; set; }

    [JsonPropertyName("namespace"), RequiredField, Description("Name of the Kubernetes namespace in the cluster, a DNS label of at most 63 characters.")]
    public string? Namespace { get; set; }

    [JsonPropertyName("hard"), Description("Resource limits of the namespace, taken from the project's quota in the cluster.")]
    public ResourceList? Hard { get; set; }
}

[Description("Observed state of a project namespace.")]
public sealed class NamespaceStatus
{
    [JsonPropertyName("phase"), AllowedValues(BusinessPhases.Pending, BusinessPhases.Available, BusinessPhases.Locked, BusinessPhases.Failed, BusinessPhases.Terminating), Description("Pending, Available, Locked, Failed or Terminating.")]
    public string? Phase { get; set; }

    [JsonPropertyName("lastTransitionTime"), Description("Last time the phase changed.")]
    public DateTimeOffset? LastTransitionTime { get; set; }

    [JsonPropertyName("reason"), Description("Reason for the last transition.")]
    public string? Reason { get; set; }

    [JsonPropertyName("message"), Description("Human-readable details about the last transition.")]
    public string? Message { get; set; }

    [JsonPropertyName("resourceQuotaName"), Description("ResourceQuota created in the cluster namespace.")]
    public string? ResourceQuotaName { get; set; }

    [JsonPropertyName("used"), Description("Resources used in the namespace.")]
    public ResourceList? Used { get; set; }

    [JsonPropertyName("cachedSpecHard"), Description("The limits last accounted for in the project's usage.")]
    public ResourceList? CachedSpecHard { get; set; }

    [JsonPropertyName("certificate"), Description("A client certificate limited to this namespace, when one was requested.")]
    public NamespaceCertificate? Certificate { get; set; }
}

[Description("A client certificate and the API server address for reaching one namespace.")]
public sealed class NamespaceCertificate
{
    [JsonPropertyName("certPem"), Description("Client certificate (PEM, base64).")]
    public byte[]? CertPem { get; set; }

    [JsonPropertyName("keyPem"), Sensitive, Description("Client key (PEM, base64).")]
    public byte[]? KeyPem { get; set; }

    [JsonPropertyName("caCertPem"), Description("CA certificate of the cluster (PEM, base64).")]
    public byte[]? CACertPem { get; set; }

    [JsonPropertyName("apiServer"), Description("Address of the cluster's API server.")]
    public string? APIServer { get; set; }
}
