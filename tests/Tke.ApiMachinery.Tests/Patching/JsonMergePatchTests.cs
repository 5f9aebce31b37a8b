using Tke.ApiMachinery.Patching;

namespace Tke.ApiMachinery.Tests.Patching;

public class JsonMergePatchTests
{
    // RFC 7386 Appendix A.
    [Theory]
    [InlineData("""{"a":"b"}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"b":"c"}""", """{"a":"b","b":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"a":null}""", """{}""")]
    [InlineData("""{"a":"b","b":"c"}""", """{"a":null}""", """{"b":"c"}""")]
    [InlineData("""{"a":["b"]}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"c"}""", """{"a":["b"]}""", """{"a":["b"]}""")]
    [InlineData("""{"a":{"b":"c"}}""", """{"a":{"b":"d","c":null}}""", """{"a":{"b":"d"}}""")]
    [InlineData("""{"a":[{"b":"c"}]}""", """{"a":[1]}""", """{"a":[1]}""")]
    [InlineData("""["a","b"]""", """["c","d"]""", """["c","d"]""")]
    [InlineData("""{"a":"b"}""", """["c"]""", """["c"]""")]
    [InlineData("""{"a":"foo"}""", "null", "null")]
    [InlineData("""{"a":"foo"}""", "\"bar\"", "\"bar\"")]
    [InlineData("""{"e":null}""", """{"a":1}""", """{"e":null,"a":1}""")]
    [InlineData("""[1,2]""", """{"a":"b","c":null}""", """{"a":"b"}""")]
    [InlineData("""{}""", """{"a":{"bb":{"ccc":null}}}""", """{"a":{"bb":{}}}""")]
    public void AppliesRfcExamples(string target, string patch, string expected)
    {
        JsonAssert.Equal(expected, JsonMergePatch.Apply(JsonAssert.Parse(target), System.Text.Json.Nodes.JsonNode.Parse(patch)));
    }

    [Fact]
    public void AcceptsAMissingTarget()
    {
        JsonAssert.Equal("""{"a":{"b":1}}""", JsonMergePatch.Apply(null, JsonAssert.Parse("""{"a":{"b":1,"c":null}}""")));
    }

    [Fact]
    public void LeavesInputsAlone()
    {
        var target = JsonAssert.Parse("""{"metadata":{"labels":{"a":"1","b":"2"}},"spec":{"list":[1]}}""");
        var patch = JsonAssert.Parse("""{"metadata":{"labels":{"a":null,"c":"3"}},"spec":{"list":[2]}}""");
        var result = JsonMergePatch.Apply(target, patch);
        JsonAssert.Equal("""{"metadata":{"labels":{"b":"2","c":"3"}},"spec":{"list":[2]}}""", result);
        JsonAssert.Equal("""{"metadata":{"labels":{"a":"1","b":"2"}},"spec":{"list":[1]}}""", target);
        result!["spec"]!["list"]!.AsArray().Add(3);
        JsonAssert.Equal("""{"metadata":{"labels":{"a":null,"c":"3"}},"spec":{"list":[2]}}""", patch);
    }
}
