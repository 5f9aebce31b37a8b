using System.ComponentModel;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;
using Tke.SimCluster.Shared;

namespace Tke.SimCluster.Core;

[Description("ResourceQuota sets aggregate quota restrictions enforced per namespace.")]
public sealed class ResourceQuota : ApiObject<ResourceQuotaSpec, ResourceQuotaStatus>
{
}

[Description("ResourceQuotaSpec defines the desired hard limits to enforce for Quota.")]
public sealed class ResourceQuotaSpec : ExtensibleObject
{
    [JsonPropertyName("hard"), IntOrString, Description("The set of desired hard limits for each named resource.")]
    public ResourceList? Hard { get; set; }

    [JsonPropertyName("scopes"), Description("A collection of filters that must match each object tracked by a quota.")]
    public List<string>? Scopes { get; set; }
}

[Description("ResourceQuotaStatus defines the enforced hard limits and observed use.")]
public sealed class ResourceQuotaStatus
{
    [JsonPropertyName("hard"), IntOrString, Description("The set of enforced hard limits for each named resource.")]
    public ResourceList? Hard { get; set; }

    [JsonPropertyName("used"), IntOrString, Description("The current observed total usage of the resource in the namespace.")]
    public ResourceList? Used { get; set; }
}
