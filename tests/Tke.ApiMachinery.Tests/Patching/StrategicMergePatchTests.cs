using System.Text.Json.Nodes;
using Tke.ApiMachinery.Patching;

namespace Tke.ApiMachinery.Tests.Patching;

public class StrategicMergePatchTests
{
    private static JsonNode Apply(string original, string patch) =>
        StrategicMergePatch.Apply(JsonAssert.Parse(original), JsonAssert.Object(patch), Gadget.Schema);

    [Fact]
    public void MergesMapsAndDeletesNullFields()
    {
        var result = Apply(
            """{"metadata":{"name":"g","labels":{"a":"1","b":"2"},"annotations":{"x":"y"}},"spec":{"strategy":{"type":"Recreate","maxSurge":1}}}""",
            """{"metadata":{"labels":{"b":null,"c":"3"},"annotations":null},"spec":{"strategy":{"maxSurge":2}}}""");
        JsonAssert.Equal("""{"metadata":{"name":"g","labels":{"a":"1","c":"3"}},"spec":{"strategy":{"type":"Recreate","maxSurge":2}}}""", result);
    }

    [Fact]
    public void AddsLabelsToAnObjectWithout()
    {
        // What `kubectl label` sends.
        JsonAssert.Equal("""{"metadata":{"name":"g","labels":{"env":"prod"}}}""", Apply("""{"metadata":{"name":"g"}}""", """{"metadata":{"labels":{"env":"prod"}}}"""));
    }

    [Fact]
    public void DropsNullsInsideNewValues()
    {
        JsonAssert.Equal(
            """{"spec":{"strategy":{"type":"Recreate"}}}""",
            Apply("""{"spec":{}}""", """{"spec":{"strategy":{"type":"Recreate","maxSurge":null}}}"""));
    }

    [Fact]
    public void MergesListsByMergeKey()
    {
        var result = Apply(
            """{"spec":{"containers":[{"name":"a","image":"a:1","args":["x"]},{"name":"b","image":"b:1"}]}}""",
            """{"spec":{"containers":[{"name":"b","image":"b:2"}]}}""");
        JsonAssert.Equal("""{"spec":{"containers":[{"name":"a","image":"a:1","args":["x"]},{"name":"b","image":"b:2"}]}}""", result);
    }

    [Fact]
    public void PutsNewMergeKeyElementsFirstLikeKubernetes()
    {
        // kubectl patch adding a container yields [new, existing] on a real API server.
        var result = Apply(
            """{"spec":{"containers":[{"name":"nginx","image":"nginx"}]}}""",
            """{"spec":{"containers":[{"name":"redis","image":"redis"}]}}""");
        JsonAssert.Equal("""{"spec":{"containers":[{"name":"redis","image":"redis"},{"name":"nginx","image":"nginx"}]}}""", result);
    }

    [Fact]
    public void KeepsPatchOrderAndLiveOrderTogether()
    {
        var result = Apply(
            """{"spec":{"containers":[{"name":"a"},{"name":"b"},{"name":"c"}]}}""",
            """{"spec":{"containers":[{"name":"c","image":"c"},{"name":"d"}]}}""");
        JsonAssert.Equal("""{"spec":{"containers":[{"name":"a"},{"name":"b"},{"name":"c","image":"c"},{"name":"d"}]}}""", result);
    }

    [Fact]
    public void MergesNestedMergeKeyLists()
    {
        var result = Apply(
            """{"spec":{"containers":[{"name":"a","env":[{"name":"X","value":"1"},{"name":"Y","value":"2"}]}]}}""",
            """{"spec":{"containers":[{"name":"a","env":[{"name":"Y","value":"3"},{"name":"X","$patch":"delete"}]}]}}""");
        JsonAssert.Equal("""{"spec":{"containers":[{"name":"a","env":[{"name":"Y","value":"3"}]}]}}""", result);
    }

    [Fact]
    public void MatchesIntegerMergeKeys()
    {
        var result = Apply(
            """{"spec":{"ports":[{"containerPort":80,"protocol":"TCP"},{"containerPort":443}]}}""",
            """{"spec":{"ports":[{"containerPort":443,"protocol":"UDP"}]}}""");
        JsonAssert.Equal("""{"spec":{"ports":[{"containerPort":80,"protocol":"TCP"},{"containerPort":443,"protocol":"UDP"}]}}""", result);
    }

