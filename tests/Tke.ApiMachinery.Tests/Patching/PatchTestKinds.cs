using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;
using Tke.ApiMachinery.Schema;

namespace Tke.ApiMachinery.Tests.Patching;

/// <summary>A kind shaped like a pod template, to exercise every list strategy.</summary>
public sealed class Gadget : ApiObject<GadgetSpec, GadgetStatus>
{
    public static SchemaNode Schema { get; } = SchemaBuilder.Shared.BuildKindRoot(typeof(Gadget), "test.tkestack.io", "v1", "Gadget");
}

public sealed class GadgetSpec
{
    [JsonPropertyName("containers"), PatchMergeKey("name")]
    public List<GadgetContainer>? Containers { get; set; }

    [JsonPropertyName("ports"), PatchMergeKey("containerPort")]
    public List<GadgetPort>? Ports { get; set; }

    [JsonPropertyName("tags"), ListType(ListKind.Set)]
    public List<string>? Tags { get; set; }

    [JsonPropertyName("args")]
    public List<string>? Args { get; set; }

    [JsonPropertyName("selector")]
    public Dictionary<string, string>? Selector { get; set; }

    [JsonPropertyName("strategy")]
    public GadgetStrategy? Strategy { get; set; }

    [JsonPropertyName("config")]
    public JsonObject? Config { get; set; }
}

public sealed class GadgetContainer
{
    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    [JsonPropertyName("image")]
    public string? Image { get; set; }

    [JsonPropertyName("env"), PatchMergeKey("name")]
    public List<GadgetEnv>? Env { get; set; }

    [JsonPropertyName("args")]
    public List<string>? Args { get; set; }
}

public sealed class GadgetEnv
{
    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    [JsonPropertyName("value")]
    public string? Value { get; set; }
}

public sealed class GadgetPort
{
    [JsonPropertyName("containerPort")]
    public int ContainerPort { get; set; }

    [JsonPropertyName("protocol")]
    public string? Protocol { get; set; }
}

public sealed class GadgetStrategy
{
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("rollingUpdate")]
    public JsonObject? RollingUpdate { get; set; }

    [JsonPropertyName("maxSurge")]
    public int? MaxSurge { get; set; }
}

public sealed class GadgetStatus
{
    [JsonPropertyName("phase")]
    public string? Phase { get; set; }
}
