using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;

namespace Tke.Registry.Apis.Namespaces;

[Description("An image namespace of the registry: images are pushed to <registry>/<namespace>/<image>:<tag>.")]
public sealed class Namespace : ApiObject<NamespaceSpec, NamespaceStatus>
{
}

[Description("Name and visibility of an image namespace.")]
public sealed class NamespaceSpec
{
    [JsonPropertyName("name"), RequiredField, StringLength(63, MinimumLength = 1)]
    [RegularExpression("^[a-z0-9]+(?:[._-][a-z0-9]+)*$")]
    [Description("Namespace name as it appears in image references (at most 63 lowercase letters, digits and separators); unique within a tenant, cannot be changed.")]
    public string Name { get; set; } = "";

    [JsonPropertyName("tenantID"), Description("Tenant owning the namespace.")]
    public string TenantId { get; set; } = "";

    [JsonPropertyName("displayName"), Description("Description shown in the console.")]
    public string? DisplayName { get; set; }

    [JsonPropertyName("visibility"), RequiredField, AllowedValues(Visibilities.Public, Visibilities.Private)]
    [Description("\"Public\": anyone may pull its images; \"Private\": only the owner.")]
    public string? Visibility { get; set; }
}

[Description("Observed state of an image namespace.")]
public sealed class NamespaceStatus
{
    [JsonPropertyName("locked"), Description("True while the namespace is locked against pushes.")]
    public bool? Locked { get; set; }

    [JsonPropertyName("repoCount"), Description("Number of image repositories in the namespace.")]
    public int RepoCount { get; set; }
}
