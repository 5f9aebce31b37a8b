using Tke.Registry.Access;
using Tke.Registry.Apis;

namespace Tke.Registry.Tests.Access;

/// <summary>
/// Chart groups of visibility Project: members of a listed project of the group's tenant may pull;
/// everyone else, and every push, is left to the policies, which here open no chart group at all.
/// </summary>
public sealed class ProjectChartGroupAccessTests : IClassFixture<AccessRig>
{
    private const string AlicePassword = "alice:Alice12345pw";
    private const string BobPassword = "bob:Bob12345pw";

    private readonly AccessRig _rig;

    public ProjectChartGroupAccessTests(AccessRig rig)
    {
        _rig = rig;
        _rig.Policies.Closed.Add("charts");
    }

    private async Task<RegistryPrincipal> SignInAsync(string basic, string host = "default.registry.tke.com") =>
        (await _rig.Access.IdentifyAsync(AccessRig.Request("/chart/x/index.yaml", host, basic).Request, default))!;

    private static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task A_member_of_a_listed_project_pulls_but_may_not_push_or_delete()
    {
        var project = await _rig.CreateProjectAsync("default", "alice");
        var group = Unique("team");
        await _rig.CreateChartGroupAsync("default", group, Visibilities.Project, projects: [project], creator: "admin");
        var alice = await SignInAsync(AlicePassword);

        Assert.Equal(RegistryDecision.Allowed, await _rig.Access.AuthorizeAsync(alice, group, RegistryAction.Pull, default));
        Assert.Equal(RegistryDecision.Denied, await _rig.Access.AuthorizeAsync(alice, group, RegistryAction.Push, default));
        Assert.Equal(RegistryDecision.Denied, await _rig.Access.AuthorizeAsync(alice, group, RegistryAction.Delete, default));
    }

    [Fact]
    public async Task A_user_in_none_of_the_listed_projects_is_refused_as_the_policies_decide()
    {
        var aliceOnly = await _rig.CreateProjectAsync("default", "alice");
        // bob is a member of a project the group does not list.
        await _rig.CreateProjectAsync("default", "bob");
        var group = Unique("team");
        await _rig.CreateChartGroupAsync("default", group, Visibilities.Project, projects: [aliceOnly, "prj-gone"], creator: "admin");
        var bob = await SignInAsync(BobPassword);

        Assert.Equal(RegistryDecision.Denied, await _rig.Access.AuthorizeAsync(bob, group, RegistryAction.Pull, default));
        // The policies were asked: for non-members nothing changed.
        Assert.Contains(_rig.Policies.Asked, a => a.Resource == "charts" && a.Verb == "get");

        // Once the policies open the group, bob pulls as before.
        _rig.Policies.Closed.Remove("charts");
        try
        {
            Assert.Equal(RegistryDecision.Allowed, await _rig.Access.AuthorizeAsync(bob, group, RegistryAction.Pull, default));
        }
        finally
        {
            _rig.Policies.Closed.Add("charts");
        }
    }

    [Fact]
    public async Task A_project_of_another_tenant_never_opens_the_group_even_listing_the_user()
    {
        // Tenant "other" has a project naming alice; the default tenant's group lists it.
        var foreign = await _rig.CreateProjectAsync("other", "alice", "bob");
        var group = Unique("team");
        await _rig.CreateChartGroupAsync("default", group, Visibilities.Project, projects: [foreign], creator: "admin");
        var alice = await SignInAsync(AlicePassword);

        Assert.Equal(RegistryDecision.Denied, await _rig.Access.AuthorizeAsync(alice, group, RegistryAction.Pull, default));
    }

    [Fact]
    public async Task Membership_is_read_afresh_so_a_removed_member_loses_access_at_once()
    {
        var project = await _rig.CreateProjectAsync("default", "alice");
        var group = Unique("team");
        await _rig.CreateChartGroupAsync("default", group, Visibilities.Project, projects: [project], creator: "admin");
        var alice = await SignInAsync(AlicePassword);
        var bob = await SignInAsync(BobPassword);
        Assert.Equal(RegistryDecision.Allowed, await _rig.Access.AuthorizeAsync(alice, group, RegistryAction.Pull, default));
        Assert.Equal(RegistryDecision.Denied, await _rig.Access.AuthorizeAsync(bob, group, RegistryAction.Pull, default));

        await _rig.SetMembersAsync(project, "bob");

        Assert.Equal(RegistryDecision.Denied, await _rig.Access.AuthorizeAsync(alice, group, RegistryAction.Pull, default));
        Assert.Equal(RegistryDecision.Allowed, await _rig.Access.AuthorizeAsync(bob, group, RegistryAction.Pull, default));
    }

    [Fact]
    public async Task The_creator_still_pulls_anonymous_callers_must_log_in_and_other_tenants_see_nothing()
    {
        var project = await _rig.CreateProjectAsync("default", "alice");
        var group = Unique("team");
        await _rig.CreateChartGroupAsync("default", group, Visibilities.Project, projects: [project], creator: "bob");
        var bob = await SignInAsync(BobPassword);
        var anonymous = (await _rig.Access.IdentifyAsync(AccessRig.Request("/chart/x/index.yaml").Request, default))!;
        var carol = await SignInAsync("carol:Carol12345pw", "other.registry.tke.com");

        Assert.Equal(RegistryDecision.Allowed, await _rig.Access.AuthorizeAsync(bob, group, RegistryAction.Pull, default));
        Assert.Equal(RegistryDecision.Unauthenticated, await _rig.Access.AuthorizeAsync(anonymous, group, RegistryAction.Pull, default));
        // Carol's tenant has no such group, whatever the projects say.
        Assert.Equal(RegistryDecision.NotFound, await _rig.Access.AuthorizeAsync(carol, group, RegistryAction.Pull, default));
    }

    [Fact]
    public async Task Projects_open_only_groups_of_visibility_Project()
    {
        var project = await _rig.CreateProjectAsync("default", "alice");
        var group = Unique("users");
        await _rig.CreateChartGroupAsync("default", group, Visibilities.User, projects: [project], users: ["bob"], creator: "admin");
        var alice = await SignInAsync(AlicePassword);

        Assert.Equal(RegistryDecision.Denied, await _rig.Access.AuthorizeAsync(alice, group, RegistryAction.Pull, default));
    }

    [Fact]
    public async Task The_token_service_grants_a_member_pull_of_the_group_and_nothing_more()
    {
        var project = await _rig.CreateProjectAsync("default", "alice");
        var group = Unique("team");
        await _rig.CreateChartGroupAsync("default", group, Visibilities.Project, projects: [project], creator: "admin");

        var (status, body) = await _rig.TokenAsync($"repository:{group}:pull,push", basic: AlicePassword);
        Assert.Equal(200, status);
        var granted = Assert.Single(_rig.Granted(body).Access);
        Assert.Equal(group, granted.Name);
        Assert.Equal(["pull"], granted.Actions);

        (status, body) = await _rig.TokenAsync($"repository:{group}:pull", basic: BobPassword);
        Assert.Equal(200, status);
        Assert.Empty(Assert.Single(_rig.Granted(body).Access).Actions);
    }
}
