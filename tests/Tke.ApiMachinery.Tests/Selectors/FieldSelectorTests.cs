using Tke.ApiMachinery.Selectors;

namespace Tke.ApiMachinery.Tests.Selectors;

public class FieldSelectorTests
{
    private static readonly Dictionary<string, string> Fields = new()
    {
        ["metadata.name"] = "web",
        ["metadata.namespace"] = "default",
        ["spec.note"] = "a,b=c\\d",
    };

    private static string? Lookup(string field) => Fields.GetValueOrDefault(field);

    [Theory]
    [InlineData("metadata.name=web", true)]
    [InlineData("metadata.name==web", true)]
    [InlineData("metadata.name!=web", false)]
    [InlineData("metadata.name=db", false)]
    [InlineData("metadata.name=web,metadata.namespace=default", true)]
    [InlineData("metadata.name=web,metadata.namespace!=default", false)]
    [InlineData(@"spec.note=a\,b\=c\\d", true)]
    [InlineData("spec.missing=", true)]
    [InlineData("spec.missing!=", false)]
    [InlineData("spec.missing!=x", true)]
    [InlineData("", true)]
    [InlineData("metadata.name=web,", true)]
    [InlineData(" metadata.name =web", true)]
    public void MatchesFields(string selector, bool expected)
    {
        Assert.Equal(expected, FieldSelector.Parse(selector).Matches(Lookup));
    }

    [Fact]
    public void ExposesRequirements()
    {
        var selector = FieldSelector.Parse(@"spec.x!=1,metadata.name==a\,b");
        Assert.Equal(
            [new FieldRequirement("metadata.name", FieldSelectorOperator.DoubleEquals, "a,b"), new FieldRequirement("spec.x", FieldSelectorOperator.NotEquals, "1")],
            selector.Requirements);
        Assert.Equal(@"metadata.name==a\,b,spec.x!=1", selector.ToString());
        Assert.False(selector.IsEmpty);
        Assert.True(FieldSelector.Parse("").IsEmpty);
    }

    [Fact]
    public void FindsExactMatches()
    {
        var selector = FieldSelector.Parse("metadata.name=web,metadata.namespace!=kube-system");
        Assert.Equal("web", selector.RequiresExactMatch("metadata.name"));
        Assert.Null(selector.RequiresExactMatch("metadata.namespace"));
        Assert.Null(selector.RequiresExactMatch("spec.x"));
        Assert.Equal("", FieldSelector.Parse("metadata.name==").RequiresExactMatch("metadata.name"));
    }

    [Theory]
    [InlineData("metadata.name", "invalid selector: 'metadata.name'; can't understand 'metadata.name'")]
    [InlineData("a=b,c", "invalid selector: 'a=b,c'; can't understand 'c'")]
    [InlineData("=x", "invalid selector: '=x'; can't understand '=x'")]
    [InlineData("a=b=c", "invalid field selector: unescaped character '=' in value 'b=c'")]
    [InlineData(@"a=b\x", @"invalid field selector: invalid escape sequence: \x")]
    public void RejectsBadSyntax(string selector, string message)
    {
        var e = Assert.Throws<SelectorParseException>(() => FieldSelector.Parse(selector));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void EscapesValues()
    {
        Assert.Equal(@"a\,b\=c\\d", FieldSelector.EscapeValue(@"a,b=c\d"));
        var selector = FieldSelector.Parse("spec.note=" + FieldSelector.EscapeValue(Fields["spec.note"]));
        Assert.True(selector.Matches(Lookup));
    }
}
