using Tke.Registry.Apis;

namespace Tke.Registry.Tests.Access;

/// <summary>Anonymous tokens on a tenant's own registry host name (&lt;tenant&gt;.registry.&lt;domain&gt;).</summary>
public sealed class TenantHostTokenTests : IAsyncLifetime
{
    private readonly AccessRig _rig = new();

    public Task InitializeAsync() => _rig.InitializeAsync();

    public Task DisposeAsync() => _rig.DisposeAsync();

    [Fact]
    public async Task An_anonymous_caller_on_a_tenants_host_may_pull_that_tenants_public_images_only()
    {
        await _rig.CreateNamespaceAsync("other", "opub", Visibilities.Public);
        await _rig.CreateNamespaceAsync("other", "opriv", Visibilities.Private);

        var (status, body) = await _rig.TokenAsync("repository:opub/app:pull repository:opriv/app:pull", host: "other.registry.tke.com");
        Assert.Equal(200, status);
        var access = _rig.Granted(body).Access;
        Assert.Equal(["pull"], Assert.Single(access, a => a.Name == "opub/app").Actions);
        Assert.DoesNotContain(access, a => a.Name == "opriv/app" && a.Actions.Count > 0);

        // On the default tenant's host the same names are another tenant's: nothing is granted.
        var (_, elsewhere) = await _rig.TokenAsync("repository:opub/app:pull", host: "default.registry.tke.com");
        Assert.All(_rig.Granted(elsewhere).Access, a => Assert.Empty(a.Actions));
    }
}
