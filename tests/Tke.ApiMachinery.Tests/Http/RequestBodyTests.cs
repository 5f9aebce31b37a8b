using System.Text;
using System.Text.Json.Nodes;
using Tke.ApiMachinery.Errors;
using Tke.ApiMachinery.Http;

namespace Tke.ApiMachinery.Tests.Http;

public sealed class RequestBodyTests
{
    [Fact]
    public void Yaml_scalars_follow_the_core_schema()
    {
        var node = RequestBody.Decode(Encoding.UTF8.GetBytes("a: 1\nb: true\nc: '1'\nd: null\ne: 1.5\nf: v1.20\ng: [x, 2]\n"), MediaTypes.Yaml)!;
        Assert.Equal("""{"a":1,"b":true,"c":"1","d":null,"e":1.5,"f":"v1.20","g":["x",2]}""", node.ToJsonString());
    }

    [Theory]
    [InlineData("{\"a\":", MediaTypes.Json)]
    [InlineData("not json", MediaTypes.Json)]
    [InlineData("a: [1, 2\n", MediaTypes.Yaml)]
    [InlineData("a: b\na: c\n", MediaTypes.Yaml)]
    [InlineData("---\na: 1\n---\nb: 2\n", MediaTypes.Yaml)]
    [InlineData("name: [x\n  labels: {a: b\n", MediaTypes.Yaml)]
    public void Malformed_bodies_are_400(string body, string mediaType) =>
        Assert.Equal(400, Assert.Throws<StatusError>(() => RequestBody.Decode(Encoding.UTF8.GetBytes(body), mediaType)).Code);

    [Fact]
    public void Json_nesting_is_bounded()
    {
        var deep = new string('[', 500) + new string(']', 500);
        Assert.Equal(400, Assert.Throws<StatusError>(() => RequestBody.Decode(Encoding.UTF8.GetBytes(deep), MediaTypes.Json)).Code);
    }

    [Fact]
    public void Yaml_round_trips_through_the_writer()
    {
        var json = """{"apiVersion":"v1","n":1,"t":"true","e":"","list":[{"k":"v"}],"nested":{"x":null}}""";
        var yaml = Tke.ApiMachinery.Json.YamlJson.Write(Encoding.UTF8.GetBytes(json));
        Assert.Equal(JsonNode.Parse(json)!.ToJsonString(), Tke.ApiMachinery.Json.YamlJson.Parse(yaml)!.ToJsonString());
    }
}
