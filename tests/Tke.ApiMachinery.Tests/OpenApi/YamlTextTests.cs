using System.Text.Json.Nodes;
using Tke.ApiMachinery.OpenApi;
using YamlDotNet.Serialization;

namespace Tke.ApiMachinery.Tests.OpenApi;

public sealed class YamlTextTests
{
    [Theory]
    [InlineData("true", "true\n")]
    [InlineData("12", "12\n")]
    [InlineData("1.5", "1.5\n")]
    [InlineData("null", "null\n")]
    [InlineData("\"merge\"", "merge\n")]
    [InlineData("\"merge,retainKeys\"", "\"merge,retainKeys\"\n")]
    [InlineData("\"yes\"", "\"yes\"\n")]
    [InlineData("\"On\"", "\"On\"\n")]
    [InlineData("\"123\"", "\"123\"\n")]
    [InlineData("\"\"", "\"\"\n")]
    [InlineData("\"a: b\"", "\"a: b\"\n")]
    [InlineData("\"line\\nbreak\"", "\"line\\nbreak\"\n")]
    [InlineData("[]", "[]\n")]
    [InlineData("{}", "{}\n")]
    [InlineData("[\"ip\",\"port\"]", "- ip\n- port\n")]
    [InlineData("{\"group\":\"\",\"kind\":\"Status\",\"version\":\"v1\"}", "group: \"\"\nkind: Status\nversion: v1\n")]
    [InlineData("[{\"a\":1,\"b\":[\"x\"],\"c\":{\"d\":false}}]", "- a: 1\n  b:\n    - x\n  c:\n    d: false\n")]
    public void RendersBlockYaml(string json, string yaml) => Assert.Equal(yaml, YamlText.From(JsonNode.Parse(json)));

    [Theory]
    [InlineData("\"yes\"")]
    [InlineData("\"a: b # c\"")]
    [InlineData("\"tab\\there\"")]
    [InlineData("\"ünïcode ✓\"")]
    [InlineData("\"-leading dash\"")]
    public void StringsReadBackUnchanged(string json)
    {
        var value = (string)JsonNode.Parse(json)!;
        var parsed = new DeserializerBuilder().Build().Deserialize<string>(YamlText.From(JsonValue.Create(value)));
        Assert.Equal(value, parsed);
    }
}
