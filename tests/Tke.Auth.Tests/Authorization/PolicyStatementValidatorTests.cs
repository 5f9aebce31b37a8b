using Tke.ApiMachinery.Validation;
using Tke.Auth.Apis.Policies;
using Tke.Auth.Authorization;

namespace Tke.Auth.Tests.Authorization;

public sealed class PolicyStatementValidatorTests
{
    private static FieldErrorList Validate(string[] actions, string[] resources, string effect = "allow")
    {
        var errors = new FieldErrorList();
        PolicyStatementValidator.Validate(new Statement { Actions = [.. actions], Resources = [.. resources], Effect = effect }, errors, "spec.statement");
        return errors;
    }

    [Fact]
    public void TheManualsSampleIsValid() =>
        Assert.Empty(Validate(["get*", "list*", "watch*"], ["cluster:cls-123/deployment:deploy-123/*"]));

    [Theory]
    [InlineData("*")]
    [InlineData("getCluster")]
    [InlineData("*Deployment*")]
    [InlineData("permid:cluster-read")]
    [InlineData("list_things.v2-beta")]
    public void WellFormedActions(string action) => Assert.Empty(Validate([action], ["*"]));

    [Theory]
    [InlineData("*")]
    [InlineData("cluster:*")]
    [InlineData("cluster:cls-1")]
    [InlineData("cluster:cls-1/*")]
    [InlineData("cluster:*/namespace:demo/deployment:web-*")]
    [InlineData("*/deployment:web")]
    [InlineData("registrynamespace:library/repository:nginx")]
    [InlineData("*luster:cls-1")]
    public void WellFormedResources(string resource) => Assert.Empty(Validate(["*"], [resource]));

    [Theory]
    [InlineData("get Cluster")]
    [InlineData("get/Cluster")]
    [InlineData("getCluster;")]
    [InlineData("get$")]
    [InlineData("列表")]
    public void MalformedActionsAreInvalidAtTheirIndex(string action)
    {
        var errors = Validate(["getCluster", action], ["*"]);
        var error = Assert.Single(errors);
        Assert.Equal(FieldErrorKind.Invalid, error.Kind);
        Assert.Equal("spec.statement.actions[1]", error.Field);
        Assert.Equal(action, error.BadValue);
    }

    [Theory]
    [InlineData("cluster")]
    [InlineData("cluster:")]
    [InlineData(":cls-1")]
    [InlineData("cluster:cls-1/")]
    [InlineData("cluster:cls-1//deployment:web")]
    [InlineData("/cluster:cls-1")]
    [InlineData("cluster:cls 1")]
    [InlineData("cluster:a:b")]
    [InlineData("1cluster:cls-1")]
    [InlineData("clus.ter:cls-1")]
    [InlineData("cluster:cls-1/deployment")]
    public void MalformedResourcesAreInvalidAtTheirIndex(string resource)
    {
        var errors = Validate(["*"], ["*", resource]);
        var error = Assert.Single(errors);
        Assert.Equal(FieldErrorKind.Invalid, error.Kind);
        Assert.Equal("spec.statement.resources[1]", error.Field);
    }

    [Fact]
    public void EmptyListsAndEntriesAreRequired()
    {
        var errors = Validate([], []);
        Assert.Contains(errors, e => e.Kind == FieldErrorKind.Required && e.Field == "spec.statement.actions");
        Assert.Contains(errors, e => e.Kind == FieldErrorKind.Required && e.Field == "spec.statement.resources");

        errors = Validate(["get*", ""], ["", "*"]);
        Assert.Contains(errors, e => e.Kind == FieldErrorKind.Required && e.Field == "spec.statement.actions[1]");
        Assert.Contains(errors, e => e.Kind == FieldErrorKind.Required && e.Field == "spec.statement.resources[0]");
    }

    [Fact]
    public void DuplicatesIgnoringCaseAreReported()
    {
        var error = Assert.Single(Validate(["getCluster", "GetCluster"], ["*"]));
        Assert.Equal(FieldErrorKind.Duplicate, error.Kind);
        Assert.Equal("spec.statement.actions[1]", error.Field);
    }

    [Theory]
    [InlineData("", FieldErrorKind.Required)]
    [InlineData("permit", FieldErrorKind.NotSupported)]
    [InlineData("Allow", FieldErrorKind.NotSupported)]
    public void EffectMustBeAllowOrDeny(string effect, FieldErrorKind kind)
    {
        var error = Assert.Single(Validate(["*"], ["*"], effect));
        Assert.Equal(kind, error.Kind);
        Assert.Equal("spec.statement.effect", error.Field);
    }

    [Fact]
    public void OverlongPatternsAreInvalid()
    {
        var errors = Validate([new string('a', 257)], ["cluster:" + new string('c', 250)]);
        Assert.Equal(["spec.statement.actions[0]", "spec.statement.resources[0]"], errors.Select(e => e.Field));
    }
}
