using Tke.ApiMachinery.Validation;

namespace Tke.ApiMachinery.Tests.Validation;

public class NamesTests
{
    private const string SubdomainError = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    private const string LabelError = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
    private const string NamePartError = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
    private const string LabelValueError = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

    [Theory]
    [InlineData("a")]
    [InlineData("cls-abc123")]
    [InlineData("example.com")]
    [InlineData("a.b-c.d1")]
    [InlineData("0")]
    public void AcceptsSubdomains(string name) => Assert.Empty(Names.IsDns1123Subdomain(name));

    [Theory]
    [InlineData("")]
    [InlineData("A")]
    [InlineData("-a")]
    [InlineData("a-")]
    [InlineData("a..b")]
    [InlineData(".a")]
    [InlineData("a_b")]
    [InlineData("a.-b")]
    [InlineData("ä")]
    public void RejectsBadSubdomains(string name) => Assert.Equal([SubdomainError], Names.IsDns1123Subdomain(name));

    [Fact]
    public void LimitsSubdomainLength()
    {
        var longest = string.Join('.', Enumerable.Repeat(new string('a', 63), 4))[..253];
        Assert.Empty(Names.IsDns1123Subdomain(longest));
        Assert.Equal(["must be no more than 253 characters"], Names.IsDns1123Subdomain(longest + "a"));
    }

    [Fact]
    public void ChecksLabels()
    {
        Assert.Empty(Names.IsDns1123Label("kube-system"));
        Assert.Empty(Names.IsDns1123Label(new string('a', 63)));
        Assert.Equal(["must be no more than 63 characters"], Names.IsDns1123Label(new string('a', 64)));
        Assert.Equal(["must not contain dots"], Names.IsDns1123Label("a.b"));
        Assert.Equal([LabelError], Names.IsDns1123Label("Default"));
        Assert.Equal([LabelError], Names.IsDns1123Label(""));
    }

    [Fact]
    public void ChecksDns1035Labels()
    {
        Assert.Empty(Names.IsDns1035Label("svc-1"));
        Assert.Single(Names.IsDns1035Label("1svc"));
        Assert.Single(Names.IsDns1035Label(""));
        Assert.StartsWith("a DNS-1035 label must consist of", Names.IsDns1035Label("Svc")[0]);
    }

    [Theory]
    [InlineData("app")]
    [InlineData("App_Name.v1")]
    [InlineData("kubernetes.io/role")]
    [InlineData("tkestack.io/cluster-name")]
    [InlineData("a")]
    public void AcceptsQualifiedNames(string name) => Assert.Empty(Names.IsQualifiedName(name));

    [Fact]
    public void RejectsBadQualifiedNames()
    {
        Assert.Equal([NamePartError], Names.IsQualifiedName("-app"));
        Assert.Equal(["name part must be non-empty", NamePartError], Names.IsQualifiedName(""));
        Assert.Equal(["name part must be no more than 63 characters"], Names.IsQualifiedName(new string('a', 64)));
        Assert.Equal(["prefix part must be non-empty"], Names.IsQualifiedName("/app"));
        Assert.Equal(["prefix part " + SubdomainError], Names.IsQualifiedName("Example.com/app"));
        Assert.Equal(["name part must be non-empty", NamePartError], Names.IsQualifiedName("example.com/"));
        var tooMany = Assert.Single(Names.IsQualifiedName("a/b/c"));
        Assert.Equal("a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')", tooMany);
    }

    [Fact]
    public void ChecksLabelValues()
    {
        Assert.Empty(Names.IsValidLabelValue(""));
        Assert.Empty(Names.IsValidLabelValue("v1.2_rc-3"));
        Assert.Equal([LabelValueError], Names.IsValidLabelValue("a b"));
        Assert.Equal([LabelValueError], Names.IsValidLabelValue("_a"));
        Assert.Equal(["must be no more than 63 characters"], Names.IsValidLabelValue(new string('a', 64)));
    }

    [Fact]
    public void MasksTheTrailingDashOfAGenerateName()
    {
        Assert.Equal("clsa", Names.MaskTrailingDash("cls-"));
        Assert.Empty(Names.IsDns1123Subdomain(Names.MaskTrailingDash("cls-")));
        Assert.Equal("-", Names.MaskTrailingDash("-"));
        Assert.Equal("abc", Names.MaskTrailingDash("abc"));
    }
}
