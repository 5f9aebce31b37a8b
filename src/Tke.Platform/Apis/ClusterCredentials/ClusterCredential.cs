using System.ComponentModel;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;

namespace Tke.Platform.Apis.ClusterCredentials;

/// <summary>
/// The secrets needed to reach a cluster. Unlike most kinds its fields sit at the top level
/// (no spec), as in TKEStack. Certificates and keys are PEM bytes, base64 in JSON.
/// </summary>
[Description("ClusterCredential records the credentials used to reach a cluster's API server and etcd: CA, client certificate and key, bearer token. Kept apart from the Cluster so that secrets can be protected separately.")]
public sealed class ClusterCredential : ApiObject
{
    [JsonPropertyName("tenantID"), Description("Tenant that owns the credential.")]
    public string? TenantID { get; set; }

    [JsonPropertyName("clusterName"), Description("Name of the cluster these credentials reach.")]
    public string? ClusterName { get; set; }

    [JsonPropertyName("etcdCACert"), Description("CA certificate of the cluster's etcd (PEM, base64).")]
    public byte[]? ETCDCACert { get; set; }

    [JsonPropertyName("etcdCAKey"), Sensitive, Description("CA private key of the cluster's etcd (PEM, base64).")]
    public byte[]? ETCDCAKey { get; set; }

    [JsonPropertyName("etcdAPIClientCert"), Description("Client certificate the API server uses for etcd (PEM, base64).")]
    public byte[]? ETCDAPIClientCert { get; set; }

    [JsonPropertyName("etcdAPIClientKey"), Sensitive, Description("Client key the API server uses for etcd (PEM, base64).")]
    public byte[]? ETCDAPIClientKey { get; set; }

    [JsonPropertyName("caCert"), Description("CA certificate of the cluster's API server (PEM, base64).")]
    public byte[]? CACert { get; set; }

    [JsonPropertyName("caKey"), Sensitive, Description("CA private key of the cluster (PEM, base64); present for clusters the platform installed.")]
    public byte[]? CAKey { get; set; }

    [JsonPropertyName("clientCert"), Description("Client certificate for X.509 authentication to the API server (PEM, base64).")]
    public byte[]? ClientCert { get; set; }

    [JsonPropertyName("clientKey"), Sensitive, Description("Client key for X.509 authentication to the API server (PEM, base64).")]
    public byte[]? ClientKey { get; set; }

    [JsonPropertyName("token"), Sensitive, Description("Bearer token for the API server.")]
    public string? Token { get; set; }

    [JsonPropertyName("bootstrapToken"), Sensitive, Description("kubeadm bootstrap token used to join nodes.")]
    public string? BootstrapToken { get; set; }

    [JsonPropertyName("certificateKey"), Sensitive, Description("kubeadm key that encrypts uploaded control-plane certificates.")]
    public string? CertificateKey { get; set; }
}
