using System.Text.Json.Nodes;
using Tke.ApiMachinery.Selectors;

namespace Tke.ApiMachinery.Tests.Selectors;

public class LabelSelectorTests
{
    private static readonly Dictionary<string, string> Labels = new()
    {
        ["app"] = "web",
        ["tier"] = "frontend",
        ["example.com/version"] = "3",
        ["empty"] = "",
    };

    [Theory]
    [InlineData("app=web", true)]
    [InlineData("app==web", true)]
    [InlineData("app=db", false)]
    [InlineData("app!=db", true)]
    [InlineData("app!=web", false)]
    [InlineData("missing!=x", true)]
    [InlineData("app in (web,db)", true)]
    [InlineData("app in (db)", false)]
    [InlineData("app notin (db,cache)", true)]
    [InlineData("app notin (web)", false)]
    [InlineData("missing notin (web)", true)]
    [InlineData("missing in (web)", false)]
    [InlineData("app", true)]
    [InlineData("missing", false)]
    [InlineData("!missing", true)]
    [InlineData("!app", false)]
    [InlineData("app=web,tier=frontend", true)]
    [InlineData("app=web,tier=backend", false)]
    [InlineData("  app = web ,  tier  in  ( frontend , backend ) , !canary ", true)]
    [InlineData("example.com/version>2", true)]
    [InlineData("example.com/version<3", false)]
    [InlineData("app>1", false)]
    [InlineData("empty=", true)]
    [InlineData("empty in ()", true)]
    [InlineData("empty in (,x)", true)]
    [InlineData("app in (in,web)", true)]
    [InlineData("in=x", false)]
    [InlineData("notin notin (x)", true)]
    [InlineData("", true)]
    [InlineData("   ", true)]
    public void MatchesLabels(string selector, bool expected)
    {
        Assert.Equal(expected, LabelSelector.Parse(selector).Matches(Labels));
    }

    [Fact]
    public void NullLabelsMatchOnlyNegativeRequirements()
    {
        Assert.True(LabelSelector.Parse("app!=web,!tier,x notin (y)").Matches(null));
        Assert.False(LabelSelector.Parse("app").Matches(null));
        Assert.True(LabelSelector.Everything.Matches(null));
    }

    [Fact]
    public void EmptySelectorsSelectEverything()
    {
        Assert.True(LabelSelector.Parse("").IsEmpty);
        Assert.True(LabelSelector.Everything.IsEmpty);
        Assert.False(LabelSelector.Parse("a").IsEmpty);
        Assert.False(LabelSelector.Nothing.IsEmpty);
        Assert.False(LabelSelector.Nothing.Matches(Labels));
    }

    [Fact]
    public void ParsesIntoSortedRequirements()
    {
        var selector = LabelSelector.Parse("z=1,a in (c,b,b),!m");
        Assert.Equal(["a", "m", "z"], selector.Requirements.Select(r => r.Key));
        Assert.Equal(LabelSelectorOperator.In, selector.Requirements[0].Operator);
        Assert.Equal(["b", "c"], selector.Requirements[0].Values);
        Assert.Equal(LabelSelectorOperator.DoesNotExist, selector.Requirements[1].Operator);
        Assert.Equal("a in (b,c),!m,z=1", selector.ToString());
    }

    [Fact]
    public void RoundTripsThroughToString()
    {
        const string text = "a!=1,b in (x,y),c notin (z),d,!e,f==2,g>3,h<4";
        Assert.Equal(text, LabelSelector.Parse(text).ToString());
    }

