using Tke.ApiMachinery.Kinds;
using Tke.Auth.Apis;
using static Tke.Apis.Tests.ApiKindChecks;

namespace Tke.Apis.Tests.Auth;

public class AuthApiGroupTests
{
    private readonly AuthApiGroup _group = new();

    [Fact]
    public void Group_is_well_formed() => WellFormedGroup(_group);

    [Fact]
    public void Group_name_is_tkestacks() => Assert.Equal("auth.tkestack.io", _group.Name);

    [Theory]
    [InlineData("LocalIdentity", "localidentities", KindScope.Cluster, "usr", true)]
    [InlineData("LocalGroup", "localgroups", KindScope.Cluster, "grp", true)]
    [InlineData("User", "users", KindScope.Cluster, null, false)]
    [InlineData("Group", "groups", KindScope.Cluster, null, false)]
    [InlineData("APIKey", "apikeys", KindScope.Cluster, null, true)]
    [InlineData("APISigningKey", "apisigningkeys", KindScope.Cluster, null, false)]
    [InlineData("Category", "categories", KindScope.Cluster, null, false)]
    [InlineData("Policy", "policies", KindScope.Cluster, "pol", true)]
    [InlineData("Rule", "rules", KindScope.Cluster, null, false)]
    [InlineData("Role", "roles", KindScope.Cluster, "rol", true)]
    [InlineData("ProjectPolicyBinding", "projectpolicybindings", KindScope.Cluster, "ppb", true)]
    [InlineData("CustomPolicyBinding", "custompolicybindings", KindScope.Namespaced, "cpb", true)]
    [InlineData("Client", "clients", KindScope.Cluster, "cli", false)]
    [InlineData("IdentityProvider", "identityproviders", KindScope.Cluster, "idp", false)]
    [InlineData("ConfigMap", "configmaps", KindScope.Cluster, null, false)]
    public void Kind_is_served_as_in_tkestack(string kind, string plural, KindScope scope, string? shortName, bool status)
    {
        var definition = Assert.Single(_group.Kinds, k => k.Kind == kind);
        Assert.Equal(plural, definition.Plural);
        Assert.Equal(kind.ToLowerInvariant(), definition.Singular);
        Assert.Equal(scope, definition.Scope);
        Assert.Equal(shortName is null ? [] : new[] { shortName }, definition.ShortNames);
        Assert.Equal(status, definition.HasStatusSubresource);
    }

    [Fact]
    public void Subject_access_review_is_create_only_and_not_stored()
    {
        Assert.DoesNotContain(_group.Kinds, k => k.Kind == "SubjectAccessReview");
        var review = Assert.Single(_group.ReviewKinds);
        Assert.Equal("subjectaccessreviews", review.Plural);
        Assert.Equal(AuthApiGroup.GroupName, review.Group);
    }
}
