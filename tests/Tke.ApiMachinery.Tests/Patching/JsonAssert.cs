using System.Text.Json.Nodes;

namespace Tke.ApiMachinery.Tests.Patching;

/// <summary>Compares JSON structurally (object member order ignored, array order significant).</summary>
internal static class JsonAssert
{
    public static void Equal(string expectedJson, JsonNode? actual)
    {
        var expected = JsonNode.Parse(expectedJson);
        Assert.True(JsonNode.DeepEquals(expected, actual), $"expected {expected?.ToJsonString() ?? "null"}\n  actual {actual?.ToJsonString() ?? "null"}");
    }

    public static JsonNode Parse(string json) => JsonNode.Parse(json)!;

    public static JsonObject Object(string json) => JsonNode.Parse(json)!.AsObject();
}