    [Fact]
    public void DeleteDirectiveRemovesElementsByKey()
    {
        var result = Apply(
            """{"metadata":{"ownerReferences":[{"apiVersion":"v1","kind":"A","name":"a","uid":"1"},{"apiVersion":"v1","kind":"B","name":"b","uid":"2"}]}}""",
            """{"metadata":{"ownerReferences":[{"uid":"1","$patch":"delete"}]}}""");
        JsonAssert.Equal("""{"metadata":{"ownerReferences":[{"apiVersion":"v1","kind":"B","name":"b","uid":"2"}]}}""", result);
    }

    [Fact]
    public void MergesOwnerReferencesByUid()
    {
        var result = Apply(
            """{"metadata":{"ownerReferences":[{"apiVersion":"v1","kind":"A","name":"a","uid":"1"}]}}""",
            """{"metadata":{"ownerReferences":[{"uid":"1","controller":true},{"apiVersion":"v1","kind":"B","name":"b","uid":"2"}]}}""");
        var references = result["metadata"]!["ownerReferences"]!.AsArray();
        Assert.Equal(2, references.Count);
        JsonAssert.Equal("""{"apiVersion":"v1","kind":"A","name":"a","uid":"1","controller":true}""", references.Single(r => (string?)r!["uid"] == "1"));
        JsonAssert.Equal("""{"apiVersion":"v1","kind":"B","name":"b","uid":"2"}""", references.Single(r => (string?)r!["uid"] == "2"));
    }

    [Fact]
    public void ReplaceDirectiveInAListReplacesIt()
    {
        var result = Apply(
            """{"spec":{"containers":[{"name":"a"},{"name":"b"}]}}""",
            """{"spec":{"containers":[{"$patch":"replace"},{"name":"only","image":"x"}]}}""");
        JsonAssert.Equal("""{"spec":{"containers":[{"name":"only","image":"x"}]}}""", result);
    }

    [Fact]
    public void ReplaceDirectiveOnAMapReplacesIt()
    {
        var result = Apply(
            """{"spec":{"selector":{"a":"1","b":"2"},"strategy":{"type":"Recreate","maxSurge":1}}}""",
            """{"spec":{"selector":{"$patch":"replace","c":"3"},"strategy":{"$patch":"replace","type":"RollingUpdate"}}}""");
        JsonAssert.Equal("""{"spec":{"selector":{"c":"3"},"strategy":{"type":"RollingUpdate"}}}""", result);
    }

    [Fact]
    public void DeleteDirectiveOnAMapEmptiesIt()
    {
        var result = Apply("""{"spec":{"strategy":{"type":"Recreate"},"args":["a"]}}""", """{"spec":{"strategy":{"$patch":"delete"}}}""");
        JsonAssert.Equal("""{"spec":{"strategy":{},"args":["a"]}}""", result);
        JsonAssert.Equal("{}", Apply("""{"spec":{"args":["a"]}}""", """{"$patch":"delete"}"""));
    }

    [Fact]
    public void MergeDirectiveIsTheDefault()
    {
        var result = Apply(
            """{"spec":{"selector":{"a":"1"},"containers":[{"name":"a"}]}}""",
            """{"spec":{"selector":{"$patch":"merge","b":"2"},"containers":[{"$patch":"merge"},{"name":"b"}]}}""");
        JsonAssert.Equal("""{"spec":{"selector":{"a":"1","b":"2"},"containers":[{"name":"b"},{"name":"a"}]}}""", result);
    }

    [Fact]
    public void MergesSetListsAsAUnion()
    {
        var result = Apply(
            """{"metadata":{"finalizers":["a","b"]}}""",
            """{"metadata":{"finalizers":["b","c"]}}""");
        var finalizers = result["metadata"]!["finalizers"]!.AsArray().Select(f => (string)f!).ToList();
        Assert.Equal(["a", "b", "c"], finalizers.Order());
        Assert.Equal(3, finalizers.Distinct().Count());
    }

    [Fact]
    public void AddsAFinalizerToAnObjectWithout()
    {
        JsonAssert.Equal("""{"metadata":{"name":"g","finalizers":["x"]}}""", Apply("""{"metadata":{"name":"g"}}""", """{"metadata":{"finalizers":["x"]}}"""));
    }

    [Fact]
    public void ReplacesListsWithoutAMergeStrategy()
    {
        var result = Apply(
            """{"spec":{"args":["a","b"],"containers":[{"name":"c","args":["1","2"]}]}}""",
            """{"spec":{"args":["z"],"containers":[{"name":"c","args":["3"]}]}}""");
        JsonAssert.Equal("""{"spec":{"args":["z"],"containers":[{"name":"c","args":["3"]}]}}""", result);
    }

