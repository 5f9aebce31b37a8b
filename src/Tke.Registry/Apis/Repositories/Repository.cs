using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;

namespace Tke.Registry.Apis.Repositories;

/// <summary>An image repository; metadata.namespace is the name of the registry Namespace object holding it.</summary>
[Description("An image repository (all tags of one image) inside a registry namespace; metadata.namespace is the registry Namespace object's name.")]
public sealed class Repository : ApiObject<RepositorySpec, RepositoryStatus>
{
}

[Description("Name and visibility of an image repository.")]
public sealed class RepositorySpec
{
    [JsonPropertyName("name"), RequiredField, StringLength(255, MinimumLength = 1)]
    [RegularExpression("^[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*)*$")]
    [Description("Image name inside the namespace, as in docker references; cannot be changed.")]
    public string Name { get; set; } = "";

    [JsonPropertyName("tenantID"), Description("Tenant owning the repository.")]
    public string TenantId { get; set; } = "";

    [JsonPropertyName("namespaceName"), RequiredField, MinLength(1), Description("spec.name of the registry namespace holding the repository; cannot be changed.")]
    public string NamespaceName { get; set; } = "";

    [JsonPropertyName("displayName"), Description("Description shown in the console.")]
    public string? DisplayName { get; set; }

    [JsonPropertyName("visibility"), AllowedValues(Visibilities.Public, Visibilities.Private), Description("\"Public\" or \"Private\"; normally that of its namespace.")]
    public string? Visibility { get; set; }
}

[Description("Observed state of an image repository.")]
public sealed class RepositoryStatus
{
    [JsonPropertyName("locked"), Description("True while the repository is locked against pushes.")]
    public bool? Locked { get; set; }

    [JsonPropertyName("pullCount"), Description("Number of pulls.")]
    public int PullCount { get; set; }

    [JsonPropertyName("tags"), PatchMergeKey("name"), Description("Pushed tags.")]
    public List<RepositoryTag>? Tags { get; set; }
}

[Description("A pushed tag of an image.")]
public sealed class RepositoryTag
{
    [JsonPropertyName("name"), Description("Tag, e.g. \"v1\".")]
    public string Name { get; set; } = "";

    [JsonPropertyName("digest"), Description("Manifest digest, e.g. \"sha256:...\".")]
    public string Digest { get; set; } = "";

    [JsonPropertyName("timeCreated"), Description("Time the tag was pushed.")]
    public DateTimeOffset? TimeCreated { get; set; }

    [JsonPropertyName("size"), Description("Bytes of the manifest and the blobs it lists.")]
    public long? Size { get; set; }
}
