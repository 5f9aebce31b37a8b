using Tke.ApiMachinery.Patching;

namespace Tke.ApiMachinery.Tests.Patching;

public class JsonPatchTests
{
    // RFC 6902 Appendix A.
    [Theory]
    [InlineData("A.1 add object member", """{"foo":"bar"}""", """[{"op":"add","path":"/baz","value":"qux"}]""", """{"baz":"qux","foo":"bar"}""")]
    [InlineData("A.2 add array element", """{"foo":["bar","baz"]}""", """[{"op":"add","path":"/foo/1","value":"qux"}]""", """{"foo":["bar","qux","baz"]}""")]
    [InlineData("A.3 remove object member", """{"baz":"qux","foo":"bar"}""", """[{"op":"remove","path":"/baz"}]""", """{"foo":"bar"}""")]
    [InlineData("A.4 remove array element", """{"foo":["bar","qux","baz"]}""", """[{"op":"remove","path":"/foo/1"}]""", """{"foo":["bar","baz"]}""")]
    [InlineData("A.5 replace value", """{"baz":"qux","foo":"bar"}""", """[{"op":"replace","path":"/baz","value":"boo"}]""", """{"baz":"boo","foo":"bar"}""")]
    [InlineData("A.6 move value", """{"foo":{"bar":"baz","waldo":"fred"},"qux":{"corge":"grault"}}""", """[{"op":"move","from":"/foo/waldo","path":"/qux/thud"}]""", """{"foo":{"bar":"baz"},"qux":{"corge":"grault","thud":"fred"}}""")]
    [InlineData("A.7 move array element", """{"foo":["all","grass","cows","eat"]}""", """[{"op":"move","from":"/foo/1","path":"/foo/3"}]""", """{"foo":["all","cows","eat","grass"]}""")]
    [InlineData("A.8 test success", """{"baz":"qux","foo":["a",2,"c"]}""", """[{"op":"test","path":"/baz","value":"qux"},{"op":"test","path":"/foo/1","value":2}]""", """{"baz":"qux","foo":["a",2,"c"]}""")]
    [InlineData("A.10 add nested member object", """{"foo":"bar"}""", """[{"op":"add","path":"/child","value":{"grandchild":{}}}]""", """{"foo":"bar","child":{"grandchild":{}}}""")]
    [InlineData("A.11 ignore unrecognized elements", """{"foo":"bar"}""", """[{"op":"add","path":"/baz","value":"qux","xyz":123}]""", """{"foo":"bar","baz":"qux"}""")]
    [InlineData("A.14 ~ escape ordering", """{"/":9,"~1":10}""", """[{"op":"test","path":"/~01","value":10}]""", """{"/":9,"~1":10}""")]
    [InlineData("A.16 add array value", """{"foo":["bar"]}""", """[{"op":"add","path":"/foo/-","value":["abc","def"]}]""", """{"foo":["bar",["abc","def"]]}""")]
    public void AppliesRfcExamples(string name, string document, string patch, string expected)
    {
        Assert.NotNull(name);
        JsonAssert.Equal(expected, JsonPatch.Apply(JsonAssert.Parse(document), JsonAssert.Parse(patch)));
    }

    [Theory]
    [InlineData("A.9 test failure", """{"baz":"qux"}""", """[{"op":"test","path":"/baz","value":"bar"}]""")]
    [InlineData("A.12 add to nonexistent target", """{"foo":"bar"}""", """[{"op":"add","path":"/baz/bat","value":"qux"}]""")]
    [InlineData("A.15 strings are not numbers", """{"/":9,"~1":10}""", """[{"op":"test","path":"/~01","value":"10"}]""")]
    [InlineData("remove missing member", """{"a":1}""", """[{"op":"remove","path":"/b"}]""")]
    [InlineData("replace missing member", """{"a":1}""", """[{"op":"replace","path":"/b","value":2}]""")]
    [InlineData("array index past end", """{"a":[1]}""", """[{"op":"add","path":"/a/2","value":2}]""")]
    [InlineData("remove past end", """{"a":[1]}""", """[{"op":"remove","path":"/a/1"}]""")]
    [InlineData("leading zero index", """{"a":[1,2]}""", """[{"op":"replace","path":"/a/01","value":3}]""")]
    [InlineData("dash is only for add", """{"a":[1]}""", """[{"op":"replace","path":"/a/-","value":3}]""")]
    [InlineData("move into own child", """{"a":{"b":1}}""", """[{"op":"move","from":"/a","path":"/a/b/c"}]""")]
    [InlineData("move from missing", """{"a":1}""", """[{"op":"move","from":"/x","path":"/y"}]""")]
    [InlineData("test missing path", """{"a":1}""", """[{"op":"test","path":"/b","value":null}]""")]
    public void RejectsOperationsThatDoNotApply(string name, string document, string patch)
    {
        var e = Assert.Throws<PatchException>(() => JsonPatch.Apply(JsonAssert.Parse(document), JsonAssert.Parse(patch)));
        Assert.False(e.IsMalformed, name);
    }