    [Fact]
    public void DeletesFromPrimitiveLists()
    {
        var result = Apply(
            """{"metadata":{"finalizers":["a","b","c"]},"spec":{"tags":["x","y"]}}""",
            """{"metadata":{"$deleteFromPrimitiveList/finalizers":["b"]},"spec":{"$deleteFromPrimitiveList/tags":["y","absent"],"tags":["z"]}}""");
        Assert.Equal(["a", "c"], result["metadata"]!["finalizers"]!.AsArray().Select(f => (string)f!));
        Assert.Equal(["x", "z"], result["spec"]!["tags"]!.AsArray().Select(f => (string)f!).Order());
        Assert.Null(result["metadata"]!["$deleteFromPrimitiveList/finalizers"]);
    }

    [Fact]
    public void HonoursSetElementOrderForScalarSets()
    {
        // The shape kubectl apply sends when one finalizer is removed from the configuration.
        var result = Apply(
            """{"metadata":{"finalizers":["a","b","c"]}}""",
            """{"metadata":{"$setElementOrder/finalizers":["c","a"],"$deleteFromPrimitiveList/finalizers":["b"]}}""");
        JsonAssert.Equal("""{"metadata":{"finalizers":["c","a"]}}""", result);
    }

    [Fact]
    public void HonoursSetElementOrderForMergeKeyLists()
    {
        var result = Apply(
            """{"spec":{"containers":[{"name":"a"},{"name":"b"},{"name":"c"}]}}""",
            """{"spec":{"$setElementOrder/containers":[{"name":"c"},{"name":"a"},{"name":"b"}],"containers":[{"name":"a","image":"new"}]}}""");
        JsonAssert.Equal("""{"spec":{"containers":[{"name":"c"},{"name":"a","image":"new"},{"name":"b"}]}}""", result);
    }

    [Fact]
    public void SetElementOrderKeepsServerOnlyElements()
    {
        var result = Apply(
            """{"spec":{"containers":[{"name":"server"},{"name":"a"},{"name":"b"}]}}""",
            """{"spec":{"$setElementOrder/containers":[{"name":"b"},{"name":"a"}]}}""");
        JsonAssert.Equal("""{"spec":{"containers":[{"name":"server"},{"name":"b"},{"name":"a"}]}}""", result);
    }

    [Fact]
    public void StripsSetElementOrderForReplacedLists()
    {
        var result = Apply("""{"spec":{"args":["a","b"]}}""", """{"spec":{"$setElementOrder/args":["b","a"],"args":["b","a"]}}""");
        JsonAssert.Equal("""{"spec":{"args":["b","a"]}}""", result);
    }

    [Fact]
    public void AppliesDirectivesWhenTheFieldIsNew()
    {
        var result = Apply("""{"spec":{}}""", """{"spec":{"containers":[{"name":"gone","$patch":"delete"},{"name":"a","env":[{"name":"X","value":null}]}],"$setElementOrder/containers":[{"name":"a"}]}}""");
        JsonAssert.Equal("""{"spec":{"containers":[{"name":"a","env":[{"name":"X"}]}]}}""", result);
    }

    [Fact]
    public void RetainKeysClearsOtherFields()
    {
        var result = Apply(
            """{"spec":{"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1},"maxSurge":2}}}""",
            """{"spec":{"strategy":{"$retainKeys":["type","maxSurge"],"type":"Recreate"}}}""");
        JsonAssert.Equal("""{"spec":{"strategy":{"type":"Recreate","maxSurge":2}}}""", result);
    }

    [Fact]
    public void RetainKeysMustListEveryPatchedField()
    {
        var e = Assert.Throws<PatchException>(() => Apply("""{"spec":{}}""", """{"spec":{"strategy":{"$retainKeys":["type"],"maxSurge":1}}}"""));
        Assert.True(e.IsMalformed);
    }

    [Fact]
    public void UsesMergePatchSemanticsWhereThereIsNoSchema()
    {
        var result = Apply(
            """{"spec":{"config":{"a":{"x":1,"y":2},"list":[{"name":"a"}],"keep":true}},"extra":{"a":1,"b":2}}""",
            """{"spec":{"config":{"a":{"y":null,"z":3},"list":[{"name":"b"}]}},"extra":{"b":null}}""");
        JsonAssert.Equal("""{"spec":{"config":{"a":{"x":1,"z":3},"list":[{"name":"b"}],"keep":true}},"extra":{"a":1}}""", result);
    }

    [Fact]
    public void WorksWithoutAnySchema()
    {
        var result = StrategicMergePatch.Apply(JsonAssert.Parse("""{"a":{"b":1},"l":[1]}"""), JsonAssert.Object("""{"a":{"c":2},"l":[2]}"""), null);
        JsonAssert.Equal("""{"a":{"b":1,"c":2},"l":[2]}""", result);
    }