    [Theory]
    [InlineData("a=b=c", "found '=', expected: ',' or 'end of string'")]
    [InlineData("a b", "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt")]
    [InlineData("=a", "found '=', expected: !, identifier, or 'end of string'")]
    [InlineData("a=b,", "found '', expected: identifier after ','")]
    [InlineData("a in b", "unable to parse requirement: found 'b' expected: '('")]
    [InlineData("a in (b", "unable to parse requirement: found '', expected: ',' or ')'")]
    [InlineData("a in (b c)", "unable to parse requirement: found 'c', expected: ',' or ')'")]
    [InlineData("a in", "unable to parse requirement: found '' expected: '('")]
    [InlineData("!a=b", "found '=', expected: ',' or 'end of string'")]
    [InlineData("!", "unable to parse requirement: found '', expected: identifier")]
    [InlineData("a=(", "unable to parse requirement: found '(', expected: identifier")]
    [InlineData("a>x", "unable to parse requirement: values[0]: Invalid value: \"x\": for 'Gt', 'Lt' operators, the value must be an integer")]
    public void RejectsBadSyntax(string selector, string message)
    {
        var e = Assert.Throws<SelectorParseException>(() => LabelSelector.Parse(selector));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void ValidatesKeysAndValues()
    {
        var key = Assert.Throws<SelectorParseException>(() => LabelSelector.Parse("bad key@=x"));
        Assert.Contains("found 'key@'", key.Message);

        var badKey = Assert.Throws<SelectorParseException>(() => LabelSelector.Parse("-bad=x"));
        Assert.StartsWith("unable to parse requirement: <nil>: Invalid value: \"-bad\": name part must consist of alphanumeric characters", badKey.Message);

        var badValue = Assert.Throws<SelectorParseException>(() => LabelSelector.Parse("app=-x"));
        Assert.StartsWith("unable to parse requirement: values[0][app]: Invalid value: \"-x\": a valid label must be an empty string", badValue.Message);

        Assert.Throws<SelectorParseException>(() => LabelSelector.Parse("app=" + new string('a', 64)));
        Assert.Throws<SelectorParseException>(() => LabelSelector.Parse(new string('a', 64)));
        Assert.Throws<SelectorParseException>(() => LabelSelector.Parse("Bad_Prefix/a=b"));
        LabelSelector.Parse("app.kubernetes.io/name=web," + new string('a', 63) + "=" + new string('b', 63));
    }

    [Fact]
    public void BuildsFromMetav1LabelSelector()
    {
        var selector = LabelSelector.FromJson(JsonNode.Parse("""
            {"matchLabels":{"app":"web"},
             "matchExpressions":[
               {"key":"tier","operator":"In","values":["frontend","edge"]},
               {"key":"canary","operator":"DoesNotExist"},
               {"key":"app","operator":"Exists"},
               {"key":"track","operator":"NotIn","values":["beta"]}]}
            """)!.AsObject());
        Assert.True(selector.Matches(Labels));
        Assert.False(selector.Matches(new Dictionary<string, string> { ["app"] = "web", ["tier"] = "backend" }));
        Assert.Equal("app=web,app,!canary,tier in (edge,frontend),track notin (beta)", selector.ToString());
    }

    [Fact]
    public void NullMetav1SelectorSelectsNothingAndEmptySelectsEverything()
    {
        Assert.Same(LabelSelector.Nothing, LabelSelector.FromJson(null));
        Assert.True(LabelSelector.FromJson(new JsonObject()).IsEmpty);
        Assert.True(LabelSelector.FromJson(new JsonObject()).Matches(Labels));
    }

    [Theory]
    [InlineData("""{"matchExpressions":[{"key":"a","operator":"Equals","values":["b"]}]}""", "\"Equals\" is not a valid label selector operator")]
    [InlineData("""{"matchExpressions":[{"key":"a","operator":"In","values":[]}]}""", "values: Invalid value: []: for 'in', 'notin' operators, values set can't be empty")]
    [InlineData("""{"matchExpressions":[{"key":"a","operator":"Exists","values":["x"]}]}""", "values: Invalid value: values set must be empty for exists and does not exist")]
    [InlineData("""{"matchLabels":{"a":"b c"}}""", null)]
    [InlineData("""{"matchLabels":{"a":1}}""", "matchLabels[a] must be a string")]
    public void RejectsInvalidMetav1Selectors(string json, string? message)
    {
        var e = Assert.Throws<SelectorParseException>(() => LabelSelector.FromJson(JsonNode.Parse(json)!.AsObject()));
        if (message is not null)
        {
            Assert.Equal(message, e.Message);
        }
    }
}
