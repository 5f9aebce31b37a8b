using Tke.Registry.Apis;
using Tke.Registry.Distribution;
using Tke.Registry.Resources;

namespace Tke.Registry.Tests.Resources;

public sealed class RepositoryStatusRecorderTests : IAsyncLifetime
{
    private readonly ResourcesRig _rig = new();

    public Task InitializeAsync() => _rig.InitializeAsync();

    public Task DisposeAsync() => _rig.DisposeAsync();

    [Fact]
    public async Task The_first_push_creates_the_repository_with_the_namespaces_tenant_and_visibility()
    {
        var ns = await _rig.CreateNamespaceAsync("default", "team", Visibilities.Public);

        await _rig.Recorder.OnPushedAsync("default", "team/web/app", "v1", "sha256:" + new string('a', 64), 1234, default);

        var repository = Assert.Single(await _rig.RepositoriesInAsync(ns));
        Assert.StartsWith("repo-", repository.Metadata.Name);
        Assert.Equal("web/app", repository.Spec.Name);
        Assert.Equal("team", repository.Spec.NamespaceName);
        Assert.Equal("default", repository.Spec.TenantId);
        Assert.Equal(Visibilities.Public, repository.Spec.Visibility);
        var tag = Assert.Single(repository.Status!.Tags!);
        Assert.Equal("v1", tag.Name);
        Assert.Equal("sha256:" + new string('a', 64), tag.Digest);
        Assert.Equal(1234, tag.Size);
        Assert.NotNull(tag.TimeCreated);
        Assert.Equal(1, (await _rig.ReadAsync(ns)).Status!.RepoCount);
    }

