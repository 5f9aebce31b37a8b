using Tke.Auth.Oidc.Upstream;

namespace Tke.Auth.Tests.Oidc.Upstream;

public sealed class UpstreamUserIdTests
{
    [Fact]
    public void The_provider_is_read_back_from_the_user_id()
    {
        var id = UpstreamUserId.Format("default", "user:with:colons");

        Assert.Equal("oidc:default:user:with:colons", id);
        Assert.True(UpstreamUserId.TryGetProvider(id, out var provider));
        Assert.Equal("default", provider);
    }

    [Theory]
    [InlineData("alice")]
    [InlineData("uid=jane,ou=People,dc=example,dc=org")]
    [InlineData("oidc:")]
    [InlineData("oidc::sub")]
    [InlineData("oidc:default:")]
    public void Other_user_ids_are_not_upstream_ones(string userId)
    {
        Assert.False(UpstreamUserId.TryGetProvider(userId, out _));
    }
}
