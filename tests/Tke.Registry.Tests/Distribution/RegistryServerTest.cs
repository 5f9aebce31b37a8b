using Tke.Registry.Access;

namespace Tke.Registry.Tests.Distribution;

/// <summary>
/// A registry on a fresh storage root per test. Users: alice (tenant t1: push/pull/delete on
/// library and team), bob (t1: pull on library only), carol (t2: everything on library).
/// Anonymous callers may pull "public" in tenant default.
/// </summary>
public abstract class RegistryServerTest : IAsyncLifetime
{
    protected string Root { get; } = Path.Combine(Path.GetTempPath(), "tke-registry-test-" + Guid.NewGuid().ToString("N"));

    protected AllowListRegistryAccess Access { get; } = new AllowListRegistryAccess()
        .AddUser("alice", "alice-pw", "t1")
        .AddUser("bob", "bob-pw", "t1")
        .AddUser("carol", "carol-pw", "t2")
        .Grant("t1", "alice", "library", RegistryAction.Pull, RegistryAction.Push, RegistryAction.Delete)
        .Grant("t1", "alice", "team", RegistryAction.Pull, RegistryAction.Push, RegistryAction.Delete)
        .Grant("t1", "bob", "library", RegistryAction.Pull)
        .Grant("t2", "carol", "library", RegistryAction.Pull, RegistryAction.Push, RegistryAction.Delete)
        .Grant("default", AllowListRegistryAccess.AnyUser, "public", RegistryAction.Pull);

    protected RegistryTestServer Server { get; private set; } = null!;

    protected HttpClient Alice { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await RegistryTestServer.StartAsync(Root, Access);
        Alice = Server.Client("alice", "alice-pw");
    }

    /// <summary>Stops the server and starts a new one on the same storage, as after a process restart.</summary>
    protected async Task RestartAsync()
    {
        Alice.Dispose();
        await Server.DisposeAsync();
        Server = await RegistryTestServer.StartAsync(Root, Access);
        Alice = Server.Client("alice", "alice-pw");
    }

    public async Task DisposeAsync()
    {
        Alice.Dispose();
        await Server.DisposeAsync();
        Directory.Delete(Root, recursive: true);
    }

    protected int BlobFileCount() => Directory.EnumerateFiles(Path.Combine(Root, "blobs"), "*", SearchOption.AllDirectories).Count();

    protected int UploadEntryCount() => Directory.EnumerateFileSystemEntries(Path.Combine(Root, "uploads")).Count();
}