    [Fact]
    public async Task A_batch_is_replayed_in_order_with_one_status_write_per_repository()
    {
        var ns = await _rig.CreateNamespaceAsync("default", "team");
        await _rig.Recorder.OnPushedAsync("default", "team/app", "seed", "sha256:" + new string('0', 64), 1, default);
        var before = long.Parse((await _rig.RepositoriesInAsync(ns)).Single().Metadata.ResourceVersion!, System.Globalization.CultureInfo.InvariantCulture);
        var events = Enumerable.Range(0, 500)
            .Select(i => new RepositoryEvent(RepositoryEventKind.Pushed, "default", "team/app", $"t{i % 250}", $"sha256:{i:x64}", i))
            .Append(new RepositoryEvent(RepositoryEventKind.Pulled, "default", "team/app", "t1", "sha256:" + new string('1', 64), 0))
            .Append(new RepositoryEvent(RepositoryEventKind.Deleted, "default", "team/app", "seed", "sha256:" + new string('0', 64), 0))
            .Append(new RepositoryEvent(RepositoryEventKind.Pushed, "default", "team/other", "v1", "sha256:" + new string('2', 64), 2))
            .ToList();

        await ((IRepositoryEvents)_rig.Recorder).ApplyAsync(events, default);

        var repositories = await _rig.RepositoriesInAsync(ns);
        var app = repositories.Single(r => r.Spec.Name == "app");
        // The later push of each tag wins, as if the events had been applied one by one.
        Assert.Equal(250, app.Status!.Tags!.Count);
        Assert.Equal($"sha256:{499:x64}", app.Status.Tags.Single(t => t.Name == "t249").Digest);
        Assert.DoesNotContain(app.Status.Tags, t => t.Name == "seed");
        Assert.Equal(1, app.Status.PullCount);
        Assert.Single(repositories, r => r.Spec.Name == "other");
        // One write for 502 events: the store's revision moved by the writes of the other repository only.
        var after = long.Parse(app.Metadata.ResourceVersion!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(after > before);
        var revisionsBetween = repositories.Select(r => long.Parse(r.Metadata.ResourceVersion!, System.Globalization.CultureInfo.InvariantCulture)).Max() - before;
        Assert.True(revisionsBetween <= 4, $"the batch took {revisionsBetween} writes");
    }

    [Fact]
    public async Task Deleting_a_repository_through_the_API_recounts_its_namespace()
    {
        var ns = await _rig.CreateNamespaceAsync("default", "team");
        await _rig.Recorder.OnPushedAsync("default", "team/one", "v1", "sha256:" + new string('1', 64), 1, default);
        await _rig.Recorder.OnPushedAsync("default", "team/two", "v1", "sha256:" + new string('2', 64), 1, default);
        Assert.Equal(2, (await _rig.ReadAsync(ns)).Status!.RepoCount);
        using var stop = new CancellationTokenSource();
        var watch = new RepositoryDeletionWatch(_rig.Repositories, _rig.Recorder, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance).RunAsync(stop.Token);

        var one = (await _rig.RepositoriesInAsync(ns)).Single(r => r.Spec.Name == "one");
        await _rig.Repositories.DeleteAsync(ns.Metadata.Name, one.Metadata.Name!, new Tke.ApiMachinery.Store.DeleteRequest(null, null, null), RegistrySystemUserWrite(), default);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while ((await _rig.ReadAsync(ns)).Status!.RepoCount != 1 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal(1, (await _rig.ReadAsync(ns)).Status!.RepoCount);
        await stop.CancelAsync();
        await watch;
    }

    private static Tke.ApiMachinery.Requests.WriteContext RegistrySystemUserWrite() => Tke.Registry.Resources.RegistrySystemUser.Write();

    [Fact]
    public async Task Pushes_add_and_replace_tags_pulls_count_and_deletions_remove_tags()
    {
        var ns = await _rig.CreateNamespaceAsync("default", "team");
        var one = "sha256:" + new string('1', 64);
        var two = "sha256:" + new string('2', 64);

        await _rig.Recorder.OnPushedAsync("default", "team/app", "v1", one, 10, default);
        await _rig.Recorder.OnPushedAsync("default", "team/app", "latest", one, 10, default);
        await _rig.Recorder.OnPushedAsync("default", "team/app", "v1", two, 20, default);
        await _rig.Recorder.OnPushedAsync("default", "team/app", null, two, 20, default);
        await _rig.Recorder.OnPulledAsync("default", "team/app", "v1", two, default);
        await _rig.Recorder.OnPulledAsync("default", "team/app", null, one, default);

        var repository = Assert.Single(await _rig.RepositoriesInAsync(ns));
        Assert.Equal(2, repository.Status!.PullCount);
        Assert.Equal(["latest:" + one, "v1:" + two], repository.Status.Tags!.Select(t => $"{t.Name}:{t.Digest}").Order(StringComparer.Ordinal));
        Assert.Equal(20, repository.Status.Tags!.Single(t => t.Name == "v1").Size);
        Assert.Equal(1, (await _rig.ReadAsync(ns)).Status!.RepoCount);

        await _rig.Recorder.OnDeletedAsync("default", "team/app", "latest", one, default);
        Assert.Equal(["v1"], (await _rig.RepositoriesInAsync(ns)).Single().Status!.Tags!.Select(t => t.Name));

        await _rig.Recorder.OnDeletedAsync("default", "team/app", null, two, default);
        Assert.Empty((await _rig.RepositoriesInAsync(ns)).Single().Status!.Tags!);
    }

    [Fact]
    public async Task Events_go_to_the_namespace_of_their_tenant_only()
    {
        var mine = await _rig.CreateNamespaceAsync("default", "team");
        var theirs = await _rig.CreateNamespaceAsync("other", "team");

        await _rig.Recorder.OnPushedAsync("other", "team/app", "v1", "sha256:" + new string('b', 64), 5, default);
        await _rig.Recorder.OnPushedAsync("default", "gone/app", "v1", "sha256:" + new string('b', 64), 5, default);
        await _rig.Recorder.OnPulledAsync("default", "team/never-pushed", null, "sha256:" + new string('b', 64), default);

        Assert.Empty(await _rig.RepositoriesInAsync(mine));
        Assert.Equal("other", Assert.Single(await _rig.RepositoriesInAsync(theirs)).Spec.TenantId);
    }

    [Fact]
    public async Task A_status_written_meanwhile_by_someone_else_is_kept()
    {
        var ns = await _rig.CreateNamespaceAsync("default", "team");
        await _rig.Recorder.OnPushedAsync("default", "team/app", "v1", "sha256:" + new string('c', 64), 1, default);

        // Concurrent pulls race on the same object: each must count.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _rig.Recorder.OnPulledAsync("default", "team/app", "v1", "sha256:" + new string('c', 64), default)));

        Assert.Equal(8, Assert.Single(await _rig.RepositoriesInAsync(ns)).Status!.PullCount);
    }
}