    [Fact]
    public void ReplacesValuesOfADifferentType()
    {
        JsonAssert.Equal("""{"spec":{"selector":"x"}}""", Apply("""{"spec":{"selector":{"a":"1"}}}""", """{"spec":{"selector":"x"}}"""));
        JsonAssert.Equal("""{"spec":{"containers":[{"name":"a"}]}}""", Apply("""{"spec":{"containers":"bad"}}""", """{"spec":{"containers":[{"name":"a"}]}}"""));
    }

    [Fact]
    public void LeavesInputsAlone()
    {
        var original = JsonAssert.Parse("""{"metadata":{"labels":{"a":"1"},"finalizers":["f"]},"spec":{"containers":[{"name":"a","image":"1"}]}}""");
        var patch = JsonAssert.Object("""{"metadata":{"labels":{"a":null},"finalizers":["g"]},"spec":{"containers":[{"name":"a","image":"2"},{"name":"b"}]}}""");
        var originalText = original.ToJsonString();
        var patchText = patch.ToJsonString();
        var result = StrategicMergePatch.Apply(original, patch, Gadget.Schema);
        result["spec"]!["containers"]![0]!["image"] = "mutated";
        Assert.Equal(originalText, original.ToJsonString());
        Assert.Equal(patchText, patch.ToJsonString());
    }

    [Fact]
    public void RejectsElementsWithoutTheMergeKey()
    {
        var e = Assert.Throws<PatchException>(() => Apply("""{"spec":{"containers":[{"name":"a"}]}}""", """{"spec":{"containers":[{"image":"x"}]}}"""));
        Assert.Contains("does not contain declared merge key: name", e.Message);
        Assert.Throws<PatchException>(() => Apply("""{"spec":{}}""", """{"spec":{"containers":[{"$patch":"delete"}]}}"""));
    }

    [Theory]
    [InlineData("""{"spec":{"selector":{"$patch":"explode"}}}""")]
    [InlineData("""{"spec":{"containers":[{"name":"a","$patch":"explode"}]}}""")]
    [InlineData("""{"spec":{"selector":{"$patch":1}}}""")]
    [InlineData("""{"spec":{"$setElementOrder/containers":"a"}}""")]
    [InlineData("""{"metadata":{"$deleteFromPrimitiveList/finalizers":"a"}}""")]
    [InlineData("""{"spec":{"strategy":{"$retainKeys":"type"}}}""")]
    [InlineData("""{"spec":{"containers":["a"]}}""")]
    [InlineData("""{"metadata":{"finalizers":[{"a":1}]}}""")]
    public void RejectsMalformedDirectivesAndElements(string patch)
    {
        var e = Assert.Throws<PatchException>(() => Apply("""{"metadata":{"finalizers":["f"]},"spec":{"containers":[{"name":"a"}],"selector":{"a":"1"}}}""", patch));
        Assert.True(e.IsMalformed);
    }

    [Fact]
    public void TreatsANonObjectOriginalAsEmpty()
    {
        var result = StrategicMergePatch.Apply(JsonAssert.Parse("[1]"), JsonAssert.Object("""{"metadata":{"name":"x"}}"""), Gadget.Schema);
        JsonAssert.Equal("""{"metadata":{"name":"x"}}""", result);
    }

    [Fact]
    public void AppliesAKubectlApplyStylePatch()
    {
        var original = """
            {"apiVersion":"test.tkestack.io/v1","kind":"Gadget",
             "metadata":{"name":"g","annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{}"},"finalizers":["keep","drop"],"labels":{"old":"x"}},
             "spec":{"containers":[{"name":"a","image":"a:1"},{"name":"b","image":"b:1"}],"tags":["t1"]},
             "status":{"phase":"Running"}}
            """;
        var patch = """
            {"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{\"new\":1}"},
                         "labels":{"old":null,"new":"y"},
                         "$setElementOrder/finalizers":["keep"],"$deleteFromPrimitiveList/finalizers":["drop"]},
             "spec":{"$setElementOrder/containers":[{"name":"b"},{"name":"c"}],
                     "containers":[{"name":"a","$patch":"delete"},{"name":"b","image":"b:2"},{"name":"c","image":"c:1"}]}}
            """;
        JsonAssert.Equal(
            """
            {"apiVersion":"test.tkestack.io/v1","kind":"Gadget",
             "metadata":{"name":"g","annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{\"new\":1}"},"finalizers":["keep"],"labels":{"new":"y"}},
             "spec":{"containers":[{"name":"b","image":"b:2"},{"name":"c","image":"c:1"}],"tags":["t1"]},
             "status":{"phase":"Running"}}
            """,
            Apply(original, patch));
    }
}
