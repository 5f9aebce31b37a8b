using System.Text.Json;
using Tke.ApiMachinery.Errors;
using Tke.ApiMachinery.Json;
using Tke.ApiMachinery.Requests;
using Tke.Registry.Apis;
using Tke.Registry.Apis.ChartGroups;

namespace Tke.Registry.Tests.Charts;

/// <summary>TKEStack's chart group rules that the schema alone does not express.</summary>
public sealed class ChartGroupValidationTests : IAsyncLifetime
{
    private static readonly WriteContext Admin = new(new RequestUser("admin", [RequestUser.AllTenantsGroup], "default"));
    private ChartRepositoryServer _server = null!;

    public async Task InitializeAsync() => _server = await ChartRepositoryServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_system_group_must_be_public()
    {
        var e = await Assert.ThrowsAsync<StatusError>(() => CreateAsync(new ChartGroupSpec { Name = "sys", TenantId = "default", Type = RepoTypes.System, Visibility = Visibilities.User, Users = ["a"] }));
        Assert.Equal(422, e.Code);
        Assert.Contains("spec.visibility", e.Message);
        await CreateAsync(new ChartGroupSpec { Name = "sys", TenantId = "default", Type = RepoTypes.System, Visibility = Visibilities.Public });
    }

    [Fact]
    public async Task A_personal_group_has_no_projects_and_the_type_cannot_change()
    {
        var e = await Assert.ThrowsAsync<StatusError>(() => CreateAsync(new ChartGroupSpec { Name = "me", TenantId = "default", Type = RepoTypes.LegacyPersonal, Visibility = Visibilities.Project, Projects = ["prj-1"] }));
        Assert.Contains("spec.projects", e.Message);

        var group = await _server.CreateGroupAsync("team");
        var current = await _server.GroupAsync(group);
        current.Spec.Type = RepoTypes.System;
        var update = await Assert.ThrowsAsync<StatusError>(() => _server.Objects.ChartGroups.UpdateAsync(null, current.Metadata.Name!, JsonSerializer.SerializeToNode(current, ApiJson.Options), null, Admin, CancellationToken.None).AsTask());
        Assert.Equal(422, update.Code);
        Assert.Contains("spec.type", update.Message);
    }

    private async Task CreateAsync(ChartGroupSpec spec)
    {
        var group = new ChartGroup { ApiVersion = "registry.tkestack.io/v1", Kind = "ChartGroup", Spec = spec };
        await _server.Objects.ChartGroups.CreateAsync(null, JsonSerializer.SerializeToNode(group, ApiJson.Options), Admin, CancellationToken.None);
    }
}
