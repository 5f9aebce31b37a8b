using Tke.ApiMachinery.Errors;
using Tke.ApiMachinery.Store;
using Tke.Registry.Resources;

namespace Tke.Registry.Tests.Resources;

public sealed class NamespaceDeletionGuardTests : IAsyncLifetime
{
    private readonly ResourcesRig _rig = new();

    public Task InitializeAsync() => _rig.InitializeAsync();

    public Task DisposeAsync() => _rig.DisposeAsync();

    [Fact]
    public async Task A_namespace_holding_repositories_is_not_deleted()
    {
        var ns = await _rig.CreateNamespaceAsync("default", "team");
        await _rig.Recorder.OnPushedAsync("default", "team/app", "v1", "sha256:" + new string('d', 64), 1, default);

        var refused = await Assert.ThrowsAsync<StatusError>(() => _rig.Namespaces.DeleteAsync(null, ns.Metadata.Name!, new DeleteRequest(null, null, null), ResourcesRig.As("alice", "default"), default).AsTask());

        Assert.Equal(409, refused.Code);
        Assert.Contains("still holds 1 image repository", refused.Message);
        Assert.NotNull(await _rig.ReadAsync(ns)); // still there, with its repository
        Assert.Single(await _rig.RepositoriesInAsync(ns));
    }

    [Fact]
    public async Task An_empty_namespace_is_deleted_and_so_is_one_whose_repositories_were_deleted()
    {
        var empty = await _rig.CreateNamespaceAsync("default", "empty");
        var team = await _rig.CreateNamespaceAsync("default", "team");
        await _rig.Recorder.OnPushedAsync("default", "team/app", "v1", "sha256:" + new string('e', 64), 1, default);

        await _rig.Namespaces.DeleteAsync(null, empty.Metadata.Name!, new DeleteRequest(null, null, null), ResourcesRig.As("alice", "default"), default);
        var repository = Assert.Single(await _rig.RepositoriesInAsync(team));
        await _rig.Repositories.DeleteAsync(team.Metadata.Name, repository.Metadata.Name!, new DeleteRequest(null, null, null), RegistrySystemUser.Write(), default);
        await _rig.Namespaces.DeleteAsync(null, team.Metadata.Name!, new DeleteRequest(null, null, null), ResourcesRig.As("alice", "default"), default);

        Assert.Empty((await _rig.Namespaces.ListAsync(null, new ListQuery(), default)).Items);
    }
}
