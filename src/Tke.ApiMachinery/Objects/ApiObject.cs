using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Tke.ApiMachinery.Objects;

/// <summary>The base of every typed API object: apiVersion, kind and metadata.</summary>
public abstract class ApiObject
{
    [JsonPropertyName("apiVersion"), JsonPropertyOrder(-3), Description("Versioned schema of this representation of an object.")]
    public string? ApiVersion { get; set; }

    [JsonPropertyName("kind"), JsonPropertyOrder(-2), Description("The REST resource this object represents.")]
    public string? Kind { get; set; }

    [JsonPropertyName("metadata"), JsonPropertyOrder(-1), Description("Standard object metadata.")]
    public ObjectMeta Metadata { get; set; } = new();
}

/// <summary>An object with a desired state and an observed state.</summary>
public abstract class ApiObject<TSpec, TStatus> : ApiObject
    where TSpec : class, new()
    where TStatus : class, new()
{
    [JsonPropertyName("spec"), Description("Desired state.")]
    public TSpec Spec { get; set; } = new();

    [JsonPropertyName("status"), Description("Observed state, written by controllers through the status subresource.")]
    public TStatus? Status { get; set; }
}
