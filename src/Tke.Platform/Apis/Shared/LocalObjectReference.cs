using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Tke.Platform.Apis.Shared;

/// <summary>Kubernetes' LocalObjectReference: a reference by name to an object of a known kind.</summary>
[Description("A reference by name to another object.")]
public sealed class LocalObjectReference
{
    [JsonPropertyName("name"), Description("Name of the referent.")]
    public string? Name { get; set; }
}
