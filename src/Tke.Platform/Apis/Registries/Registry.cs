using System.ComponentModel;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;

namespace Tke.Platform.Apis.Registries;

/// <summary>A third-party image registry a tenant records for its clusters. Spec only, as in TKEStack.</summary>
[Description("Registry records a third-party image registry (address and login) that a tenant's clusters pull images from.")]
public sealed class Registry : ApiObject
{
    [JsonPropertyName("spec"), Description("The registry's address and credentials.")]
    public RegistrySpec Spec { get; set; } = new();
}

[Description("Address and credentials of a third-party image registry.")]
public sealed class RegistrySpec
{
    [JsonPropertyName("tenantID"), Description("Tenant that owns the entry.")]
    public string? TenantID { get; set; }

    [JsonPropertyName("displayName"), Description("Human-readable name.")]
    public string? DisplayName { get; set; }

    [JsonPropertyName("clusterName"), Description("Cluster the registry is used by, if only one.")]
    public string? ClusterName { get; set; }

    [JsonPropertyName("url"), Description("Address of the registry, e.g. registry.example.com or https://registry.example.com.")]
    public string? URL { get; set; }

    [JsonPropertyName("userName"), Description("User name to log in with.")]
    public string? UserName { get; set; }

    [JsonPropertyName("password"), Sensitive, Description("Password to log in with.")]
    public string? Password { get; set; }
}