    [Theory]
    [InlineData("""{"op":"add","path":"/a","value":1}""")]
    [InlineData("""[{"op":"frobnicate","path":"/a"}]""")]
    [InlineData("""[{"path":"/a","value":1}]""")]
    [InlineData("""[{"op":"add","value":1}]""")]
    [InlineData("""[{"op":"add","path":"/a"}]""")]
    [InlineData("""[{"op":"move","path":"/a"}]""")]
    [InlineData("""[{"op":"add","path":"a","value":1}]""")]
    [InlineData("""[{"op":"add","path":"/a~2","value":1}]""")]
    [InlineData("""[1]""")]
    public void RejectsMalformedPatches(string patch)
    {
        var e = Assert.Throws<PatchException>(() => JsonPatch.Apply(JsonAssert.Parse("""{"a":1}"""), JsonAssert.Parse(patch)));
        Assert.True(e.IsMalformed);
    }

    [Fact]
    public void FailedTestNamesThePath()
    {
        var e = Assert.Throws<PatchException>(() => JsonPatch.Apply(JsonAssert.Parse("""{"a":1}"""), JsonAssert.Parse("""[{"op":"test","path":"/a","value":2}]""")));
        Assert.Equal("testing value /a failed: test failed", e.Message);
    }

    [Fact]
    public void IsAtomicAndLeavesTheInputAlone()
    {
        var document = JsonAssert.Parse("""{"a":1,"list":[1,2]}""");
        var patch = JsonAssert.Parse("""[{"op":"remove","path":"/a"},{"op":"add","path":"/list/0","value":0},{"op":"test","path":"/a","value":1}]""");
        Assert.Throws<PatchException>(() => JsonPatch.Apply(document, patch));
        JsonAssert.Equal("""{"a":1,"list":[1,2]}""", document);
    }

    [Fact]
    public void DoesNotAliasPatchValues()
    {
        var patch = JsonAssert.Parse("""[{"op":"add","path":"/a","value":{"b":1}}]""");
        var result = JsonPatch.Apply(JsonAssert.Parse("{}"), patch);
        result["a"]!["b"] = 2;
        JsonAssert.Equal("""[{"op":"add","path":"/a","value":{"b":1}}]""", patch);
    }

    [Fact]
    public void ReplacesTheWholeDocumentAtTheEmptyPointer()
    {
        JsonAssert.Equal("""{"x":1}""", JsonPatch.Apply(JsonAssert.Parse("""{"a":1}"""), JsonAssert.Parse("""[{"op":"replace","path":"","value":{"x":1}}]""")));
        JsonAssert.Equal("""[1]""", JsonPatch.Apply(JsonAssert.Parse("""{"a":1}"""), JsonAssert.Parse("""[{"op":"add","path":"","value":[1]}]""")));
    }

    [Fact]
    public void EscapesPointerTokens()
    {
        var result = JsonPatch.Apply(
            JsonAssert.Parse("""{"metadata":{"annotations":{"example.com/a~b":"1"}}}"""),
            JsonAssert.Parse("""[{"op":"replace","path":"/metadata/annotations/example.com~1a~0b","value":"2"},{"op":"add","path":"/metadata/labels","value":{}},{"op":"add","path":"/metadata/labels/app.kubernetes.io~1name","value":"web"}]"""));
        JsonAssert.Equal("""{"metadata":{"annotations":{"example.com/a~b":"2"},"labels":{"app.kubernetes.io/name":"web"}}}""", result);
    }

    [Fact]
    public void CopiesDeeplyAndMovesWithinArrays()
    {
        var result = JsonPatch.Apply(
            JsonAssert.Parse("""{"a":{"b":[1]},"list":["x","y","z"]}"""),
            JsonAssert.Parse("""[{"op":"copy","from":"/a","path":"/c"},{"op":"add","path":"/c/b/-","value":2},{"op":"move","from":"/list/2","path":"/list/0"}]"""));
        JsonAssert.Equal("""{"a":{"b":[1]},"c":{"b":[1,2]},"list":["z","x","y"]}""", result);
    }

    [Fact]
    public void TestComparesStructurally()
    {
        var document = JsonAssert.Parse("""{"a":{"x":1,"y":[1,{"z":null}]},"n":1.0}""");
        var result = JsonPatch.Apply(document, JsonAssert.Parse("""[{"op":"test","path":"/a","value":{"y":[1,{"z":null}],"x":1}},{"op":"test","path":"/n","value":1}]"""));
        JsonAssert.Equal("""{"a":{"x":1,"y":[1,{"z":null}]},"n":1.0}""", result);
    }

    [Fact]
    public void AddsNullValues()
    {
        JsonAssert.Equal("""{"a":null}""", JsonPatch.Apply(JsonAssert.Parse("{}"), JsonAssert.Parse("""[{"op":"add","path":"/a","value":null}]""")));
    }
}
